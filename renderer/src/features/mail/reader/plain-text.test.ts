import { describe, expect, test } from 'vitest';
import { linkify, plainTextBlocks } from './plain-text.ts';

describe('plain-text bodies', () => {
  test('links are found, trailing punctuation left out, unsafe schemes left as text', () => {
    expect(linkify('Voir https://www.ac-lyon.fr/x. Merci')).toEqual([
      { kind: 'text', text: 'Voir ' },
      { kind: 'link', text: 'https://www.ac-lyon.fr/x', url: 'https://www.ac-lyon.fr/x' },
      { kind: 'text', text: '. Merci' },
    ]);
    expect(linkify('www.education.gouv.fr')).toEqual([
      { kind: 'link', text: 'www.education.gouv.fr', url: 'https://www.education.gouv.fr/' },
    ]);
    expect(linkify('écrire à secretariat@ac-lyon.fr')[1]).toEqual({
      kind: 'link',
      text: 'secretariat@ac-lyon.fr',
      url: 'mailto:secretariat@ac-lyon.fr',
    });
    expect(linkify('javascript:alert(1) <b>x</b>')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) <b>x</b>' },
    ]);
  });

  test('quoted lines are grouped by depth', () => {
    const blocks = plainTextBlocks('Bonjour,\r\n> Le 3 oct.\n> > Avant\n> Réponse\nFin');
    expect(blocks.map((block) => [block.depth, block.lines.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [1, 1],
      [0, 1],
    ]);
    expect(blocks[2]?.lines[0]).toEqual([{ kind: 'text', text: 'Avant' }]);
  });
});
