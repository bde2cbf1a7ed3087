/**
 * The core side of the compose window against the real stack: address suggestions from a real
 * sync (people alice wrote to first), signatures kept across a restart, the submission server's
 * SIZE limit read from Postfix (RFC 1870) at verification and at send, and a reply-all to a synced
 * message built by shared/mail/reply.ts from mail.getReplyContext, reaching bob (its Reply-To)
 * with In-Reply-To and References.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database.ts';
import { buildReply } from '../../shared/mail/reply.ts';
import type { TestCore } from '../support/core.ts';
import { connect, specialFolderPath, withMailbox } from '../support/mail/imap-admin.ts';
import { addAlice as signInAlice, coreOpener, waitFor } from '../support/mail/send-setup.ts';
import { endpoints, user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
/** Postfix's message_size_limit in test/stack/start.sh. */
const POSTFIX_SIZE_LIMIT = 52_428_800;
let aliceAdmin: ImapFlow;
let bobAdmin: ImapFlow;
const cores = coreOpener();
const start = cores.start;

beforeAll(async () => {
  aliceAdmin = await connect(alice);
  bobAdmin = await connect(bob);
});
afterAll(async () => {
  await cores.closeAll();
  await aliceAdmin.logout();
  await bobAdmin.logout();
});

/** The STARTTLS submission port: the other sending tests use SMTPS, so this file covers STARTTLS. */
const addAlice = (app: TestCore) => signInAlice(app, { smtp: endpoints.submission });
const sentPath = () => specialFolderPath(aliceAdmin, '\\Sent', 'alice');

/** A word only this run's people carry: FTS5 tokens are letters and digits. */
const word = () => `q${randomUUID().replace(/-/g, '').slice(0, 10)}`;

