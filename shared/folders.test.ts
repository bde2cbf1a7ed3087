import { describe, expect, it } from 'vitest';
import { compareFolders } from './folders.ts';
import { builtinPresets, loginFor, presetForDomain } from './presets.ts';

describe('compareFolders', () => {
  it('orders special folders as French users know them, then the rest by name', () => {
    const names = [
      { name: 'Corbeille', specialUse: 'trash' as const },
      { name: 'Élèves' },
      { name: 'Envoyés', specialUse: 'sent' as const },
      { name: 'abc' },
      { name: 'INBOX', specialUse: 'inbox' as const },
      { name: 'Indésirables', specialUse: 'junk' as const },
      { name: 'Brouillons', specialUse: 'drafts' as const },
      { name: 'Archives', specialUse: 'archive' as const },
    ]
      .sort(compareFolders)
      .map((f) => f.name);
    expect(names).toEqual([
      'INBOX',
      'Brouillons',
      'Envoyés',
      'Archives',
      'Indésirables',
      'Corbeille',
      'abc',
      'Élèves',
    ]);
  });
});

describe('presets', () => {
  it('finds an academy by the domain of the address, whatever its case', () => {
    expect(presetForDomain(builtinPresets, 'AC-Amiens.fr')?.imap).toEqual({
      host: 'imaps.ac-amiens.fr',
      port: 993,
      security: 'tls',
    });
    expect(presetForDomain(builtinPresets, 'ac-lille.fr')?.davUrl).toBe(
      'https://webmail.ac-lille.fr/SOGo/dav/',
    );
    expect(presetForDomain(builtinPresets, 'example.org')).toBeUndefined();
  });

  it('logs in with the full academic address', () => {
    expect(loginFor(presetForDomain(builtinPresets, 'ac-lille.fr'), 'prenom.nom@ac-lille.fr')).toBe(
      'prenom.nom@ac-lille.fr',
    );
    expect(loginFor({ loginFormat: 'localPart' }, 'prenom.nom@ac-lille.fr')).toBe('prenom.nom');
  });
});
