/**
 * Bodies against the real Dovecot: generated mail is appended, headers are
 * synced, then bodies are fetched by message id, attachments streamed to disk
 * and compared byte for byte, and hostile messages stored with a note.
 */
import { offlineSessions, sessionsOf } from '../support/mail/sessions.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CartableError } from '../../shared/contract/index.ts';
import { BodyRepository } from '../../electron/core/mail/body/body-repository.ts';
import { BodyService, fetchBody, fetchRecentBodies } from '../../electron/core/mail/body/body-service.ts';
import { fetchSource } from '../../electron/core/imap/body.ts';
import { selectReadOnly } from '../../electron/core/imap/mailbox.ts';
import { MAX_MIME_PARTS, MAX_SOURCE_BYTES } from '../../electron/core/mail/body/limits.ts';
import { schoolYearStart } from '../../electron/core/mail/body/school-year.ts';
import { signIn, startTestCore } from '../support/core.ts';
import {
  append,
  connect,
  createTestFolder,
  deleteTestFolders,
  withMailbox,
} from '../support/mail/imap-admin.ts';
import { generateCorpus, type GeneratedMessage } from '../support/mail/corpus.ts';
import { startEngine, type Engine } from '../support/mail/engine.ts';
import { caPem, user } from '../support/stack.ts';

const alice = user('alice');
/** Our own folders, removed afterwards: a hostile message left behind would slow every later sync. */
const PREFIX = 'Corps';
let admin: ImapFlow;
let engine: Engine | undefined;

