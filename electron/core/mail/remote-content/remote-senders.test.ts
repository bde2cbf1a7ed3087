import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Logger } from '../../ports.ts';
import { MAX_REMOTE_SENDERS, REMOTE_SENDERS_FILE, RemoteContentSenders } from './remote-senders.ts';

/** Records warnings only: the one level this module uses. */
function logger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  return { debug: ignore, info: ignore, warn: (message) => warnings.push(message), error: ignore, warnings };
}
const profile = () => mkdtempSync(path.join(tmpdir(), 'cartable-remote-'));

describe('the remote-content allow-list', () => {
  test('is saved beside the database, lower-cased, and read back by the next core', () => {
    const dir = profile();
    const senders = new RemoteContentSenders(dir, logger());
    expect(senders.set('Lettre@College.example', true)).toBe(true);
    expect(senders.set('lettre@college.example', true)).toBe(false);
    expect(senders.set('b@ecole.example', true)).toBe(true);
    expect(senders.set('b@ecole.example', false)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, REMOTE_SENDERS_FILE), 'utf8'))).toEqual({
      version: 1,
      senders: ['lettre@college.example'],
    });
    expect(new RemoteContentSenders(dir, logger()).list()).toEqual(['lettre@college.example']);
  });

  test('a damaged file means an empty list (images blocked), logged', () => {
    const dir = profile();
    writeFileSync(path.join(dir, REMOTE_SENDERS_FILE), '{"version":1,"senders":[42]}');
    const log = logger();
    expect(new RemoteContentSenders(dir, log).list()).toEqual([]);
    expect(log.warnings).toHaveLength(1);
  });

  test('stops growing at its cap, and lives in memory without a profile directory', () => {
    const senders = new RemoteContentSenders(undefined, logger());
    for (let i = 0; i < MAX_REMOTE_SENDERS + 5; i += 1) senders.set(`s${i}@x.example`, true);
    expect(senders.list()).toHaveLength(MAX_REMOTE_SENDERS);
  });
});
