/**
 * The bench's section 4: new mail → row in the database through IDLE, next to
 * the floor no client can beat (Postfix delivering, then Dovecot telling an
 * IDLE connection: it waits NOTIFY_DELAY_MSECS = 500 ms in mailbox-watch.c
 * before it even looks). Both are timed on the same messages, so the
 * difference is our own cost even when the machine is noisy.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { TestCore } from '../test/support/core.ts';
import { connect } from '../test/support/mail/imap-admin.ts';
import type { StackUser } from '../test/support/stack.ts';

/** Enough samples for a p95 that is not simply the maximum of a handful. */
export const IDLE_SAMPLES = 20;
/** A lost notification must fail the bench, not hang it. */
const SAMPLE_TIMEOUT_MS = 30_000;

export interface IdleLatencies {
  /** sendMail starting → EXISTS on a raw imapflow connection in IDLE on the same inbox. */
  floor: number[];
  /** sendMail starting → the message's row in the core's database. */
  core: number[];
}

function within<T>(promise: Promise<T>, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(failure)), SAMPLE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function rawIdle(user: StackUser): Promise<ImapFlow> {
  const client = await connect(user, { disableAutoIdle: true });
  await client.mailboxOpen('INBOX', { readOnly: true });
  void client.idle().catch(() => undefined);
  return client;
}

/**
 * Delivers IDLE_SAMPLES messages one after another, each once the previous one is in the
 * database. The row is looked up by UID: the seeded corpus is dated up to months ahead, so a
 * new mail is not among the newest by date, which is what mail.listMessages sorts on.
 */
export async function measureIdle(app: TestCore, inboxId: string, user: StackUser): Promise<IdleLatencies> {
  const db = new Database(path.join(app.profileDir, 'cartable.sqlite'), { readonly: true });
  const newest = db.prepare<[string], { subject: string }>(
    'SELECT subject FROM messages WHERE folder_id = ? ORDER BY uid DESC LIMIT 3',
  );
  const raw = await rawIdle(user);
  let exists: ((at: number) => void) | undefined;
  raw.on('exists', () => exists?.(performance.now()));
  // Port 1025: the stack's local injection port (no AUTH, loopback only), as another school's server.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 1025,
    secure: false,
    ignoreTLS: true,
  });
  const result: IdleLatencies = { floor: [], core: [] };
  try {
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      const subject = `bench-idle-${Date.now()}-${i}`;
      const noticed = new Promise<number>((resolve) => (exists = resolve));
      let stop: () => unknown = () => undefined;
      const stored = new Promise<number>((resolve) => {
        stop = app.client.subscribe('mail.changed', () => {
          if (newest.all(inboxId).some((row) => row.subject === subject)) resolve(performance.now());
        });
      });
      const sent = performance.now();
      await transport.sendMail({ from: 'bench@example.test', to: user.email, subject, text: 'latence' });
      result.floor.push((await within(noticed, 'no EXISTS after a delivery')) - sent);
      result.core.push((await within(stored, `${subject} never reached the database`)) - sent);
      stop();
    }
  } finally {
    transport.close();
    raw.close();
    db.close();
  }
  return result;
}
