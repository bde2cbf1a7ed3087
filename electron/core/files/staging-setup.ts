/**
 * Where the core keeps staged attachments: `staged-attachments/` next to the profile's database
 * (a throwaway directory for an in-memory one, removed at close), swept of leftovers at start.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { stagedIdsInDrafts } from '../mail/drafts/staged-refs.ts';
import type { CorePorts } from '../ports.ts';
import { MAX_ATTACHMENT_BYTES } from '../smtp/send.ts';
import { AttachmentStaging } from './attachment-staging.ts';

export const STAGING_DIR_NAME = 'staged-attachments';

export interface Staging {
  files: AttachmentStaging;
  /** The start-up sweep: uploads wait for it, so it never removes a part being written. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function openStaging(databasePath: string, db: Database, ports: CorePorts): Staging {
  const memory = databasePath === ':memory:';
  const dir = memory
    ? path.join(mkdtempSync(path.join(tmpdir(), 'cartable-staged-')), STAGING_DIR_NAME)
    : path.join(path.dirname(databasePath), STAGING_DIR_NAME);
  // A message over the send cap is refused anyway: one file past it is refused at upload.
  const files = new AttachmentStaging(dir, {
    clock: ports.clock,
    logger: ports.logger,
    maxBytes: MAX_ATTACHMENT_BYTES,
  });
  const ready = files.sweep(stagedIdsInDrafts(db)).catch((error: unknown) => {
    ports.logger.warn('staged attachments not swept', {
      error: error instanceof Error ? error.message : String(error),
    });
  });
  return {
    files,
    ready,
    async close() {
      await ready;
      if (memory) await rm(path.dirname(dir), { recursive: true, force: true });
    },
  };
}
