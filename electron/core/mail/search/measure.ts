/**
 * Measures search over 50k synthetic messages (run by hand, not a test):
 *   node electron/core/mail/search/measure.ts [count]
 * Prints p50/p95 per query; figures go in reports, never in assertions.
 */
import { openDatabase } from '../../db/database.ts';
import { MessageRepository } from '../message-repository.ts';
import type { MessageHeaders } from '../model.ts';
import { indexBody } from './index-body.ts';
import { searchMessages } from './search.ts';

const count = Number(process.argv[2] ?? 50_000);
const runs = 40;

const words = [
  'conseil',
  'classe',
  'réunion',
  'élève',
  'parents',
  'professeurs',
  'bulletin',
  'trimestre',
  'sortie',
  'cantine',
  'absence',
  'devoirs',
  'examen',
  'brevet',
  'emploi',
  'temps',
  'inspection',
  'formation',
  'rectorat',
  'académie',
  'projet',
  'voyage',
  'piscine',
  'notes',
  'orientation',
  'stage',
  'budget',
];
const people = [
  'Élodie Martin',
  'Paul Durand',
  'Chloé Bernard',
  'Karim Haddad',
  'Sophie Petit',
  'Hugo Moreau',
];

let seed = 42;
/** mulberry32: a plain LCG's low bits cycle, which put every message in one folder. */
function random(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
}
const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T;
/** Bodies draw mostly from a large synthetic vocabulary, so school words are frequent but not everywhere. */
const vocabulary = Array.from({ length: 5000 }, (_, i) => `mot${i.toString(36)}`);
const bodyWord = () => (random(5) === 0 ? pick(words) : pick(vocabulary));
const person = () => {
  const name = pick(people);
  return {
    name,
    address: `${name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(' ', '.')}@ac-lyon.fr`,
  };
};

const db = openDatabase(':memory:');
db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
for (const folder of ['inbox', 'sent', 'archive']) {
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES (?, 'a', ?, ?, '/', 1)",
  ).run(folder, folder, folder);
}
const repository = new MessageRepository(db);
const start = performance.now();
const now = Date.UTC(2025, 9, 1);
db.transaction(() => {
  for (let uid = 1; uid <= count; uid++) {
    const headers: MessageHeaders = {
      uid,
      modseq: undefined,
      flags: [],
      // The first sync goes newest first, so ids run against dates, as in real profiles.
      internalDate: now - uid * 600_000,
      sentDate: undefined,
      size: 2000 + random(5_000_000),
      subject: `${pick(words)} ${pick(words)} ${pick(words)}`,
      from: person(),
      to: [person(), person()],
      cc: [],
      messageId: undefined,
      inReplyTo: undefined,
      references: [],
      listId: undefined,
      hasAttachments: random(5) === 0,
    };
    repository.upsert(pick(['inbox', 'inbox', 'sent', 'archive']), [headers]);
  }
})();
const insertMs = performance.now() - start;
const bodyStart = performance.now();
db.transaction(() => {
  for (let id = 1; id <= count; id++) {
    indexBody(db, id, Array.from({ length: 60 }, bodyWord).join(' '), random(5) === 0 ? ['piece.pdf'] : []);
  }
})();
const bodyMs = performance.now() - bodyStart;
console.log(
  `${count} messages: headers+index ${(count / (insertMs / 1000)).toFixed(0)}/s, bodies ${(count / (bodyMs / 1000)).toFixed(0)}/s`,
);

const queries: Array<[string, { folderId?: string }]> = [
  ['conseil', {}],
  ['conseil', { folderId: 'inbox' }],
  ['conseil cla', {}],
  ['re', {}],
  ['"conseil classe"', {}],
  ['de:durand objet:brevet', {}],
  ['eleve pj:oui', {}],
  ['pj:oui avant:2025-06-01', {}],
  ['taille>4Mo', { folderId: 'inbox' }],
  ['zzzz', {}],
];
for (const [query, scope] of queries) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    total = searchMessages(db, { query, ...scope, offset: 0, limit: 50 }).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  console.log(
    `${JSON.stringify(query).padEnd(28)} ${JSON.stringify(scope).padEnd(22)} total ${String(total).padStart(6)}  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`,
  );
}
db.close();
