/**
 * Files a copy of a sent message in the account's Sent folder (APPEND, RFC 3501 §6.3.11),
 * already marked \Seen: the user wrote it, there is nothing new to read.
 */
import { toCartableError } from '../net/errors.ts';
import type { ImapSession } from './client.ts';

/** The Sent folder by its SPECIAL-USE flag (RFC 6154), for when the folder list is not synced yet. */
export async function findSentPath(session: ImapSession): Promise<string | undefined> {
  const folders = await session.list();
  return folders.find((folder) => folder.specialUse === '\\Sent')?.path;
}

/**
 * Whether `folderPath` already holds a message with this Message-ID (SEARCH HEADER, RFC 3501
 * §6.4.4): filing the copy again after a crash, or after the user said an uncertain send did
 * go, must not leave two copies in Sent.
 */
export async function holdsMessageId(
  session: ImapSession,
  folderPath: string,
  messageId: string,
): Promise<boolean> {
  try {
    const lock = await session.client.getMailboxLock(folderPath, { readOnly: true });
    try {
      const found = await session.client.search({ header: { 'message-id': messageId } }, { uid: true });
      return Array.isArray(found) && found.length > 0;
    } finally {
      lock.release();
    }
  } catch (error) {
    throw toCartableError(error, session.context);
  }
}

export async function appendToSent(
  session: ImapSession,
  folderPath: string,
  raw: Buffer,
  date: Date,
): Promise<void> {
  try {
    await session.client.append(folderPath, raw, ['\\Seen'], date);
  } catch (error) {
    throw toCartableError(error, session.context);
  }
}
