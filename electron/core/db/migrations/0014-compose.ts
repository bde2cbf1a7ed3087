import type { Migration } from './migration.ts';

/**
 * The people in every header of the row `row`: the sender, then To and Cc. `written` is 1 for
 * the recipients of a message in a \Sent folder (RFC 6154): people the user wrote to rank first
 * in suggestions. The sender of a sent message is the user, not someone they wrote to.
 */
function people(row: string, written: 0 | 1): string {
  return `
    SELECT ${row}.from_address AS address, ${row}.from_name AS name, 0 AS written
    UNION ALL
    SELECT value ->> '$.address', value ->> '$.name', ${written} FROM json_each(${row}.to_json)
    UNION ALL
    SELECT value ->> '$.address', value ->> '$.name', ${written} FROM json_each(${row}.cc_json)`;
}

/** folders.special_use holds our name for the RFC 6154 attribute ('sent' for \\Sent), see special-use.ts. */
const inSent = (row: string) => `(SELECT special_use FROM folders WHERE id = ${row}.folder_id) IS 'sent'`;

/**
 * Upserts the people of `source` (rows of address, name, written, seen_at). Addresses are compared
 * lowercased: the local part is case-sensitive in theory (RFC 5321 §2.4) but never in practice,
 * and one person written two ways would be suggested twice. The newest non-empty name wins.
 */
function upsertPeople(source: string): string {
  return `
    INSERT INTO correspondents (address, name, written, seen, last_seen)
    SELECT lower(trim(address)), trim(coalesce(name, '')), written, 1, seen_at FROM (${source})
    WHERE address IS NOT NULL AND instr(address, '@') > 1 AND length(address) <= 320
    ON CONFLICT (address) DO UPDATE SET
      written = written + excluded.written,
      seen = seen + 1,
      name = CASE WHEN excluded.name <> '' AND (name = '' OR excluded.last_seen >= last_seen)
                  THEN excluded.name ELSE name END,
      last_seen = max(last_seen, excluded.last_seen)`;
}

/**
 * Compose settings per account (signatures, the submission server's SIZE limit) and the people
 * already seen, for address suggestions. Scanning to_json/cc_json of 200k messages on every
 * keystroke is a full-table JSON walk; this small table is kept up to date by a trigger as
 * messages arrive, and its FTS5 index answers "words starting with" in a few index seeks.
 */
export const compose: Migration = {
  version: 14,
  name: 'compose settings and known correspondents',
  up(db) {
    db.exec(`
      CREATE TABLE compose_settings (
        account_id        TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        -- Plain text; the compose window turns them into HTML.
        signature_new     TEXT NOT NULL DEFAULT '',
        signature_reply   TEXT NOT NULL DEFAULT '',
        -- The EHLO SIZE value (RFC 1870 §4) last read from the submission server; NULL when
        -- unknown or when the server announces SIZE without a limit.
        max_message_bytes INTEGER
      ) STRICT;

      -- Reply-To (JSON [{name, address}]) when it names someone else than From; NULL otherwise and
      -- for messages cached before this step (a reply to those goes to From).
      ALTER TABLE messages ADD COLUMN reply_to_json TEXT;

      CREATE TABLE correspondents (
        id        INTEGER PRIMARY KEY,
        address   TEXT NOT NULL UNIQUE,
        name      TEXT NOT NULL,
        -- How many times the user wrote to them (recipient of a message in Sent).
        written   INTEGER NOT NULL,
        -- How many headers named them, any folder.
        seen      INTEGER NOT NULL,
        -- INTERNALDATE (ms) of the newest message naming them.
        last_seen INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX correspondents_by_rank ON correspondents (written DESC, seen DESC, last_seen DESC);

      -- Same tokenizer as the message search: accents and case folded, so "elo" finds "Élodie".
      -- The address is split on its punctuation too: "dup" finds jean.dupont@ac-lyon.fr.
      CREATE VIRTUAL TABLE correspondent_search USING fts5(
        name, address,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      CREATE TRIGGER correspondent_search_insert AFTER INSERT ON correspondents BEGIN
        INSERT INTO correspondent_search (rowid, name, address) VALUES (new.id, new.name, new.address);
      END;
      -- Counts change on every message; only a new name touches the index.
      CREATE TRIGGER correspondent_search_rename AFTER UPDATE OF name ON correspondents
      WHEN new.name IS NOT old.name BEGIN
        UPDATE correspondent_search SET name = new.name WHERE rowid = new.id;
      END;
      CREATE TRIGGER correspondent_search_delete AFTER DELETE ON correspondents BEGIN
        DELETE FROM correspondent_search WHERE rowid = old.id;
      END;
    `);
    // Messages already cached, oldest first so the newest name wins as it would have. SQLite has no
    // lateral subquery, so the three header fields are three joins rather than people('m').
    const sent = `(${inSent('m')})`;
    db.exec(`
      ${upsertPeople(`
        SELECT m.from_address AS address, m.from_name AS name, 0 AS written, m.internal_date AS seen_at
        FROM messages m
        UNION ALL
        SELECT j.value ->> '$.address', j.value ->> '$.name', ${sent}, m.internal_date
        FROM messages m, json_each(m.to_json) j
        UNION ALL
        SELECT j.value ->> '$.address', j.value ->> '$.name', ${sent}, m.internal_date
        FROM messages m, json_each(m.cc_json) j
        ORDER BY seen_at`)};
    `);
    // Two triggers so the folder's special-use is looked up once per message, in WHEN, rather
    // than once per recipient: 100k synced messages pay for this table on every insert.
    db.exec(`
      CREATE TRIGGER correspondents_on_message AFTER INSERT ON messages WHEN NOT ${inSent('new')} BEGIN
        ${upsertPeople(`SELECT address, name, written, new.internal_date AS seen_at FROM (${people('new', 0)})`)};
      END;
      CREATE TRIGGER correspondents_on_sent_message AFTER INSERT ON messages WHEN ${inSent('new')} BEGIN
        ${upsertPeople(`SELECT address, name, written, new.internal_date AS seen_at FROM (${people('new', 1)})`)};
      END;
    `);
  },
};
