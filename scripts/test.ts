/**
 * `npm test`: installs what the tests need, starts the real server stack,
 * then runs every check — lint (with the import zones), types, formatting,
 * builds, and the four vitest projects inside a real Secret Service session.
 * Ends with one line "N passed, N failed" summing everything.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run } from './run.ts';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
}

const artifacts = path.join(repoRoot, '.artifacts');
mkdirSync(artifacts, { recursive: true });
const bin = (name: string) => path.join(repoRoot, 'node_modules/.bin', name);

let passed = 0;
let failed = 0;
const summary: string[] = [];

async function check(name: string, command: string, args: readonly string[]): Promise<boolean> {
  console.log(`\n▶ ${name}`);
  const ok = (await run(command, args)) === 0;
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? '✓' : '✗'} ${name}`);
  return ok;
}

const ready =
  (await check('dépendances de test (Chromium, trousseau)', 'bash', ['test/support/install-deps.sh'])) &&
  (await check('pile de serveurs de test', 'bash', ['test/stack/start.sh']));

await check('lint (zones d’import comprises)', bin('eslint'), ['--max-warnings', '0', '.']);
await check('types (tsc -b + svelte-check)', 'npm', ['run', '--silent', 'typecheck']);
await check('formatage (prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
await check('build du renderer', bin('vite'), [
  'build',
  '--logLevel',
  'warn',
  '--config',
  'build/vite.renderer.config.ts',
]);
await check('bundle Electron (main, preload, cœur)', 'node', ['build/bundle-electron.ts']);

const reportFile = path.join(artifacts, 'vitest.json');
rmSync(reportFile, { force: true });
if (ready) {
  console.log('\n▶ vitest (unit, renderer, integration, e2e)');
  await run('bash', [
    'test/support/with-keyring.sh',
    bin('vitest'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ]);
}
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  // A skipped or todo test did not prove anything: count it as failed, never as passed.
  const unproven = report.numPendingTests + report.numTodoTests;
  passed += report.numPassedTests;
  failed += report.numFailedTests + unproven;
  summary.push(
    `vitest : ${report.numPassedTests} réussis, ${report.numFailedTests} échoués, ${unproven} ignorés`,
  );
  if (report.numTotalTests === 0) failed++;
} else {
  failed++;
  summary.push('✗ vitest n’a produit aucun rapport');
}

console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
