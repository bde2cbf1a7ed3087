/**
 * Folder create, rename and delete as a person does them: shown at once,
 * done on the real Dovecot by the queue, messages kept across a rename.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { append, connect, deleteTestFolders } from '../support/mail/imap-admin.ts';
import { generateCorpus } from '../support/mail/corpus.ts';
import { caPem, user } from '../support/stack.ts';

const bob = user('bob');
let admin: ImapFlow;
let app: TestCore;
let accountId = '';

async function serverPaths(): Promise<string[]> {
  return (await admin.list()).map((f) => f.path).filter((p) => p === 'Tests' || p.startsWith('Tests/'));
}

async function localPaths(): Promise<string[]> {
  return (await app.client.invoke('mail.listFolders', { accountId }))
    .map((f) => f.path)
    .filter((p) => p === 'Tests' || p.startsWith('Tests/'));
}

beforeAll(async () => {
  admin = await connect(bob);
  await deleteTestFolders(admin, 'Tests');
  app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
  accountId = await signIn(app, bob);
});
afterAll(async () => {
  await deleteTestFolders(admin, 'Tests');
  await admin.logout();
  await app.close();
});

describe('folders', () => {
  it('creates, renames (keeping its messages) and deletes folders on the server', async () => {
    const parent = await app.client.invoke('mail.createFolder', { accountId, name: 'Tests' });
    const child = await app.client.invoke('mail.createFolder', {
      accountId,
      parentId: parent.folderId,
      name: 'Conseil élèves',
    });
    // Shown before the server was even asked.
    expect(await localPaths()).toEqual(['Tests', 'Tests/Conseil élèves']);
    await app.core.idle();
    expect((await serverPaths()).sort()).toEqual(['Tests', 'Tests/Conseil élèves']);

    await append(admin, 'Tests/Conseil élèves', generateCorpus(3, 40));
    await app.client.invoke('mail.syncAccount', { accountId });
    await app.core.idle();
    const before = await app.client.invoke('mail.listMessages', { folderId: child.folderId });
    expect(before.total).toBe(3);

    await app.client.invoke('mail.renameFolder', { folderId: child.folderId, name: 'Conseil 3e' });
    expect(await localPaths()).toEqual(['Tests', 'Tests/Conseil 3e']);
    await app.core.idle();
    expect((await serverPaths()).sort()).toEqual(['Tests', 'Tests/Conseil 3e']);
    await app.client.invoke('mail.syncAccount', { accountId });
    await app.core.idle();
    const after = await app.client.invoke('mail.listMessages', { folderId: child.folderId });
    expect(after.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));

    await app.client.invoke('mail.deleteFolder', { folderId: parent.folderId });
    expect(await localPaths()).toEqual([]);
    await app.core.idle();
    expect(await serverPaths()).toEqual([]);
  });

  it('refuses what would confuse the server or the user, with a reason', async () => {
    const inbox = (await app.client.invoke('mail.listFolders', { accountId })).find(
      (f) => f.specialUse === 'inbox',
    );
    await expect(app.client.invoke('mail.deleteFolder', { folderId: inbox?.id ?? '' })).rejects.toMatchObject(
      {
        code: 'INVALID_PARAMS',
        details: { reason: 'SPECIAL_FOLDER' },
      },
    );
    await expect(app.client.invoke('mail.createFolder', { accountId, name: 'a/b' })).rejects.toMatchObject({
      details: { reason: 'FOLDER_NAME' },
    });
    await expect(app.client.invoke('mail.createFolder', { accountId, name: 'Sent' })).rejects.toMatchObject({
      details: { reason: 'FOLDER_EXISTS' },
    });
  });
});
