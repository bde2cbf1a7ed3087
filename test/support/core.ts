/** A core on a throwaway profile, driven over the in-memory host as the renderer would. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  connectInMemory,
  createConsoleLogger,
  createCore,
  createMemorySecretStore,
  silentNotifier,
  systemClock,
  type Core,
  type CoreOptions,
  type SecretStore,
} from '../../electron/core/index.ts';

export interface TestCore {
  core: Core;
  client: ReturnType<typeof connectInMemory>;
  profileDir: string;
  secrets: SecretStore;
  close(): Promise<void>;
}

export function startTestCore(options: Partial<CoreOptions> & { secrets?: SecretStore } = {}): TestCore {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'cartable-profile-'));
  const secrets = options.secrets ?? createMemorySecretStore();
  const core = createCore(
    { secrets, clock: systemClock, logger: createConsoleLogger('error'), notifier: silentNotifier },
    {
      databasePath: path.join(profileDir, 'cartable.sqlite'),
      version: '0.1.0-test',
      connectTimeoutMs: 10_000,
      ...options,
    },
  );
  const client = connectInMemory(core);
  return {
    core,
    client,
    profileDir,
    secrets,
    async close() {
      client.disconnect();
      await core.close();
    },
  };
}
