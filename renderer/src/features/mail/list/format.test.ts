import { beforeEach, describe, expect, test } from 'vitest';
import { i18n } from '../../../lib/i18n/index.ts';
import { formatFullDate, formatListDate } from './date-format.ts';
import { formatListSize } from './size-format.ts';

const zone = 'Europe/Paris';
const now = Date.parse('2026-03-14T16:30:00+01:00');

describe('the list’s dates, in French by default', () => {
  test('today: the time', () => {
    expect(formatListDate(Date.parse('2026-03-14T08:05:00+01:00'), now, 'fr', zone)).toBe('08:05');
    expect(formatListDate(Date.parse('2026-03-14T00:00:00+01:00'), now, 'fr', zone)).toBe('00:00');
  });

  test('earlier this year: day and month', () => {
    expect(formatListDate(Date.parse('2026-03-13T23:59:00+01:00'), now, 'fr', zone)).toBe('13 mars');
    expect(formatListDate(Date.parse('2026-01-02T10:00:00+01:00'), now, 'fr', zone)).toBe('2 janv.');
  });

  test('another year: the full date', () => {
    expect(formatListDate(Date.parse('2025-12-31T10:00:00+01:00'), now, 'fr', zone)).toBe('31/12/2025');
  });

  test('the day follows the user’s time zone, not UTC', () => {
    // 23:30 in Paris on the 13th is already the 14th in UTC+2 elsewhere, but still the 13th here.
    expect(formatListDate(Date.parse('2026-03-13T22:30:00Z'), now, 'fr', zone)).toBe('13 mars');
  });

  test('English, and the full form for the tooltip', () => {
    expect(formatListDate(Date.parse('2026-01-02T10:00:00+01:00'), now, 'en', zone)).toBe('2 Jan');
    expect(formatFullDate(Date.parse('2026-03-14T08:05:00+01:00'), 'fr', zone)).toBe(
      'samedi 14 mars 2026 à 08:05',
    );
  });
});

describe('the list’s sizes', () => {
  beforeEach(() => i18n.setLocale('fr'));

  test('whole units, one decimal below ten', () => {
    expect(formatListSize(i18n, 512)).toBe('512 o');
    expect(formatListSize(i18n, 12 * 1024 + 300)).toBe('12 Ko');
    expect(formatListSize(i18n, 1.5 * 1024 * 1024)).toBe('1,5 Mo');
    expect(formatListSize(i18n, 3 * 1024 ** 3)).toBe('3 Go');
    i18n.setLocale('en');
    expect(formatListSize(i18n, 1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
