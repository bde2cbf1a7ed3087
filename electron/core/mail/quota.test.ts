import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations.ts';
import { quota as quotaMigration } from '../db/migrations/0007-quota.ts';
import { QuotaRepository, quotaLevel } from './quota.ts';

const MB = 1024 * 1024;

function repository() {
  const all = migrations.some((m) => m.version === 7) ? migrations : [...migrations, quotaMigration];
  const db = openDatabase(':memory:', all);
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  return new QuotaRepository(db);
}

describe('quota', () => {
  it('turns orange at 80 % and red at 95 %', () => {
    expect(quotaLevel({ usageBytes: 159 * MB, limitBytes: 200 * MB })).toBe('ok');
    expect(quotaLevel({ usageBytes: 160 * MB, limitBytes: 200 * MB })).toBe('warning');
    expect(quotaLevel({ usageBytes: 190 * MB, limitBytes: 200 * MB })).toBe('critical');
  });

  it('warns once when a threshold is crossed upwards, not on every refresh', () => {
    const quotas = repository();
    expect(quotas.record('a', { usageBytes: 10 * MB, limitBytes: 200 * MB }, 't1')).toBeUndefined();
    expect(quotas.record('a', { usageBytes: 165 * MB, limitBytes: 200 * MB }, 't2')).toBe('warning');
    expect(quotas.record('a', { usageBytes: 170 * MB, limitBytes: 200 * MB }, 't3')).toBeUndefined();
    expect(quotas.record('a', { usageBytes: 195 * MB, limitBytes: 200 * MB }, 't4')).toBe('critical');
    expect(quotas.record('a', { usageBytes: 20 * MB, limitBytes: 200 * MB }, 't5')).toBeUndefined();
    expect(quotas.record('a', { usageBytes: 192 * MB, limitBytes: 200 * MB }, 't6')).toBe('critical');
    expect(quotas.get('a')).toEqual({
      usageBytes: 192 * MB,
      limitBytes: 200 * MB,
      checkedAt: 't6',
      level: 'critical',
    });
  });

  it('warns at once when the first reading is already past 80 %', () => {
    expect(repository().record('a', { usageBytes: 170 * MB, limitBytes: 200 * MB }, 't')).toBe('warning');
  });
});
