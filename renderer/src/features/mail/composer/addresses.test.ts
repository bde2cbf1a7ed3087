import { describe, expect, it } from 'vitest';
import { addChips, parseEntries, parseEntry, splitEntries } from './addresses.ts';

describe('address entries', () => {
  it('reads a bare address, a named one and a quoted name with a comma', () => {
    expect(
      parseEntries('bob@example.org, Alice Martin <alice@example.org>; "Dupont, Jean" <j.dupont@ac-x.fr>'),
    ).toEqual([
      { valid: true, recipient: { name: '', address: 'bob@example.org' } },
      { valid: true, recipient: { name: 'Alice Martin', address: 'alice@example.org' } },
      { valid: true, recipient: { name: 'Dupont, Jean', address: 'j.dupont@ac-x.fr' } },
    ]);
  });

  it('keeps what is not an address, marked invalid', () => {
    expect(parseEntry('jean dupont')).toEqual({ valid: false, text: 'jean dupont' });
    expect(parseEntry('a@b')).toEqual({ valid: false, text: 'a@b' });
    expect(parseEntry('Nom <pas une adresse>')).toEqual({ valid: false, text: 'Nom <pas une adresse>' });
    expect(parseEntry('   ')).toBeUndefined();
  });

  it('accepts mailto: links pasted from a page', () => {
    expect(parseEntry('mailto:carol@example.org')).toEqual({
      valid: true,
      recipient: { name: '', address: 'carol@example.org' },
    });
  });

  it('splits on newlines too, and drops empty entries', () => {
    expect(splitEntries('a@b.fr,,\nc@d.fr ;')).toEqual(['a@b.fr', 'c@d.fr']);
  });

  it('does not add the same address twice, whatever its case', () => {
    const first = parseEntries('bob@example.org');
    expect(addChips(first, parseEntries('Bob <BOB@example.org>, carol@example.org'))).toHaveLength(2);
  });
});
