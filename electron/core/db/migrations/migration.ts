import type { Database } from 'better-sqlite3';

/**
 * One forward step of the schema. `version` is what `PRAGMA user_version`
 * holds after it; a released migration is never edited, only followed.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
