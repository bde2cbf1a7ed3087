import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { listConversations, listThread } from './conversations.ts';
import { MessageRepository } from './message-repository.ts';
import type { MessageHeaders } from './model.ts';
import { sampleHeaders } from '../testing/headers.ts';
import { SUBJECT_WINDOW_MS } from './threading.ts';

const DAY = 24 * 3600_000;
let db: Database;
let messages: MessageRepository;
let uid = 0;

function folder(id: string, account = 'a'): string {
  db.prepare('INSERT OR IGNORE INTO accounts VALUES (?, ?, ?, NULL, ?, NULL)').run(
    account,
    `${account}@x.fr`,
    '{}',
    'now',
  );
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES (?, ?, ?, ?, '/', 1)",
  ).run(id, account, id, id);
  return id;
}

type MailFields = Partial<MessageHeaders> & { subject: string; date: number };

function headersOf(nextUid: number, fields: MailFields): MessageHeaders {
  return sampleHeaders(nextUid, {
    internalDate: fields.date,
    sentDate: fields.date,
    size: 100,
    from: { name: 'Élodie', address: 'e@x.fr' },
    ...fields,
  });
}

function mail(folderId: string, fields: MailFields): number {
  const headers = headersOf(++uid, fields);
  db.transaction(() => messages.upsert(folderId, [headers]))();
  return (
    db
      .prepare<[string, number], { id: number }>('SELECT id FROM messages WHERE folder_id = ? AND uid = ?')
      .get(folderId, headers.uid)?.id ?? -1
  );
}

function threadOf(id: number): number {
  return (
    db.prepare<[number], { thread_id: number }>('SELECT thread_id FROM messages WHERE id = ?').get(id)
      ?.thread_id ?? -1
  );
}

beforeEach(() => {
  db = openDatabase(':memory:');
  messages = new MessageRepository(db);
  uid = 0;
});

