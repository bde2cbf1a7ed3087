/**
 * Header sync against the real Dovecot: after a first sync and after every
 * resync the database equals the server (UIDs, flags, sizes), through each
 * incremental path, while a second client changes the folder behind it.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_BATCH } from '../../electron/core/mail/message-sync.ts';
import {
  append,
  connect,
  createTestFolder,
  deleteTestFolders,
  serverState,
  withMailbox,
} from '../support/mail/imap-admin.ts';
import { generateCorpus } from '../support/mail/corpus.ts';
import { startEngine, type Engine } from '../support/mail/engine.ts';
import { user } from '../support/stack.ts';

const alice = user('alice');
let admin: ImapFlow;
let engine: Engine | undefined;

beforeAll(async () => {
  admin = await connect(alice);
});
afterAll(async () => {
  await deleteTestFolders(admin, 'Tests');
  await admin.logout();
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function seededFolder(count: number, seed: number): Promise<string> {
  const path = await createTestFolder(admin);
  await append(admin, path, generateCorpus(count, seed));
  return path;
}

async function expectEqualToServer(path: string): Promise<void> {
  const server = await serverState(admin, path);
  const local = engine?.rows(path) ?? new Map();
  expect([...local.keys()].sort((a, b) => a - b)).toEqual([...server.keys()].sort((a, b) => a - b));
  expect(local).toEqual(server);
}

/** What another device does meanwhile: reads, flags, deletes, moves, and new mail arrives. */
async function changeBehindTheEngine(path: string, elsewhere: string): Promise<void> {
  await withMailbox(admin, path, async () => {
    await admin.messageFlagsAdd('1:5', ['\\Seen'], { uid: true });
    await admin.messageFlagsRemove('6:10', ['\\Seen'], { uid: true });
    await admin.messageFlagsAdd('11:12', ['\\Flagged', '$Label1'], { uid: true });
    await admin.messageDelete('13:15', { uid: true });
    await admin.messageMove('16:17', elsewhere, { uid: true });
  });
  await append(admin, path, generateCorpus(3, 999));
}

describe('first sync', () => {
  it('writes the newest messages first, then the rest, and equals the server', async () => {
    const path = await seededFolder(FIRST_BATCH + 60, 1);
    engine = await startEngine(alice);
    const result = await engine.sync(path);
    expect(result.fetched).toBe(FIRST_BATCH + 60);
    // The first announced batch is the newest FIRST_BATCH messages: the inbox's first screen.
    expect(engine.progress[0]).toEqual({ synced: FIRST_BATCH, total: FIRST_BATCH + 60 });
    expect(engine.progress.at(-1)).toEqual({ synced: FIRST_BATCH + 60, total: FIRST_BATCH + 60 });
    await expectEqualToServer(path);
    const newest = engine.db
      .prepare<[], { subject: string; from_name: string; has_attachments: number }>(
        'SELECT subject, from_name, has_attachments FROM messages ORDER BY internal_date DESC LIMIT 1',
      )
      .get();
    expect(newest?.subject).toMatch(/n°259$/);
  });

  it('decodes French headers in UTF-8 and ISO-8859-1, threads and lists, and sees attachments', async () => {
    const path = await seededFolder(6, 7);
    engine = await startEngine(alice);
    await engine.sync(path);
    type Row = {
      subject: string;
      from_name: string;
      in_reply_to: string | null;
      refs: string | null;
      list_id: string | null;
      has_attachments: number;
    };
    const rows = engine.db
      .prepare<[], Row>(
        'SELECT subject, from_name, in_reply_to, refs, list_id, has_attachments FROM messages ORDER BY uid',
      )
      .all();
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row.subject).toMatch(/n°\d$/);
    expect(rows.some((r) => /[éèêàç]/.test(r.subject))).toBe(true);
    expect(rows[1]?.from_name).toMatch(/[éèôü]/); // the ISO-8859-1 one
    expect(rows[2]?.in_reply_to).toBe('<m7.1@cartable.test>');
    expect(rows[2]?.refs).toBe('<m7.1@cartable.test>');
    expect(rows[3]?.list_id).toBe('equipe-pedagogique.ac-lille.fr');
    expect(rows.map((r) => r.has_attachments)).toEqual([0, 0, 0, 0, 1, 0]); // the inline logo is not an attachment
  });
});

describe.each([
  ['qresync', { qresync: true, condstore: true }],
  ['condstore', { qresync: false, condstore: true }],
  ['full', { qresync: false, condstore: false }],
] as const)('resync through %s', (expected, extensions) => {
  it('makes the database equal the server again after another client changed it', async () => {
    const path = await seededFolder(40, 11);
    const elsewhere = await createTestFolder(admin);
    engine = await startEngine(alice, { extensions });
    await engine.sync(path);
    await expectEqualToServer(path);

    await changeBehindTheEngine(path, elsewhere);
    const result = await engine.sync(path);
    expect(result.path).toBe(expected);
    expect(result.fetched).toBe(3);
    expect(result.removed).toBe(5);
    await expectEqualToServer(path);

    // Nothing changed since: a cheap no-op.
    const again = await engine.sync(path);
    expect(again).toMatchObject({ fetched: 0, flagsChanged: 0, removed: 0 });
    if (expected !== 'full') expect(again.path).toBe('unchanged');
    await expectEqualToServer(path);
  });
});

describe('UIDVALIDITY', () => {
  it('starts the folder over when the server renumbers it, without showing anything twice', async () => {
    const path = await seededFolder(12, 21);
    engine = await startEngine(alice);
    await engine.sync(path);
    // Deleting and recreating a folder under the same name gives it a new UIDVALIDITY.
    await admin.mailboxDelete(path);
    await admin.mailboxCreate(path);
    await append(admin, path, generateCorpus(5, 22));
    await engine.sync(path);
    await expectEqualToServer(path);
    const count = engine.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get();
    expect(count?.n).toBe(5);
  });
});
