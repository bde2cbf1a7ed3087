/**
 * The list's size column: whole units ("12 Ko", "3 Mo"), compact enough for
 * a narrow column; the reader shows the precise figure.
 */
import type { I18n } from '../../../lib/i18n/index.ts';

const units = ['B', 'KB', 'MB', 'GB'] as const;

/** Cached: building a formatter costs more than using it, and a screen shows dozens of sizes. */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(tag: string, digits: number): Intl.NumberFormat {
  const key = `${tag}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits: digits });
    formats.set(key, format);
  }
  return format;
}

export function formatListSize(i18n: I18n, bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Below 10 of a unit one decimal still says something ("1,5 Mo"); above, it is noise.
  const digits = unit > 0 && value < 10 ? 1 : 0;
  const size = numberFormat(i18n.locale === 'fr' ? 'fr-FR' : 'en-GB', digits).format(value);
  return i18n.t(`mail.list.size.${units[unit] ?? 'GB'}`, { size });
}
