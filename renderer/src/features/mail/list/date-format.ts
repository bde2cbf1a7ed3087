/**
 * The list's date column, short as in every mail client: the time for
 * today's mail, day and month for this year's, the full date before.
 * Formatters are cached: building an Intl.DateTimeFormat costs more than
 * formatting with it, and a screen of rows formats dozens of dates.
 */
import type { Locale } from '../../../lib/i18n/index.ts';

type Style = 'day' | 'time' | 'dayMonth' | 'date' | 'full';

const styles: Readonly<Record<Style, Intl.DateTimeFormatOptions>> = {
  // en-CA writes 2026-03-14: comparable as text, so "same day" and "same year" are string tests.
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
  dayMonth: { day: 'numeric', month: 'short' },
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  full: { dateStyle: 'full', timeStyle: 'short' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, locale: Locale, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone ?? ''}`;
  let format = cache.get(key);
  if (!format) {
    const tag = style === 'day' ? 'en-CA' : locale === 'fr' ? 'fr-FR' : 'en-GB';
    format = new Intl.DateTimeFormat(tag, {
      ...styles[style],
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    cache.set(key, format);
  }
  return format;
}

/** `timeZone` is for tests; the app uses the system's. */
export function formatListDate(epochMs: number, now: number, locale: Locale, timeZone?: string): string {
  const dayOf = formatter('day', locale, timeZone);
  const day = dayOf.format(epochMs);
  const today = dayOf.format(now);
  if (day === today) return formatter('time', locale, timeZone).format(epochMs);
  if (day.slice(0, 4) === today.slice(0, 4)) return formatter('dayMonth', locale, timeZone).format(epochMs);
  return formatter('date', locale, timeZone).format(epochMs);
}

/** The full date and time, for the cell's tooltip and screen readers. */
export function formatFullDate(epochMs: number, locale: Locale, timeZone?: string): string {
  return formatter('full', locale, timeZone).format(epochMs);
}
