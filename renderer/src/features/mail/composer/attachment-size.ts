/**
 * Whether the attachments still fit what the server accepts. Files travel in
 * base64 (4 bytes for 3, plus line breaks): ~1.37× their size on the wire,
 * so a 20 Mo file already fills a 25 Mo limit. Warn before the limit, not
 * after the server refused the message.
 */

/** base64 (4/3) plus CRLF every 76 characters. */
export const BASE64_OVERHEAD = 1.37;
/** What most providers accept (Gmail, Outlook, the academies' SOGo) when the server does not say. */
export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** Warn from this share of the limit: the text, headers and signature need room too. */
export const WARN_RATIO = 0.9;

export type SizeLevel = 'ok' | 'near' | 'over';

export interface SizeCheck {
  level: SizeLevel;
  /** The message's estimated size on the wire, in bytes. */
  encodedBytes: number;
  limitBytes: number;
}

export function checkAttachmentSize(
  fileSizes: readonly number[],
  maxMessageBytes: number | undefined,
): SizeCheck {
  const limitBytes = maxMessageBytes && maxMessageBytes > 0 ? maxMessageBytes : DEFAULT_MAX_MESSAGE_BYTES;
  const raw = fileSizes.reduce((sum, size) => sum + size, 0);
  const encodedBytes = Math.ceil(raw * BASE64_OVERHEAD);
  const level: SizeLevel =
    encodedBytes > limitBytes ? 'over' : encodedBytes > limitBytes * WARN_RATIO ? 'near' : 'ok';
  return { level, encodedBytes, limitBytes };
}
