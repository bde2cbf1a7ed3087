/**
 * A sync killed with SIGKILL at random points, twenty times, then allowed to
 * finish: the database ends equal to the server, with no message twice.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database.ts';
import {
  append,
  connect,
  createTestFolder,
  deleteTestFolders,
  serverState,
} from '../support/mail/imap-admin.ts';
import { generateCorpus } from '../support/mail/corpus.ts';
import { user } from '../support/stack.ts';

const child = path.resolve(import.meta.dirname, '../support/mail/sync-child.ts');
const KILLS = 20;
let admin: ImapFlow;

beforeAll(async () => {
  admin = await connect(user('alice'));
});
afterAll(async () => {
  await deleteTestFolders(admin, 'Tests');
  await admin.logout();
});

/** Where to kill: after `batches` committed batches (0: while starting), plus `delayMs`. */
interface KillPoint {
  batches: number;
  delayMs: number;
}

interface Run {
  outcome: 'synced' | 'killed';
  /** Messages the run still had to fetch when it wrote its first batch (undefined: none written). */
  pending: number | undefined;
}

function runChild(database: string, folder: string, kill?: KillPoint): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, database, 'alice', folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let batches = 0;
    const arm = () => setTimeout(() => proc.kill('SIGKILL'), kill?.delayMs ?? 0);
    if (kill?.batches === 0) arm();
    proc.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      const seen = text.match(/^progress /gm)?.length ?? 0;
      if (kill && batches < kill.batches && batches + seen >= kill.batches) arm();
      batches += seen;
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('exit', (code, signal) => {
      const first = /^progress \d+\/(\d+)$/m.exec(output);
      const pending = first?.[1] === undefined ? undefined : Number(first[1]);
      if (signal === 'SIGKILL') resolve({ outcome: 'killed', pending });
      else if (code === 0 && output.includes('synced')) resolve({ outcome: 'synced', pending });
      else reject(new Error(`sync child failed (${code}): ${output}`));
    });
  });
}

describe('a sync killed at random points', () => {
  it(`resumes after ${KILLS} SIGKILLs to exactly the server's state`, async () => {
    const folder = await createTestFolder(admin);
    await append(admin, folder, generateCorpus(2000, 5));
    const database = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-crash-')), 'p.sqlite');
    // mulberry32: a seeded generator whose low bits are usable (an LCG's cycle with period 4).
    let seed = 17;
    const next = (modulo: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % modulo;
    };
    const runs: Run[] = [];
    for (let i = 0; i < KILLS; i++) {
      const kill = { batches: next(4), delayMs: next(40) };
      runs.push(
        await runChild(
          database,
          folder,
          kill.batches === 0 ? { batches: 0, delayMs: 150 + next(500) } : kill,
        ),
      );
      if (i === KILLS / 2) await append(admin, folder, generateCorpus(4, 6)); // mail keeps arriving
    }
    expect(runs.filter((r) => r.outcome === 'killed').length).toBeGreaterThanOrEqual(KILLS - 2);
    // Each run went on where the previous one was killed: what was left to fetch only shrank.
    const pending = runs.flatMap((r) => (r.pending === undefined ? [] : [r.pending]));
    expect(pending[0]).toBe(2000);
    expect(pending.length).toBeGreaterThan(5);
    for (let i = 1; i < pending.length; i++) expect(pending[i]).toBeLessThan(pending[i - 1] as number);
    expect((await runChild(database, folder)).outcome).toBe('synced');

    const server = await serverState(admin, folder);
    const db = openDatabase(database);
    const rows = db
      .prepare<[], { uid: number; flags: string; size: number }>('SELECT uid, flags, size FROM messages')
      .all();
    db.close();
    expect(server.size).toBe(2004);
    expect(rows).toHaveLength(server.size);
    expect(new Set(rows.map((r) => r.uid)).size).toBe(rows.length);
    for (const row of rows) {
      expect(server.get(row.uid)).toEqual({
        uid: row.uid,
        flags: JSON.parse(row.flags) as string[],
        size: row.size,
      });
    }
  }, 240_000);
});
