/** Messages between the core and its sync writer thread (sync-writer-worker.ts). */
import type { SyncWrite } from './sync-write.ts';

export interface WriterData {
  file: string;
  /** The write turn shared with the core's connection (db/write-turn.ts). */
  turn: SharedArrayBuffer;
}

export type WriterRequest = { kind: 'write'; id: number; write: SyncWrite } | { kind: 'stop' };

export type WriterReport =
  | { kind: 'committed'; id: number }
  | { kind: 'done'; id: number; count: number }
  | { kind: 'failed'; id: number; message: string; code?: string | undefined }
  | { kind: 'takeover' };
