import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { MessageRepository } from './message-repository.ts';
import { sampleHeaders } from '../testing/headers.ts';

const header = (uid: number) => sampleHeaders(uid, { flags: uid % 2 ? ['\\Seen'] : [] });

describe('a whole folder read for the comparison with the server', () => {
  it('gives every UID and its flags, in order, whatever the chunk size', async () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
    for (const id of ['f', 'g'])
      db.prepare(
        "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES (?, 'a', ?, ?, '/', 1)",
      ).run(id, id, id);
    const messages = new MessageRepository(db);
    const uids = [3, 4, 9, 10, 11, 40];
    db.transaction(() => {
      messages.upsert('f', uids.map(header));
      messages.upsert('g', [header(5)]);
    })();
    // 6 rows: chunks of 3 end on a full chunk, chunks of 4 on a partial one.
    for (const chunk of [1, 3, 4, 6, 100]) {
      expect(await messages.uids('f', chunk)).toEqual(uids);
      const flags = await messages.flagsByUid('f', chunk);
      expect([...flags.keys()]).toEqual(uids);
      expect(flags.get(9)).toBe('["\\\\Seen"]');
      expect(flags.get(10)).toBe('[]');
    }
    db.close();
  });
});
