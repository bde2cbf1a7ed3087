import { describe, expect, test } from 'vitest';
import { checkLink } from './link-check.ts';

describe('the link check before opening', () => {
  test('warns when the text shows another domain than the target', () => {
    expect(checkLink('https://evil.example/login', 'ac-lyon.fr')).toMatchObject({
      destination: 'evil.example',
      shownDomain: 'ac-lyon.fr',
    });
    expect(
      checkLink('https://ac-lyon.fr.evil.example/', 'https://www.ac-lyon.fr/connexion')?.shownDomain,
    ).toBe('www.ac-lyon.fr');
  });

  test('does not warn for the same site, a subdomain, or a text without a domain', () => {
    expect(checkLink('https://www.ac-lyon.fr/x', 'ac-lyon.fr')?.shownDomain).toBeUndefined();
    expect(checkLink('https://messagerie.ac-lyon.fr/', 'ac-lyon.fr')?.shownDomain).toBeUndefined();
    expect(checkLink('https://evil.example/', 'Cliquez ici')?.shownDomain).toBeUndefined();
  });

  test('shows look-alike hosts in their ASCII form', () => {
    // "аc-lyon.fr" with a Cyrillic а.
    const check = checkLink('https://\u0430c-lyon.fr/', 'ac-lyon.fr');
    expect(check?.destination).toBe('xn--c-lyon-2nf.fr');
    expect(check?.shownDomain).toBe('ac-lyon.fr');
  });

  test('an address in the text is compared by its domain', () => {
    expect(checkLink('https://evil.example/', 'marie.dupont@ac-lille.fr')?.shownDomain).toBe('ac-lille.fr');
  });

  test('mailto links give the address; other schemes are refused', () => {
    expect(checkLink('mailto:secretariat@ac-lyon.fr', 'écrire')).toMatchObject({
      kind: 'mail',
      destination: 'secretariat@ac-lyon.fr',
    });
    expect(checkLink('javascript:alert(1)', 'ac-lyon.fr')).toBeUndefined();
    expect(checkLink('file:///etc/passwd', 'x')).toBeUndefined();
  });
});

test('a person’s initial is not a domain', () => {
  expect(checkLink('https://evil.example/', 'le document de M.Dupont')?.shownDomain).toBeUndefined();
  expect(checkLink('https://evil.example/', 'voir www.ac-lyon.fr')?.shownDomain).toBe('ac-lyon.fr');
});
