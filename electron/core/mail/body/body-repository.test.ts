import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { BodyRepository } from './body-repository.ts';
import { opaqueBody, type ParsedBody } from './parse.ts';

function setup() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES ('f', 'a', 'Travail', 'Travail', '/', 1)",
  ).run();
  const insert = db.prepare(
    `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
       sort_subject, sort_from, to_json, cc_json, has_attachments)
     VALUES ('f', ?, '[]', 0, 0, 0, 0, ?, 100, 's', 's', '', '[]', '[{"name":"Cécile","address":"cecile@x.fr"}]', 0)`,
  );
  const ids = [1, 2, 3, 4].map((uid) => Number(insert.run(uid, uid * 1000).lastInsertRowid));
  return { db, ids, bodies: new BodyRepository(db) };
}

const parsed: ParsedBody = {
  text: 'Bonjour',
  html: '<p>Bonjour</p>',
  parts: [
    {
      partId: '2',
      filename: 'logo.png',
      mimeType: 'image/png',
      size: 4,
      contentId: 'logo@x',
      disposition: 'inline',
    },
  ],
  inline: [{ contentId: 'logo@x', mimeType: 'image/png', data: Buffer.from('89504e47', 'hex') }],
  note: null,
};

describe('BodyRepository', () => {
  it('stores a body with its inline images and reads it back as the contract shape', () => {
    const { bodies, ids } = setup();
    const id = ids[0] ?? 0;
    expect(bodies.store(id, parsed, 1234)).toBe(true);
    expect(bodies.get(id)).toEqual({
      messageId: id,
      text: 'Bonjour',
      html: '<p>Bonjour</p>',
      parts: parsed.parts,
      inline: [
        {
          contentId: 'logo@x',
          mimeType: 'image/png',
          base64: Buffer.from('89504e47', 'hex').toString('base64'),
        },
      ],
      note: null,
      fetchedAt: 1234,
      cc: [{ name: 'Cécile', address: 'cecile@x.fr' }],
    });
    // Storing again replaces, inline images included.
    bodies.store(id, opaqueBody('TOO_DEEP', 100), 2000);
    expect(bodies.get(id)).toMatchObject({ note: 'TOO_DEEP', inline: [], text: null, fetchedAt: 2000 });
  });

  it('does not store a body for a message deleted meanwhile', () => {
    const { bodies } = setup();
    expect(bodies.store(999, parsed, 0)).toBe(false);
    expect(bodies.get(999)).toBeUndefined();
  });

  it('locates a message on the server, and lists recent ones without a body, newest first', () => {
    const { bodies, ids } = setup();
    expect(bodies.locate(ids[1] ?? 0)).toEqual({
      messageId: ids[1],
      accountId: 'a',
      folderId: 'f',
      path: 'Travail',
      uid: 2,
      size: 100,
    });
    bodies.store(ids[3] ?? 0, parsed, 0);
    expect(bodies.missingSince('f', 2000).map((m) => m.uid)).toEqual([3, 2]);
  });
});
