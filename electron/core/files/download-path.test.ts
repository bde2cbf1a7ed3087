import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { freeDownloadPath, safeFileName } from './download-path.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cartable-downloads-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('download paths for attachments', () => {
  test('hostile names lose separators, controls, bidi tricks and reserved names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('..\\..\\boot.ini')).toBe('_.._boot.ini');
    expect(safeFileName('bulletin\u202efdp.exe')).toBe('bulletin_fdp.exe');
    expect(safeFileName('notes.pdf.exe. . ')).toBe('notes.pdf.exe');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('...')).toBe('piece-jointe');
    expect(safeFileName(`${'a'.repeat(500)}.pdf`)).toHaveLength(180);
  });

  test('an existing file is never chosen: "(2)", "(3)" come next', async () => {
    expect(await freeDownloadPath(dir, 'devoir.pdf')).toBe(path.join(dir, 'devoir.pdf'));
    await writeFile(path.join(dir, 'devoir.pdf'), 'x');
    await writeFile(path.join(dir, 'devoir (2).pdf'), 'x');
    expect(await freeDownloadPath(dir, 'devoir.pdf')).toBe(path.join(dir, 'devoir (3).pdf'));
  });

  test('the folder is created when missing', async () => {
    const nested = path.join(dir, 'Téléchargements');
    expect(await freeDownloadPath(nested, 'a.txt')).toBe(path.join(nested, 'a.txt'));
  });
});

test('control characters become "_"', () => {
  expect(safeFileName('a\u0000b\u001fc\u007f.txt')).toBe('a_b_c_.txt');
});
