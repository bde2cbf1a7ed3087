/**
 * Checks a folder name before the core and the server see it, so the user
 * reads why in French at once instead of a server refusal later. The server
 * still has the last word (its error is shown as it comes).
 */
import type { Folder } from '$shared/contract/index.ts';
import type { MessageKey } from '../../../lib/i18n/index.ts';

/** The contract's limit for `mail.createFolder` / `mail.renameFolder`. */
export const MAX_FOLDER_NAME = 200;

export type NameProblem = { key: MessageKey; vars?: Record<string, string> } | undefined;

export interface NameContext {
  /** The folders beside the new or renamed one (same parent), without the renamed one itself. */
  siblings: readonly Pick<Folder, 'name'>[];
  /** The hierarchy delimiter: it would make the name a path. */
  delimiter: string;
  /** At the top of the account, where INBOX lives. */
  topLevel: boolean;
}

export function folderNameProblem(raw: string, context: NameContext): NameProblem {
  const name = raw.trim();
  if (name === '') return { key: 'mail.folder.nameEmpty' };
  if ([...name].length > MAX_FOLDER_NAME) return { key: 'mail.folder.nameTooLong' };
  if (context.delimiter !== '' && name.includes(context.delimiter))
    return { key: 'mail.folder.nameDelimiter', vars: { char: context.delimiter } };
  // RFC 3501 §5.1: INBOX is case-insensitive and always the inbox.
  if (context.topLevel && name.toUpperCase() === 'INBOX') return { key: 'mail.folder.nameReserved' };
  const folded = name.normalize('NFC');
  if (context.siblings.some((sibling) => sibling.name.normalize('NFC') === folded))
    return { key: 'mail.folder.nameTaken' };
  return undefined;
}
