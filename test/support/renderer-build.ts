/**
 * End-to-end tests drive the built renderer (dist/renderer): rebuilt here when
 * any renderer or shared source is newer than the build, so a test never
 * exercises yesterday's bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const rendererDir = path.join(repoRoot, 'dist/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureRendererBuilt(): void {
  const index = path.join(rendererDir, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'renderer')),
    newestMtime(path.join(repoRoot, 'shared')),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  // Not vitest's environment: under NODE_ENV=test Vite resolves Svelte's server build, and the page cannot mount.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
  );
  execFileSync(
    path.join(repoRoot, 'node_modules/.bin/vite'),
    ['build', '--config', 'build/vite.renderer.config.ts'],
    {
      cwd: repoRoot,
      stdio: 'ignore',
      env,
    },
  );
}
