import { describe, expect, it } from 'vitest';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import { bytesToBase64, uploadFile } from './attachment-upload.ts';

function fileOf(bytes: Uint8Array<ArrayBuffer>, name: string): Blob & { name: string } {
  return Object.assign(new Blob([bytes], { type: 'application/pdf' }), { name });
}

function decode(base64: string): number[] {
  return Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** A core that assembles the chunks it receives, as mail.stageAttachment does. */
function assemblingRpc() {
  const received: number[] = [];
  const rpc = new FakeRpc({
    'mail.stageAttachment': ({ uploadId, chunkBase64, final }) => {
      received.push(...decode(chunkBase64));
      const size = received.length;
      return { uploadId: uploadId ?? 'u-1', size, ...(final ? { stagedId: 'staged-1' } : {}) };
    },
  });
  return { rpc, received };
}

describe('uploading a file to the core', () => {
  it('encodes bytes as base64, large arrays included', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, index) => (index * 7) % 256);
    expect(decode(bytesToBase64(bytes))).toEqual(Array.from(bytes));
    expect(bytesToBase64(new Uint8Array([0xff, 0x00, 0x41]))).toBe('/wBB');
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('sends the file in order, in chunks, the last one final, reporting progress', async () => {
    const { rpc, received } = assemblingRpc();
    const bytes = Uint8Array.from({ length: 2500 }, (_, index) => index % 251);
    const progress: number[] = [];
    const stagedId = await uploadFile(rpc, fileOf(bytes, 'bulletin.pdf'), {
      chunkBytes: 1000,
      onProgress: (uploaded) => progress.push(uploaded),
    });
    expect(stagedId).toBe('staged-1');
    expect(received).toEqual(Array.from(bytes));
    const calls = rpc.callsOf('mail.stageAttachment');
    expect(calls.map((call) => [call.uploadId, call.final])).toEqual([
      [undefined, false],
      ['u-1', false],
      ['u-1', true],
    ]);
    expect(calls[0]?.name).toBe('bulletin.pdf');
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('an empty file is one final chunk; a removed file stops being sent', async () => {
    const { rpc } = assemblingRpc();
    expect(await uploadFile(rpc, fileOf(new Uint8Array(), 'vide.txt'))).toBe('staged-1');
    let removed = false;
    const stopped = await uploadFile(rpc, fileOf(new Uint8Array(3000), 'gros.bin'), {
      chunkBytes: 1000,
      onProgress: () => (removed = true),
      cancelled: () => removed,
    });
    expect(stopped).toBeUndefined();
    expect(rpc.callsOf('mail.stageAttachment')).toHaveLength(2);
  });
});
