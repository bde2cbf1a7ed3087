/**
 * The list's keyboard, as Thunderbird's users know it: arrows and j/k move,
 * Shift extends, Home/End and PageUp/PageDown jump, Enter opens, Suppr
 * deletes, u toggles read, s or * flags, Ctrl+A selects the whole folder,
 * ←/→ close and open a conversation, ? shows the shortcuts. Pure, so the
 * mapping is tested without a DOM.
 */

export type ListCommand =
  | { kind: 'move'; to: 'previous' | 'next' | 'first' | 'last' | 'pageUp' | 'pageDown'; extend: boolean }
  | { kind: 'open' }
  | { kind: 'delete' }
  | { kind: 'toggleRead' }
  | { kind: 'toggleFlag' }
  | { kind: 'toggleSelect' }
  | { kind: 'menu' }
  | { kind: 'help' }
  | { kind: 'selectAll' }
  | { kind: 'conversation'; open: boolean };

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const moves: Readonly<Record<string, Extract<ListCommand, { kind: 'move' }>['to']>> = {
  ArrowUp: 'previous',
  ArrowDown: 'next',
  k: 'previous',
  j: 'next',
  Home: 'first',
  End: 'last',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
};

export function commandForKey(event: KeyInput): ListCommand | undefined {
  // Shortcuts of the browser or the system (Ctrl+R, Alt+←…) stay theirs.
  if (event.altKey) return undefined;
  const modified = event.ctrlKey || event.metaKey;
  if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) return { kind: 'menu' };
  if (modified) {
    if (event.key === 'a' || event.key === 'A') return event.shiftKey ? undefined : { kind: 'selectAll' };
    return event.key === ' ' ? { kind: 'toggleSelect' } : undefined;
  }
  // As in a tree: → opens the conversation, ← closes it (from any of its messages).
  if (event.key === 'ArrowRight' || event.key === 'ArrowLeft')
    return event.shiftKey ? undefined : { kind: 'conversation', open: event.key === 'ArrowRight' };
  const to = moves[event.key];
  // Shift+J is not a selection gesture anywhere; only the named keys extend.
  if (to !== undefined) return { kind: 'move', to, extend: event.shiftKey && event.key.length > 1 };
  switch (event.key) {
    case 'Enter':
      return { kind: 'open' };
    case 'Delete':
      return { kind: 'delete' };
    case 'u':
    case 'U':
      return { kind: 'toggleRead' };
    case 's':
    case 'S':
    case '*':
      return { kind: 'toggleFlag' };
    case '?':
      return { kind: 'help' };
    default:
      return undefined;
  }
}
