/**
 * The "new mail" event: a later sync of the inbox that brings unseen messages
 * announces them (for the notification and the badge); the first sync, which
 * brings the whole mailbox, announces nothing, and no body ever rides along.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { caPem, user } from '../support/stack.ts';
import { injectMail } from '../support/mail/deliver.ts';

const carol = user('carol');
const BODY_WORD = `confidentiel${randomUUID().slice(0, 8)}`;
let app: TestCore;
let accountId = '';
const announced: EventPayload<'mail.newMail'>[] = [];

beforeAll(async () => {
  // No watcher: each sync below is the one the test asks for.
  app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
  app.client.subscribe('mail.newMail', (event) => announced.push(event));
  accountId = await signIn(app, carol);
});
afterAll(() => app.close());

async function deliverToCarol(subject: string): Promise<void> {
  await injectMail({
    from: 'Vie scolaire <vie.scolaire@example.test>',
    to: carol.email,
    subject,
    text: `Bonjour Carol, ${BODY_WORD}.`,
  });
}

async function syncAndSettle(): Promise<void> {
  await app.client.invoke('mail.syncAccount', { accountId });
  await app.core.idle();
}

describe('mail.newMail', () => {
  it('says nothing about the first sync of the inbox', () => {
    expect(announced).toEqual([]);
  });

  it('announces unseen messages a later inbox sync brings, with sender and subject only', async () => {
    const inbox = (await app.client.invoke('mail.listFolders', { accountId })).find(
      (folder) => folder.specialUse === 'inbox',
    );
    const subject = `Absence signalée ${randomUUID().slice(0, 8)}`;
    await deliverToCarol(subject);

    // Delivery is asynchronous (Postfix → Dovecot LMTP): sync until the message is there.
    await expect
      .poll(
        async () => {
          await syncAndSettle();
          return announced.map((event) => event.latest?.subject);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain(subject);
    const event = announced.find((candidate) => candidate.latest?.subject === subject);
    expect(event).toMatchObject({
      accountId,
      folderId: inbox?.id,
      latest: { from: 'Vie scolaire', subject },
    });
    expect(event?.count).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(announced)).not.toContain(BODY_WORD);

    // Nothing new since: a further sync stays silent.
    const before = announced.length;
    await syncAndSettle();
    expect(announced.length).toBe(before);
  });
});
