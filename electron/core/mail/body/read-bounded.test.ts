import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readBounded } from './read-bounded.ts';

describe('reading a small part', () => {
  test('returns the bytes up to the bound, nothing past it', async () => {
    expect(
      (await readBounded(Readable.from([Buffer.from('BEGIN:'), Buffer.from('VCALENDAR')]), 15))?.toString(),
    ).toBe('BEGIN:VCALENDAR');
    const big = Readable.from([Buffer.alloc(10), Buffer.alloc(10)]);
    expect(await readBounded(big, 15)).toBeUndefined();
    expect(big.destroyed).toBe(true);
  });
});
