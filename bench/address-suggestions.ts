/**
 * `node bench/address-suggestions.ts [messages]`: what address suggestions cost, on a profile
 * of its own (no stack needed). Not part of `npm run bench`: it measures SQLite only.
 *
 * 1. The sync's price: messages stored through MessageRepository.upsert in batches of 500 into
 *    two profiles, one with migration 14's queueing trigger and one without, batches
 *    interleaved so a noisy machine slows both alike.
 * 2. The background fold of that queue into correspondents: per-slice time (the core must not
 *    be held past ~50 ms) and total.
 * 3. Suggestion latency on the folded profile and on test/support's synthetic folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../electron/core/db/database.ts';
import { suggestAddresses } from '../electron/core/mail/compose/address-suggestions.ts';
import {
  CORRESPONDENT_SLICE,
  CorrespondentIndex,
} from '../electron/core/mail/compose/correspondent-index.ts';
import { MessageRepository } from '../electron/core/mail/message-repository.ts';
import type { MessageHeaders } from '../electron/core/mail/model.ts';
import { seedSyntheticFolder } from '../test/support/mail/synthetic-folder.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'cartable-suggest-bench-'));
const firstNames = [
  'Élodie',
  'Jean',
  'Sophie',
  'Luc',
  'Anne',
  'Zoé',
  'Hélène',
  'François',
  'Cécile',
  'Jérôme',
];

/** 20k senders among 30k people: a large school's years of mail. */
function person(n: number): { name: string; address: string } {
  return { name: `${firstNames[n % 10]} Nom${Math.floor(n / 10).toString(36)}`, address: `p${n}@ac-lyon.fr` };
}

function headers(i: number): MessageHeaders {
  return {
    uid: i,
    modseq: undefined,
    flags: ['\\Seen'],
    internalDate: 1_600_000_000_000 + i * 600_000,
    sentDate: undefined,
    size: 2000,
    subject: `Message ${i}`,
    from: person((i * 7919) % 20_000),
    to: [{ name: 'Alice', address: 'alice@ac-lyon.fr' }, person((i * 104_729) % 30_000)],
    cc: [person((i * 31) % 30_000)],
    messageId: `<${i}@bench>`,
    inReplyTo: undefined,
    references: [],
    listId: undefined,
    hasAttachments: false,
  };
}

function profile(name: string, queueing: boolean): Database {
  const db = openDatabase(path.join(dir, `${name}.sqlite`));
  db.prepare("INSERT INTO accounts VALUES ('a', 'alice@ac-lyon.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity) VALUES ('f', 'a', 'f', 'f', '/', 1, 1)",
  ).run();
  if (!queueing) db.exec('DROP TRIGGER correspondents_pending_insert');
  return db;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

// 1. Insert cost with and without the queueing trigger.
const sides = [
  { db: profile('queue', true), ms: 0 },
  { db: profile('none', false), ms: 0 },
];
let turn = 0;
for (let high = COUNT; high > 0; high -= 500) {
  const batch: MessageHeaders[] = [];
  for (let i = high; i > Math.max(0, high - 500); i--) batch.push(headers(i));
  for (const side of turn++ % 2 === 0 ? sides : [...sides].reverse()) {
    const repository = new MessageRepository(side.db);
    const started = performance.now();
    side.db.transaction(() => repository.upsert('f', batch))();
    side.ms += performance.now() - started;
  }
}
const [queued, bare] = sides as [(typeof sides)[0], (typeof sides)[0]];
console.log(
  `store ${COUNT} messages: ${queued.ms.toFixed(0)} ms with the queue trigger, ${bare.ms.toFixed(0)} ms without ` +
    `(${(((queued.ms - bare.ms) / COUNT) * 1000).toFixed(1)} µs per message, ${((queued.ms / bare.ms - 1) * 100).toFixed(1)} %)`,
);
bare.db.close();

// 2. The background fold, slice by slice.
const index = new CorrespondentIndex(queued.db);
const slices: number[] = [];
for (;;) {
  const started = performance.now();
  const folded = index.catchUp(CORRESPONDENT_SLICE);
  if (folded === 0) break;
  slices.push(performance.now() - started);
}
const total = slices.reduce((sum, ms) => sum + ms, 0);
slices.sort((a, b) => a - b);
console.log(
  `fold ${COUNT} messages into ${String(queued.db.prepare('SELECT count(*) FROM correspondents').pluck().get())} correspondents: ` +
    `${total.toFixed(0)} ms in ${slices.length} slices of ${CORRESPONDENT_SLICE} (p50 ${percentile(slices, 0.5).toFixed(1)} ms, ` +
    `p95 ${percentile(slices, 0.95).toFixed(1)} ms, max ${percentile(slices, 1).toFixed(1)} ms)`,
);

// 3. Suggestion latency.
function latencies(db: Database, label: string, queries: string[]): void {
  const folded = new CorrespondentIndex(db);
  folded.catchUp(Number.POSITIVE_INFINITY);
  const times: number[] = [];
  for (let round = 0; round < 30; round++)
    for (const query of queries) {
      const started = performance.now();
      suggestAddresses(db, folded, { query, limit: 8 });
      times.push(performance.now() - started);
    }
  times.sort((a, b) => a - b);
  console.log(
    `suggest on ${label} (${queries.length} queries × 30): p50 ${percentile(times, 0.5).toFixed(2)} ms, ` +
      `p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${percentile(times, 1).toFixed(2)} ms`,
  );
}
const queries = ['e', 'é', 'p1', 'hel', 'hélène nom1', 'jer', 'p12345@ac', 'zzz'];
latencies(queued.db, `${COUNT} messages, 30k people`, queries);
queued.db.close();

const synthetic = path.join(dir, 'synthetic.sqlite');
const seeded = openDatabase(synthetic);
seeded.prepare("INSERT INTO accounts VALUES ('a', 'alice@ac-lyon.fr', '{}', NULL, 'now', NULL)").run();
seeded.close();
seedSyntheticFolder(synthetic, 'a', 'Synthétique', COUNT);
const syntheticDb = openDatabase(synthetic);
const fold = performance.now();
new CorrespondentIndex(syntheticDb).catchUp(Number.POSITIVE_INFINITY);
console.log(`fold the ${COUNT}-message synthetic folder: ${(performance.now() - fold).toFixed(0)} ms`);
latencies(syntheticDb, `the ${COUNT}-message synthetic folder`, [
  'elo',
  'é',
  'zoe',
  'personne',
  'mar',
  'zzz',
]);
syntheticDb.close();
rmSync(dir, { recursive: true, force: true });
