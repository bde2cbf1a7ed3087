/** The list's fixed geometry: every row is ROW_HEIGHT px tall, and OVERSCAN rows are kept above and below the view. */
export const ROW_HEIGHT = 34;
/** Enough for a fling between two frames; the DOM stays near 2 × OVERSCAN + the rows in view. */
export const OVERSCAN = 12;
