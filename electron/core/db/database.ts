/**
 * Opens the profile database: WAL, foreign keys, and every pending migration
 * applied in one transaction (all or nothing). A database written by a newer
 * Cartable is refused rather than half-understood.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { CartableError } from '../../../shared/contract/index.ts';
import { migrations as defaultMigrations, type Migration } from './migrations.ts';

export type { Database };

export function openDatabase(file: string, migrations: readonly Migration[] = defaultMigrations): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    configureConnection(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What every connection to the profile sets for itself (the sync's writer thread has its own). */
export function configureConnection(db: Database): void {
  db.pragma('foreign_keys = ON');
  // NORMAL is safe with WAL: a power cut may lose the last commit, never corrupt.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, migrations: readonly Migration[]): void {
  const supported = migrations.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > supported) throw new CartableError('DB_NEWER_VERSION', { found, supported });
  const pending = migrations.filter((m) => m.version > found);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      // user_version lives in the database header and is rolled back with the transaction.
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
