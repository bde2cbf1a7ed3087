/**
 * Fills the body and attachment-name columns of a message's search row. The
 * header columns are kept by triggers on `messages`; the body arrives later,
 * when it is fetched, so whoever stores it calls this.
 */
import type { Database } from '../../db/database.ts';

/** Past this the text is a log dump or an attack, not a letter; the first part is what people search for. */
export const MAX_INDEXED_BODY_CHARS = 256 * 1024;
/** A mail with more files than this is an archive export; the first names are enough to find it. */
export const MAX_INDEXED_ATTACHMENT_NAMES = 100;

/** Returns false when the message is unknown (deleted meanwhile): there is nothing to index. */
export function indexBody(
  db: Database,
  messageId: number,
  bodyText: string,
  attachmentNames: readonly string[],
): boolean {
  const result = db
    // The FTS rowid is the message's search_key (migration 11); an unknown id gives NULL, no row.
    .prepare<[string, string, number]>(
      `UPDATE message_search SET body = ?, attachments = ?
       WHERE rowid = (SELECT search_key FROM messages WHERE id = ?)`,
    )
    .run(
      bodyText.slice(0, MAX_INDEXED_BODY_CHARS),
      attachmentNames.slice(0, MAX_INDEXED_ATTACHMENT_NAMES).join('\n'),
      messageId,
    );
  return result.changes > 0;
}
