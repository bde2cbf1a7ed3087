/**
 * Attachments uploaded by the page (the browser host cannot hand the core a file path): chunks
 * are appended to `<dir>/<uploadId>.part`; the final one moves it to `<dir>/<id>/<name>`, so the
 * file keeps the name it will be sent under and a staged id resolves only to a file inside the
 * directory (its name made safe as for a download: no separators, controls or reserved names).
 * Staged files go once the message that used them is accepted (or discarded), and
 * any left over after a day at the next start.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CartableError } from '../../../shared/contract/index.ts';
import type { Clock, Logger } from '../ports.ts';
import { safeFileName } from './download-path.ts';

export interface StageChunk {
  uploadId?: string | undefined;
  name: string;
  type: string;
  chunkBase64: string;
  final: boolean;
}

export interface StageResult {
  uploadId: string;
  stagedId?: string;
  size: number;
}

export interface StagingOptions {
  clock: Clock;
  logger: Logger;
  /** One file's cap: past it the upload is dropped with ATTACHMENT_TOO_LARGE. */
  maxBytes: number;
  /** Uploads at once; a page that starts more is refused rather than fill the disk. */
  maxUploads?: number;
  /** An upload not continued for this long is abandoned (a closed tab) and frees its slot. */
  idleMs?: number;
}

interface Upload {
  name: string;
  size: number;
  touchedAt: number;
  /** A chunk is being written: the page sends them one after another, never two at once. */
  busy: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const DEFAULT_MAX_UPLOADS = 8;
const DEFAULT_IDLE_MS = 10 * 60_000;
export const STALE_STAGED_MS = 24 * 60 * 60_000;

export class AttachmentStaging {
  readonly dir: string;
  readonly #options: StagingOptions;
  readonly #uploads = new Map<string, Upload>();
  /** Outbox id → the staged ids its message used, removed once the server accepted it. */
  readonly #claims = new Map<string, string[]>();

  constructor(dir: string, options: StagingOptions) {
    this.dir = dir;
    this.#options = options;
  }

  #now(): number {
    return this.#options.clock.now().getTime();
  }

  #partPath(uploadId: string): string {
    return path.join(this.dir, `${uploadId}.part`);
  }

  async #drop(uploadId: string): Promise<void> {
    this.#uploads.delete(uploadId);
    await rm(this.#partPath(uploadId), { force: true });
  }

  async #begin(name: string): Promise<string> {
    const idleBefore = this.#now() - (this.#options.idleMs ?? DEFAULT_IDLE_MS);
    for (const [id, upload] of this.#uploads)
      if (!upload.busy && upload.touchedAt < idleBefore) await this.#drop(id);
    const max = this.#options.maxUploads ?? DEFAULT_MAX_UPLOADS;
    if (this.#uploads.size >= max) throw new CartableError('UPLOAD_REFUSED', { reason: 'BUSY', max });
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const uploadId = randomUUID();
    await writeFile(this.#partPath(uploadId), new Uint8Array(), { flag: 'wx', mode: 0o600 });
    this.#uploads.set(uploadId, {
      name: safeFileName(name),
      size: 0,
      touchedAt: this.#now(),
      busy: false,
    });
    return uploadId;
  }

  /** One chunk; the first creates the upload, the final one stages the file. */
  async stage(chunk: StageChunk): Promise<StageResult> {
    const uploadId = chunk.uploadId ?? (await this.#begin(chunk.name));
    const upload = this.#uploads.get(uploadId);
    if (!upload) throw new CartableError('UPLOAD_REFUSED', { reason: 'UNKNOWN' });
    if (upload.busy) throw new CartableError('UPLOAD_REFUSED', { reason: 'BUSY_CHUNK' });
    upload.busy = true;
    try {
      const bytes = Buffer.from(chunk.chunkBase64, 'base64');
      if (upload.size + bytes.length > this.#options.maxBytes) {
        await this.#drop(uploadId);
        throw new CartableError('ATTACHMENT_TOO_LARGE', { name: upload.name, limit: this.#options.maxBytes });
      }
      await appendFile(this.#partPath(uploadId), bytes);
      upload.size += bytes.length;
      upload.touchedAt = this.#now();
      if (!chunk.final) return { uploadId, size: upload.size };
      await mkdir(path.join(this.dir, uploadId), { mode: 0o700 });
      await rename(this.#partPath(uploadId), path.join(this.dir, uploadId, upload.name));
      this.#uploads.delete(uploadId);
      return { uploadId, stagedId: uploadId, size: upload.size };
    } catch (error) {
      // A write that failed half-way (disk full) leaves nothing usable: the page starts again.
      if (this.#uploads.has(uploadId)) await this.#drop(uploadId);
      throw error;
    } finally {
      upload.busy = false;
    }
  }

  /** The staged file's path, only ever a regular file directly inside its id's directory. */
  pathOf(stagedId: string): string | undefined {
    if (!UUID.test(stagedId)) return undefined;
    const folder = path.join(this.dir, stagedId);
    try {
      if (!lstatSync(folder).isDirectory()) return undefined;
      const [name, ...others] = readdirSync(folder);
      if (name === undefined || others.length > 0) return undefined;
      const file = path.join(folder, name);
      return lstatSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  }

  /** The message queued as `outboxId` used these files: they go when it is accepted. */
  claim(outboxId: string, stagedIds: readonly string[]): void {
    if (stagedIds.length > 0) this.#claims.set(outboxId, [...stagedIds]);
  }

  /** The message left (or was discarded): its staged files are no longer needed. */
  async release(outboxId: string): Promise<void> {
    const ids = this.#claims.get(outboxId);
    this.#claims.delete(outboxId);
    for (const id of ids ?? []) await this.remove(id);
  }

  async remove(stagedId: string): Promise<void> {
    if (UUID.test(stagedId)) await rm(path.join(this.dir, stagedId), { recursive: true, force: true });
  }

  /**
   * At start, before any upload: parts are leftovers of a previous run; staged files older than
   * `maxAgeMs` are forgotten unless `keep` (drafts still naming them) says otherwise.
   */
  async sweep(keep: ReadonlySet<string>, maxAgeMs = STALE_STAGED_MS): Promise<void> {
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    const before = this.#now() - maxAgeMs;
    let removed = 0;
    for (const entry of entries) {
      const full = path.join(this.dir, entry);
      const info = await lstat(full).catch(() => undefined);
      if (!info) continue;
      const stale = entry.endsWith('.part') || (info.mtimeMs < before && !keep.has(entry));
      if (!stale) continue;
      await rm(full, { recursive: true, force: true });
      removed += 1;
    }
    if (removed > 0) this.#options.logger.info('stale staged attachments removed', { count: removed });
  }
}
