/**
 * The default window of bodies kept offline: the current school year, which
 * in France starts at the rentrée, taken as September 1st (local time).
 */

/** September, as JavaScript counts months. */
const RENTREE_MONTH = 8;

/** Start of the school year containing `now`, in milliseconds since the epoch. */
export function schoolYearStart(now: Date): number {
  const year = now.getMonth() >= RENTREE_MONTH ? now.getFullYear() : now.getFullYear() - 1;
  return new Date(year, RENTREE_MONTH, 1).getTime();
}
