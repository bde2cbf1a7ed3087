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
import { endpoints, type StackUser } from './stack.ts';

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

/** Signs a stack user in over IMAPS and SMTPS as the wizard would, then waits for the first sync. */
export async function signIn(app: TestCore, user: StackUser): Promise<string> {
  const outcome = await app.client.invoke('accounts.add', {
    settings: {
      email: user.email,
      displayName: user.login,
      login: user.login,
      imap: endpoints.imaps,
      smtp: endpoints.submissions,
    },
    password: user.password,
  });
  if (!outcome.account) throw new Error(`sign-in failed: ${JSON.stringify(outcome.report)}`);
  await app.core.idle();
  return outcome.account.id;
}
