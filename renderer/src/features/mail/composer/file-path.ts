/**
 * The path of a picked or dropped file, which the core can read directly.
 * Electron gives it through `webUtils.getPathForFile`, which the preload
 * exposes as `window.cartable.pathForFile`; the browser host has no such thing
 * (a page never learns a file's path), so there the file is uploaded instead.
 */
import type { DraftMessage } from '$shared/contract/index.ts';
import type { ComposeAttachment } from './compose-request.ts';

type PathForFile = (file: File) => string;

function bridgePathForFile(): PathForFile | undefined {
  const bridge: unknown = (globalThis as { cartable?: unknown }).cartable;
  if (typeof bridge !== 'object' || bridge === null || !('pathForFile' in bridge)) return undefined;
  const candidate = bridge.pathForFile;
  return typeof candidate === 'function' ? (candidate as PathForFile) : undefined;
}

let sequence = 0;

export function attachmentOf(file: File): ComposeAttachment {
  const pathForFile = bridgePathForFile();
  const path = pathForFile ? pathForFile(file) || undefined : undefined;
  sequence += 1;
  return { key: `file-${sequence}`, name: file.name, size: file.size, path };
}

/** An attachment a draft already names, by path or as a file uploaded to the core (its size is unknown here). */
export function attachmentOfDraft(file: DraftMessage['attachments'][number]): ComposeAttachment {
  sequence += 1;
  if ('stagedId' in file)
    return {
      key: `file-${sequence}`,
      name: file.name,
      size: undefined,
      path: undefined,
      stagedId: file.stagedId,
    };
  const name = file.path.split(/[\\/]/u).pop() ?? file.path;
  return { key: `file-${sequence}`, name, size: undefined, path: file.path };
}
