/** An in-memory SecretStore for unit tests and the in-memory host. */
import type { SecretStore } from '../ports.ts';

export function createMemorySecretStore(): SecretStore & { readonly size: number } {
  const secrets = new Map<string, string>();
  return {
    get: (key) => Promise.resolve(secrets.get(key)),
    set: (key, secret) => {
      secrets.set(key, secret);
      return Promise.resolve();
    },
    delete: (key) => {
      secrets.delete(key);
      return Promise.resolve();
    },
    get size() {
      return secrets.size;
    },
  };
}
