import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.ts';

/*
 * Every message gets a `search_key`: a unique integer in arrival-date order, NEWEST SMALLEST, and
 * the FTS row's rowid becomes that key. FTS5 walks its index in rowid order, so `ORDER BY rowid
 * LIMIT 50` stops after 50 matches instead of sorting all of them (DEPS.md: < 1 ms against
 * 37–140 ms p95 at 200k messages). Newest smallest because FTS5 appends cheaply only in rising
 * rowid order (a lower rowid flushes its pending segment first): the first sync and the
 * recent-bodies pass both go newest first, and measured 5× slower inserts and 3× slower body
 * updates with keys falling. The constants below are frozen with this step;
 * search/search-key.ts mirrors them to bound keys by date; search-key.test.ts checks they agree.
 */

/** Sequence numbers per second: INTERNALDATE has whole seconds (RFC 3501 §9 date-time). */
const PER_SECOND = 2 ** 20;
/**
 * Dates are clamped to [epoch, 2^33 s) (year 2242): a negative or absurd INTERNALDATE from a broken
 * server sorts oldest or newest instead of overflowing, and every key stays below 2^53, exact as a
 * JavaScript number for whoever reads one.
 */
const MAX_SECOND = 2 ** 33 - 1;
/**
 * A second already holding 2^20 messages (only a pile of clamped bogus dates could) spills into
 * keys from here up: still unique and findable, sorted as oldest; search skips its date-bound
 * shortcut while any such key exists.
 */
const OVERFLOW_BASE = (MAX_SECOND + 1) * PER_SECOND;

/** First key of the second holding `date` (ms); integer division truncates, the clamp handles negatives. */
function secondStart(date: string): string {
  return `((${MAX_SECOND} - max(0, min(${MAX_SECOND}, ${date} / 1000))) * ${PER_SECOND})`;
}

/**
 * The next free key for `date`: one past the highest key of its second. Within a second the
 * first stored sorts first: the first sync stores newest UIDs first, as the list shows them.
 * The ORDER BY … LIMIT 1 forms are index seeks on messages_by_search_key.
 */
function nextKey(date: string): string {
  const low = secondStart(date);
  return `(SELECT CASE WHEN next < ${low} + ${PER_SECOND} THEN next
            ELSE max(${OVERFLOW_BASE}, coalesce((SELECT search_key + 1 FROM messages WHERE search_key IS NOT NULL
                                                 ORDER BY search_key DESC LIMIT 1), 0)) END
           FROM (SELECT coalesce((SELECT search_key + 1 FROM messages
                                   WHERE search_key >= ${low} AND search_key < ${low} + ${PER_SECOND}
                                   ORDER BY search_key DESC LIMIT 1), ${low}) AS next))`;
}

/** Copied from 0005 on purpose: a released step's SQL must not change when another file does. */
function senderText(row: string): string {
  return `trim(coalesce(${row}.from_name, '') || ' ' || coalesce(${row}.from_address, ''))`;
}

function recipientsText(row: string): string {
  return `(SELECT coalesce(group_concat(coalesce(value ->> '$.name', '') || ' ' || coalesce(value ->> '$.address', ''), ' '), '')
           FROM (SELECT value FROM json_each(${row}.to_json) UNION ALL SELECT value FROM json_each(${row}.cc_json)))`;
}

/** Keys for rows that exist already: same formula as the trigger, in one pass. */
function backfillKeys(db: Database): void {
  // Within a second, the order the previous search gave (internal_date DESC, id DESC).
  db.exec(`
    UPDATE messages SET search_key = ranked.key
    FROM (SELECT id, ${secondStart('internal_date')} + row_number() OVER second - 1 AS key,
                 row_number() OVER second AS sequence
          FROM messages
          WINDOW second AS (PARTITION BY ${secondStart('internal_date')} ORDER BY internal_date DESC, id DESC)) AS ranked
    WHERE messages.id = ranked.id AND ranked.sequence <= ${PER_SECOND};
    -- ALTER TABLE cannot add a UNIQUE column; the unique index gives the same guarantee.
    CREATE UNIQUE INDEX messages_by_search_key ON messages (search_key);
  `);
  // The date is a parameter: inside nextKey's subqueries a bare internal_date would name the
  // scanned row, not the one being keyed. Cast, as better-sqlite3 binds JS numbers as REAL.
  const spill = db.prepare<{ id: number; date: number }>(
    `UPDATE messages SET search_key = ${nextKey('CAST(@date AS INTEGER)')} WHERE id = @id`,
  );
  const unkeyed = db
    .prepare<[], { id: number; date: number }>(
      'SELECT id, internal_date AS date FROM messages WHERE search_key IS NULL ORDER BY id',
    )
    .all();
  for (const row of unkeyed) spill.run(row);
}

