/**
 * The staged attachments (mail.stageAttachment) that saved drafts still name, so the start-up
 * sweep of old staged files leaves a draft written over several days its attachments.
 */
import type { Database } from '../../db/database.ts';

const STAGED_ID = /"stagedId":"([0-9a-f-]{36})"/gu;

export function stagedIdsInDrafts(db: Database): Set<string> {
  const ids = new Set<string>();
  const rows = db.prepare<[], { message_json: string }>('SELECT message_json FROM drafts').all();
  for (const row of rows)
    for (const match of row.message_json.matchAll(STAGED_ID)) if (match[1]) ids.add(match[1]);
  return ids;
}
