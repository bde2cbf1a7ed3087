/**
 * The memory goal's measuring child: a core opened on a profile the bench
 * synced, doing what a person's first minutes do (folder list, the first
 * screens of every folder, conversations, a scroll deep into the inbox,
 * searches), then printing its own RSS as JSON. A process of its own, so the
 * figure is the core's alone: no seeding corpus, no raw IMAP client, no
 * harness. Usage: node bench/core-memory.ts <profile.sqlite>
 */
import { startTestCore } from '../test/support/core.ts';

const databasePath = process.argv[2];
if (!databasePath) throw new Error('usage: node bench/core-memory.ts <profile.sqlite>');

// No watcher and no periodic sync: the profile's password is not in this process's keychain.
const app = startTestCore({ databasePath, watchMail: false, pollIntervalMs: 3_600_000 });
const { client } = app;
let rows = 0;
for (const account of await client.invoke('accounts.list', {})) {
  const folders = await client.invoke('mail.listFolders', { accountId: account.id });
  for (const folder of folders) {
    rows += (await client.invoke('mail.listMessages', { folderId: folder.id, limit: 100 })).messages.length;
    rows += (await client.invoke('mail.listConversations', { folderId: folder.id, limit: 100 })).conversations
      .length;
  }
  const inbox = folders.find((folder) => folder.specialUse === 'inbox') ?? folders[0];
  if (inbox) {
    // Scrolling: a page every tenth of the way down, in each sort order.
    for (const sort of ['date', 'from', 'subject', 'size'] as const) {
      for (let step = 0; step < 10; step++) {
        const offset = Math.floor(((inbox.messages ?? 0) * step) / 10);
        rows += (await client.invoke('mail.listMessages', { folderId: inbox.id, sort, offset, limit: 100 }))
          .messages.length;
      }
    }
  }
}
for (const query of ['conseil', 'réunion', 'eleve', 'conse', 'de:elodie', 'pj:oui']) {
  rows += (await client.invoke('mail.search', { query, limit: 50 })).messages.length;
}
const rssMb = process.memoryUsage().rss / 1024 / 1024;
await app.close();
console.log(JSON.stringify({ rssMb: Math.round(rssMb), rows }));
