import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { MessageRepository } from '../message-repository.ts';
import type { MessageHeaders } from '../model.ts';
import { sampleHeaders } from '../../testing/headers.ts';
import { indexBody } from './index-body.ts';
import { searchMessages, type SearchRequest } from './search.ts';

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

function headers(uid: number, partial: Partial<MessageHeaders>): MessageHeaders {
  return sampleHeaders(uid, {
    internalDate: day(2025, 9, uid),
    from: { name: 'Personne', address: 'personne@ac-lyon.fr' },
    ...partial,
  });
}

let db: Database;
let repository: MessageRepository;

function addFolder(id: string, accountId: string) {
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES (?, ?, ?, ?, '/', 1)",
  ).run(id, accountId, id, id);
}

function search(query: string, scope: Partial<SearchRequest> = {}) {
  return searchMessages(db, { query, offset: 0, limit: 50, ...scope });
}

/** uids of the results, in order; uids are unique across folders in these tests. */
function uids(query: string, scope: Partial<SearchRequest> = {}) {
  return search(query, scope).messages.map((m) => m.uid);
}

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare("INSERT INTO accounts VALUES ('b', 'b@x.fr', '{}', NULL, 'now', NULL)").run();
  addFolder('a-inbox', 'a');
  addFolder('a-sent', 'a');
  addFolder('b-inbox', 'b');
  repository = new MessageRepository(db);
  repository.upsert('a-inbox', [
    headers(1, {
      subject: 'Conseil de classe du 3e trimestre',
      from: { name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' },
      to: [{ name: 'Paul Durand', address: 'paul.durand@ac-lyon.fr' }],
    }),
    headers(2, {
      subject: 'Réunion parents-professeurs',
      from: { name: 'Paul Durand', address: 'paul.durand@ac-lyon.fr' },
      cc: [{ name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' }],
      size: 3 * 1024 ** 2,
      hasAttachments: true,
    }),
    headers(3, { subject: "L'élève absent", internalDate: day(2025, 10, 15), hasAttachments: true }),
  ]);
  repository.upsert('a-sent', [headers(4, { subject: 'Re: Réunion parents-professeurs' })]);
  repository.upsert('b-inbox', [headers(5, { subject: 'Réunion de rentrée', size: 600 * 1024 })]);
});

describe('searchMessages', () => {
  it('is accent-insensitive both ways', () => {
    expect(uids('eleve ')).toEqual([3]);
    expect(uids('ÉLÈVE ')).toEqual([3]);
    expect(uids('Reunion ')).toEqual([5, 4, 2]);
  });

  it('treats the word being typed as a prefix', () => {
    expect(uids('conseil cla')).toEqual([1]);
    expect(uids('conseil cla ')).toEqual([]);
    expect(uids('reu')).toEqual([5, 4, 2]);
  });

  it('matches quoted phrases as phrases', () => {
    expect(uids('"conseil de classe"')).toEqual([1]);
    expect(uids('"classe de conseil"')).toEqual([]);
  });

  it.each([
    ['de:durand', [2]],
    ['from:Durand', [2]],
    ['de:paul.durand@ac-lyon.fr', [2]],
    ['à:durand', [1]],
    ['a:durand', [1]],
    ['to:durand', [1]],
    ['à:elodie', [2]],
    ['objet:classe', [1]],
    ['subject:classe', [1]],
    ['pj:oui', [3, 2]],
    ['pj:', [3, 2]],
    ['has:attachment', [3, 2]],
    ['pj:non reunion', [5, 4]],
    ['avant:2025-09-02', [1]],
    ['before:02/09/2025', [1]],
    ['après:2025-09-05', [3, 5]],
    ['apres:05/09/2025', [3, 5]],
    ['after:2025-09-05', [3, 5]],
    ['taille>2Mo', [2]],
    ['larger:500k', [5, 2]],
    ['LARGER:500K', [5, 2]],
  ])('%s finds %j', (query, expected) => {
    expect(uids(query)).toEqual(expected);
  });

  it('combines words and filters, and works with filters alone', () => {
    expect(uids('reunion pj:oui')).toEqual([2]);
    expect(uids('pj:oui avant:2025-10-01')).toEqual([2]);
    expect(uids('de:durand objet:classe')).toEqual([]);
  });

  it('keeps field operators to their column', () => {
    // "Durand" is a recipient of 1, not its sender.
    expect(uids('durand ')).toEqual([2, 1]);
    expect(uids('de:durand ')).toEqual([2]);
  });

  it('scopes to the folder, else the account, else everything', () => {
    expect(uids('reunion', { folderId: 'a-inbox' })).toEqual([2]);
    expect(uids('reunion', { accountId: 'a' })).toEqual([4, 2]);
    expect(uids('reunion', { accountId: 'b' })).toEqual([5]);
    expect(uids('reunion')).toEqual([5, 4, 2]);
    expect(uids('reunion', { folderId: 'a-sent', accountId: 'b' })).toEqual([4]);
  });

  it('returns newest first with the total across pages', () => {
    const page = (offset: number) => search('message', { offset, limit: 2 });
    repository.upsert(
      'b-inbox',
      [20, 21, 22, 23, 24].map((uid) =>
        headers(uid, { subject: 'Message', internalDate: day(2025, 1, 30 - uid) }),
      ),
    );
    expect(page(0)).toMatchObject({ total: 5 });
    expect([0, 2, 4].flatMap((offset) => page(offset).messages.map((m) => m.uid))).toEqual([
      20, 21, 22, 23, 24,
    ]);
    expect(page(10)).toEqual({ total: 5, totalCapped: false, messages: [] });
  });

  it('returns summaries as the list does', () => {
    expect(search('de:durand').messages).toEqual([
      {
        id: 2,
        folderId: 'a-inbox',
        uid: 2,
        subject: 'Réunion parents-professeurs',
        from: { name: 'Paul Durand', address: 'paul.durand@ac-lyon.fr' },
        to: [],
        date: day(2025, 9, 2),
        size: 3 * 1024 ** 2,
        seen: false,
        flagged: false,
        answered: false,
        hasAttachments: true,
      },
    ]);
  });

  it('finds nothing for an empty or noise-only query, and never throws on hostile text', () => {
    expect(search('')).toEqual({ total: 0, totalCapped: false, messages: [] });
    for (const hostile of [
      'x'.repeat(10_000),
      '"unbalanced',
      'AND OR NOT NEAR(',
      '* ^ : ( ) - +',
      'subject:"a" OR body:*',
      '😀 🎉',
      'de: à: avant: taille>',
      '"" "\\"',
      'NEAR("a" "b", 2)',
    ]) {
      expect(() => search(hostile)).not.toThrow();
    }
    // FTS5 keywords typed by the user are words: "or" must occur in the message.
    repository.upsert('a-inbox', [headers(30, { subject: 'Or et argent' })]);
    expect(uids('AND OR ')).toEqual([]);
    expect(uids('OR ')).toEqual([30]);
  });

  it('keeps the index right through flag updates, header rewrites and deletions', () => {
    repository.upsert('a-inbox', [headers(1, { flags: ['\\Seen'], subject: 'ignored by the upsert' })]);
    expect(repository.applyFlags('a-inbox', [{ uid: 2, modseq: undefined, flags: ['\\Flagged'] }])).toBe(1);
    expect(uids('conseil ')).toEqual([1]);
    expect(search('reunion', { folderId: 'a-inbox' }).messages[0]?.flagged).toBe(true);

    db.prepare("UPDATE messages SET subject = 'Sortie scolaire' WHERE uid = 3").run();
    expect(uids('eleve ')).toEqual([]);
    expect(uids('sortie ')).toEqual([3]);

    repository.remove('a-inbox', [1]);
    expect(uids('conseil ')).toEqual([]);
    expect(uids('à:durand')).toEqual([]);
    repository.removeAll('a-sent');
    expect(uids('reunion ')).toEqual([5, 2]);
    db.prepare("DELETE FROM folders WHERE id = 'b-inbox'").run();
    expect(uids('reunion ')).toEqual([2]);
    const indexed = db.prepare('SELECT count(*) AS n FROM message_search').get();
    expect(indexed).toEqual(db.prepare('SELECT count(*) AS n FROM messages').get());
  });
});

describe('indexBody', () => {
  it('makes body words and attachment names findable, and keeps the header columns', () => {
    const id = db.prepare<[], { id: number }>('SELECT id FROM messages WHERE uid = 3').get()?.id ?? 0;
    expect(uids('cantine ')).toEqual([]);
    expect(indexBody(db, id, 'Il a mangé à la cantine.', ['bulletin-trimestre.pdf'])).toBe(true);
    expect(uids('cantine ')).toEqual([3]);
    expect(uids('mange ')).toEqual([3]);
    expect(uids('pj:bulletin')).toEqual([3]);
    expect(uids('bulletin ')).toEqual([3]);
    expect(uids('eleve ')).toEqual([3]);
    expect(uids('objet:cantine')).toEqual([]);
    // A header rewrite keeps the body.
    db.prepare("UPDATE messages SET subject = 'Sortie' WHERE id = ?").run(id);
    expect(uids('cantine ')).toEqual([3]);
    // Indexing again replaces the body.
    indexBody(db, id, 'Piscine', []);
    expect(uids('cantine ')).toEqual([]);
    expect(uids('pj:bulletin')).toEqual([]);
  });

  it('returns false for a message that is gone', () => {
    expect(indexBody(db, 9999, 'text', [])).toBe(false);
  });
});
