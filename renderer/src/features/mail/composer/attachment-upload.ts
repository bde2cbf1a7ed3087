/**
 * Uploads a picked or dropped file to the core in chunks (mail.stageAttachment), for the browser
 * host where the core cannot read the file by path. Chunks are read one at a time, so a large
 * file is never held whole in memory, and stay under the WebSocket's 1 MB message cap.
 */
import { STAGE_CHUNK_BYTES } from '$shared/contract/index.ts';
import type { Rpc } from '../../../lib/rpc/index.ts';

/** btoa takes a "binary string"; built in pieces because spreading 512 KiB overflows the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const piece = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += piece)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + piece));
  return btoa(binary);
}

export interface UploadOptions {
  /** Bytes sent so far, after each chunk. */
  onProgress?: (uploaded: number) => void;
  /** Checked between chunks: the user removed the file, stop sending it. */
  cancelled?: () => boolean;
  chunkBytes?: number;
}

/** The staged id to send the file with; undefined when cancelled. Rejects with the core's error. */
export async function uploadFile(
  rpc: Rpc,
  file: Blob & { name: string },
  options: UploadOptions = {},
): Promise<string | undefined> {
  const chunkBytes = options.chunkBytes ?? STAGE_CHUNK_BYTES;
  let uploadId: string | undefined;
  for (let offset = 0; ; offset += chunkBytes) {
    if (options.cancelled?.()) return undefined;
    const final = offset + chunkBytes >= file.size;
    const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    const result = await rpc.invoke('mail.stageAttachment', {
      ...(uploadId ? { uploadId } : {}),
      name: file.name.slice(0, 255) || 'piece-jointe',
      type: file.type.slice(0, 255),
      chunkBase64: bytesToBase64(bytes),
      final,
    });
    uploadId = result.uploadId;
    options.onProgress?.(result.size);
    if (final) return result.stagedId;
  }
}
