/** What opens the composer: a new message, an answer to the shown one, or a draft to resume. */
import type { CartableErrorShape, MessageSummary, Recipient } from '$shared/contract/index.ts';

export type ReplyKind = 'reply' | 'replyAll' | 'forward';

export type ComposeRequest =
  | { kind: 'new'; accountId: string }
  | { kind: ReplyKind; accountId: string; message: MessageSummary }
  | { kind: 'draft'; draftId: string }
  /** A message of the Drafts folder: its local draft when there is one, else its text. */
  | { kind: 'draftMessage'; accountId: string; message: MessageSummary };

/** The composer's starting fields, whatever opened it. */
export interface ComposeInitial {
  accountId: string;
  draftId?: string;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  /** The editor's starting HTML: text, signature, then the quote. */
  html: string;
  attachments: ComposeAttachment[];
  inReplyTo?: string;
  references?: string[];
}

/**
 * A file to attach. The core reads files by path (Electron knows a picked file's path), or by
 * `stagedId` once the page uploaded it (the browser host never learns paths): with neither, the
 * upload is still running (`uploaded` bytes so far) or failed (`error`), and it cannot be sent.
 */
export interface ComposeAttachment {
  key: string;
  name: string;
  /** Bytes; unknown for a file reopened from a draft until the core says. */
  size: number | undefined;
  path: string | undefined;
  stagedId?: string;
  uploaded?: number;
  error?: CartableErrorShape;
}
