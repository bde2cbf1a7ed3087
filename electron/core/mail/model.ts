/**
 * The mail engine's own model of what IMAP tells it: protocol libraries are
 * mapped into these shapes at the adapter, and nothing past it sees imapflow.
 */

export interface Address {
  name: string;
  address: string;
}

/** One message's headers as synced: what the list, threads and search need. */
export interface MessageHeaders {
  uid: number;
  modseq: bigint | undefined;
  flags: string[];
  internalDate: number;
  sentDate: number | undefined;
  size: number;
  subject: string;
  from: Address | undefined;
  to: Address[];
  cc: Address[];
  /** Reply-To, only when it names someone else than From (servers copy From into an absent one). */
  replyTo?: Address[] | undefined;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  listId: string | undefined;
  hasAttachments: boolean;
}

export interface FlagChange {
  uid: number;
  modseq: bigint | undefined;
  flags: string[];
}

export interface SelectedMailbox {
  path: string;
  uidValidity: bigint;
  uidNext: number;
  exists: number;
  /** Undefined when the server keeps no modseq for this mailbox (RFC 7162 NOMODSEQ). */
  highestModseq: bigint | undefined;
  /**
   * Refreshed by a NOOP on a session that had it open, not by EXAMINE: uidNext and
   * highestModseq are the session's estimates, so new UIDs and changed flags must be asked.
   */
  refreshed?: boolean;
}

/** Which incremental path a sync may take; tests force each one against the same server. */
export interface SyncExtensions {
  qresync: boolean;
  condstore: boolean;
}
