import { describe, expect, it } from 'vitest';
import { CartableError } from '../../../shared/contract/errors.ts';
import { normaliseHostname, parseAddress } from './address.ts';

describe('parseAddress', () => {
  it('keeps the address as typed and lower-cases the domain', () => {
    expect(parseAddress('  Jean.Dupont@AC-Lille.FR ')).toEqual({
      email: 'Jean.Dupont@AC-Lille.FR',
      localPart: 'Jean.Dupont',
      domain: 'ac-lille.fr',
    });
  });

  it('turns an internationalised domain into its A-label form', () => {
    expect(parseAddress('prof@école.example').domain).toBe('xn--cole-9oa.example');
  });

  it.each([
    ['no-at-sign', ''],
    ['a@b', 'b'],
    ['a@exa mple.fr', 'exa mple.fr'],
    ['a@example.fr/evil', 'example.fr/evil'],
    ['a@[192.0.2.1].fr', '[192.0.2.1].fr'],
    ['a@192.0.2.1', '192.0.2.1'],
    ['a@-bad-.fr', '-bad-.fr'],
    ['a@example.fr:8443', 'example.fr:8443'],
    ['a@example.fr?x=1', 'example.fr?x=1'],
    ['a@ex%41mple.fr', 'ex%41mple.fr'],
    ['a@exa\\mple.fr', 'exa\\mple.fr'],
  ])('refuses %s with DISCOVERY_FAILED', (input, domain) => {
    let thrown: unknown;
    try {
      parseAddress(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CartableError);
    expect((thrown as CartableError).code).toBe('DISCOVERY_FAILED');
    expect((thrown as CartableError).details).toEqual({ domain });
  });
});

describe('normaliseHostname', () => {
  it('accepts names and strips the root dot', () => {
    expect(normaliseHostname('Mail.Example.Test.')).toBe('mail.example.test');
  });

  it.each(['localhost', '127.0.0.1', 'a..b', 'a_b.fr', 'x.fr/path', 'user@x.fr', `${'a'.repeat(64)}.fr`, ''])(
    'refuses %s',
    (name) => {
      expect(normaliseHostname(name)).toBeUndefined();
    },
  );
});
