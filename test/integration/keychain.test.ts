/**
 * Passwords live only in the OS keychain: a real Secret Service
 * (gnome-keyring, see test/support/with-keyring.sh) holds alice's password,
 * and no file of the profile contains it in any usual encoding.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyringSecretStore } from '../../electron/core/index.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { caPem, endpoints, user } from '../support/stack.ts';

const alice = user('alice');
let running: TestCore | undefined;
afterAll(() => running?.close());

function lookup(accountId: string): string {
  try {
    return execFileSync(
      'secret-tool',
      ['lookup', 'service', 'Cartable', 'username', `account:${accountId}`],
      { encoding: 'utf8' },
    );
  } catch {
    return '';
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the keychain', () => {
  it('holds the password, and the profile does not', async () => {
    running = startTestCore({ extraCaPem: [caPem()], secrets: createKeyringSecretStore() });
    const { client, core, profileDir } = running;
    const outcome = await client.invoke('accounts.add', {
      settings: {
        email: alice.email,
        displayName: 'Alice',
        login: alice.login,
        imap: endpoints.imaps,
        smtp: endpoints.submissions,
        davUrl: endpoints.davUrl,
      },
      password: alice.password,
    });
    const accountId = outcome.account?.id ?? '';
    expect(accountId).not.toBe('');
    await core.idle(); // the folder sync read the password back from the keychain
    expect(await client.invoke('mail.listFolders', { accountId })).not.toHaveLength(0);
    expect(lookup(accountId)).toBe(alice.password);

    const encodings = [
      Buffer.from(alice.password, 'utf8'),
      Buffer.from(alice.password, 'utf16le'),
      Buffer.from(Buffer.from(alice.password).toString('base64')),
      Buffer.from(Buffer.from(`${alice.login}:${alice.password}`).toString('base64')),
    ];
    const files = filesUnder(profileDir);
    expect(files.some((f) => f.endsWith('cartable.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of encodings)
        expect(bytes.includes(needle), `${file} contient le mot de passe`).toBe(false);
    }

    await client.invoke('accounts.remove', { id: accountId });
    expect(lookup(accountId)).toBe('');
  });
});
