/**
 * The schema's history, one file per step in migrations/. A new step is a
 * new file with the next version, added at the end of this list.
 */
import { accounts } from './migrations/0001-accounts.ts';
import { folders } from './migrations/0002-folders.ts';
import { tasks } from './migrations/0003-tasks.ts';
import { messageHeaders } from './migrations/0004-messages.ts';
import { search } from './migrations/0005-search.ts';
import { messageBodies } from './migrations/0006-bodies.ts';

export type { Migration } from './migrations/migration.ts';
import { quota } from './migrations/0007-quota.ts';
import { threads } from './migrations/0008-threads.ts';
import { mailActions } from './migrations/0009-actions.ts';
import { outbox } from './migrations/0010-outbox.ts';
import { searchKey } from './migrations/0011-search-key.ts';
import { drafts } from './migrations/0012-drafts.ts';
import { listOrder } from './migrations/0013-list-order.ts';
import { compose } from './migrations/0014-compose.ts';
import type { Migration } from './migrations/migration.ts';

/** Sorted by version, so where a step is registered in the list does not matter. */
export const migrations: readonly Migration[] = [
  accounts,
  folders,
  tasks,
  messageHeaders,
  search,
  messageBodies,
  quota,
  threads,
  mailActions,
  outbox,
  searchKey,
  drafts,
  listOrder,
  compose,
].sort((a, b) => a.version - b.version);

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
