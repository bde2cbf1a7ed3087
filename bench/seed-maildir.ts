/**
 * Seeds a Dovecot Maildir by writing message files directly: far faster than
 * SMTP or APPEND for 100k messages. Dovecot indexes them on the next SELECT.
 * Only for the bench's own mailboxes (the stack's mail-only bench users).
 */
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { generateCorpus } from '../test/support/mail/corpus.ts';
import { stackDir } from '../test/support/stack.ts';

/** Dovecot's mail_uid/mail_gid in the stack (Debian's `mail` user). */
const MAIL_UID = 8;

function ensureDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  chownSync(dir, MAIL_UID, MAIL_UID);
}

/** Bumped when seeded files change meaning; an older seed is wiped and written again. */
const SEED_VERSION = '3';

/** Wipes a user's Maildir (messages and Dovecot's indexes) seeded by an older version of this file. */
export function resetOutdatedSeed(user: string): void {
  const root = path.join(stackDir, 'mail', user, 'Maildir');
  const marker = path.join(root, '.cartable-seed-version');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === SEED_VERSION) return;
  rmSync(root, { recursive: true, force: true });
  ensureDir(path.dirname(root));
  ensureDir(root);
  writeFileSync(marker, SEED_VERSION);
}

/** A Maildir++ folder ("" = INBOX); returns how many messages it holds after seeding. */
export function seedFolder(user: string, folder: string, count: number, seed: number): number {
  const root = path.join(stackDir, 'mail', user, 'Maildir');
  const dir = folder === '' ? root : path.join(root, `.${folder}`);
  for (const sub of ['', 'cur', 'new', 'tmp']) ensureDir(path.join(dir, sub));
  if (folder !== '') writeFileSync(path.join(dir, 'maildirfolder'), '');
  const existing = readdirSync(path.join(dir, 'cur')).length;
  if (existing >= count) return existing;
  // One message every 10 minutes, the newest before the summer of 2026: every size stays out of
  // the school year whose bodies each sync downloads, so the bench times header sync alone.
  const start = Date.parse('2026-06-30T07:00:00Z') - count * 600_000;
  const chunk = 5000;
  for (let done = existing; done < count; done += chunk) {
    const messages = generateCorpus(Math.min(chunk, count - done), seed + done, start + done * 600_000);
    messages.forEach((message, i) => {
      const n = done + i;
      const flags = message.flags.includes('\\Seen') ? 'S' : '';
      const time = Math.floor(message.internalDate.getTime() / 1000);
      const file = path.join(
        dir,
        'cur',
        `${time}.bench${seed}_${n}.cartable,S=${message.raw.length}:2,${flags}`,
      );
      writeFileSync(file, message.raw);
      // Dovecot takes a Maildir message's INTERNALDATE from the file's mtime: without this
      // every seeded message "arrived today" and falls in the school year whose bodies
      // every sync fetches, so the bench would time body downloads, not header sync.
      utimesSync(file, time, time);
      chownSync(file, MAIL_UID, MAIL_UID);
    });
  }
  return count;
}