describe('threading', () => {
  it('puts a reply in the conversation of the message it answers', () => {
    const inbox = folder('inbox');
    const a = mail(inbox, { subject: 'Conseil de classe', date: 1 * DAY, messageId: '<a@x>' });
    const b = mail(inbox, {
      subject: 'Re: Conseil de classe',
      date: 2 * DAY,
      messageId: '<b@x>',
      inReplyTo: '<a@x>',
    });
    const c = mail(inbox, { subject: 'Sortie au musée', date: 3 * DAY, messageId: '<c@x>' });
    expect(threadOf(b)).toBe(threadOf(a));
    expect(threadOf(c)).not.toBe(threadOf(a));
  });

  it('gathers replies that arrived before their parent, and merges the threads a message links', () => {
    const inbox = folder('inbox');
    const reply1 = mail(inbox, {
      subject: 'Re: Réunion',
      date: 2 * DAY,
      messageId: '<r1@x>',
      references: ['<p@x>'],
    });
    const reply2 = mail(inbox, {
      subject: 'Re: Réunion',
      date: 3 * DAY,
      messageId: '<r2@x>',
      references: ['<q@x>'],
    });
    expect(threadOf(reply1)).not.toBe(threadOf(reply2));
    const parent = mail(inbox, { subject: 'Réunion', date: 1 * DAY, messageId: '<p@x>' });
    expect(threadOf(parent)).toBe(threadOf(reply1));
    const bridge = mail(inbox, {
      subject: 'Re: Réunion',
      date: 4 * DAY,
      messageId: '<q@x>',
      references: ['<p@x>'],
    });
    expect(new Set([parent, reply1, reply2, bridge].map(threadOf)).size).toBe(1);
  });

  it('follows a conversation across folders: the reply in Envoyés joins the inbox thread', () => {
    const inbox = folder('inbox');
    const sent = folder('sent');
    const question = mail(inbox, { subject: 'Emploi du temps', date: 1 * DAY, messageId: '<q@x>' });
    const answer = mail(sent, {
      subject: 'RE: Emploi du temps',
      date: 2 * DAY,
      messageId: '<a@x>',
      inReplyTo: '<q@x>',
    });
    expect(threadOf(answer)).toBe(threadOf(question));
    expect(listThread(db, threadOf(question)).map((m) => m.folderId)).toEqual(['inbox', 'sent']);
  });

  it('falls back on the subject only for replies without references, and only within a window', () => {
    const inbox = folder('inbox');
    const original = mail(inbox, { subject: 'Conseil', date: 10 * DAY });
    const reply = mail(inbox, { subject: 'TR: Conseil', date: 11 * DAY });
    const sameSubjectNotReply = mail(inbox, { subject: 'Conseil', date: 12 * DAY });
    const tooLate = mail(inbox, { subject: 'Re: Conseil', date: 12 * DAY + SUBJECT_WINDOW_MS + DAY });
    expect(threadOf(reply)).toBe(threadOf(original));
    expect(threadOf(sameSubjectNotReply)).not.toBe(threadOf(original));
    expect([threadOf(original), threadOf(sameSubjectNotReply)]).not.toContain(threadOf(tooLate));
  });

  it('never joins conversations of two different accounts', () => {
    const mine = folder('mine', 'a');
    const theirs = folder('theirs', 'b');
    const a = mail(mine, { subject: 'Projet', date: DAY, messageId: '<same@x>' });
    const b = mail(theirs, {
      subject: 'Re: Projet',
      date: 2 * DAY,
      inReplyTo: '<same@x>',
      messageId: '<other@x>',
    });
    expect(threadOf(b)).not.toBe(threadOf(a));
  });

  it('lists one row per conversation with its latest message, size and unread count', () => {
    const inbox = folder('inbox');
    const sent = folder('sent');
    mail(inbox, { subject: 'Conseil', date: 1 * DAY, messageId: '<1@x>', flags: ['\\Seen'] });
    mail(sent, {
      subject: 'Re: Conseil',
      date: 2 * DAY,
      messageId: '<2@x>',
      inReplyTo: '<1@x>',
      flags: ['\\Seen'],
    });
    mail(inbox, { subject: 'Re: Conseil', date: 3 * DAY, messageId: '<3@x>', inReplyTo: '<2@x>' });
    mail(inbox, { subject: 'Sortie', date: 2.5 * DAY, messageId: '<4@x>' });
    const page = listConversations(db, {
      folderId: inbox,
      sort: 'date',
      order: 'desc',
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(2);
    expect(page.conversations.map((c) => [c.subject, c.messageCount, c.unreadCount])).toEqual([
      ['Re: Conseil', 3, 1],
      ['Sortie', 1, 1],
    ]);
  });

  it('threads a batch written in one transaction exactly as it would thread its messages one by one', () => {
    // A tangle: replies before parents, copies of one message in two folders, bridges
    // merging threads, reply subjects without references, all within one batch.
    const random = (() => {
      let seed = 7;
      return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    })();
    const pick = (n: number) => Math.floor(random() * n);
    const corpus: MailFields[] = [];
    for (let i = 0; i < 400; i++) {
      const refs = Array.from({ length: pick(3) }, () => `<m${pick(300)}@x>`);
      corpus.push({
        subject: `${pick(2) ? 'Re: ' : ''}Sujet ${pick(40)}`,
        date: pick(200) * DAY,
        // Some Message-IDs repeat: the same message synced in two folders.
        messageId: pick(10) === 0 ? undefined : `<m${i % 300}@x>`,
        inReplyTo: pick(3) === 0 ? `<m${pick(300)}@x>` : undefined,
        references: refs,
      });
    }
    const folders = ['inbox', 'sent'];
    const writeAll = (inBatches: boolean): number[] => {
      db = openDatabase(':memory:');
      messages = new MessageRepository(db);
      uid = 0;
      for (const id of folders) folder(id);
      const headers = corpus.map((fields, i) => headersOf(i + 1, fields));
      const folderOf = (i: number) => folders[i % 2] ?? 'inbox';
      if (inBatches) {
        db.transaction(() => {
          for (const id of folders)
            messages.upsert(
              id,
              headers.filter((_, i) => folderOf(i) === id),
            );
        })();
      } else {
        // The same order as the batches: the subject fallback depends on what came first.
        for (const id of folders)
          headers.forEach((h, i) => {
            if (folderOf(i) === id) db.transaction(() => messages.upsert(id, [h]))();
          });
      }
      return db
        .prepare<[], { thread_id: number }>('SELECT thread_id FROM messages ORDER BY folder_id, uid')
        .all()
        .map((row) => row.thread_id);
    };
    const oneByOne = writeAll(false);
    const batched = writeAll(true);
    // Thread ids are message ids, which differ with the insertion order: compare the partitions.
    const partition = (threads: number[]) => {
      const first = new Map<number, number>();
      return threads.map((t, i) => first.get(t) ?? (first.set(t, i), i));
    };
    expect(new Set(batched).size).toBeLessThan(batched.length);
    expect(partition(batched)).toEqual(partition(oneByOne));
  });
});
