import { describe, expect, it } from 'vitest';
import { CartableError } from '../../../shared/contract/index.ts';
import type { ProbeResult } from './probe.ts';
import { findPin, libraryTls, trustedAuthorities } from './trust.ts';

const endpoint = { host: 'imap.example.test', port: 993, security: 'tls' as const };
const fingerprint = Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(':');
const other = fingerprint.replace(/^10/, 'FF');
const untrusted: ProbeResult = {
  authorized: false,
  authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN',
  fingerprint,
  anchorPem: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n',
};

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof CartableError ? error.toShape() : error;
  }
  return undefined;
}

describe('libraryTls', () => {
  it('verifies a trusted chain normally, against the public roots and the configured CAs', () => {
    const authorities = trustedAuthorities(['EXTRA']);
    const options = libraryTls(endpoint, { ...untrusted, authorized: true }, [], authorities, 'imap');
    expect(options.rejectUnauthorized).toBe(true);
    expect(options.ca).toContain('EXTRA');
    expect(options.ca.length).toBeGreaterThan(100);
    expect(options.checkServerIdentity).toBeUndefined();
    // Parsed once for every connection of the core, not once per connection.
    const again = libraryTls(endpoint, { ...untrusted, authorized: true }, [], authorities, 'smtp');
    expect(again.secureContext).toBeDefined();
    expect(again.secureContext).toBe(options.secureContext);
  });

  it('refuses an untrusted certificate without a pin and shows its fingerprint', () => {
    expect(codeOf(() => libraryTls(endpoint, untrusted, [], [], 'imap'))).toMatchObject({
      code: 'TLS_UNTRUSTED',
      details: { host: 'imap.example.test', port: 993, fingerprint },
    });
  });

  it('accepts an untrusted certificate pinned for this host and port, and only that leaf', () => {
    const options = libraryTls(
      endpoint,
      untrusted,
      [{ host: 'IMAP.example.test', port: 993, sha256: fingerprint }],
      [],
      'imap',
    );
    expect(options.ca).toEqual([untrusted.anchorPem]);
    const check = options.checkServerIdentity;
    expect(check?.('imap.example.test', { fingerprint256: fingerprint } as never)).toBeUndefined();
    expect(check?.('imap.example.test', { fingerprint256: other } as never)).toBeInstanceOf(Error);
  });

  it('asks again when a pinned certificate changed', () => {
    const pins = [{ host: endpoint.host, port: 993, sha256: other }];
    expect(codeOf(() => libraryTls(endpoint, untrusted, pins, [], 'imap'))).toMatchObject({
      code: 'TLS_CHANGED',
      details: { fingerprint, previous: other },
    });
  });

  it('does not apply a pin made for another port', () => {
    expect(findPin([{ host: endpoint.host, port: 143, sha256: fingerprint }], endpoint)).toBeUndefined();
  });
});
