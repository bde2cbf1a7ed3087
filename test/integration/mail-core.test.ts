/**
 * The mail engine through the core's contract, as the renderer uses it: a
 * queued account sync, collapsed change events, and sorted, paged lists.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import {
  append,
  connect,
  createTestFolder,
  deleteTestFolders,
  withMailbox,
} from '../support/mail/imap-admin.ts';
import { generateCorpus } from '../support/mail/corpus.ts';
import { caPem, endpoints, user } from '../support/stack.ts';

const carol = user('carol');
let admin: ImapFlow;
let app: TestCore;

beforeAll(async () => {
  admin = await connect(carol);
  app = startTestCore({ extraCaPem: [caPem()] });
});
afterAll(async () => {
  await deleteTestFolders(admin, 'Classe');
  await admin.logout();
  await app.close();
});

describe('mail through the contract', () => {
  it('syncs an account as a task, announces each folder once per batch turn, and lists its messages', async () => {
    const folderPath = await createTestFolder(admin, 'Classe');
    await append(admin, folderPath, generateCorpus(30, 3));
    const changed: Array<EventPayload<'mail.changed'>> = [];
    app.client.subscribe('mail.changed', (payload) => changed.push(payload));

    const outcome = await app.client.invoke('accounts.add', {
      settings: {
        email: carol.email,
        displayName: 'Carol',
        login: carol.login,
        imap: endpoints.imaps,
        smtp: endpoints.submissions,
      },
      password: carol.password,
    });
    const accountId = outcome.account?.id ?? '';
    await app.core.idle();
    expect(await app.client.invoke('tasks.list', {})).toContainEqual(
      expect.objectContaining({ kind: 'mail.syncAccount', state: 'done' }),
    );

    // The quota Dovecot reports (200 MiB in the stack), read at the end of the sync.
    expect(await app.client.invoke('mail.getQuota', { accountId })).toMatchObject({
      limitBytes: 200 * 1024 * 1024,
      level: 'ok',
      usageBytes: expect.any(Number) as number,
    });

    const folder = (await app.client.invoke('mail.listFolders', { accountId })).find(
      (f) => f.path === folderPath,
    );
    expect(folder).toBeDefined();
    const folderId = folder?.id ?? '';
    expect(changed.some((c) => c.accountId === accountId && c.folderIds.includes(folderId))).toBe(true);

    const page = await app.client.invoke('mail.listMessages', { folderId, limit: 10 });
    expect(page.total).toBe(30);
    expect(page.messages).toHaveLength(10);
    expect(page.messages[0]?.subject).toMatch(/n°29$/); // newest first by default
    const dates = page.messages.map((m) => m.date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    const next = await app.client.invoke('mail.listMessages', { folderId, limit: 10, offset: 10 });
    expect(next.messages[0]?.subject).toMatch(/n°19$/);

    const bySize = await app.client.invoke('mail.listMessages', {
      folderId,
      sort: 'size',
      order: 'desc',
      limit: 30,
    });
    const sizes = bySize.messages.map((m) => m.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(bySize.messages[0]?.hasAttachments).toBe(true);

    const bySender = await app.client.invoke('mail.listMessages', {
      folderId,
      sort: 'from',
      order: 'asc',
      limit: 30,
    });
    const senders = bySender.messages.map((m) => m.from?.name ?? '');
    // French order: accents and case do not move a name (Élodie sorts with E, not after Z).
    expect(senders).toEqual([...senders].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
  });

  it('finds a message by a word of its body and its attachment name once the body was fetched', async () => {
    const [account] = await app.client.invoke('accounts.list', {});
    const folders = await app.client.invoke('mail.listFolders', { accountId: account?.id ?? '' });
    const folderId = folders.find((f) => f.path.startsWith('Classe/'))?.id ?? '';
    const withAttachment = (
      await app.client.invoke('mail.listMessages', { folderId, limit: 30 })
    ).messages.find((m) => m.hasAttachments);
    const id = withAttachment?.id ?? -1;
    expect(await app.client.invoke('mail.search', { query: 'pj:procès', folderId })).toMatchObject({
      total: 0,
    });

    const body = await app.client.invoke('mail.getBody', { messageId: id });
    expect(body.text).toContain('salle 101');
    const byAttachment = await app.client.invoke('mail.search', { query: 'pj:proces', folderId });
    expect(byAttachment.messages.map((m) => m.id)).toEqual([id]);
    const byBodyWord = await app.client.invoke('mail.search', { query: 'salle 101', folderId });
    expect(byBodyWord.messages.map((m) => m.id)).toContain(id);
  });

  it('refuses an unknown folder with its own code', async () => {
    await expect(app.client.invoke('mail.listMessages', { folderId: 'nope' })).rejects.toMatchObject({
      code: 'FOLDER_NOT_FOUND',
    });
  });
});

describe('conversations against the real server', () => {
  it('puts the reply filed in Envoyés into the conversation of the inbox message', async () => {
    const [account] = await app.client.invoke('accounts.list', {});
    const accountId = account?.id ?? '';
    const subject = `RE: Conseil de classe ${Date.now()}`;
    // corpus.ts gives message n°0 of seed 3 the id <m3.0@cartable.test>.
    const reply = Buffer.from(
      [
        'From: Carol <carol@example.test>',
        'To: Élodie Lefèvre <elodie.lefevre@ac-lille.fr>',
        `Subject: ${subject}`,
        'Message-ID: <reply-from-carol@cartable.test>',
        'In-Reply-To: <m3.0@cartable.test>',
        'References: <m3.0@cartable.test>',
        'Date: Tue, 02 Sep 2025 09:00:00 +0000',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Bien reçu, merci.',
        '',
      ].join('\r\n'),
    );
    await admin.append('Sent', reply, ['\\Seen']);
    try {
      await app.client.invoke('mail.syncAccount', { accountId });
      await app.core.idle();
      const folders = await app.client.invoke('mail.listFolders', { accountId });
      const folderId = folders.find((f) => f.path.startsWith('Classe/'))?.id ?? '';
      const { conversations } = await app.client.invoke('mail.listConversations', { folderId, limit: 100 });
      const first = conversations.find((c) => /n°0$/.test(c.subject));
      expect(first?.messageCount).toBe(2);
      const thread = await app.client.invoke('mail.listThread', { threadId: first?.threadId ?? -1 });
      const sentId = folders.find((f) => f.specialUse === 'sent')?.id;
      expect(thread.map((m) => m.folderId)).toEqual([folderId, sentId]);
    } finally {
      await withMailbox(admin, 'Sent', async () => {
        const uids = await admin.search({ subject }, { uid: true });
        if (uids && uids.length > 0) await admin.messageDelete(uids, { uid: true });
      });
    }
  });
});
