/**
 * `npm start`: the Electron app where its runtime is installed; otherwise
 * (as on machines that cannot download it) says so and starts the browser
 * host on 127.0.0.1, printing the URL to open.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run } from './run.ts';

function electronBinary(): string | undefined {
  const pathFile = path.join(repoRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(repoRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const rendererBuilt = existsSync(path.join(repoRoot, 'dist/renderer/index.html'));
if (!rendererBuilt && (await run('npm', ['run', '--silent', 'build:renderer'])) !== 0) process.exit(1);

const electron = electronBinary();
if (electron) {
  if ((await run('npm', ['run', '--silent', 'build:electron'])) !== 0) process.exit(1);
  process.exit(await run(electron, [path.join(repoRoot, 'dist/electron/main.mjs')]));
}
console.log(
  'Le runtime Electron n’est pas installé sur cette machine : Cartable démarre dans le navigateur.',
);
process.exit(await run('node', ['electron/server/main.ts', ...process.argv.slice(2)]));
