import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CartableError } from '../../../shared/contract/index.ts';
import type { Logger } from '../ports.ts';
import { AttachmentStaging } from './attachment-staging.ts';

const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
let now = new Date('2025-03-10T08:00:00Z');
const clock = { now: () => now };

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cartable-staging-'));
  dir = path.join(root, 'staged-attachments');
  now = new Date('2025-03-10T08:00:00Z');
});
afterEach(() => rm(root, { recursive: true, force: true }));

function staging(options: { maxBytes?: number; maxUploads?: number } = {}): AttachmentStaging {
  return new AttachmentStaging(dir, { clock, logger, maxBytes: options.maxBytes ?? 1024 * 1024, ...options });
}

async function upload(target: AttachmentStaging, name: string, bytes: Buffer, chunk: number) {
  let uploadId: string | undefined;
  let result;
  for (let offset = 0; ; offset += chunk) {
    const final = offset + chunk >= bytes.length;
    result = await target.stage({
      ...(uploadId ? { uploadId } : {}),
      name,
      type: 'application/pdf',
      chunkBase64: bytes.subarray(offset, offset + chunk).toString('base64'),
      final,
    });
    uploadId = result.uploadId;
    if (final) return result;
  }
}

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof CartableError ? error.code : 'not a CartableError';
  }
}

describe('staged attachments', () => {
  test('chunks are assembled in order into one file under its safe name', async () => {
    const target = staging();
    const bytes = randomBytes(100_000);
    const result = await upload(target, 'compte-rendu.pdf', bytes, 30_000);
    expect(result.size).toBe(bytes.length);
    expect(result.stagedId).toBeDefined();
    const file = target.pathOf(result.stagedId ?? '');
    expect(file).toBe(path.join(dir, result.stagedId ?? '', 'compte-rendu.pdf'));
    expect(await readFile(file ?? '')).toEqual(bytes);
    // No part file left behind once staged.
    expect((await readdir(dir)).filter((entry) => entry.endsWith('.part'))).toEqual([]);
  });

  test('an empty file can be staged in one final chunk', async () => {
    const result = await staging().stage({ name: 'vide.txt', type: '', chunkBase64: '', final: true });
    expect(result.size).toBe(0);
    expect((await stat(path.join(dir, result.stagedId ?? '', 'vide.txt'))).size).toBe(0);
  });

  test('names lose path separators and tricks: the file stays inside its directory', async () => {
    const target = staging();
    for (const [name, expected] of [
      ['../../etc/passwd', '_.._etc_passwd'],
      ['..\\..\\boot.ini', '_.._boot.ini'],
      ['...', 'piece-jointe'],
      ['CON.txt', '_CON.txt'],
    ] as const) {
      const result = await upload(target, name, Buffer.from('x'), 10);
      expect(path.basename(target.pathOf(result.stagedId ?? '') ?? '')).toBe(expected);
    }
  });

  test('a file past the cap is refused and its partial upload removed', async () => {
    const target = staging({ maxBytes: 1000 });
    const first = await target.stage({
      name: 'gros.bin',
      type: '',
      chunkBase64: randomBytes(600).toString('base64'),
      final: false,
    });
    const code = await codeOf(
      target.stage({
        uploadId: first.uploadId,
        name: 'gros.bin',
        type: '',
        chunkBase64: randomBytes(600).toString('base64'),
        final: true,
      }),
    );
    expect(code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await readdir(dir)).toEqual([]);
    // The upload is gone: continuing it is refused too.
    expect(
      await codeOf(
        target.stage({ uploadId: first.uploadId, name: 'gros.bin', type: '', chunkBase64: '', final: true }),
      ),
    ).toBe('UPLOAD_REFUSED');
  });

  test('uploads at once are capped; an abandoned one frees its slot after a while', async () => {
    const target = staging({ maxUploads: 2 });
    const chunk = { name: 'a.txt', type: 'text/plain', chunkBase64: 'eA==', final: false };
    await target.stage(chunk);
    await target.stage(chunk);
    expect(await codeOf(target.stage(chunk))).toBe('UPLOAD_REFUSED');
    now = new Date(now.getTime() + 11 * 60_000);
    await expect(target.stage(chunk)).resolves.toMatchObject({ size: 1 });
    expect((await readdir(dir)).filter((entry) => entry.endsWith('.part'))).toHaveLength(1);
  });

  test('staged ids resolve only to files inside the directory', () => {
    const target = staging();
    expect(target.pathOf('../../etc')).toBeUndefined();
    expect(target.pathOf('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  test('files go when the message that used them is released, and stale ones at the sweep', async () => {
    const target = staging();
    const sent = await upload(target, 'a.pdf', Buffer.from('a'), 10);
    const kept = await upload(target, 'b.pdf', Buffer.from('b'), 10);
    const draft = await upload(target, 'c.pdf', Buffer.from('c'), 10);
    const ids = [sent, kept, draft].map((result) => result.stagedId ?? '');
    target.claim('outbox-1', [ids[0] ?? '']);
    await target.release('outbox-1');
    expect(target.pathOf(ids[0] ?? '')).toBeUndefined();
    expect(target.pathOf(ids[1] ?? '')).toBeDefined();

    // Two days later: a leftover part and old staged files go, unless a draft still names them.
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'leftover.part'), 'x');
    const old = new Date(now.getTime() - 2 * 24 * 60 * 60_000);
    for (const id of ids.slice(1)) await utimes(path.join(dir, id), old, old);
    await target.sweep(new Set([ids[2] ?? '']));
    expect(await readdir(dir)).toEqual([ids[2]]);
  });
});
