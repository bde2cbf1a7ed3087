import { afterEach, describe, expect, test } from 'vitest';
import { i18n } from '../../../lib/i18n/index.ts';
import { folder } from '../fixtures.ts';
import { nameContext } from './folder-edit.ts';
import { folderNameProblem } from './folder-name.ts';
import { quotaLevel, quotaPercent, quotaText } from './quota.ts';
import { formatCount, isSyncing, progressRatio, progressText } from './sync-progress.ts';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
afterEach(() => i18n.setLocale('fr'));

describe('quota gauge', () => {
  test('green below 80 %, orange from 80 %, red from 95 %', () => {
    expect(quotaLevel({ usageBytes: 79.9 * MB, limitBytes: 100 * MB })).toBe('ok');
    expect(quotaLevel({ usageBytes: 80 * MB, limitBytes: 100 * MB })).toBe('warning');
    expect(quotaLevel({ usageBytes: 94.9 * MB, limitBytes: 100 * MB })).toBe('warning');
    expect(quotaLevel({ usageBytes: 95 * MB, limitBytes: 100 * MB })).toBe('critical');
    expect(quotaLevel({ usageBytes: 120 * MB, limitBytes: 100 * MB })).toBe('critical');
    expect(quotaLevel({ usageBytes: 5, limitBytes: 0 })).toBe('ok');
  });

  test('percent rounds down and stays within 0–100', () => {
    expect(quotaPercent({ usageBytes: 999, limitBytes: 1000 })).toBe(99);
    expect(quotaPercent({ usageBytes: 2000, limitBytes: 1000 })).toBe(100);
  });

  test('figures in Mo/Go with French number formatting', () => {
    i18n.setLocale('fr');
    const text = quotaText(i18n, { usageBytes: 1.5 * GB, limitBytes: 2 * GB });
    expect(text.figures).toBe('1,5 Go sur 2 Go');
    expect(text.value).toBe('75 % utilisés, 1,5 Go sur 2 Go');
    expect(quotaText(i18n, { usageBytes: 180 * MB, limitBytes: 200 * MB }).figures).toBe('180 Mo sur 200 Mo');
    i18n.setLocale('en');
    expect(quotaText(i18n, { usageBytes: 1.5 * GB, limitBytes: 2 * GB }).figures).toBe('1.5 GB of 2 GB');
  });
});

describe('sync progress', () => {
  test('grouped figures, as each language writes them', () => {
    i18n.setLocale('fr');
    // French groups with a narrow no-break space.
    expect(progressText(i18n, { synced: 1200, total: 100_000 }).short).toBe('1\u202f200 / 100\u202f000');
    expect(formatCount('en', 100_000)).toBe('100,000');
    expect(progressText(i18n, { synced: 1200, total: 100_000 }).label).toContain('messages sur');
  });

  test('a folder syncs until everything is there; the bar never overflows', () => {
    expect(isSyncing({ synced: 200, total: 1000 })).toBe(true);
    expect(isSyncing({ synced: 1000, total: 1000 })).toBe(false);
    expect(isSyncing({ synced: 0, total: 0 })).toBe(false);
    expect(isSyncing(undefined)).toBe(false);
    expect(progressRatio({ synced: 1500, total: 1000 })).toBe(1);
    expect(progressRatio({ synced: 250, total: 1000 })).toBe(0.25);
  });
});

describe('folder name validation', () => {
  const context = { siblings: [{ name: 'Projets' }, { name: 'Élèves' }], delimiter: '/', topLevel: true };

  test('a fresh name passes, trimmed', () => {
    expect(folderNameProblem('  Conseils de classe ', context)).toBeUndefined();
  });

  test('empty, too long, with the delimiter, INBOX or taken are refused with a reason', () => {
    expect(folderNameProblem('   ', context)?.key).toBe('mail.folder.nameEmpty');
    expect(folderNameProblem('x'.repeat(201), context)?.key).toBe('mail.folder.nameTooLong');
    expect(folderNameProblem('a/b', context)).toEqual({
      key: 'mail.folder.nameDelimiter',
      vars: { char: '/' },
    });
    expect(folderNameProblem('inbox', context)?.key).toBe('mail.folder.nameReserved');
    expect(folderNameProblem('inbox', { ...context, topLevel: false })).toBeUndefined();
    // The same letters, composed differently (macOS keyboards write É as E + accent).
    expect(folderNameProblem('E\u0301le\u0300ves', context)?.key).toBe('mail.folder.nameTaken');
  });
});

describe('folder edit context', () => {
  const folders = [
    folder('INBOX', { specialUse: 'inbox' }),
    folder('Projets'),
    folder('Projets/Sorties'),
    folder('Projets/Conseils'),
  ];

  test('a new subfolder is checked against its parent’s children', () => {
    const context = nameContext(folders, { kind: 'create', parent: folders[1] });
    expect(context.siblings.map((f) => f.name).sort()).toEqual(['Conseils', 'Sorties']);
    expect(context.topLevel).toBe(false);
    expect(context.delimiter).toBe('/');
  });

  test('a renamed folder is checked against its siblings, not itself', () => {
    const renamed = folders[2];
    if (!renamed) throw new Error('fixture');
    const context = nameContext(folders, { kind: 'rename', folder: renamed });
    expect(context.siblings.map((f) => f.name)).toEqual(['Conseils']);
    expect(folderNameProblem('Sorties', context)).toBeUndefined();
    expect(folderNameProblem('Conseils', context)?.key).toBe('mail.folder.nameTaken');
  });

  test('a top-level folder sits beside INBOX', () => {
    const context = nameContext(folders, { kind: 'create', parent: undefined });
    expect(context.topLevel).toBe(true);
    expect(context.siblings.map((f) => f.name)).toEqual(['INBOX', 'Projets']);
  });
});
