/**
 * A free path for saving an attachment in the user's Downloads folder, for
 * hosts without a save dialog (the browser host). The name comes from a
 * hostile mail: it loses separators, control and bidirectional characters,
 * Windows-forbidden characters and reserved names, and never replaces a file
 * ("devoir.pdf" → "devoir (2).pdf"). The write itself (save-file.ts) still
 * refuses an existing file, so a race ends in FILE_EXISTS, not an overwrite.
 */
import { mkdir, lstat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { CartableError } from '../../../shared/contract/index.ts';

/** Windows' limit is 255 per name; keep room for " (99)" and the temporary suffix of save-file.ts. */
const MAX_NAME_CHARS = 180;
/** After this many "(n)" the folder is full of copies: say so rather than loop. */
const MAX_COPIES = 99;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const FORBIDDEN = /[<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters (below U+0020, and DEL) become "_" too. */
function withoutControls(name: string): string {
  return [...name].map((char) => (char.charCodeAt(0) < 0x20 || char === '\u007f' ? '_' : char)).join('');
}

export function defaultDownloadsDir(): string {
  return path.join(homedir(), 'Downloads');
}

export function safeFileName(filename: string): string {
  let name = withoutControls(filename.normalize('NFC'))
    .replace(FORBIDDEN, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (RESERVED_WINDOWS.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME_CHARS) {
    const extension = path.extname(name).slice(0, 16);
    name = name.slice(0, MAX_NAME_CHARS - extension.length) + extension;
  }
  return name || 'piece-jointe';
}

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

export async function freeDownloadPath(directory: string, filename: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  const name = safeFileName(filename);
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length) || name;
  for (let copy = 1; copy <= MAX_COPIES; copy += 1) {
    const candidate = path.join(directory, copy === 1 ? name : `${stem} (${copy})${extension}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new CartableError('FILE_EXISTS', { reason: 'TOO_MANY_COPIES' });
}
