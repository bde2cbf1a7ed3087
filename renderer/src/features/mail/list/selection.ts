/**
 * Which rows are selected, as in every desktop list: a click selects one row,
 * Ctrl/Cmd+click toggles one, Shift+click (or Shift+arrows) selects from the
 * anchor to the row. Rows are named by a stable key (a message or a
 * conversation), so the selection survives the list being re-queried; the
 * anchor and cursor are row indexes of the current order.
 */

export interface SelectionState {
  readonly keys: ReadonlySet<string>;
  /** Where a Shift range starts: the last row clicked or toggled. */
  readonly anchor: number | undefined;
  /** The row the keyboard is on. */
  readonly cursor: number | undefined;
}

export const emptySelection: SelectionState = { keys: new Set(), anchor: undefined, cursor: undefined };

export function selectOnly(index: number, key: string): SelectionState {
  return { keys: new Set([key]), anchor: index, cursor: index };
}

export function toggle(state: SelectionState, index: number, key: string): SelectionState {
  const keys = new Set(state.keys);
  if (keys.has(key)) keys.delete(key);
  else keys.add(key);
  return { keys, anchor: index, cursor: index };
}

/** Ctrl+A: every row given, the keyboard staying where it was. */
export function selectAll(state: SelectionState, keys: readonly string[]): SelectionState {
  return { keys: new Set(keys), anchor: state.anchor ?? 0, cursor: state.cursor ?? 0 };
}

/** The rows a Shift gesture to `index` covers, inclusive, in list order. */
export function rangeTo(state: SelectionState, index: number): { from: number; to: number } {
  const anchor = state.anchor ?? index;
  return { from: Math.min(anchor, index), to: Math.max(anchor, index) };
}

/** Shift+click or Shift+arrow: exactly the anchor's range, whatever was selected before. */
export function extend(state: SelectionState, index: number, rangeKeys: readonly string[]): SelectionState {
  return { keys: new Set(rangeKeys), anchor: state.anchor ?? index, cursor: index };
}

export type MoveTarget = 'previous' | 'next' | 'first' | 'last' | 'pageUp' | 'pageDown';

/** Where a movement key leads from the cursor, clamped to the list. */
export function moveTarget(
  cursor: number | undefined,
  to: MoveTarget,
  rowCount: number,
  pageRows: number,
): number | undefined {
  if (rowCount === 0) return undefined;
  const last = rowCount - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  // Nothing selected yet: the first movement lands on the first row (or the last for End).
  if (cursor === undefined) return to === 'last' ? last : 0;
  switch (to) {
    case 'previous':
      return clamp(cursor - 1);
    case 'next':
      return clamp(cursor + 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'pageUp':
      return clamp(cursor - pageRows);
    case 'pageDown':
      return clamp(cursor + pageRows);
  }
}

/** The selection after its rows left the list: nothing selected, the keyboard still where it was. */
export function cursorOnly(cursor: number | undefined): SelectionState {
  return { keys: new Set(), anchor: cursor, cursor };
}

/**
 * The rows behind the selected keys, kept because a selected row may scroll out of the page
 * cache: `rows` added to the earlier ones (or replacing them), only keys still selected kept.
 */
export function pickRows<R extends { key: string }>(
  previous: ReadonlyMap<string, R>,
  rows: readonly R[],
  selection: SelectionState,
  replace: boolean,
): ReadonlyMap<string, R> {
  const picked = new Map(replace ? [] : previous);
  for (const row of rows) picked.set(row.key, row);
  for (const key of picked.keys()) if (!selection.keys.has(key)) picked.delete(key);
  return picked;
}

export function noRows<R>(): ReadonlyMap<string, R> {
  return new Map();
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
