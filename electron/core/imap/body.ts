/**
 * The IMAP side of bodies: a message's raw source (bounded), its server
 * BODYSTRUCTURE when the source is too large to parse, and one part as a
 * stream for saving to disk. The folder must be selected (read-only) first;
 * each call is one command, never issued from inside another FETCH.
 */
import type { Readable } from 'node:stream';
import type { MessageStructureObject } from 'imapflow';
import type { BodyPart } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import type { ImapSession } from './client.ts';
import { MAX_STRUCTURE_DEPTH, MAX_STRUCTURE_PARTS } from './headers.ts';

export type FetchedSource = { kind: 'source'; source: Buffer } | { kind: 'tooLarge' } | { kind: 'gone' };

async function guarded<T>(session: ImapSession, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCartableError(error, session.context);
  }
}

/**
 * The raw RFC 822 source of `uid`, read until `maxBytes`: a server whose RFC822.SIZE lied
 * cannot make us hold more than that in memory.
 */
export function fetchSource(session: ImapSession, uid: number, maxBytes: number): Promise<FetchedSource> {
  return guarded(session, async () => {
    const download = await session.client.download(String(uid), undefined, {
      uid: true,
      maxBytes: maxBytes + 1,
    });
    if (!download.content) return { kind: 'gone' };
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of download.content as AsyncIterable<Buffer>) {
      length += chunk.length;
      // Past the bound the rest is drained (imapflow stops at maxBytes + 1), not kept.
      if (length <= maxBytes) chunks.push(chunk);
    }
    return length > maxBytes ? { kind: 'tooLarge' } : { kind: 'source', source: Buffer.concat(chunks) };
  });
}

function structureParts(root: MessageStructureObject | undefined): BodyPart[] {
  const parts: BodyPart[] = [];
  let seen = 0;
  const walk = (node: MessageStructureObject, depth: number): void => {
    if (depth > MAX_STRUCTURE_DEPTH || ++seen > MAX_STRUCTURE_PARTS) return;
    if (node.childNodes?.length) {
      for (const child of node.childNodes) walk(child, depth + 1);
      return;
    }
    const filename = node.dispositionParameters?.['filename'] ?? node.parameters?.['name'] ?? null;
    const isBodyText = !filename && node.disposition !== 'attachment' && node.type.startsWith('text/');
    if (isBodyText) return;
    parts.push({
      partId: node.part ?? '1',
      filename,
      mimeType: node.type,
      size: node.size ?? 0,
      contentId: node.id?.replace(/^<|>$/g, '') ?? null,
      disposition: node.disposition ?? null,
    });
  };
  if (root) walk(root, 0);
  return parts;
}

/** The server's view of the parts, for a message we will not download whole. */
export function fetchStructure(session: ImapSession, uid: number): Promise<BodyPart[] | undefined> {
  return guarded(session, async () => {
    const message = await session.client.fetchOne(
      String(uid),
      { uid: true, bodyStructure: true },
      { uid: true },
    );
    return message ? structureParts(message.bodyStructure) : undefined;
  });
}

/**
 * One part's content with its transfer encoding removed (or the whole source for partId ""),
 * as a stream: attachments go to disk without being held in memory.
 */
export function downloadPart(
  session: ImapSession,
  uid: number,
  partId: string,
): Promise<Readable | undefined> {
  return guarded(session, async () => {
    const download = await session.client.download(String(uid), partId === '' ? undefined : partId, {
      uid: true,
      // Saved as the sender sent it: no charset conversion or format=flowed unwrapping of text parts.
      decodeText: false,
    });
    return download.content;
  });
}
