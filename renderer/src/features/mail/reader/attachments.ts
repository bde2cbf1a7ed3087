/**
 * Which parts the reader lists as attachments, and how one is saved. Inline
 * images the HTML already shows are not listed again. Saving asks the core
 * for a free path in the user's Downloads folder (the browser host has no
 * save dialog), then streams the part there; the file is never opened.
 */
import type { BodyPart, MessageBody } from '$shared/contract/index.ts';
import { CartableError } from '$shared/contract/index.ts';
import type { Rpc } from '../../../lib/rpc/index.ts';

export function listedAttachments(body: MessageBody): BodyPart[] {
  const shownInline = new Set(body.inline.map((image) => image.contentId.toLowerCase()));
  return body.parts.filter(
    (part) =>
      !(part.contentId && shownInline.has(part.contentId.toLowerCase()) && part.disposition !== 'attachment'),
  );
}

export function isCalendar(part: BodyPart): boolean {
  return part.mimeType.toLowerCase() === 'text/calendar' || /\.ics$/i.test(part.filename ?? '');
}

export async function saveAttachment(
  rpc: Rpc,
  messageId: number,
  part: BodyPart,
  fallbackName: string,
): Promise<string> {
  if (part.partId === null)
    throw new CartableError('MESSAGE_NOT_FOUND', { id: messageId, reason: 'NO_PART' });
  const partId = part.partId;
  // A file created between the two calls makes the core refuse (it never overwrites): ask again once.
  for (let attempt = 0; ; attempt += 1) {
    const { path } = await rpc.invoke('mail.downloadPath', { filename: part.filename ?? fallbackName });
    try {
      const saved = await rpc.invoke('mail.saveAttachment', { messageId, partId, destination: path });
      return saved.path;
    } catch (error) {
      if (attempt > 0 || !(error instanceof CartableError) || error.code !== 'FILE_EXISTS') throw error;
    }
  }
}
