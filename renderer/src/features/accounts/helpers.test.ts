import { describe, expect, test } from 'vitest';
import { fingerprintRows, normalizeFingerprint, pinFromError, withPin } from './fingerprint.ts';
import { parsePort, validateIdentity, validateServers, type ServerForm } from './validation.ts';

const hex = 'ab'.repeat(32);
const colons = Array.from({ length: 32 }, () => 'AB').join(':');

describe('fingerprints', () => {
  test('normalises any spelling to the contract form, or refuses', () => {
    expect(normalizeFingerprint(hex)).toBe(colons);
    expect(normalizeFingerprint(colons.toLowerCase())).toBe(colons);
    expect(normalizeFingerprint('AB:CD')).toBeUndefined();
    expect(normalizeFingerprint(42)).toBeUndefined();
  });

  test('groups into four rows of eight bytes', () => {
    expect(fingerprintRows(colons)).toEqual(Array.from({ length: 4 }, () => colons.slice(0, 23)));
  });

  test('a pin comes only from a complete TLS error', () => {
    expect(
      pinFromError({ code: 'TLS_UNTRUSTED', details: { host: 'h.fr', port: '993', fingerprint: hex } }),
    ).toEqual({
      host: 'h.fr',
      port: 993,
      sha256: colons,
    });
    expect(pinFromError({ code: 'TLS_UNTRUSTED', details: { host: 'h.fr' } })).toBeUndefined();
    expect(
      pinFromError({ code: 'AUTH_FAILED', details: { host: 'h.fr', port: 993, fingerprint: hex } }),
    ).toBeUndefined();
  });

  test('a new pin replaces the one for the same host and port', () => {
    const old = { host: 'H.fr', port: 993, sha256: colons };
    const other = { host: 'h.fr', port: 465, sha256: colons };
    const fresh = { host: 'h.fr', port: 993, sha256: colons.replaceAll('AB', 'CD') };
    expect(withPin([old, other], fresh)).toEqual([other, fresh]);
  });
});

describe('validation', () => {
  const servers: ServerForm = {
    login: 'marie',
    imap: { host: 'imap.example.org', port: '993', security: 'tls' },
    smtp: { host: 'smtp.example.org', port: '465', security: 'tls' },
    davUrl: '',
  };

  test('ports are whole numbers from 1 to 65535', () => {
    expect(parsePort('993')).toBe(993);
    expect(['0', '65536', '99a', '', '-1'].map(parsePort)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('identity and servers', () => {
    expect(validateIdentity({ displayName: '', email: 'a@b.fr', password: 'x' })).toEqual({});
    expect(validateIdentity({ displayName: '', email: 'a@b', password: '' })).toEqual({
      email: 'validation.email',
      password: 'validation.required',
    });
    expect(validateServers(servers)).toEqual({});
    expect(
      validateServers({ ...servers, imap: { ...servers.imap, host: 'imap example' }, davUrl: 'http://x.fr' }),
    ).toEqual({ imapHost: 'validation.host', davUrl: 'validation.davUrl' });
  });
});
