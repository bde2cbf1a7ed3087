import { describe, expect, it } from 'vitest';
import { senderSortKey, subjectSortKey } from './sort-keys.ts';

describe('sort keys', () => {
  it('sorts accented names with their plain letters, whatever the case', () => {
    const names = ['Secrétariat', 'élodie', 'Émile', 'bob', 'Zoé'];
    expect(
      names.sort((a, b) => senderSortKey(a, undefined).localeCompare(senderSortKey(b, undefined))),
    ).toEqual(['bob', 'élodie', 'Émile', 'Secrétariat', 'Zoé']);
  });

  it('uses the address when there is no name', () => {
    expect(senderSortKey('', 'ce.0590001a@ac-lille.fr')).toBe('ce.0590001a@ac-lille.fr');
  });

  it('ignores reply and forward prefixes, repeated or numbered', () => {
    expect(subjectSortKey('Re: TR: Conseil de classe')).toBe('conseil de classe');
    expect(subjectSortKey('RE[2]: Réunion')).toBe('reunion');
    expect(subjectSortKey('Fwd: Réf : Sortie')).toBe('sortie');
    expect(subjectSortKey('Recrutement')).toBe('recrutement');
  });
});
