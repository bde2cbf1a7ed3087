/**
 * The core's public entry: the only file hosts (shell, browser host, tests)
 * import. Everything else in electron/core/ is internal.
 */
export { createCore, type Core } from './core.ts';
export type { Clock, CoreOptions, CorePorts, Logger, LogFields, Notifier, SecretStore } from './ports.ts';
export { systemClock, silentNotifier } from './ports.ts';
export { createKeyringSecretStore, KEYCHAIN_SERVICE } from './secrets/keyring.ts';
export { createMemorySecretStore } from './secrets/memory.ts';
export { createConsoleLogger } from './log.ts';
export { connectInMemory } from './hosts/memory.ts';
export { latestSchemaVersion } from './db/migrations.ts';
export { readPolicyFile, type Policy } from './policy.ts';
