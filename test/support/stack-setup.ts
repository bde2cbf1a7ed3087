/**
 * vitest globalSetup for the integration and e2e projects: starts the real
 * server stack (idempotent, quick when it already runs) and sweeps away test
 * folders an interrupted run left behind. The stack is never stopped here:
 * the next run reuses it, and `npm run stack:stop` stops it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { connect, deleteTestFolders } from './mail/imap-admin.ts';
import { user } from './stack.ts';

export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync('bash', [path.join(root, 'test/stack/start.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const name of ['alice', 'bob', 'carol'] as const) {
    const client = await connect(user(name));
    for (const prefix of ['Tests', 'Classe', 'Corps', 'Actions']) await deleteTestFolders(client, prefix);
    await client.logout();
  }
}
