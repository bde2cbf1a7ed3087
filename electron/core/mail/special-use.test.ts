import { describe, expect, it } from 'vitest';
import { specialUseOf } from './special-use.ts';

describe('specialUseOf', () => {
  it('trusts the server flags first', () => {
    expect(specialUseOf('Papierkorb', 'Papierkorb', '\\Trash', true)).toBe('trash');
    expect(specialUseOf('INBOX', 'INBOX', undefined, true)).toBe('inbox');
  });

  it('recognises the names French and English servers use', () => {
    expect(specialUseOf('Envoyés', 'Envoyés', undefined, true)).toBe('sent');
    expect(specialUseOf('Éléments supprimés', 'Éléments supprimés', undefined, true)).toBe('trash');
    expect(specialUseOf('Junk', 'Junk', undefined, true)).toBe('junk');
  });

  it('leaves a user folder named like a special one alone when it is nested', () => {
    expect(specialUseOf('Projets/Archives', 'Archives', undefined, false)).toBeUndefined();
  });
});
