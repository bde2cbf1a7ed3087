/** GETQUOTAROOT on the inbox (RFC 9208): the storage the account may still use. */
import type { ImapSession } from './client.ts';

export interface StorageQuota {
  usageBytes: number;
  limitBytes: number;
}

/** Undefined when the server has no QUOTA extension or no storage limit for this account. */
export async function readStorageQuota(session: ImapSession): Promise<StorageQuota | undefined> {
  if (!session.client.capabilities.has('QUOTA')) return undefined;
  const answer = await session.client.getQuota('INBOX').catch(() => false as const);
  const storage = answer ? answer.storage : undefined;
  if (!storage?.limit) return undefined;
  // imapflow already turned the RFC's 1024-octet units into bytes.
  return { usageBytes: storage.usage ?? 0, limitBytes: storage.limit };
}
