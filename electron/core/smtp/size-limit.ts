/**
 * The submission server's message size limit, from its EHLO answer: "250-SIZE 10240000"
 * (RFC 1870 §4). "SIZE" without a number, or "SIZE 0", announces the extension without a limit.
 */
import type SMTPConnection from 'nodemailer/lib/smtp-connection';

/** Anything past 2 GiB is no limit a person could reach by attaching files. */
const MAX_BELIEVABLE_LIMIT = 2 ** 31;

/**
 * nodemailer parses EHLO's SIZE into a field it keeps private (`_maxAllowedSize`, 0 when none);
 * its only public face is the context of custom AUTH handlers. Read it defensively: a nodemailer
 * upgrade that renames it gives "unknown", never a wrong number.
 */
export function announcedSizeLimit(connection: SMTPConnection): number | undefined {
  const value: unknown = (connection as unknown as { _maxAllowedSize?: unknown })._maxAllowedSize;
  return typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value > 0 &&
    value <= MAX_BELIEVABLE_LIMIT
    ? value
    : undefined;
}
