/**
 * SHA-256 certificate fingerprints as the contract stores them
 * (`AB:CD:…`, 32 upper-case bytes) and as people compare them by phone.
 */
import { tlsPinSchema, type CartableErrorShape, type TlsPin } from '$shared/contract/index.ts';

/** Accepts any spelling (case, colons, spaces); undefined unless it is 32 bytes of hex. */
export function normalizeFingerprint(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const hex = raw.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  return hex.match(/../g)?.join(':');
}

/** Four rows of eight bytes: short enough to read aloud and compare line by line. */
export function fingerprintRows(fingerprint: string): string[] {
  const bytes = fingerprint.split(':');
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += 8) rows.push(bytes.slice(i, i + 8).join(':'));
  return rows;
}

/** The pin a TLS_UNTRUSTED or TLS_CHANGED error proposes, if its details are complete. */
export function pinFromError(error: CartableErrorShape): TlsPin | undefined {
  if (error.code !== 'TLS_UNTRUSTED' && error.code !== 'TLS_CHANGED') return undefined;
  const details = error.details ?? {};
  const parsed = tlsPinSchema.safeParse({
    host: details['host'],
    port: Number(details['port']),
    sha256: normalizeFingerprint(details['fingerprint']),
  });
  return parsed.success ? parsed.data : undefined;
}

/** At most this many pins per account (the contract's limit); the oldest go first. */
export const MAX_PINS = 16;

/** Adds `pin`, replacing any earlier pin for the same host and port (a changed certificate). */
export function withPin(pins: readonly TlsPin[], pin: TlsPin): TlsPin[] {
  const others = pins.filter(
    (p) => !(p.host.toLowerCase() === pin.host.toLowerCase() && p.port === pin.port),
  );
  return [...others, pin].slice(-MAX_PINS);
}
