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
