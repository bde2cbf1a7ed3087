/**
 * Stored bodies. A body and its inline images are written in one
 * transaction; they go away with their message (ON DELETE CASCADE).
 */
import { bodyNoteSchema, bodyPartSchema, type MessageBody } from '../../../../shared/contract/index.ts';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ParsedBody } from './parse.ts';

/** What fetching needs to know of a message: where it lives on the server. */
export interface MessageLocation {
  messageId: number;
  accountId: string;
  folderId: string;
  path: string;
  uid: number;
  size: number;
}

interface BodyRow {
  text: string | null;
  html: string | null;
  parts_json: string;
  note: string | null;
  fetched_at: number;
  cc_json: string;
}

const ccSchema = z.array(z.object({ name: z.string(), address: z.string() }));

const partsSchema = bodyPartSchema.array();

export class BodyRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  locate(messageId: number): MessageLocation | undefined {
    return this.#db
      .prepare<[number], MessageLocation>(
        `SELECT m.id AS messageId, f.account_id AS accountId, f.id AS folderId, f.path AS path, m.uid AS uid,
           m.size AS size
         FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id = ?`,
      )
      .get(messageId);
  }

  /** Stores (or replaces) a body; false when the message was deleted meanwhile. */
  store(messageId: number, body: ParsedBody, fetchedAt: number): boolean {
    return this.#db.transaction(() => {
      const exists = this.#db.prepare('SELECT 1 FROM messages WHERE id = ?').get(messageId);
      if (!exists) return false;
      this.#db.prepare('DELETE FROM bodies WHERE message_id = ?').run(messageId);
      this.#db
        .prepare(
          `INSERT INTO bodies (message_id, text, html, parts_json, note, fetched_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(messageId, body.text, body.html, JSON.stringify(body.parts), body.note, fetchedAt);
      const inline = this.#db.prepare(
        'INSERT OR IGNORE INTO body_inline_parts (message_id, content_id, mime_type, data) VALUES (?, ?, ?, ?)',
      );
      for (const image of body.inline) inline.run(messageId, image.contentId, image.mimeType, image.data);
      return true;
    })();
  }

  get(messageId: number): MessageBody | undefined {
    const row = this.#db
      .prepare<[number], BodyRow>(
        `SELECT b.text, b.html, b.parts_json, b.note, b.fetched_at, m.cc_json
         FROM bodies b JOIN messages m ON m.id = b.message_id WHERE b.message_id = ?`,
      )
      .get(messageId);
    if (!row) return undefined;
    const inline = this.#db
      .prepare<[number], { content_id: string; mime_type: string; data: Buffer }>(
        'SELECT content_id, mime_type, data FROM body_inline_parts WHERE message_id = ? ORDER BY content_id',
      )
      .all(messageId);
    return {
      messageId,
      text: row.text,
      html: row.html,
      parts: partsSchema.parse(JSON.parse(row.parts_json)),
      inline: inline.map((image) => ({
        contentId: image.content_id,
        mimeType: image.mime_type,
        base64: image.data.toString('base64'),
      })),
      note: row.note === null ? null : bodyNoteSchema.parse(row.note),
      fetchedAt: row.fetched_at,
      cc: ccSchema.parse(JSON.parse(row.cc_json)),
    };
  }

  /** Messages of a folder that arrived since `sinceMs` and have no body yet, newest first. */
  missingSince(folderId: string, sinceMs: number): Array<{ messageId: number; uid: number; size: number }> {
    return this.#db
      .prepare<[string, number], { messageId: number; uid: number; size: number }>(
        `SELECT m.id AS messageId, m.uid AS uid, m.size AS size FROM messages m
         WHERE m.folder_id = ? AND m.internal_date >= ?
           AND NOT EXISTS (SELECT 1 FROM bodies b WHERE b.message_id = m.id)
         ORDER BY m.internal_date DESC, m.uid DESC`,
      )
      .all(folderId, sinceMs);
  }
}
