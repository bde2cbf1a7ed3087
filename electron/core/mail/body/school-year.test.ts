import { describe, expect, it } from 'vitest';
import { schoolYearStart } from './school-year.ts';

describe('schoolYearStart', () => {
  it.each([
    ['2026-11-23T10:00:00', '2026-09-01T00:00:00'],
    ['2026-09-01T00:00:00', '2026-09-01T00:00:00'],
    ['2026-08-31T23:59:59', '2025-09-01T00:00:00'],
    ['2027-01-01T00:00:00', '2026-09-01T00:00:00'],
    ['2027-07-14T12:00:00', '2026-09-01T00:00:00'],
    ['2026-12-31T23:59:59', '2026-09-01T00:00:00'],
  ])('on %s the school year started %s (local time)', (now, start) => {
    expect(schoolYearStart(new Date(now))).toBe(new Date(start).getTime());
  });
});
