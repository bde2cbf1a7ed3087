import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CartableError } from '../../../../shared/contract/index.ts';
import { writeNewFile } from './save-file.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'cartable-save-'));

async function reason(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error instanceof CartableError ? error.details?.['reason'] : error;
  }
  return 'no error';
}

describe('writeNewFile', () => {
  it('streams to the destination and leaves no temporary file', async () => {
    const folder = dir();
    const target = path.join(folder, 'Procès-verbal.pdf');
    const data = Buffer.alloc(300_000, 7);
    const saved = await writeNewFile(
      () => Promise.resolve(Readable.from([data.subarray(0, 1000), data.subarray(1000)])),
      target,
    );
    expect(saved).toEqual({ path: target, size: data.length });
    expect(readFileSync(target).equals(data)).toBe(true);
    expect(readdirSync(folder)).toEqual(['Procès-verbal.pdf']);
  });

  it('never overwrites, and opens nothing when the destination is refused', async () => {
    const folder = dir();
    const existing = path.join(folder, 'a.txt');
    writeFileSync(existing, 'garder');
    let opened = 0;
    const open = () => {
      opened++;
      return Promise.resolve(Readable.from([Buffer.from('x')]));
    };
    expect(await reason(writeNewFile(open, existing))).toBe('EXISTS');
    expect(readFileSync(existing, 'utf8')).toBe('garder');
    expect(await reason(writeNewFile(open, 'relatif.txt'))).toBe('NOT_ABSOLUTE');
    expect(await reason(writeNewFile(open, `${folder}/sous/../b.txt`))).toBe('NOT_NORMAL');
    expect(await reason(writeNewFile(open, path.join(folder, 'nope', 'b.txt')))).toBe('NO_DIRECTORY');
    expect(await reason(writeNewFile(open, path.join(folder, 'a?.txt')))).toBe('BAD_NAME');
    mkdirSync(path.join(folder, 'real'));
    symlinkSync(path.join(folder, 'real'), path.join(folder, 'link'));
    expect(await reason(writeNewFile(open, path.join(folder, 'link', 'b.txt')))).toBe('NO_DIRECTORY');
    expect(opened).toBe(0);
  });

  it('removes the temporary file when the stream fails', async () => {
    const folder = dir();
    const failing = new Readable({
      read() {
        this.destroy(new Error('connexion perdue'));
      },
    });
    await expect(writeNewFile(() => Promise.resolve(failing), path.join(folder, 'c.bin'))).rejects.toThrow(
      'connexion perdue',
    );
    expect(readdirSync(folder)).toEqual([]);
  });
});
