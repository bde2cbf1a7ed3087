/**
 * Contract round trips over the in-memory host: what the renderer sends is
 * validated, what comes back survives the wire, errors keep their codes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CartableError, methodNames, methods } from '../../../shared/contract/index.ts';
import { createCore, type Core } from '../core.ts';
import { latestSchemaVersion } from '../db/migrations.ts';
import { createConsoleLogger } from '../log.ts';
import { silentNotifier, systemClock } from '../ports.ts';
import { createMemorySecretStore } from '../secrets/memory.ts';
import { connectInMemory } from './memory.ts';

let core: Core;
let client: ReturnType<typeof connectInMemory>;

beforeEach(() => {
  core = createCore(
    {
      secrets: createMemorySecretStore(),
      clock: systemClock,
      logger: createConsoleLogger('error', () => undefined),
      notifier: silentNotifier,
    },
    {
      databasePath: ':memory:',
      version: '9.9.9',
      extraPresets: [{ id: 'it', label: 'Rectorat', domains: ['rectorat.test'], loginFormat: 'email' }],
    },
  );
  client = connectInMemory(core);
});
afterEach(async () => {
  client.disconnect();
  await core.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error instanceof CartableError ? error.toShape() : error;
  }
  throw new Error('expected a rejection');
}

const settings = {
  email: 'alice@example.test',
  displayName: 'Alice',
  login: 'alice',
  imap: { host: '127.0.0.1', port: 1, security: 'tls' as const },
  smtp: { host: '127.0.0.1', port: 1, security: 'tls' as const },
};

describe('contract over the in-memory host', () => {
  it('answers every method of the table with a result its schema accepts', async () => {
    const info = await client.invoke('app.info', {});
    expect(methods['app.info'].result.parse(info)).toEqual({
      version: '9.9.9',
      schemaVersion: latestSchemaVersion,
    });
    const presets = await client.invoke('presets.list', {});
    expect(presets.map((p) => p.id)).toEqual(['ac-lille', 'ac-amiens', 'it']);
    expect(await client.invoke('accounts.list', {})).toEqual([]);
    expect(await client.invoke('tasks.list', {})).toEqual([]);
    expect(methodNames).toContain('accounts.discover');
  });

  it('refuses parameters the schema does not accept, naming the field', async () => {
    expect(await rejection(client.invoke('accounts.remove', { id: '' }))).toMatchObject({
      code: 'INVALID_PARAMS',
      details: { path: 'id' },
    });
    const plainDav = { ...settings, davUrl: 'http://sogo.example.test/SOGo/dav/' };
    expect(
      await rejection(client.invoke('accounts.add', { settings: plainDav, password: 'x' })),
    ).toMatchObject({
      code: 'INVALID_PARAMS',
      details: { path: 'settings.davUrl' },
    });
    const cleartext = { ...settings, imap: { ...settings.imap, security: 'none' } };
    expect(
      await rejection(client.invoke('accounts.add', { settings: cleartext as never, password: 'x' })),
    ).toMatchObject({
      code: 'INVALID_PARAMS',
      details: { path: 'settings.imap.security' },
    });
    expect(
      await rejection(client.invoke('accounts.add', { settings, password: 'x'.repeat(2000) })),
    ).toMatchObject({
      code: 'INVALID_PARAMS',
      details: { path: 'password' },
    });
    expect(await rejection(client.invoke('app.info', { extra: 1 } as never))).toMatchObject({
      code: 'INVALID_PARAMS',
    });
  });

  it('refuses unknown methods and malformed envelopes', async () => {
    expect(await rejection(client.invoke('fs.readFile' as never, {} as never))).toMatchObject({
      code: 'UNKNOWN_METHOD',
    });
    expect(await core.dispatch({ kind: 'request', id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PARAMS' },
    });
    expect(await core.dispatch('not an object')).toMatchObject({ ok: false });
  });

  it('keeps error codes for domain failures', async () => {
    expect(await rejection(client.invoke('mail.listFolders', { accountId: 'nope' }))).toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    });
    expect(await client.invoke('accounts.remove', { id: 'nope' })).toEqual({ removed: false });
  });

  it('returns a failed verification as a report, with progress events per service', async () => {
    const events: string[] = [];
    client.subscribe('accounts.progress', (p) => events.push(`${p.service}:${p.state}`));
    const outcome = await client.invoke('accounts.add', { settings, password: 'secret' });
    expect(outcome.account).toBeUndefined();
    expect(outcome.report.ok).toBe(false);
    expect(outcome.report.checks.map((c) => (c.ok ? 'ok' : c.error.code))).toEqual([
      'PORT_CLOSED',
      'PORT_CLOSED',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(
      expect.arrayContaining(['imap:running', 'imap:failed', 'smtp:running', 'smtp:failed']),
    );
    expect(await client.invoke('accounts.list', {})).toEqual([]);
  });
});
