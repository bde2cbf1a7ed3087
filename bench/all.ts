/**
 * `npm run bench`: bench/run.ts once per mailbox size (10k, 100k, 200k by
 * default; BENCH_SIZES=… to choose), each in a process of its own against the
 * same local stack, then one table side by side and the memory ratio the
 * goal names (core RSS at 200k over 10k), in .artifacts/bench.json.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,200000').split(',').map(Number);
type Figures = Record<string, number | string>;
const bySize = new Map<number, Figures>();
// Every section at every size: a BENCH_ONLY left in the shell would skip most of them.
const { BENCH_ONLY: _ignored, ...withoutOnly } = process.env;

for (const size of sizes) {
  console.log(`\n=== ${size} messages ===`);
  execFileSync(process.execPath, [path.join(repoRoot, 'bench/run.ts')], {
    stdio: 'inherit',
    env: { ...withoutOnly, BENCH_MESSAGES: String(size) },
  });
  bySize.set(
    size,
    JSON.parse(readFileSync(path.join(repoRoot, `.artifacts/bench-${size}.json`), 'utf8')) as Figures,
  );
}

const rows: Array<[string, string, (f: Figures) => string]> = [
  [
    'header sync vs raw FETCH',
    '≥ 70 %',
    (f) =>
      `${f.cartableSyncPerSecond}/s vs ${f.rawFetchPerSecond}/s = ${Math.round((100 * Number(f.cartableSyncPerSecond)) / Number(f.rawFetchPerSecond))} %`,
  ],
  ['first 200 inbox rows', '≤ 2 s', (f) => `${(Number(f.firstScreenMs) / 1000).toFixed(2)} s`],
  [
    'event loop blocked during sync (p99 / max)',
    '≤ 50 ms',
    (f) => `${f.loopDelayP99Ms} / ${f.loopDelayMaxMs} ms`,
  ],
  ['no-change resync, 60 folders', '≤ 1 s', (f) => `${f.noChangeResyncMs} ms`],
  ['delivery → row via IDLE (p50 / p95)', 'p95 ≤ 1 s', (f) => `${f.idleP50Ms} / ${f.idleP95Ms} ms`],
  [
    '  delivery → EXISTS, floor (p50 / p95)',
    'Postfix + Dovecot',
    (f) => `${f.idleFloorP50Ms} / ${f.idleFloorP95Ms} ms`,
  ],
  ['search (p50 / p95)', 'p95 ≤ 50 ms', (f) => `${f.searchP50Ms} / ${f.searchP95Ms} ms`],
  ['core process RSS', '≤ 300 MB', (f) => `${f.coreRssMb} MB`],
  ['browser host cold start to the inbox', '≤ 1.5 s', (f) => `${f.coldStartMs} ms`],
  [
    'first screen after a click: inbox vs 1k folder',
    '≤ 100 ms, ≤ ×1.2',
    (f) =>
      `${f.firstScreenBigMs} vs ${f.firstScreenSmallMs} ms (×${(Number(f.firstScreenBigMs) / Number(f.firstScreenSmallMs)).toFixed(2)})`,
  ],
  [
    'frames while scrolling (p50 / p95 / max)',
    '16.7 ms',
    (f) => `${f.scrollFrameP50Ms} / ${f.scrollFrameP95Ms} / ${f.scrollFrameMaxMs} ms`,
  ],
];
const low = bySize.get(Math.min(...sizes));
const high = bySize.get(Math.max(...sizes));
const rssRatio = low && high ? Number(high.coreRssMb) / Number(low.coreRssMb) : NaN;

console.log(`\n| mesure | ${sizes.map((s) => `${s / 1000}k`).join(' | ')} | objectif |`);
console.log(`|---|${sizes.map(() => '---|').join('')}---|`);
for (const [name, goal, cell] of rows)
  console.log(`| ${name} | ${sizes.map((s) => cell(bySize.get(s) ?? {})).join(' | ')} | ${goal} |`);
console.log(
  `| core RSS ${Math.max(...sizes) / 1000}k / ${Math.min(...sizes) / 1000}k | ${rssRatio.toFixed(2)} | ≤ 1.25 |`,
);

writeFileSync(
  path.join(repoRoot, '.artifacts/bench.json'),
  JSON.stringify({ date: new Date().toISOString(), sizes: Object.fromEntries(bySize), rssRatio }, null, 2),
);
console.log('\n.artifacts/bench.json written');
