/**
 * The OS keychain through @napi-rs/keyring (keytar's maintained successor):
 * Windows Credential Manager, macOS Keychain, Secret Service on Linux.
 * On Linux we require the Secret Service: the kernel keyring fallback would
 * forget passwords at logout, which users would read as a bug.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { CartableError } from '../../../shared/contract/index.ts';
import type { SecretStore } from '../ports.ts';

export const KEYCHAIN_SERVICE = 'Cartable';

function entry(service: string, key: string): AsyncEntry {
  return new AsyncEntry(service, key, { linux: { store: 'secret-service' } });
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new CartableError('SECRET_STORE_UNAVAILABLE', {}, { cause: error });
  }
}

export function createKeyringSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  return {
    get: (key) => guarded(async () => (await entry(service, key).getPassword()) ?? undefined),
    set: (key, secret) => guarded(() => entry(service, key).setPassword(secret)),
    delete: (key) => guarded(async () => void (await entry(service, key).deletePassword())),
  };
}
