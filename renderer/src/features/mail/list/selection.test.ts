import { describe, expect, test } from 'vitest';
import { conversationArrow } from './display-rows.ts';
import { commandForKey, type KeyInput } from './keyboard.ts';
import { emptySelection, extend, moveTarget, rangeTo, selectAll, selectOnly, toggle } from './selection.ts';

const keys = (...list: string[]) => new Set(list);

describe('selection', () => {
  test('a click selects one row and anchors there', () => {
    expect(selectOnly(4, 'm4')).toEqual({ keys: keys('m4'), anchor: 4, cursor: 4 });
  });

  test('Ctrl/Cmd+click adds a row, and removes it when clicked again', () => {
    const two = toggle(selectOnly(1, 'm1'), 6, 'm6');
    expect(two).toEqual({ keys: keys('m1', 'm6'), anchor: 6, cursor: 6 });
    expect(toggle(two, 1, 'm1').keys).toEqual(keys('m6'));
  });

  test('Shift+click selects from the anchor to the row, both directions, replacing the rest', () => {
    const start = toggle(selectOnly(1, 'm1'), 5, 'm5');
    expect(rangeTo(start, 8)).toEqual({ from: 5, to: 8 });
    expect(rangeTo(start, 2)).toEqual({ from: 2, to: 5 });
    const range = extend(start, 8, ['m5', 'm6', 'm7', 'm8']);
    expect(range).toEqual({ keys: keys('m5', 'm6', 'm7', 'm8'), anchor: 5, cursor: 8 });
    // A second Shift+click keeps the anchor: the range shrinks rather than grows from the new row.
    expect(extend(range, 6, ['m5', 'm6'])).toEqual({ keys: keys('m5', 'm6'), anchor: 5, cursor: 6 });
  });

  test('Shift with nothing selected anchors at the row itself', () => {
    expect(rangeTo(emptySelection, 3)).toEqual({ from: 3, to: 3 });
  });

  test('movement keys land inside the list', () => {
    expect(moveTarget(undefined, 'next', 50, 10)).toBe(0);
    expect(moveTarget(undefined, 'last', 50, 10)).toBe(49);
    expect(moveTarget(0, 'previous', 50, 10)).toBe(0);
    expect(moveTarget(49, 'next', 50, 10)).toBe(49);
    expect(moveTarget(5, 'pageDown', 50, 10)).toBe(15);
    expect(moveTarget(45, 'pageDown', 50, 10)).toBe(49);
    expect(moveTarget(5, 'pageUp', 50, 10)).toBe(0);
    expect(moveTarget(20, 'first', 50, 10)).toBe(0);
    expect(moveTarget(3, 'next', 0, 10)).toBeUndefined();
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}) =>
    commandForKey({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  test('arrows, j/k, Home/End and pages move; Shift extends with the named keys only', () => {
    expect(key('ArrowDown')).toEqual({ kind: 'move', to: 'next', extend: false });
    expect(key('ArrowUp', { shiftKey: true })).toEqual({ kind: 'move', to: 'previous', extend: true });
    expect(key('j')).toEqual({ kind: 'move', to: 'next', extend: false });
    expect(key('k')).toEqual({ kind: 'move', to: 'previous', extend: false });
    expect(key('End', { shiftKey: true })).toEqual({ kind: 'move', to: 'last', extend: true });
    expect(key('PageDown')).toEqual({ kind: 'move', to: 'pageDown', extend: false });
    expect(key('Home')).toEqual({ kind: 'move', to: 'first', extend: false });
  });

  test('actions: Enter, Suppr, u, s, *, ?, Menu, Shift+F10, Ctrl+Space', () => {
    expect(key('Enter')).toEqual({ kind: 'open' });
    expect(key('Delete')).toEqual({ kind: 'delete' });
    expect(key('u')).toEqual({ kind: 'toggleRead' });
    expect(key('s')).toEqual({ kind: 'toggleFlag' });
    expect(key('*', { shiftKey: true })).toEqual({ kind: 'toggleFlag' });
    expect(key('?', { shiftKey: true })).toEqual({ kind: 'help' });
    expect(key('ContextMenu')).toEqual({ kind: 'menu' });
    expect(key('F10', { shiftKey: true })).toEqual({ kind: 'menu' });
    expect(key(' ', { ctrlKey: true })).toEqual({ kind: 'toggleSelect' });
  });

  test('Ctrl+A (Cmd+A) selects all; ← and → close and open a conversation', () => {
    expect(key('a', { ctrlKey: true })).toEqual({ kind: 'selectAll' });
    expect(key('A', { metaKey: true })).toEqual({ kind: 'selectAll' });
    expect(key('a', { ctrlKey: true, shiftKey: true })).toBeUndefined();
    expect(key('ArrowRight')).toEqual({ kind: 'conversation', open: true });
    expect(key('ArrowLeft')).toEqual({ kind: 'conversation', open: false });
    expect(key('ArrowLeft', { shiftKey: true })).toBeUndefined();
    expect(key('ArrowLeft', { altKey: true })).toBeUndefined();
  });

  test('the browser’s and the system’s own shortcuts are left alone', () => {
    expect(key('u', { ctrlKey: true })).toBeUndefined();
    expect(key('s', { metaKey: true })).toBeUndefined();
    expect(key('ArrowDown', { altKey: true })).toBeUndefined();
    expect(key('x')).toBeUndefined();
  });
});

describe('select all and conversation arrows', () => {
  test('select all takes every key given and keeps the keyboard where it was', () => {
    expect(selectAll(selectOnly(7, 'm7'), ['m1', 'm2', 'm7'])).toEqual({
      keys: keys('m1', 'm2', 'm7'),
      anchor: 7,
      cursor: 7,
    });
    expect(selectAll(emptySelection, ['m1'])).toEqual({ keys: keys('m1'), anchor: 0, cursor: 0 });
  });

  // Conversation at list row 2 is open with 3 messages: display rows 3, 4, 5 are its messages.
  const open = [{ at: 2, count: 3 }];

  test('→ opens a closed conversation; → on an open one or on a message does nothing', () => {
    expect(conversationArrow(6, open, true)).toEqual({ at: 3, displayIndex: 6, open: true });
    expect(conversationArrow(2, open, true)).toBeUndefined();
    expect(conversationArrow(4, open, true)).toBeUndefined();
  });

  test('← closes an open conversation, also from one of its messages, going back up to it', () => {
    expect(conversationArrow(2, open, false)).toEqual({ at: 2, displayIndex: 2, open: false });
    expect(conversationArrow(5, open, false)).toEqual({ at: 2, displayIndex: 2, open: false });
    expect(conversationArrow(0, open, false)).toBeUndefined();
    expect(conversationArrow(6, open, false)).toBeUndefined();
  });
});
