import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Recipient } from '$shared/contract/index.ts';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import type { Chip } from './addresses.ts';
import { chipsBox } from './chips-box.svelte.ts';
import AddressField from './AddressField.svelte';

function setup(known: Recipient[] = []) {
  const box = chipsBox();
  const state = { changes: 0 };
  render(AddressField, {
    props: {
      label: 'À',
      testid: 'to',
      get chips() {
        return box.chips;
      },
      set chips(value: Chip[]) {
        box.chips = value;
      },
      suggest: (query: string) =>
        Promise.resolve(
          known.filter((person) => person.address.startsWith(query) || person.name.startsWith(query)),
        ),
      onchange: () => state.changes++,
    },
    context: new FakeRpc().context(),
  });
  const input = screen.getByTestId<HTMLInputElement>('to-input');
  const labels = () => screen.queryAllByTestId('chip-label').map((chip) => chip.textContent);
  return { state, box, input, labels };
}

async function type(input: HTMLInputElement, text: string): Promise<void> {
  await fireEvent.input(input, { target: { value: text } });
}

describe('the To field', () => {
  it('makes a chip on Enter and on a comma, and Backspace removes the last one', async () => {
    const { input, labels, state } = setup();
    await type(input, 'bob@example.org');
    await fireEvent.keyDown(input, { key: 'Enter' });
    await type(input, 'Carol <carol@example.org>');
    await fireEvent.keyDown(input, { key: ',' });
    expect(labels()).toEqual(['bob@example.org', 'Carol']);
    await fireEvent.keyDown(input, { key: 'Backspace' });
    expect(labels()).toEqual(['bob@example.org']);
    expect(state.changes).toBe(3);
  });

  it('turns a pasted list into chips, marking what is not an address', async () => {
    const { input, labels, box } = setup();
    await type(input, 'a@x.fr; pas une adresse, b@y.fr');
    expect(labels()).toEqual(['a@x.fr', 'pas une adresse', 'b@y.fr']);
    expect(box.chips.map((chip) => chip.valid)).toEqual([true, false, true]);
    expect(screen.getAllByTestId('chip')[1]?.className).toContain('invalid');
  });

  it('suggests known addresses; arrows choose, Enter takes one', async () => {
    const { input, labels } = setup([
      { name: 'Bob Durand', address: 'bob@example.org' },
      { name: 'Bernard Petit', address: 'bernard@example.org' },
    ]);
    await type(input, 'b');
    await waitFor(() => expect(screen.getAllByTestId('suggestion')).toHaveLength(2));
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('suggestion')[1]?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(labels()).toEqual(['Bernard Petit']);
    expect(screen.queryAllByTestId('suggestion')).toHaveLength(0);
  });
});
