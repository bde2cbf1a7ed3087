/**
 * Makes every write of a connection take the write turn (write-turn.ts) first:
 * transactions, statements that write outside one, and exec. Reads never wait.
 *
 * The core's code keeps calling `db.transaction(...)` and `db.prepare(...)` as
 * before; this is the one place that knows another thread may be writing.
 * better-sqlite3 runs BEGIN and COMMIT through its native handle, so wrapping
 * the JavaScript methods sees each transaction exactly once.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { WriteTurn } from './write-turn.ts';

type Variant = 'default' | 'deferred' | 'immediate' | 'exclusive';
const variants: readonly Variant[] = ['default', 'deferred', 'immediate', 'exclusive'];

function guardStatement(statement: Statement, turn: WriteTurn): Statement {
  // RETURNING statements write through get() and all() too.
  if (statement.readonly) return statement;
  const run = statement.run.bind(statement);
  const get = statement.get.bind(statement);
  const all = statement.all.bind(statement);
  statement.run = (...params: unknown[]) => turn.hold(() => run(...params));
  statement.get = (...params: unknown[]) => turn.hold(() => get(...params));
  statement.all = (...params: unknown[]) => turn.hold(() => all(...params));
  return statement;
}

export function guardWrites(db: Database, turn: WriteTurn): void {
  const prepare = db.prepare.bind(db);
  const transaction = db.transaction.bind(db);
  const exec = db.exec.bind(db);

  db.prepare = ((source: string) => guardStatement(prepare(source), turn)) as Database['prepare'];

  db.exec = (source: string) => {
    turn.hold(() => exec(source));
    return db;
  };

  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const original = transaction(fn) as Transaction<(...args: unknown[]) => unknown>;
    const wrap =
      (variant: Variant) =>
      (...args: unknown[]) =>
        turn.hold(() => original[variant](...args));
    const guarded = wrap('default');
    const properties: PropertyDescriptorMap = { database: { value: db, enumerable: true } };
    for (const variant of variants) properties[variant] = { value: wrap(variant) };
    Object.defineProperties(guarded, properties);
    return guarded;
  }) as Database['transaction'];
}
