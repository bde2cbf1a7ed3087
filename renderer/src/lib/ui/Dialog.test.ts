import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import Dialog from './Dialog.svelte';

const content = createRawSnippet(() => ({ render: () => '<p>Contenu</p>' }));
const actions = createRawSnippet(() => ({
  render: () => '<div><button type="button">Annuler</button><button type="button">Fermer</button></div>',
}));

// Elements the tests put on the page themselves, beside the rendered dialog.
const outsiders: HTMLElement[] = [];
afterEach(() => outsiders.splice(0).forEach((element) => element.remove()));

function outside<K extends 'button' | 'div'>(tag: K): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.tabIndex = 0;
  document.body.append(element);
  outsiders.push(element);
  return element;
}

function open(onclose = vi.fn()) {
  const opener = outside('button');
  opener.focus();
  const view = render(Dialog, {
    props: { title: 'Titre', testid: 'dialog', onclose, children: content, actions },
  });
  return { opener, onclose, view };
}

describe('Dialog', () => {
  test('is a labelled modal dialog with its first control focused', () => {
    open();
    const dialog = screen.getByRole('dialog', { name: 'Titre' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.dataset['testid']).toBe('dialog');
    expect(document.activeElement).toBe(screen.getByText('Annuler'));
  });

  test('Tab and Shift+Tab stay inside the dialog', async () => {
    open();
    const [cancel, close] = [screen.getByText('Annuler'), screen.getByText('Fermer')];
    close.focus();
    await fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    await fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(close);
    // Between two controls the browser moves focus itself: nothing is prevented.
    const between = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    cancel.focus();
    cancel.dispatchEvent(between);
    expect(between.defaultPrevented).toBe(false);
  });

  test('Escape closes, and stays in the dialog', async () => {
    const { onclose } = open();
    const below = vi.fn();
    document.body.addEventListener('keydown', below);
    await fireEvent.keyDown(screen.getByText('Fermer'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
    expect(below).not.toHaveBeenCalled();
    document.body.removeEventListener('keydown', below);
  });

  test('a click on the backdrop closes', async () => {
    const { onclose } = open();
    await fireEvent.click(document.querySelector('.backdrop')!);
    expect(onclose).toHaveBeenCalledOnce();
  });

  test('focus goes back to where it was on close', () => {
    const { opener, view } = open();
    view.unmount();
    expect(document.activeElement).toBe(opener);
  });

  test('focus a caller moved elsewhere on close stays there', () => {
    const { view } = open();
    const list = outside('div');
    list.focus();
    view.unmount();
    expect(document.activeElement).toBe(list);
  });
});
