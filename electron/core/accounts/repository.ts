/**
 * Accounts in SQLite. Settings are one JSON column validated on the way
 * out, so an old or damaged row is reported instead of trusted. No column
 * ever holds a password.
 */
import {
  accountSchema,
  accountSettingsSchema,
  davHomesSchema,
  type Account,
  type AccountSettings,
  type DavHomes,
} from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';

interface AccountRow {
  id: string;
  email: string;
  settings_json: string;
  dav_json: string | null;
  created_at: string;
  verified_at: string | null;
}

function fromRow(row: AccountRow): Account {
  const settings = accountSettingsSchema.parse(JSON.parse(row.settings_json));
  const dav = row.dav_json === null ? undefined : davHomesSchema.parse(JSON.parse(row.dav_json));
  return accountSchema.parse({
    ...settings,
    id: row.id,
    createdAt: row.created_at,
    ...(row.verified_at === null ? {} : { verifiedAt: row.verified_at }),
    ...(dav ? { dav } : {}),
  });
}

export class AccountRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  list(): Account[] {
    const rows = this.#db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY created_at, email').all();
    return rows.map(fromRow);
  }

  get(id: string): Account | undefined {
    const row = this.#db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?').get(id);
    return row ? fromRow(row) : undefined;
  }

  findByEmail(email: string): Account | undefined {
    const row = this.#db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?').get(email);
    return row ? fromRow(row) : undefined;
  }

  insert(id: string, settings: AccountSettings, dav: DavHomes | undefined, now: string): Account {
    this.#db
      .prepare(
        `INSERT INTO accounts (id, email, settings_json, dav_json, created_at, verified_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, settings.email, JSON.stringify(settings), dav ? JSON.stringify(dav) : null, now, now);
    return this.require(id);
  }

  update(id: string, settings: AccountSettings, dav: DavHomes | undefined, now: string): Account {
    this.#db
      .prepare('UPDATE accounts SET email = ?, settings_json = ?, dav_json = ?, verified_at = ? WHERE id = ?')
      .run(settings.email, JSON.stringify(settings), dav ? JSON.stringify(dav) : null, now, id);
    return this.require(id);
  }

  remove(id: string): boolean {
    return this.#db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }

  private require(id: string): Account {
    const account = this.get(id);
    if (!account) throw new Error(`account ${id} vanished inside its own transaction`);
    return account;
  }
}
