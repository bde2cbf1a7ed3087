import type { Migration } from './migration.ts';

export const messageBodies: Migration = {
  version: 6,
  name: 'message bodies and their inline images',
  up(db) {
    db.exec(`
      -- One row per message whose body was fetched. Attachments are listed, never stored:
      -- they are streamed from the server to disk when the user saves one. No copy of the
      -- plain text here: it is handed to the search index when stored (message_search keeps it).
      CREATE TABLE bodies (
        message_id  INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        text        TEXT,
        -- Raw: sanitised only by the renderer's one mail view, at display time.
        html        TEXT,
        -- [{partId, filename, mimeType, size, contentId, disposition}]
        parts_json  TEXT NOT NULL,
        -- Why the body is partial (a named limit of the MIME reader), NULL when complete.
        note        TEXT CHECK (note IN ('TOO_DEEP', 'TOO_MANY_PARTS', 'HEADER_TOO_LARGE', 'PARSE_FAILED', 'TOO_LARGE')),
        fetched_at  INTEGER NOT NULL
      ) STRICT;

      -- Small cid: images, so an HTML mail reads offline (size bounded by the parser's limits).
      CREATE TABLE body_inline_parts (
        message_id  INTEGER NOT NULL REFERENCES bodies(message_id) ON DELETE CASCADE,
        content_id  TEXT NOT NULL,
        mime_type   TEXT NOT NULL,
        data        BLOB NOT NULL,
        PRIMARY KEY (message_id, content_id)
      ) STRICT;
    `);
  },
};
