/**
 * Per-account compose settings: the two signatures the user typed and the submission server's
 * message size limit as last read from its EHLO (RFC 1870). A missing row means "nothing set".
 */
import type { Database } from 'better-sqlite3';
import type { Result } from '../../../../shared/contract/index.ts';

export type ComposeSettings = Result<'mail.getComposeSettings'>;

interface SettingsRow {
  signature_new: string;
  signature_reply: string;
  max_message_bytes: number | null;
}

export class ComposeSettingsRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  get(accountId: string): ComposeSettings {
    const row = this.#db
      .prepare<[string], SettingsRow>(
        'SELECT signature_new, signature_reply, max_message_bytes FROM compose_settings WHERE account_id = ?',
      )
      .get(accountId);
    if (!row) return { signatureNew: '', signatureReply: '' };
    return {
      signatureNew: row.signature_new,
      signatureReply: row.signature_reply,
      ...(row.max_message_bytes === null ? {} : { maxMessageBytes: row.max_message_bytes }),
    };
  }

  setSignatures(accountId: string, signatureNew: string, signatureReply: string): void {
    this.#db
      .prepare(
        `INSERT INTO compose_settings (account_id, signature_new, signature_reply) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE
         SET signature_new = excluded.signature_new, signature_reply = excluded.signature_reply`,
      )
      .run(accountId, signatureNew, signatureReply);
  }

  /** `undefined` forgets the limit: the server stopped announcing one. */
  setMaxMessageBytes(accountId: string, bytes: number | undefined): void {
    this.#db
      .prepare(
        `INSERT INTO compose_settings (account_id, max_message_bytes) VALUES (?, ?)
         ON CONFLICT (account_id) DO UPDATE SET max_message_bytes = excluded.max_message_bytes`,
      )
      .run(accountId, bytes ?? null);
  }
}
