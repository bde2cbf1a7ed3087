/** Dates and sizes in the interface language (French first: "jeudi 15 octobre 2026 à 17:00", "1,5 Mo"). */
import type { I18n } from '../../../lib/i18n/index.ts';
import { sizeParts } from './attachment-risk.ts';

const intlLocale = (i18n: I18n): string => (i18n.locale === 'fr' ? 'fr-FR' : 'en-GB');

/** Short enough for the header line ("15 oct. 2026, 17:00"); the full form is on hover. */
export function formatMessageDate(i18n: I18n, epochMs: number): string {
  return new Intl.DateTimeFormat(intlLocale(i18n), { dateStyle: 'medium', timeStyle: 'short' }).format(
    epochMs,
  );
}

/** Weekday, seconds and time zone: what someone checking when a mail really came wants. */
export function formatFullDate(i18n: I18n, epochMs: number): string {
  return new Intl.DateTimeFormat(intlLocale(i18n), { dateStyle: 'full', timeStyle: 'long' }).format(epochMs);
}

/** A wall-clock time from an invitation: `utc` ones in the user's zone, the others as written. */
export function formatEventTime(i18n: I18n, date: Date, options: { utc: boolean; allDay: boolean }): string {
  return new Intl.DateTimeFormat(intlLocale(i18n), {
    dateStyle: 'full',
    ...(options.allDay ? {} : { timeStyle: 'short' }),
    ...(options.utc ? {} : { timeZone: 'UTC' }),
  }).format(date);
}

export function formatSize(i18n: I18n, bytes: number): string {
  const { value, unit } = sizeParts(bytes);
  const size = new Intl.NumberFormat(intlLocale(i18n), { maximumFractionDigits: 1 }).format(value);
  return i18n.t(`reader.size.${unit}`, { size });
}
