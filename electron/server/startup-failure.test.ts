import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  createCore,
  createMemorySecretStore,
  createConsoleLogger,
  latestSchemaVersion,
  silentNotifier,
  systemClock,
} from '../core/index.ts';
import { startupFailure } from './startup-failure.ts';

describe('startupFailure', () => {
  it('explains in French a profile written by a newer Cartable, and leaves it untouched', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-newer-')), 'cartable.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    let caught: unknown;
    try {
      createCore(
        {
          secrets: createMemorySecretStore(),
          clock: systemClock,
          logger: createConsoleLogger('error', () => undefined),
          notifier: silentNotifier,
        },
        { databasePath: file, version: 'test' },
      );
    } catch (error) {
      caught = error;
    }
    expect(startupFailure(caught)).toBe(
      `Ce profil a été enregistré par une version plus récente de Cartable (schéma ${latestSchemaVersion + 1}, ` +
        `cette version lit jusqu’au schéma ${latestSchemaVersion}). Installez la dernière version de Cartable : ` +
        'le profil n’a pas été modifié.',
    );
    const after = new BetterSqlite3(file);
    expect(after.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    after.close();
  });
});
