/**
 * Reads a small part (an invitation's iCalendar text) into memory, never
 * more than `maxBytes`: past that the stream is dropped and the answer is
 * "too large", so a hostile part cannot make the core hold megabytes.
 */
import type { Readable } from 'node:stream';

export async function readBounded(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) {
      stream.destroy();
      return undefined;
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
