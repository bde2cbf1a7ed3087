/**
 * A sync in its own process, so a test can SIGKILL it at any point:
 * `node sync-child.ts <database> <user> <folder>`; prints "synced" when done.
 */
import { startEngine } from './engine.ts';
import { user } from '../stack.ts';

const [databasePath, name, folder] = process.argv.slice(2);
if (!databasePath || (name !== 'alice' && name !== 'bob') || !folder)
  throw new Error('usage: <database> <alice|bob> <folder>');
// Small batches give the first sync many commit points for the parent to kill between.
const engine = await startEngine(user(name), {
  databasePath,
  batchSizes: { first: 40, rest: 40 },
  onProgress: (synced, total) => console.log(`progress ${synced}/${total}`),
});
await engine.sync(folder);
await engine.close();
console.log('synced');
