/**
 * Which rows of a long list are in the DOM: the ones in the viewport plus an
 * overscan on each side, all of one fixed height, so the window follows from
 * the scroll offset alone and the DOM never holds more than a few dozen rows
 * whatever the folder's size.
 */

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan: number;
}

export interface RowWindow {
  /** First row index rendered (inclusive). */
  first: number;
  /** One past the last row index rendered. */
  end: number;
  /** Offset of the first rendered row from the top of the scrolled content, in px. */
  offsetTop: number;
  /** Height of the whole scrolled content: what sizes the scrollbar. */
  totalHeight: number;
}

export function rowWindow(input: WindowInput): RowWindow {
  const { rowHeight, rowCount, overscan } = input;
  const totalHeight = rowCount * rowHeight;
  if (rowCount === 0 || rowHeight <= 0) return { first: 0, end: 0, offsetTop: 0, totalHeight };
  const scrollTop = Math.min(Math.max(0, input.scrollTop), Math.max(0, totalHeight - input.viewportHeight));
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(Math.max(input.viewportHeight, rowHeight) / rowHeight) + 1;
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(rowCount, firstVisible + visible + overscan);
  return { first, end, offsetTop: first * rowHeight, totalHeight };
}

/** How many whole rows one viewport shows: the step of PageUp and PageDown. */
export function rowsPerPage(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight));
}

/** The scrollTop that brings `index` into view, or undefined when it already is. */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  const bottom = top + rowHeight;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return undefined;
}
