/**
 * vitest globalSetup for the integration and e2e projects: starts the real
 * server stack (idempotent, quick when it already runs). It is never stopped
 * here: the next run reuses it, and `npm run stack:stop` stops it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync('bash', [path.join(root, 'test/stack/start.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
