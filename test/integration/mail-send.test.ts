/**
 * Sending through the real Postfix and Dovecot: exactly one copy delivered and one filed in Sent,
 * at most once when the connection is cut after the final dot (even across a restart) until the
 * user decides (resend, mark sent, discard), offline sends that go when the network is back, and
 * undo send.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database.ts';
import type { OutboxItem } from '../../shared/contract/index.ts';
import type { TestCore } from '../support/core.ts';
import { startCuttingProxy, type CuttingProxy } from '../support/mail/cutting-proxy.ts';
import { connect, specialFolderPath, uidsWithSubject, withMailbox } from '../support/mail/imap-admin.ts';
import { addAlice, coreOpener, waitFor, waitForCopies } from '../support/mail/send-setup.ts';
import { user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
let bobAdmin: ImapFlow;
let aliceAdmin: ImapFlow;
const cores = coreOpener();
const start = cores.start;
const proxies: CuttingProxy[] = [];

beforeAll(async () => {
  bobAdmin = await connect(bob);
  aliceAdmin = await connect(alice);
});
afterAll(async () => {
  await cores.closeAll();
  for (const proxy of proxies) await proxy.close();
  await bobAdmin.logout();
  await aliceAdmin.logout();
});

async function proxy(mode: 'forward' | 'refuse' | 'cutAfterDot'): Promise<CuttingProxy> {
  const started = await startCuttingProxy(mode);
  proxies.push(started);
  return started;
}

function composed(tag: string) {
  return {
    to: [{ name: 'Bob Martin', address: bob.email }],
    subject: `Conseil de classe – ${tag}`,
    text: `Bonjour Bob,\nÀ jeudi.\n${tag}`,
  };
}

async function item(app: TestCore, outboxId: string): Promise<OutboxItem | undefined> {
  return (await app.client.invoke('mail.outbox', {})).find((entry) => entry.id === outboxId);
}

function itemIn(app: TestCore, outboxId: string, state: OutboxItem['state']): Promise<OutboxItem> {
  return waitFor(async () => {
    const found = await item(app, outboxId);
    return found?.state === state ? found : undefined;
  }, `outbox ${state}`);
}

/** Messages whose subject contains `tag`, the unique part of each test's subject. */
const copies = uidsWithSubject;
const sentPath = () => specialFolderPath(aliceAdmin, '\\Sent', 'alice');

const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

