/**
 * The mail view's compose shortcuts, as Thunderbird has them: n new, r reply,
 * a reply all, f forward. Never while typing in a field, and never with a
 * modifier (Ctrl+R reloads, Ctrl+F finds). Pure, tested without a DOM.
 */
import type { ReplyKind } from './compose-request.ts';

export type ComposeKey = 'new' | ReplyKind;

const keys: Readonly<Record<string, ComposeKey>> = { n: 'new', r: 'reply', a: 'replyAll', f: 'forward' };

export interface ComposeKeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key was typed in is editable (input, textarea, contenteditable). */
  editable: boolean;
}

export function composeKeyFor(event: ComposeKeyInput): ComposeKey | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.editable) return undefined;
  return keys[event.key.toLowerCase()];
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  // isContentEditable, spelled out: jsdom (the component tests) does not implement it.
  return (
    target.isContentEditable || target.closest('[contenteditable]:not([contenteditable="false"])') !== null
  );
}