function rfc822(fields: {
  from: string;
  replyTo?: string;
  to: string;
  cc?: string;
  subject: string;
  messageId: string;
  references?: string;
}): string {
  return [
    `From: ${fields.from}`,
    ...(fields.replyTo ? [`Reply-To: ${fields.replyTo}`] : []),
    `To: ${fields.to}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
    `Subject: ${fields.subject}`,
    `Message-ID: ${fields.messageId}`,
    'Date: Thu, 12 Mar 2026 10:15:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Bonjour,',
    '',
  ].join('\r\n');
}

describe('compose (core side)', () => {
  it('suggests addresses seen in synced mail, accent-insensitively, people alice wrote to first', async () => {
    const tag = word();
    // Hélène Seen writes to alice twice; alice wrote once to Hélène Written (in Sent).
    for (let i = 0; i < 2; i++)
      await aliceAdmin.append(
        'INBOX',
        rfc822({
          from: `=?utf-8?Q?H=C3=A9l=C3=A8ne?= Seen ${tag} <seen.${tag}@example.test>`,
          to: alice.email,
          cc: `Carol ${tag} <carol.${tag}@example.test>`,
          subject: `Suggestions ${tag} ${i}`,
          messageId: `<${tag}.${i}@example.test>`,
        }),
      );
    await aliceAdmin.append(
      await sentPath(),
      rfc822({
        from: alice.email,
        to: `Hélène Written ${tag} <written.${tag}@example.test>`,
        subject: `Suggestions ${tag} sent`,
        messageId: `<${tag}.sent@example.test>`,
      }),
      ['\\Seen'],
    );
    const app = start();
    await addAlice(app);

    // The sync's messages are folded into the correspondents in the background, by slices.
    const suggestions = await waitFor(async () => {
      const found = await app.client.invoke('mail.suggestAddresses', { query: `helene ${tag}` });
      return found.suggestions.length === 2 ? found.suggestions : undefined;
    }, 'both Hélènes suggested');
    expect(suggestions).toEqual([
      { name: `Hélène Written ${tag}`, address: `written.${tag}@example.test` },
      { name: `Hélène Seen ${tag}`, address: `seen.${tag}@example.test` },
    ]);
    const byAddress = await app.client.invoke('mail.suggestAddresses', {
      query: `CAROL.${tag.toUpperCase()}`,
    });
    expect(byAddress.suggestions).toEqual([{ name: `Carol ${tag}`, address: `carol.${tag}@example.test` }]);
    const one = await app.client.invoke('mail.suggestAddresses', { query: tag, limit: 1 });
    expect(one.suggestions).toHaveLength(1);
    await expect(app.client.invoke('mail.suggestAddresses', { query: '' })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
    });
    await expect(app.client.invoke('mail.suggestAddresses', { query: 'a', limit: 51 })).rejects.toMatchObject(
      {
        code: 'INVALID_PARAMS',
      },
    );
  });

  it('keeps both signatures across a restart; refuses an unknown account and an oversized signature', async () => {
    const app = start();
    const accountId = await addAlice(app);
    expect(await app.client.invoke('mail.getComposeSettings', { accountId })).toMatchObject({
      signatureNew: '',
      signatureReply: '',
    });
    const signatureNew = 'Alice Dupré\nSecrétariat — Collège Jean Moulin';
    const signatureReply = 'A. D.';
    expect(
      await app.client.invoke('mail.setSignatures', { accountId, signatureNew, signatureReply }),
    ).toEqual({});

    const databasePath = path.join(app.profileDir, 'cartable.sqlite');
    await app.close();
    const again = start({ databasePath, from: app });
    expect(await again.client.invoke('mail.getComposeSettings', { accountId })).toMatchObject({
      signatureNew,
      signatureReply,
    });
    await expect(
      again.client.invoke('mail.setSignatures', {
        accountId: 'nobody',
        signatureNew: '',
        signatureReply: '',
      }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await expect(
      again.client.invoke('mail.setSignatures', {
        accountId,
        signatureNew: 'x'.repeat(10_001),
        signatureReply: '',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it("reads Postfix's SIZE limit when the account is verified, and again at a send", async () => {
    const app = start();
    const accountId = await addAlice(app);
    expect((await app.client.invoke('mail.getComposeSettings', { accountId })).maxMessageBytes).toBe(
      POSTFIX_SIZE_LIMIT,
    );

    // Forgotten (as for an account saved before migration 14): the next send reads it again.
    const db = openDatabase(path.join(app.profileDir, 'cartable.sqlite'));
    db.prepare('UPDATE compose_settings SET max_message_bytes = NULL').run();
    db.close();
    expect(
      (await app.client.invoke('mail.getComposeSettings', { accountId })).maxMessageBytes,
    ).toBeUndefined();
    const tag = randomUUID();
    await app.client.invoke('mail.send', {
      accountId,
      message: { to: [{ name: 'Bob', address: bob.email }], subject: `Taille ${tag}`, text: 'Bonjour.' },
      undoDelayMs: 0,
    });
    await app.core.idle();
    expect((await app.client.invoke('mail.getComposeSettings', { accountId })).maxMessageBytes).toBe(
      POSTFIX_SIZE_LIMIT,
    );
  });

  it('reply-all to a synced message: Reply-To wins, and bob gets In-Reply-To and References', async () => {
    const tag = word();
    const carol = user('carol');
    // Carol writes on bob's behalf (Reply-To: bob), to alice, copying herself.
    await aliceAdmin.append(
      'INBOX',
      rfc822({
        from: `Carol Petit <${carol.email}>`,
        replyTo: `Bob Martin <${bob.email}>`,
        to: `Alice <${alice.email}>`,
        cc: `Carol Petit <${carol.email}>, Alice <${alice.email}>`,
        subject: `RE: Conseil ${tag}`,
        messageId: `<${tag}.2@example.test>`,
        references: `<${tag}.1@example.test>`,
      }),
    );
    const app = start();
    const accountId = await addAlice(app);
    const found = await app.client.invoke('mail.search', { query: tag, accountId });
    const summary = found.messages.find((m) => m.subject === `RE: Conseil ${tag}`);
    if (!summary) throw new Error('the synced original is not found');
    const context = await app.client.invoke('mail.getReplyContext', { messageId: summary.id });
    expect(context).toMatchObject({
      replyTo: [{ name: 'Bob Martin', address: bob.email }],
      messageId: `<${tag}.2@example.test>`,
      references: [`<${tag}.1@example.test>`],
    });
    await expect(app.client.invoke('mail.getReplyContext', { messageId: 2 ** 40 })).rejects.toMatchObject({
      code: 'MESSAGE_NOT_FOUND',
    });
    const body = await app.client.invoke('mail.getBody', { messageId: summary.id });
    const reply = buildReply(
      { ...context, text: body.text },
      { mode: 'replyAll', ownAddresses: [alice.email], locale: 'fr', timeZone: 'Europe/Paris' },
    );
    expect(reply.to.map((m) => m.address)).toEqual([bob.email]);
    expect(reply.cc.map((m) => m.address)).toEqual([carol.email]);
    await app.client.invoke('mail.send', {
      accountId,
      message: {
        to: reply.to,
        cc: reply.cc,
        subject: reply.subject,
        text: `Merci.\n\n${reply.quote.text}`,
        ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo } : {}),
        ...(reply.references ? { references: reply.references } : {}),
      },
      undoDelayMs: 0,
    });
    const received = await waitFor(
      () =>
        withMailbox(bobAdmin, 'INBOX', async () => {
          await bobAdmin.noop();
          const uids = (await bobAdmin.search({ subject: tag }, { uid: true })) || [];
          if (uids.length === 0) return undefined;
          const message = await bobAdmin.fetchOne(
            String(uids[0]),
            { source: true, envelope: true },
            { uid: true },
          );
          return message
            ? {
                uids,
                // Header fields unfolded (RFC 5322 §2.2.3): nodemailer folds a long References.
                source: (message.source?.toString('utf8') ?? '').replace(/\r?\n[ \t]+/g, ' '),
                subject: message.envelope?.subject,
              }
            : undefined;
        }),
      'the reply in bob’s INBOX',
    );
    expect(received.uids).toHaveLength(1);
    expect(received.subject).toBe(`RE: Conseil ${tag}`);
    expect(received.source).toMatch(new RegExp(`^In-Reply-To: <${tag}\\.2@example\\.test>\\r?$`, 'm'));
    expect(received.source).toMatch(
      new RegExp(`^References: <${tag}\\.1@example\\.test> <${tag}\\.2@example\\.test>\\r?$`, 'm'),
    );
  });
});