describe('sending', () => {
  it('alice sends to bob: one copy in bob’s INBOX and one, read, in alice’s Sent', async () => {
    const app = start();
    const accountId = await addAlice(app);
    const tag = randomUUID();
    const { outboxId } = await app.client.invoke('mail.send', {
      accountId,
      message: composed(tag),
      undoDelayMs: 0,
    });
    await waitFor(async () => {
      const found = await item(app, outboxId);
      return found?.state === 'sent' && found.sentCopy === 'appended' ? found : undefined;
    }, 'sent and filed');
    await waitForCopies(bobAdmin, 'INBOX', tag, 'delivery');
    await settle();
    expect(await copies(bobAdmin, 'INBOX', tag)).toHaveLength(1);
    const folder = await sentPath();
    const filed = await copies(aliceAdmin, folder, tag);
    expect(filed).toHaveLength(1);
    const flags = await withMailbox(aliceAdmin, folder, async () => {
      const message = await aliceAdmin.fetchOne(String(filed[0]), { flags: true }, { uid: true });
      return message ? [...(message.flags ?? [])] : [];
    });
    expect(flags).toContain('\\Seen');
  });

  it('a connection cut after the final dot is uncertain and never resent, even after a restart', async () => {
    const cutter = await proxy('cutAfterDot');
    const app = start();
    const accountId = await addAlice(app, {
      smtp: { host: '127.0.0.1', port: cutter.port, security: 'tls' },
    });
    const tag = randomUUID();
    const { outboxId } = await app.client.invoke('mail.send', {
      accountId,
      message: composed(tag),
      undoDelayMs: 0,
    });
    const uncertain = await itemIn(app, outboxId, 'uncertain');
    expect(uncertain.error?.code).toBe('SEND_UNCERTAIN');
    expect(cutter.cuts).toBe(1);
    // Postfix did accept it: exactly one copy arrives.
    await waitForCopies(bobAdmin, 'INBOX', tag, 'delivery');

    // A restart on the same profile, with the path to Postfix now clear: still nothing resent.
    cutter.mode = 'forward';
    const databasePath = path.join(app.profileDir, 'cartable.sqlite');
    await app.close();
    const again = start({ databasePath, from: app });
    await again.core.idle();
    await settle();
    await again.core.idle();
    expect((await item(again, outboxId))?.state).toBe('uncertain');
    expect(await copies(bobAdmin, 'INBOX', tag)).toHaveLength(1);
    expect(cutter.cuts).toBe(1);
  });

  it('offline, a send waits and retries; when the network is back it goes exactly once', async () => {
    const gate = await proxy('forward');
    const app = start();
    const accountId = await addAlice(app, { smtp: { host: '127.0.0.1', port: gate.port, security: 'tls' } });
    gate.mode = 'refuse';
    const tag = randomUUID();
    const { outboxId } = await app.client.invoke('mail.send', {
      accountId,
      message: composed(tag),
      undoDelayMs: 0,
    });
    const waiting = await waitFor(async () => {
      const found = await item(app, outboxId);
      return found && found.attempts >= 1 && found.error ? found : undefined;
    }, 'a failed attempt');
    expect(waiting.state).toBe('scheduled');
    expect(['NETWORK', 'PORT_CLOSED', 'TIMEOUT']).toContain(waiting.error?.code);
    expect(gate.refused).toBeGreaterThan(0);

    gate.mode = 'forward';
    await itemIn(app, outboxId, 'sent');
    await waitForCopies(bobAdmin, 'INBOX', tag, 'delivery');
    await settle();
    expect(await copies(bobAdmin, 'INBOX', tag)).toHaveLength(1);
  });

  it('undo send within the delay: cancelled, nothing delivered', async () => {
    const app = start();
    const accountId = await addAlice(app);
    const tag = randomUUID();
    const { outboxId, sendAt } = await app.client.invoke('mail.send', {
      accountId,
      message: composed(tag),
      undoDelayMs: 30_000,
    });
    expect(Date.parse(sendAt)).toBeGreaterThan(Date.now());
    expect(await app.client.invoke('mail.cancelSend', { outboxId })).toEqual({ cancelled: true });
    expect(await app.client.invoke('mail.cancelSend', { outboxId })).toEqual({ cancelled: false });
    expect((await item(app, outboxId))?.state).toBe('cancelled');
    const tasks = await app.client.invoke('tasks.list', {});
    expect(tasks.filter((t) => t.kind === 'mail.send' && t.state === 'pending')).toEqual([]);
    await settle();
    expect(await copies(bobAdmin, 'INBOX', tag)).toEqual([]);
  });

  it('a restart finding a send in flight makes it uncertain, never resent', async () => {
    const app = start();
    const accountId = await addAlice(app);
    const tag = randomUUID();
    const { outboxId } = await app.client.invoke('mail.send', {
      accountId,
      message: composed(tag),
      undoDelayMs: 1_000,
    });
    const databasePath = path.join(app.profileDir, 'cartable.sqlite');
    await app.close();
    // What a crash between "sending" and the server's answer leaves behind.
    const db = openDatabase(databasePath);
    db.prepare("UPDATE outbox SET state = 'sending' WHERE id = ?").run(outboxId);
    db.close();

    const again = start({ databasePath, from: app });
    expect((await item(again, outboxId))?.state).toBe('uncertain');
    await settle(); // past the original send time: the task runs and must do nothing
    await again.core.idle();
    expect((await item(again, outboxId))?.error?.code).toBe('SEND_UNCERTAIN');
    expect(await copies(bobAdmin, 'INBOX', tag)).toEqual([]);
  });

  describe('the user’s decision on an uncertain send', () => {
    /** A send cut after the final dot: uncertain, and Postfix did deliver the one copy. */
    async function cutSend() {
      const cutter = await proxy('cutAfterDot');
      const app = start();
      const accountId = await addAlice(app, {
        smtp: { host: '127.0.0.1', port: cutter.port, security: 'tls' },
      });
      const tag = randomUUID();
      const { outboxId } = await app.client.invoke('mail.send', {
        accountId,
        message: composed(tag),
        undoDelayMs: 0,
      });
      await itemIn(app, outboxId, 'uncertain');
      await waitForCopies(bobAdmin, 'INBOX', tag, 'the copy of the cut send');
      // The path to Postfix is clear again when the user decides.
      cutter.mode = 'forward';
      return { app, cutter, tag, outboxId };
    }

    async function messageIds(tag: string): Promise<string[]> {
      const uids = await copies(bobAdmin, 'INBOX', tag);
      return withMailbox(bobAdmin, 'INBOX', async () =>
        (await bobAdmin.fetchAll(uids, { envelope: true }, { uid: true })).map(
          (m) => m.envelope?.messageId ?? '',
        ),
      );
    }

    it('resend: sent again as a new task with the same Message-ID; bob has exactly two copies', async () => {
      const { app, tag, outboxId } = await cutSend();
      expect(await app.client.invoke('mail.resolveUncertain', { outboxId, decision: 'resend' })).toEqual({
        state: 'scheduled',
      });
      const sent = await itemIn(app, outboxId, 'sent');
      expect(sent.attempts).toBe(2);
      await waitForCopies(bobAdmin, 'INBOX', tag, 'the resent copy', 2);
      await settle();
      const ids = await messageIds(tag);
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(sent.messageId);
      expect(ids[1]).toBe(sent.messageId);
      await waitFor(
        async () => ((await item(app, outboxId))?.sentCopy === 'appended' ? true : undefined),
        'filed',
      );
      expect(await copies(aliceAdmin, await sentPath(), tag)).toHaveLength(1);
      await expect(
        app.client.invoke('mail.resolveUncertain', { outboxId, decision: 'resend' }),
      ).rejects.toMatchObject({ code: 'SEND_NOT_UNCERTAIN', details: { state: 'sent' } });
    });

    it('discard: dropped, and nothing more is sent', async () => {
      const { app, cutter, tag, outboxId } = await cutSend();
      expect(await app.client.invoke('mail.resolveUncertain', { outboxId, decision: 'discard' })).toEqual({
        state: 'cancelled',
      });
      await settle();
      await app.core.idle();
      expect((await item(app, outboxId))?.state).toBe('cancelled');
      expect(await copies(bobAdmin, 'INBOX', tag)).toHaveLength(1);
      expect(cutter.cuts).toBe(1);
      expect(await copies(aliceAdmin, await sentPath(), tag)).toEqual([]);
    });

    it('markSent: filed once in Sent, nothing resent', async () => {
      const { app, tag, outboxId } = await cutSend();
      expect(await app.client.invoke('mail.resolveUncertain', { outboxId, decision: 'markSent' })).toEqual({
        state: 'sent',
      });
      await waitFor(
        async () => ((await item(app, outboxId))?.sentCopy === 'appended' ? true : undefined),
        'filed',
      );
      const filed = await copies(aliceAdmin, await sentPath(), tag);
      expect(filed).toHaveLength(1);
      await settle();
      expect(await copies(bobAdmin, 'INBOX', tag)).toHaveLength(1);
    });
  });
});
