/**
 * Account verification against the real Dovecot, Postfix and SOGo of the
 * test stack: each failure a person can meet gets its own error code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSettingsInput, ServiceCheck, VerifyReport } from '../../shared/contract/index.ts';
import { createMemorySecretStore } from '../../electron/core/index.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { caPem, endpoints, serverFingerprint, user } from '../support/stack.ts';

const alice = user('alice');

function aliceSettings(overrides: Partial<AccountSettingsInput> = {}): AccountSettingsInput {
  return {
    email: alice.email,
    displayName: 'Alice Martin',
    login: alice.login,
    imap: endpoints.imaps,
    smtp: endpoints.submissions,
    davUrl: endpoints.davUrl,
    ...overrides,
  };
}

function failed(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(
    report.checks
      .filter((c): c is Extract<ServiceCheck, { ok: false }> => !c.ok)
      .map((c) => [c.service, c.error.code]),
  );
}

let running: TestCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function trustingCore(): TestCore {
  running = startTestCore({ extraCaPem: [caPem()] });
  return running;
}

describe('verifying alice’s SOGo account', () => {
  it('logs in to IMAP, SMTP and DAV, saves the account and lists her folders', async () => {
    const { client, core } = trustingCore();
    const progress: string[] = [];
    client.subscribe('accounts.progress', (p) => progress.push(`${p.service}:${p.state}`));
    const outcome = await client.invoke('accounts.add', {
      settings: aliceSettings(),
      password: alice.password,
    });
    expect(failed(outcome.report)).toEqual({});
    expect(outcome.account?.dav).toEqual({
      principalUrl: 'https://127.0.0.1:20443/SOGo/dav/alice/',
      calendarHomeUrl: 'https://127.0.0.1:20443/SOGo/dav/alice/Calendar/',
      addressBookHomeUrl: 'https://127.0.0.1:20443/SOGo/dav/alice/Contacts/',
    });
    expect(progress).toEqual(expect.arrayContaining(['imap:ok', 'smtp:ok', 'dav:ok']));
    const accountId = outcome.account?.id ?? '';

    await core.idle();
    const folders = await client.invoke('mail.listFolders', { accountId });
    const special = Object.fromEntries(
      folders.flatMap((f) => (f.specialUse ? [[f.specialUse, f.path] as const] : [])),
    );
    expect(special).toMatchObject({
      inbox: 'INBOX',
      drafts: 'Drafts',
      sent: 'Sent',
      trash: 'Trash',
      junk: 'Junk',
      archive: 'Archives',
    });
    expect(folders.find((f) => f.path === 'INBOX')?.messages).toBeTypeOf('number');
    // The account's first sync (the inbox watcher may have queued its own since).
    expect(await client.invoke('tasks.list', {})).toContainEqual(
      expect.objectContaining({ kind: 'mail.syncAccount', state: 'done' }),
    );
  });

  it('works the same over STARTTLS (IMAP 143-style and SMTP submission)', async () => {
    const { client } = trustingCore();
    const outcome = await client.invoke('accounts.add', {
      settings: aliceSettings({ imap: endpoints.imapStartTls, smtp: endpoints.submission }),
      password: alice.password,
    });
    expect(failed(outcome.report)).toEqual({});
  });

  it('says which service refused a wrong password, and saves nothing', async () => {
    const secrets = createMemorySecretStore();
    running = startTestCore({ extraCaPem: [caPem()], secrets });
    const { client } = running;
    const outcome = await client.invoke('accounts.add', {
      settings: aliceSettings(),
      password: 'pas-le-bon',
    });
    expect(failed(outcome.report)).toEqual({ imap: 'AUTH_FAILED', smtp: 'AUTH_FAILED', dav: 'AUTH_FAILED' });
    expect(outcome.account).toBeUndefined();
    expect(await client.invoke('accounts.list', {})).toEqual([]);
    expect(secrets.size).toBe(0);
  });

  it('reports a closed port', async () => {
    const { client } = trustingCore();
    const outcome = await client.invoke('accounts.add', {
      settings: aliceSettings({ imap: endpoints.closed, smtp: endpoints.closed }),
      password: alice.password,
    });
    expect(failed(outcome.report)).toEqual({ imap: 'PORT_CLOSED', smtp: 'PORT_CLOSED' });
  });

  it('refuses a server that offers no TLS before any password is sent', async () => {
    const { client } = trustingCore();
    const outcome = await client.invoke('accounts.add', {
      settings: aliceSettings({ imap: endpoints.imapNoTls, smtp: endpoints.smtpNoTls }),
      password: alice.password,
    });
    expect(failed(outcome.report)).toEqual({ imap: 'TLS_UNAVAILABLE', smtp: 'TLS_UNAVAILABLE' });
  });

  it('refuses a DAV URL that is not a DAV server (SOGo’s HTML login page)', async () => {
    const { client } = trustingCore();
    const outcome = await client.invoke('accounts.add', {
      settings: aliceSettings({ davUrl: 'https://127.0.0.1:20443/SOGo/' }),
      password: alice.password,
    });
    expect(failed(outcome.report)).toEqual({ dav: 'DAV_NOT_FOUND' });
  });
});

describe('certificates the system does not trust', () => {
  it('refuses them without a pin and shows the SHA-256 fingerprint', async () => {
    running = startTestCore(); // the stack's private CA is not trusted here
    const outcome = await running.client.invoke('accounts.add', {
      settings: aliceSettings(),
      password: alice.password,
    });
    const fingerprint = serverFingerprint();
    for (const check of outcome.report.checks) {
      expect(check).toMatchObject({ ok: false, error: { code: 'TLS_UNTRUSTED', details: { fingerprint } } });
    }
  });

  it('accepts them once the user pinned that fingerprint for each host and port', async () => {
    running = startTestCore();
    const sha256 = serverFingerprint();
    const tlsPins = [1993, 1465, 20443].map((port) => ({ host: '127.0.0.1', port, sha256 }));
    const outcome = await running.client.invoke('accounts.add', {
      settings: aliceSettings({ tlsPins }),
      password: alice.password,
    });
    expect(failed(outcome.report)).toEqual({});
    expect(outcome.account?.tlsPins).toHaveLength(3);
  });

  it('asks again when the certificate differs from the pinned one', async () => {
    running = startTestCore();
    const previous = serverFingerprint().replace(/^../, '00');
    const outcome = await running.client.invoke('accounts.add', {
      settings: aliceSettings({ tlsPins: [{ host: '127.0.0.1', port: 1993, sha256: previous }] }),
      password: alice.password,
    });
    expect(outcome.report.checks.find((c) => c.service === 'imap')).toMatchObject({
      ok: false,
      error: { code: 'TLS_CHANGED', details: { previous, fingerprint: serverFingerprint() } },
    });
  });
});

describe('a saved account', () => {
  it('is verified again, updated only after its new servers verify, and removed with its secret', async () => {
    const secrets = createMemorySecretStore();
    running = startTestCore({ extraCaPem: [caPem()], secrets });
    const { client } = running;
    const added = await client.invoke('accounts.add', {
      settings: aliceSettings(),
      password: alice.password,
    });
    const id = added.account?.id ?? '';
    expect(await client.invoke('accounts.verify', { id })).toMatchObject({ ok: true });
    expect(failed(await client.invoke('accounts.verify', { id, password: 'faux' }))).toEqual({
      imap: 'AUTH_FAILED',
      smtp: 'AUTH_FAILED',
      dav: 'AUTH_FAILED',
    });

    const broken = await client.invoke('accounts.update', {
      id,
      settings: aliceSettings({ displayName: 'Alice M.', smtp: endpoints.closed }),
    });
    expect(failed(broken.report)).toEqual({ smtp: 'PORT_CLOSED' });
    expect((await client.invoke('accounts.list', {}))[0]?.smtp).toEqual(endpoints.submissions);

    const changed = await client.invoke('accounts.update', {
      id,
      settings: aliceSettings({
        displayName: 'Alice M.',
        imap: endpoints.imapStartTls,
        smtp: endpoints.submission,
      }),
    });
    expect(changed.account).toMatchObject({ displayName: 'Alice M.', imap: endpoints.imapStartTls });

    expect(await client.invoke('accounts.remove', { id })).toEqual({ removed: true });
    expect(await client.invoke('accounts.list', {})).toEqual([]);
    expect(secrets.size).toBe(0);
  });
});