export const searchKey: Migration = {
  version: 11,
  name: 'date-ordered search rowid',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN search_key INTEGER;
      DROP TRIGGER message_search_insert;
      DROP TRIGGER message_search_update;
      DROP TRIGGER message_search_delete;
    `);
    backfillKeys(db);
    db.exec(`
      -- Filter-only searches in a folder (pj:, taille>, avant: without words) walk this newest first.
      CREATE INDEX messages_by_folder_search_key ON messages (folder_id, search_key);

      -- Same table definition as 0005 (see its comments), rebuilt under the new rowids: FTS5 has no
      -- cheap way to renumber rows in place, and appending in rowid order writes a compact index.
      -- Body and attachment text exist only here, so they are copied, not recomputed.
      CREATE VIRTUAL TABLE message_search_v11 USING fts5(
        subject, sender, recipients, body, attachments,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      -- A bulk load merges once at the end ('optimize') rather than all along: ~20% less time
      -- at 200k messages. The defaults (automerge 4, crisismerge 16) come back below.
      INSERT INTO message_search_v11 (message_search_v11, rank) VALUES ('automerge', 0);
      INSERT INTO message_search_v11 (message_search_v11, rank) VALUES ('crisismerge', 64);
      INSERT INTO message_search_v11 (rowid, subject, sender, recipients, body, attachments)
      SELECT m.search_key, s.subject, s.sender, s.recipients, s.body, s.attachments
      FROM messages m JOIN message_search s ON s.rowid = m.id
      ORDER BY m.search_key;
      -- A message the old index lacked (it should not happen) gets its headers indexed now.
      INSERT INTO message_search_v11 (rowid, subject, sender, recipients, body, attachments)
      SELECT m.search_key, m.subject, ${senderText('m')}, ${recipientsText('m')}, '', ''
      FROM messages m WHERE NOT EXISTS (SELECT 1 FROM message_search s WHERE s.rowid = m.id);
      DROP TABLE message_search;
      ALTER TABLE message_search_v11 RENAME TO message_search;
      -- One segment instead of dozens: every later query reads fewer b-trees.
      INSERT INTO message_search (message_search) VALUES ('optimize');
      INSERT INTO message_search (message_search, rank) VALUES ('automerge', 4);
      INSERT INTO message_search (message_search, rank) VALUES ('crisismerge', 16);

      -- AFTER INSERT cannot change NEW, so the trigger keys the row it just inserted, then indexes it.
      CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
        UPDATE messages SET search_key = ${nextKey('new.internal_date')} WHERE id = new.id;
        INSERT INTO message_search (rowid, subject, sender, recipients, body, attachments)
        VALUES ((SELECT search_key FROM messages WHERE id = new.id),
                new.subject, ${senderText('new')}, ${recipientsText('new')}, '', '');
      END;
      -- The key is read from the table, not from NEW: message_search_redate may have moved it
      -- earlier in the same statement. Flag updates still do not touch the index.
      CREATE TRIGGER message_search_update
      AFTER UPDATE OF subject, from_name, from_address, to_json, cc_json ON messages BEGIN
        UPDATE message_search
        SET subject = new.subject, sender = ${senderText('new')}, recipients = ${recipientsText('new')}
        WHERE rowid = (SELECT search_key FROM messages WHERE id = new.id);
      END;
      -- IMAP never changes a message's INTERNALDATE, but a local writer might: the key follows the
      -- date to its new second, and the FTS row (body included) moves with it.
      CREATE TRIGGER message_search_redate AFTER UPDATE OF internal_date ON messages
      WHEN ${secondStart('new.internal_date')} IS NOT ${secondStart('old.internal_date')} BEGIN
        UPDATE messages SET search_key = ${nextKey('new.internal_date')} WHERE id = new.id;
        UPDATE message_search SET rowid = (SELECT search_key FROM messages WHERE id = new.id)
        WHERE rowid = old.search_key;
      END;
      CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.search_key;
      END;
    `);
  },
};
