import { describe, expect, it } from 'vitest';
import { checkAttachmentSize, DEFAULT_MAX_MESSAGE_BYTES } from './attachment-size.ts';

const MB = 1024 * 1024;

describe('attachment size warning', () => {
  it('falls back to 25 Mo when the server says nothing', () => {
    expect(checkAttachmentSize([MB], undefined).limitBytes).toBe(DEFAULT_MAX_MESSAGE_BYTES);
    expect(checkAttachmentSize([MB], 0).limitBytes).toBe(DEFAULT_MAX_MESSAGE_BYTES);
  });

  it('counts the base64 overhead: 20 Mo of files do not fit 25 Mo', () => {
    expect(checkAttachmentSize([10 * MB, 10 * MB], undefined).level).toBe('over');
    expect(checkAttachmentSize([10 * MB], undefined).level).toBe('ok');
  });

  it('warns before the limit is reached', () => {
    // 16.5 Mo × 1.37 ≈ 22.6 Mo: past 90 % of 25 Mo, still under it.
    expect(checkAttachmentSize([16.5 * MB], undefined).level).toBe('near');
  });

  it('uses the server limit when known', () => {
    expect(checkAttachmentSize([4 * MB], 5 * MB).level).toBe('over');
    expect(checkAttachmentSize([4 * MB], 50 * MB).level).toBe('ok');
  });

  it('is fine with nothing attached', () => {
    expect(checkAttachmentSize([], 1).level).toBe('ok');
  });
});
