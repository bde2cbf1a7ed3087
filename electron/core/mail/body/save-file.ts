/**
 * Writes a stream to a new file, safely: the destination must be an absolute
 * path in an existing directory, is never overwritten, and appears only when
 * complete (written under a temporary name, then hard-linked into place, which
 * fails rather than replace a file created meanwhile).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, lstat, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CartableError } from '../../../../shared/contract/index.ts';

/** A file name the user's OS accepts everywhere (Windows is the strictest). */
const UNSAFE_NAME = /[<>:"|?*]/;

function hasControlCharacter(name: string): boolean {
  return [...name].some((char) => char.charCodeAt(0) < 0x20);
}

function refuse(reason: string): never {
  // An existing file is the user's to keep: never overwritten, and said plainly.
  if (reason === 'EXISTS') throw new CartableError('FILE_EXISTS', { reason });
  throw new CartableError('INVALID_PARAMS', { path: 'destination', reason });
}

export async function checkDestination(destination: string): Promise<string> {
  if (!path.isAbsolute(destination)) refuse('NOT_ABSOLUTE');
  // "..", "." and doubled separators would make the file land somewhere the host did not choose.
  if (path.normalize(destination) !== destination || destination.endsWith(path.sep)) refuse('NOT_NORMAL');
  const name = path.basename(destination);
  if (UNSAFE_NAME.test(name) || hasControlCharacter(name)) refuse('BAD_NAME');
  const directory = await lstat(path.dirname(destination)).catch(() => undefined);
  // A symbolic link as the directory could point anywhere: the host must give the real one.
  if (!directory?.isDirectory()) refuse('NO_DIRECTORY');
  if (await lstat(destination).catch(() => undefined)) refuse('EXISTS');
  return destination;
}

/**
 * Checks the destination, then opens the content (so nothing is downloaded for a refused
 * path) and streams it to disk. `undefined` from `open` means the content does not exist.
 */
export async function writeNewFile(
  open: () => Promise<Readable | undefined>,
  destination: string,
): Promise<{ path: string; size: number } | undefined> {
  const target = await checkDestination(destination);
  const content = await open();
  if (!content) return undefined;
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`,
  );
  try {
    await pipeline(content, createWriteStream(temporary, { flags: 'wx' }));
    const { size } = await stat(temporary);
    try {
      await link(temporary, target);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'EEXIST') refuse('EXISTS');
      // FAT and exFAT (USB keys) have no hard links: check, then rename (a narrow race we accept there).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      if (await lstat(target).catch(() => undefined)) refuse('EXISTS');
      await rename(temporary, target);
    }
    return { path: target, size };
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
