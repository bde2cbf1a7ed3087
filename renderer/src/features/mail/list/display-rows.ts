/**
 * The conversation view with open conversations: a conversation's messages
 * are shown as rows right under it, so a display row is either a list row
 * (one conversation) or a child of an open one. Expansions are few, so the
 * mapping walks them; rows themselves are never materialised.
 */

export interface Expansion {
  /** The open conversation's row index in the list's own order. */
  at: number;
  /** How many messages are shown under it. */
  count: number;
}

export type DisplaySlot = { kind: 'row'; index: number } | { kind: 'child'; at: number; child: number };

const ordered = (expansions: readonly Expansion[]) => [...expansions].sort((a, b) => a.at - b.at);

export function displayCount(rowCount: number, expansions: readonly Expansion[]): number {
  return (
    rowCount + expansions.reduce((sum, expansion) => sum + (expansion.at < rowCount ? expansion.count : 0), 0)
  );
}

export function locate(displayIndex: number, expansions: readonly Expansion[]): DisplaySlot {
  let shift = 0;
  for (const expansion of ordered(expansions)) {
    const rowAt = expansion.at + shift;
    if (displayIndex <= rowAt) break;
    if (displayIndex <= rowAt + expansion.count)
      return { kind: 'child', at: expansion.at, child: displayIndex - rowAt - 1 };
    shift += expansion.count;
  }
  return { kind: 'row', index: displayIndex - shift };
}

/** Where list row `index` is shown. */
export function displayIndexOf(index: number, expansions: readonly Expansion[]): number {
  return index + expansions.reduce((sum, expansion) => sum + (expansion.at < index ? expansion.count : 0), 0);
}

/**
 * What ← or → does at display row `displayIndex`: the conversation (its list row `at`, shown at
 * `displayIndex`) to open or close, or nothing. ← on one of its messages closes it too, and the
 * keyboard goes back up to the conversation, as in a tree.
 */
export function conversationArrow(
  displayIndex: number,
  expansions: readonly Expansion[],
  open: boolean,
): { at: number; displayIndex: number; open: boolean } | undefined {
  const slot = locate(displayIndex, expansions);
  if (slot.kind === 'child')
    return open ? undefined : { at: slot.at, displayIndex: displayIndexOf(slot.at, expansions), open };
  const isOpen = expansions.some((expansion) => expansion.at === slot.index);
  return isOpen === open ? undefined : { at: slot.index, displayIndex, open };
}
