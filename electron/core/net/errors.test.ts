import { describe, expect, it } from 'vitest';
import { CartableError } from '../../../shared/contract/index.ts';
import { toCartableError } from './errors.ts';

const where = { service: 'imap', host: 'imaps.ac-amiens.fr', port: 993 };
const fail = (code: string) => Object.assign(new Error(code), { code });

describe('toCartableError', () => {
  it.each([
    ['ENOTFOUND', 'HOST_NOT_FOUND'],
    ['EAI_AGAIN', 'HOST_NOT_FOUND'],
    ['ECONNREFUSED', 'PORT_CLOSED'],
    ['ETIMEDOUT', 'TIMEOUT'],
    ['CONNECT_TIMEOUT', 'TIMEOUT'],
    ['ECONNRESET', 'NETWORK'],
    // Closed before the IMAP greeting (a proxy dropping it): the drafts offline test met it.
    ['ClosedAfterConnectTLS', 'NETWORK'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS_UNTRUSTED'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS_UNTRUSTED'],
    ['ENOSPC', 'DISK_FULL'],
    ['SOMETHING_ELSE', 'PROTOCOL_ERROR'],
  ])('maps %s to %s, naming the server', (code, expected) => {
    const error = toCartableError(fail(code), where);
    expect(error.code).toBe(expected);
    if (expected !== 'DISK_FULL')
      expect(error.details).toMatchObject({ host: 'imaps.ac-amiens.fr', port: 993 });
  });

  it('reads the code of a wrapped cause (libraries wrap socket errors)', () => {
    expect(toCartableError(new Error('connect failed', { cause: fail('ECONNREFUSED') }), where).code).toBe(
      'PORT_CLOSED',
    );
  });

  it('lets the protocol adapter say what a refused password looks like', () => {
    const refused = Object.assign(new Error('NO [AUTHENTICATIONFAILED]'), { authenticationFailed: true });
    expect(
      toCartableError(
        refused,
        where,
        (e) => (e as { authenticationFailed?: boolean }).authenticationFailed === true,
      ).code,
    ).toBe('AUTH_FAILED');
  });

  it('keeps an error that already has its code', () => {
    const original = new CartableError('TLS_UNAVAILABLE', { host: 'x', port: 1 });
    expect(toCartableError(original, where)).toBe(original);
  });
});
