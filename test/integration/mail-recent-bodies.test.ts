/**
 * The bodies of this school year's mail come down with the sync, so the inbox
 * reads offline and its text is searchable; older mail stays headers only
 * until it is opened.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { append, connect, createTestFolder, deleteTestFolders } from '../support/mail/imap-admin.ts';
import { generateCorpus } from '../support/mail/corpus.ts';
import { caPem, user } from '../support/stack.ts';

const bob = user('bob');
let admin: ImapFlow;
let app: TestCore;

beforeAll(async () => {
  admin = await connect(bob);
  app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
});
afterAll(async () => {
  await deleteTestFolders(admin, 'Tests');
  await admin.logout();
  await app.close();
});

describe('bodies of recent mail', () => {
  it('are fetched during the sync and searchable by their text; last year’s are not', async () => {
    const folderPath = await createTestFolder(admin);
    // Last school year (corpus dates start in September 2025)…
    await append(admin, folderPath, generateCorpus(3, 50));
    // …and this week.
    await append(admin, folderPath, generateCorpus(2, 51, Date.now() - 3 * 24 * 3600_000));

    const accountId = await signIn(app, bob);
    const folders = await app.client.invoke('mail.listFolders', { accountId });
    const folderId = folders.find((f) => f.path === folderPath)?.id ?? '';
    const all = await app.client.invoke('mail.listMessages', { folderId, limit: 10 });
    expect(all.total).toBe(5);

    // Nobody opened a message: only the sync can have indexed these body words.
    const found = await app.client.invoke('mail.search', { query: 'salle 101', folderId });
    const recent = all.messages.filter((m) => m.date > Date.now() - 30 * 24 * 3600_000).map((m) => m.id);
    expect(recent).toHaveLength(2);
    expect(found.messages.map((m) => m.id).sort()).toEqual(recent.sort());
  });
});