beforeAll(async () => {
  admin = await connect(alice);
});
afterAll(async () => {
  await deleteTestFolders(admin, PREFIX);
  await admin.logout();
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const clock = { now: () => new Date('2025-11-23T12:00:00Z') };

function service(db: Engine['db'], indexed: Map<number, string> = new Map()) {
  const bodies = new BodyRepository(db);
  return {
    bodies,
    service: new BodyService({
      bodies,
      clock,
      onStored: (id, text) => indexed.set(id, text),
      withSession: sessionsOf(alice),
    }),
  };
}

function hostile(name: string, raw: Buffer): GeneratedMessage {
  return {
    raw,
    internalDate: new Date('2025-10-01T08:00:00Z'),
    flags: [],
    messageId: `<${name}@cartable.test>`,
  };
}

const head = (subject: string, contentType: string) =>
  [
    `From: x@example.test`,
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    '',
  ].join('\r\n');

function nested(depth: number): Buffer {
  const lines = [head('profond', 'multipart/mixed; boundary="b0"')];
  for (let i = 1; i <= depth; i++)
    lines.push(`--b${i - 1}`, `Content-Type: multipart/mixed; boundary="b${i}"`, '');
  lines.push(`--b${depth}`, 'Content-Type: text/plain', '', 'fond', `--b${depth}--`);
  for (let i = depth - 1; i >= 0; i--) lines.push(`--b${i}--`);
  return Buffer.from(lines.join('\r\n'));
}

function manyParts(count: number): Buffer {
  return Buffer.from(
    `${head('nombreux', 'multipart/mixed; boundary="b"')}\r\n${'--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(count)}--b--\r\n`,
  );
}

/** The attachment's bytes as appended, decoded here independently of the parser. */
function appendedAttachment(raw: Buffer): Buffer {
  const source = raw.toString('latin1');
  const start = source.indexOf('\r\n\r\n', source.indexOf('Content-Disposition: attachment')) + 4;
  return Buffer.from(source.slice(start, source.indexOf('--mixed--', start)).replace(/\s+/g, ''), 'base64');
}

function messageId(subjectEnd: RegExp): number {
  const rows =
    engine?.db.prepare<[], { id: number; subject: string }>('SELECT id, subject FROM messages').all() ?? [];
  const row = rows.find((r) => subjectEnd.test(r.subject));
  if (!row) throw new Error(`no message ${String(subjectEnd)}`);
  return row.id;
}

describe('bodies on demand', () => {
  it('fetches text, HTML, inline images and attachments by message id, then serves them offline', async () => {
    const corpus = generateCorpus(6, 11);
    const folder = await createTestFolder(admin, PREFIX);
    await append(admin, folder, corpus);
    engine = await startEngine(alice);
    await engine.sync(folder);
    const indexed = new Map<number, string>();
    const { service: bodies } = service(engine.db, indexed);

    const latin1 = await bodies.getBody(messageId(/n°1$/));
    expect(latin1.text).toContain('Voici le message n°1 : élèves, réunion à 17 h');
    expect(latin1).toMatchObject({ html: null, parts: [], note: null, fetchedAt: clock.now().getTime() });

    const withPdf = messageId(/n°4$/);
    const pdf = await bodies.getBody(withPdf);
    expect(pdf.parts).toEqual([
      {
        partId: '2',
        filename: 'Procès-verbal réunion.pdf',
        mimeType: 'application/pdf',
        size: appendedAttachment(corpus[4]?.raw ?? Buffer.alloc(0)).length,
        contentId: null,
        disposition: 'attachment',
      },
    ]);

    const related = await bodies.getBody(messageId(/n°5$/));
    expect(related.html).toContain('<img src="cid:logo@college">');
    expect(related.text).toContain('message n°5');
    expect(related.inline).toEqual([
      {
        contentId: 'logo@college',
        mimeType: 'image/png',
        base64: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString(
          'base64',
        ),
      },
    ]);
    expect(indexed.get(withPdf)).toContain('message n°4');

    // Offline: the stored body is served without a connection.
    const offline = new BodyService({
      bodies: new BodyRepository(engine.db),
      clock,
      withSession: offlineSessions,
    });
    expect(await offline.getBody(withPdf)).toEqual(pdf);
  });

  it('streams an attachment to a new file with the bytes that were appended, and never overwrites', async () => {
    const corpus = generateCorpus(5, 12);
    const folder = await createTestFolder(admin, PREFIX);
    await append(admin, folder, corpus);
    engine = await startEngine(alice);
    await engine.sync(folder);
    const { service: bodies } = service(engine.db);
    const id = messageId(/n°4$/);
    const dir = mkdtempSync(path.join(tmpdir(), 'cartable-attachment-'));
    const destination = path.join(dir, 'Procès-verbal réunion.pdf');
    const expected = appendedAttachment(corpus[4]?.raw ?? Buffer.alloc(0));
    expect(await bodies.saveAttachment(id, '2', destination)).toEqual({
      path: destination,
      size: expected.length,
    });
    expect(readFileSync(destination).equals(expected)).toBe(true);
    await expect(bodies.saveAttachment(id, '2', destination)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
  });

  it('stores hostile messages with a note, the whole source still saveable, and the core keeps working', async () => {
    const deep = nested(1000);
    const wide = manyParts(200_000);
    const folder = await createTestFolder(admin, PREFIX);
    await append(admin, folder, [hostile('deep', deep), hostile('wide', wide), ...generateCorpus(1, 13)]);
    engine = await startEngine(alice);
    await engine.sync(folder);
    const { service: bodies } = service(engine.db);

    const deepBody = await bodies.getBody(messageId(/^profond$/));
    expect(deepBody).toMatchObject({ note: 'TOO_DEEP', text: null, html: null });
    expect(deepBody.parts).toEqual([
      {
        partId: '',
        filename: 'message.eml',
        mimeType: 'message/rfc822',
        size: deep.length,
        contentId: null,
        disposition: 'attachment',
      },
    ]);
    const wideBody = await bodies.getBody(messageId(/^nombreux$/));
    expect(wideBody.note).toBe('TOO_MANY_PARTS');
    expect(200_000).toBeGreaterThan(MAX_MIME_PARTS);

    const dir = mkdtempSync(path.join(tmpdir(), 'cartable-hostile-'));
    const saved = await bodies.saveAttachment(deepBody.messageId, '', path.join(dir, 'message.eml'));
    expect(readFileSync(saved.path).equals(deep)).toBe(true);

    // And the next, ordinary message is read as usual.
    expect((await bodies.getBody(messageId(/n°0$/))).text).toContain('message n°0');
  });

  it('refuses a message the server no longer has, with a stable code', async () => {
    const folder = await createTestFolder(admin, PREFIX);
    await append(admin, folder, generateCorpus(1, 14));
    engine = await startEngine(alice);
    await engine.sync(folder);
    const { service: bodies } = service(engine.db);
    await withMailbox(admin, folder, () => admin.messageDelete('1:*', { uid: true }));
    const error: unknown = await bodies.getBody(messageId(/n°0$/)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CartableError);
    expect((error as CartableError).toShape()).toMatchObject({
      code: 'MESSAGE_NOT_FOUND',
      details: { reason: 'NOT_ON_SERVER' },
    });
    await expect(bodies.getBody(987_654)).rejects.toMatchObject({
      code: 'MESSAGE_NOT_FOUND',
      details: { reason: 'UNKNOWN' },
    });
  });
});

describe('messages too large to parse', () => {
  it('keeps the server structure with TOO_LARGE, by RFC822.SIZE or by what the server actually sends', async () => {
    const corpus = generateCorpus(5, 17);
    const folder = await createTestFolder(admin, PREFIX);
    await append(admin, folder, corpus);
    engine = await startEngine(alice);
    await engine.sync(folder);
    const uid = engine.db
      .prepare<[], { uid: number; subject: string }>('SELECT uid, subject FROM messages')
      .all()
      .find((row) => /n°4$/.test(row.subject))?.uid;
    await selectReadOnly(engine.session, folder);
    const body = await fetchBody(engine.session, { uid: uid ?? 0, size: MAX_SOURCE_BYTES + 1 });
    expect(body).toMatchObject({ note: 'TOO_LARGE', text: null, html: null, inline: [] });
    expect(body?.parts.map((p) => [p.partId, p.filename, p.mimeType, p.disposition])).toEqual([
      ['', 'message.eml', 'message/rfc822', 'attachment'],
      ['2', 'Procès-verbal réunion.pdf', 'application/pdf', 'attachment'],
    ]);
    // A server whose RFC822.SIZE lied still cannot make us keep more than the bound.
    expect(await fetchSource(engine.session, uid ?? 0, 100)).toEqual({ kind: 'tooLarge' });
    expect((await fetchSource(engine.session, uid ?? 0, MAX_SOURCE_BYTES)).kind).toBe('source');
  });
});

describe('bodies in the background', () => {
  it('fetches the bodies of the school year newest first, in batches, and only once', async () => {
    // Hourly from 2025-08-31T22:30Z: the first two arrived before the rentrée (Europe/Paris or UTC).
    const corpus = generateCorpus(12, 15, Date.parse('2025-08-31T20:30:00Z'));
    const folder = await createTestFolder(admin, PREFIX);
    await append(admin, folder, corpus);
    engine = await startEngine(alice);
    await engine.sync(folder);
    const bodies = new BodyRepository(engine.db);
    const folderId =
      engine.db.prepare<[string], { id: string }>('SELECT id FROM folders WHERE path = ?').get(folder)?.id ??
      '';
    const since = Date.parse('2025-09-01T00:00:00Z');
    const order: number[] = [];
    const batches: number[] = [];
    const stored = await fetchRecentBodies(engine.session, { id: folderId, path: folder }, since, {
      bodies,
      clock,
      batchSize: 4,
      onStored: (id) => order.push(id),
      onBatch: (_folder, count) => batches.push(count),
    });
    const inWindow = corpus.filter((m) => m.internalDate.getTime() >= since).length;
    expect(stored).toBe(inWindow);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(inWindow);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
    const dates = order.map(
      (id) =>
        engine?.db
          .prepare<[number], { d: number }>('SELECT internal_date AS d FROM messages WHERE id = ?')
          .get(id)?.d ?? 0,
    );
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(bodies.missingSince(folderId, since)).toEqual([]);
    expect(bodies.missingSince(folderId, 0)).toHaveLength(corpus.length - inWindow);
    // A second run finds nothing left to do.
    expect(
      await fetchRecentBodies(engine.session, { id: folderId, path: folder }, since, { bodies, clock }),
    ).toBe(0);
    expect(schoolYearStart(new Date(2025, 10, 23))).toBe(new Date(2025, 8, 1).getTime());
  });
});

describe('bodies through the contract', () => {
  it('gets a body and saves an attachment over the in-memory host, validating every parameter', async () => {
    const bob = user('bob');
    const bobAdmin = await connect(bob);
    const app = startTestCore({ extraCaPem: [caPem()] });
    try {
      const corpus = generateCorpus(5, 16);
      const folderPath = await createTestFolder(bobAdmin, PREFIX);
      await append(bobAdmin, folderPath, corpus);
      const accountId = await signIn(app, bob);
      const folder = (await app.client.invoke('mail.listFolders', { accountId })).find(
        (f) => f.path === folderPath,
      );
      const page = await app.client.invoke('mail.listMessages', { folderId: folder?.id ?? '', limit: 10 });
      const withPdf = page.messages.find((m) => /n°4$/.test(m.subject));
      expect(withPdf?.hasAttachments).toBe(true);
      const messageId = withPdf?.id ?? 0;

      const body = await app.client.invoke('mail.getBody', { messageId });
      expect(body.text).toContain('message n°4');
      expect(body.parts.map((p) => p.partId)).toEqual(['2']);

      const dir = mkdtempSync(path.join(tmpdir(), 'cartable-contract-'));
      const destination = path.join(dir, 'pv.pdf');
      expect(await app.client.invoke('mail.saveAttachment', { messageId, partId: '2', destination })).toEqual(
        {
          path: destination,
          size: appendedAttachment(corpus[4]?.raw ?? Buffer.alloc(0)).length,
        },
      );

      await expect(app.client.invoke('mail.getBody', { messageId: -1 })).rejects.toMatchObject({
        code: 'INVALID_PARAMS',
      });
      await expect(
        app.client.invoke('mail.saveAttachment', {
          messageId,
          partId: '2;DELETE',
          destination: path.join(dir, 'x'),
        }),
      ).rejects.toMatchObject({ code: 'INVALID_PARAMS', details: { path: 'partId' } });
      await expect(
        app.client.invoke('mail.saveAttachment', { messageId, partId: '2', destination: 'pv.pdf' }),
      ).rejects.toMatchObject({ code: 'INVALID_PARAMS', details: { reason: 'NOT_ABSOLUTE' } });
    } finally {
      await deleteTestFolders(bobAdmin, PREFIX);
      await bobAdmin.logout();
      await app.close();
    }
  });
});
