/**
 * New mail appears without polling: Postfix delivers to bob's inbox, Dovecot
 * tells the IDLE connection, and the core syncs just the inbox on its own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { caPem, user } from '../support/stack.ts';
import { injectMail } from '../support/mail/deliver.ts';

const bob = user('bob');
let app: TestCore;
let accountId = '';

beforeAll(async () => {
  // Polling far in the future: only IDLE can bring the new message in time.
  app = startTestCore({ extraCaPem: [caPem()], pollIntervalMs: 3_600_000 });
  accountId = await signIn(app, bob);
});
afterAll(() => app.close());

async function deliverToBob(subject: string): Promise<void> {
  await injectMail({
    from: 'Secrétariat <ce.0590001a@example.test>',
    to: bob.email,
    subject,
    text: 'Bonjour Bob, le conseil de classe est déplacé à jeudi.',
  });
}

describe('IDLE on the inbox', () => {
  it('brings a delivered message into the database without anyone asking for a sync', async () => {
    const inbox = (await app.client.invoke('mail.listFolders', { accountId })).find(
      (f) => f.specialUse === 'inbox',
    );
    const inboxId = inbox?.id ?? '';
    const subject = `Conseil déplacé ${randomUUID().slice(0, 8)}`;
    const tasksBefore = (await app.client.invoke('tasks.list', {})).length;
    const announced = new Promise<void>((resolve) => {
      app.client.subscribe('mail.changed', (change) => {
        if (change.accountId === accountId && change.folderIds.includes(inboxId)) resolve();
      });
    });

    await deliverToBob(subject);
    await announced;
    await expect
      .poll(
        async () =>
          (await app.client.invoke('mail.listMessages', { folderId: inboxId, limit: 5 })).messages.map(
            (m) => m.subject,
          ),
        {
          timeout: 30_000,
        },
      )
      .toContain(subject);
    // Nobody called mail.syncAccount: the watcher queued the sync that brought it.
    expect((await app.client.invoke('tasks.list', {})).length).toBeGreaterThan(tasksBefore);
  });
});
