import { describe, expect, it } from 'vitest';
import { composeKeyFor, isEditable } from './compose-keys.ts';

const plain = { ctrlKey: false, metaKey: false, altKey: false, editable: false };

describe('compose shortcuts', () => {
  it('maps n, r, a, f (either case)', () => {
    expect(['n', 'r', 'a', 'F'].map((key) => composeKeyFor({ ...plain, key }))).toEqual([
      'new',
      'reply',
      'replyAll',
      'forward',
    ]);
  });

  it('leaves browser shortcuts and typing alone', () => {
    expect(composeKeyFor({ ...plain, key: 'r', ctrlKey: true })).toBeUndefined();
    expect(composeKeyFor({ ...plain, key: 'f', metaKey: true })).toBeUndefined();
    expect(composeKeyFor({ ...plain, key: 'a', editable: true })).toBeUndefined();
    expect(composeKeyFor({ ...plain, key: 'x' })).toBeUndefined();
  });

  it('knows fields and the rich-text body are editable', () => {
    expect(isEditable(document.createElement('input'))).toBe(true);
    const body = document.createElement('div');
    body.setAttribute('contenteditable', 'true');
    document.body.append(body);
    expect(isEditable(body)).toBe(true);
    expect(isEditable(document.createElement('div'))).toBe(false);
  });
});
