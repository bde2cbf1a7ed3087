/**
 * Senders whose remote images the user chose to always show, for the whole
 * profile. Kept as a small JSON file beside the database rather than in it:
 * there is no settings table, this session may not add a migration, and a
 * file in the profile directory still moves with the profile and is shared
 * by every window (they all talk to this one core). Written to a temporary
 * name then renamed, so a crash leaves the old list or the new one, never
 * half of one. Addresses are kept in lower case; the From header can be
 * forged, as every mail client's allow-list accepts.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../ports.ts';

export const REMOTE_SENDERS_FILE = 'remote-content-senders.json';
/** A list this long is a bug or an attack on the file, not a user's choices. */
export const MAX_REMOTE_SENDERS = 2000;

const fileSchema = z.object({ version: z.literal(1), senders: z.array(z.string().max(320)) });

export class RemoteContentSenders {
  readonly #file: string | undefined;
  readonly #senders: Set<string>;

  /** `profileDir` undefined (an in-memory database): the list lasts as long as the core. */
  constructor(profileDir: string | undefined, logger: Logger) {
    this.#file = profileDir === undefined ? undefined : path.join(profileDir, REMOTE_SENDERS_FILE);
    this.#senders = new Set(this.#read(logger));
  }

  list(): string[] {
    return [...this.#senders].sort();
  }

  /** Adds or removes one sender; true when the list changed (and was saved). */
  set(sender: string, allow: boolean): boolean {
    const key = sender.trim().toLowerCase();
    if (allow === this.#senders.has(key)) return false;
    if (allow && this.#senders.size >= MAX_REMOTE_SENDERS) return false;
    if (allow) this.#senders.add(key);
    else this.#senders.delete(key);
    this.#write();
    return true;
  }

  #read(logger: Logger): string[] {
    if (this.#file === undefined) return [];
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch {
      return []; // No choice made yet.
    }
    try {
      const parsed = fileSchema.parse(JSON.parse(text));
      return parsed.senders.slice(0, MAX_REMOTE_SENDERS).map((sender) => sender.toLowerCase());
    } catch {
      // A damaged list only means images are blocked again: safe, and said in the log.
      logger.warn('remote content senders file unreadable, starting empty', { file: this.#file });
      return [];
    }
  }

  #write(): void {
    if (this.#file === undefined) return;
    const temporary = `${this.#file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, senders: this.list() }), { mode: 0o600 });
    renameSync(temporary, this.#file);
  }
}
