/**
 * The task that replays one folder operation (CREATE, RENAME, DELETE; RFC 3501 §6.3.3–6.3.5) to
 * the server. Once the account's last operation has run, success or refusal (name taken, no
 * rights…), the server's folder list is re-read and wins. Until then, account syncs leave the
 * operations' paths alone (folder-ops-pending.ts).
 */
import type { Database } from '../db/database.ts';
import type { ImapSession } from '../imap/client.ts';
import { createMailbox, deleteMailbox, renameMailbox } from '../imap/folders.ts';
import { isTransient } from '../tasks/queue.ts';
import type { FolderRepository } from './folder-repository.ts';
import { FOLDER_OP_TASK, type FolderOp } from './folder-ops.ts';
import { syncFolderList } from './folder-sync.ts';

export interface FolderOpReplayDeps {
  db: Database;
  folders: FolderRepository;
  accountExists(accountId: string): boolean;
  /** Runs `work` on a session of the account (the core lends its kept one, imap/session-pool.ts). */
  withSession<R>(accountId: string, work: (session: ImapSession) => Promise<R>): Promise<R>;
  onFoldersChanged(accountId: string): void;
}

async function send(session: ImapSession, op: FolderOp): Promise<void> {
  if (op.op === 'create') await createMailbox(session, op.path);
  else if (op.op === 'rename') await renameMailbox(session, op.from, op.to);
  else for (const path of op.paths) await deleteMailbox(session, path);
}

function othersWaiting(db: Database, accountId: string): boolean {
  const row = db
    .prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM tasks WHERE kind = ? AND state = 'pending'
         AND json_extract(payload_json, '$.accountId') = ?`,
    )
    .get(FOLDER_OP_TASK, accountId);
  return (row?.n ?? 0) > 0;
}

export async function replayFolderOp(op: FolderOp, deps: FolderOpReplayDeps): Promise<void> {
  if (!deps.accountExists(op.accountId)) return;
  await deps.withSession(op.accountId, async (session) => {
    // Re-read earlier than the last operation, the list would drop the rows of those still
    // waiting (a subfolder created just after its parent).
    const reconcile = async () => {
      if (othersWaiting(deps.db, op.accountId)) return;
      await syncFolderList(session, op.accountId, {
        folders: deps.folders,
        onChanged: (accountId) => deps.onFoldersChanged(accountId),
        holdRunningOps: false,
      }).catch(() => undefined);
    };
    try {
      await send(session, op);
      await reconcile();
    } catch (error) {
      // A transient failure is tried again by the queue: re-reading now would drop what it will
      // still create. A refusal (name taken, no rights…) is final: the server's list wins.
      if (!isTransient(error)) await reconcile();
      throw error;
    }
  });
}
