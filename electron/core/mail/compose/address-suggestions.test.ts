/**
 * Suggestions come from the correspondents table that migration 14's trigger fills as messages
 * are stored: prefix match on name words and address, accents and case folded, people the user
 * wrote to first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../db/database.ts';
import { migrations } from '../../db/migrations.ts';
import { MessageRepository } from '../message-repository.ts';
import type { MessageHeaders } from '../model.ts';
import { sampleHeaders } from '../../testing/headers.ts';
import { correspondentMatch, suggestAddresses } from './address-suggestions.ts';
import { CorrespondentIndex } from './correspondent-index.ts';

let uid = 0;
function message(overrides: Partial<MessageHeaders>): MessageHeaders {
  uid += 1;
  return sampleHeaders(uid, {
    internalDate: 1_700_000_000_000 + uid * 60_000,
    messageId: `<${uid}@x>`,
    ...overrides,
  });
}

function store(db: Database, folderId: string, batch: MessageHeaders[]): void {
  db.transaction(() => new MessageRepository(db).upsert(folderId, batch))();
}

const suggest = (db: Database, query: string, limit = 8) =>
  suggestAddresses(db, new CorrespondentIndex(db), { query, limit }).suggestions;

describe('address suggestions', () => {
  let db: Database;
  beforeEach(() => {
    db = openDatabase(':memory:');
    db.prepare("INSERT INTO accounts VALUES ('a', 'alice@x.fr', '{}', NULL, 'now', NULL)").run();
    db.prepare(
      `INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity, special_use)
       VALUES ('inbox', 'a', 'INBOX', 'INBOX', '/', 1, 1, NULL), ('sent', 'a', 'Sent', 'Sent', '/', 1, 1, 'sent')`,
    ).run();
  });

  it('matches the start of any word of the name or the address, accents and case folded', () => {
    store(db, 'inbox', [
      message({ from: { name: 'Élodie Martin', address: 'Elodie.Martin@ac-lyon.fr' } }),
      message({ from: { name: 'Jean Dupont', address: 'jdupont@ac-lyon.fr' } }),
    ]);
    expect(suggest(db, 'elo')).toEqual([{ name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' }]);
    expect(suggest(db, 'MART')).toEqual([{ name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' }]);
    expect(suggest(db, 'jdup').map((s) => s.address)).toEqual(['jdupont@ac-lyon.fr']);
    // "upont" is inside a word, not at its start.
    expect(suggest(db, 'upont')).toEqual([]);
    expect(suggest(db, 'élodie mar').map((s) => s.address)).toEqual(['elodie.martin@ac-lyon.fr']);
  });

  it('ranks people the user wrote to first, then by frequency, then by recency', () => {
    store(db, 'inbox', [
      message({ from: { name: 'Paul Often', address: 'paul.often@x.fr' } }),
      message({ from: { name: 'Paul Often', address: 'paul.often@x.fr' } }),
      message({ from: { name: 'Paul Old', address: 'paul.old@x.fr' } }),
      message({ from: { name: 'Paul New', address: 'paul.new@x.fr' } }),
    ]);
    store(db, 'sent', [
      message({
        from: { name: 'Alice', address: 'alice@x.fr' },
        cc: [{ name: 'Paul Written', address: 'paul.written@x.fr' }],
      }),
    ]);
    expect(suggest(db, 'paul').map((s) => s.address)).toEqual([
      'paul.written@x.fr',
      'paul.often@x.fr',
      'paul.new@x.fr',
      'paul.old@x.fr',
    ]);
    expect(suggest(db, 'paul', 2)).toHaveLength(2);
  });

  it("never suggests the user's own addresses", () => {
    store(db, 'inbox', [
      message({
        from: { name: 'Alain', address: 'alain@x.fr' },
        to: [{ name: 'Alice', address: 'Alice@x.fr' }],
      }),
    ]);
    expect(suggest(db, 'al').map((s) => s.address)).toEqual(['alain@x.fr']);
  });

  it('keeps one row per address (case folded) with the newest name', () => {
    store(db, 'inbox', [
      message({ from: { name: 'B. Martin', address: 'Bob@x.fr' } }),
      message({ to: [{ name: 'Bob Martin', address: 'bob@X.fr' }] }),
      message({ to: [{ name: '', address: 'bob@x.fr' }] }),
    ]);
    expect(suggest(db, 'bob')).toEqual([{ name: 'Bob Martin', address: 'bob@x.fr' }]);
  });

  it('treats what was typed as words, never as FTS5 syntax', () => {
    expect(correspondentMatch('NEAR(" a:b -c')).toBe('"NEAR"* "a"* "b"* "c"*');
    expect(correspondentMatch('@.-')).toBeUndefined();
    expect(suggest(db, '"*')).toEqual([]);
  });

  it('fills the table from messages cached before migration 14', () => {
    const old = openDatabase(':memory:', migrations.slice(0, 13));
    old.prepare("INSERT INTO accounts VALUES ('a', 'alice@x.fr', '{}', NULL, 'now', NULL)").run();
    old
      .prepare(
        `INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity, special_use)
         VALUES ('sent', 'a', 'Sent', 'Sent', '/', 1, 1, 'sent'), ('inbox', 'a', 'INBOX', 'INBOX', '/', 1, 1, NULL)`,
      )
      .run();
    store(old, 'inbox', [
      message({ from: { name: 'Zoé Roux', address: 'zoe@x.fr' } }),
      message({ from: { name: 'Zoé Roux', address: 'zoe@x.fr' } }),
    ]);
    store(old, 'sent', [message({ to: [{ name: 'Zoé Rivière', address: 'zriviere@x.fr' }] })]);
    migrate(old, migrations);
    expect(suggest(old, 'zo')).toEqual([
      { name: 'Zoé Rivière', address: 'zriviere@x.fr' },
      { name: 'Zoé Roux', address: 'zoe@x.fr' },
    ]);
  });
});
