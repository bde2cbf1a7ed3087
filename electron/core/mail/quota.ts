/**
 * Keeps each account's last known quota and says when it crosses the levels
 * users are warned at: 80 % (orange) and 95 % (red), as in SOGo's web mail.
 */
import type { Database } from '../db/database.ts';
import type { StorageQuota } from '../imap/quota.ts';

export const WARNING_RATIO = 0.8;
export const CRITICAL_RATIO = 0.95;

export type QuotaLevel = 'ok' | 'warning' | 'critical';

export function quotaLevel(quota: StorageQuota): QuotaLevel {
  const ratio = quota.limitBytes > 0 ? quota.usageBytes / quota.limitBytes : 0;
  if (ratio >= CRITICAL_RATIO) return 'critical';
  if (ratio >= WARNING_RATIO) return 'warning';
  return 'ok';
}

const rank: Record<QuotaLevel, number> = { ok: 0, warning: 1, critical: 2 };

export interface StoredQuota extends StorageQuota {
  checkedAt: string;
  level: QuotaLevel;
}

interface Row {
  usage_bytes: number;
  limit_bytes: number;
  checked_at: string;
}

export class QuotaRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  get(accountId: string): StoredQuota | undefined {
    const row = this.#db
      .prepare<[string], Row>(
        'SELECT usage_bytes, limit_bytes, checked_at FROM account_quota WHERE account_id = ?',
      )
      .get(accountId);
    if (!row) return undefined;
    const quota = { usageBytes: row.usage_bytes, limitBytes: row.limit_bytes };
    return { ...quota, checkedAt: row.checked_at, level: quotaLevel(quota) };
  }

  /**
   * Stores the new figures; returns the level when it rose past a threshold (the moment to
   * warn the user once), undefined otherwise. A first reading already past 80 % counts as rising.
   */
  record(accountId: string, quota: StorageQuota, now: string): QuotaLevel | undefined {
    const before = this.get(accountId)?.level ?? 'ok';
    this.#db
      .prepare(
        `INSERT INTO account_quota (account_id, usage_bytes, limit_bytes, checked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET usage_bytes = excluded.usage_bytes,
           limit_bytes = excluded.limit_bytes, checked_at = excluded.checked_at`,
      )
      .run(accountId, quota.usageBytes, quota.limitBytes, now);
    const after = quotaLevel(quota);
    return rank[after] > rank[before] ? after : undefined;
  }
}
