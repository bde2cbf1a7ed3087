/**
 * A big folder in a profile database, written in one SQL statement instead of
 * synced: the list reads only the database, and 100k messages synced from
 * Dovecot take minutes. The folder is local only (no server mailbox), so the
 * core must not sync while a test uses it (watchMail off, no polling).
 * The rows go through the same triggers as synced ones (search index,
 * conversation heads, folder counts).
 */
import BetterSqlite3 from 'better-sqlite3';

const names = ['Élodie Martin', 'Jean Dupont', 'Sophie Bernard', 'Luc Petit', 'Anne Moreau', 'Zoé Roux'];

export function seedSyntheticFolder(
  databasePath: string,
  accountId: string,
  path: string,
  count: number,
): string {
  const db = new BetterSqlite3(databasePath);
  db.pragma('busy_timeout = 10000');
  const folderId = `synthetic-${path.replace(/\W/g, '-')}`;
  try {
    db.transaction(() => {
      db.prepare(
        `INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity, initial_done)
         VALUES (?, ?, ?, ?, '/', 1, 1, 1)`,
      ).run(folderId, accountId, path, path);
      // Message n° 1 is the oldest; each is its own conversation. Negative thread ids cannot meet
      // real ones (message ids), and each folder takes ids below the previous folder's.
      const base =
        db
          .prepare<[], { low: number | null }>(
            'SELECT min(thread_id) AS low FROM messages WHERE thread_id < 0',
          )
          .get()?.low ?? 0;
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
         INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size,
           subject, sort_subject, sort_from, from_name, from_address, to_json, cc_json, has_attachments, thread_id)
         SELECT @folderId, i, '["\\Seen"]', 1, i % 10 = 0, i % 7 = 0, 0, 1600000000000 + i * 600000, 2000 + i % 90000,
           'Message n° ' || i, 'message n° ' || printf('%07d', i),
           lower(json_extract(@names, '$[' || (i % 6) || ']')), json_extract(@names, '$[' || (i % 6) || ']'),
           'personne' || (i % 6) || '@ac-lyon.fr', '[]', '[]', i % 5 = 0, @base - i
         FROM n`,
      ).run({ folderId, count, base, names: JSON.stringify(names) });
    })();
  } finally {
    db.close();
  }
  return folderId;
}
