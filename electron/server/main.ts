/**
 * `node electron/server/main.ts`: runs the core and serves the renderer to a
 * browser on 127.0.0.1. Used by `npm start` where Electron is missing, by
 * `npm run demo`, and by the end-to-end tests.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createConsoleLogger,
  createCore,
  createKeyringSecretStore,
  createMemorySecretStore,
  readPolicyFile,
  silentNotifier,
  systemClock,
  type Policy,
} from '../core/index.ts';
import { startBrowserHost } from './host.ts';
import { announceReady, stopOnSignals } from './lifecycle.ts';
import { startupFailure } from './startup-failure.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function defaultProfileDir(): string {
  const base = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  return path.join(base, 'Cartable');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: defaultProfileDir() },
      port: { type: 'string', default: '0' },
      policy: { type: 'string' },
      renderer: { type: 'string', default: path.join(repoRoot, 'dist/renderer') },
      // "memory" is for throwaway profiles only (tests, CI without a keychain): passwords die with the process.
      secrets: { type: 'string', default: 'keychain' },
      'dns-server': { type: 'string', multiple: true },
    },
  });
  const logger = createConsoleLogger(process.env.CARTABLE_LOG === 'debug' ? 'debug' : 'info');
  const policy: Policy = values.policy
    ? await readPolicyFile(values.policy)
    : { presets: [], extraCaPem: [] };
  mkdirSync(values.profile, { recursive: true, mode: 0o700 });
  const core = createCore(
    {
      secrets: values.secrets === 'memory' ? createMemorySecretStore() : createKeyringSecretStore(),
      clock: systemClock,
      logger,
      notifier: silentNotifier,
    },
    {
      databasePath: path.join(values.profile, 'cartable.sqlite'),
      version: process.env.npm_package_version ?? '0.1.0',
      extraPresets: policy.presets,
      extraCaPem: policy.extraCaPem,
      ...(values['dns-server'] ? { dnsServers: values['dns-server'] } : {}),
    },
  );
  const host = await startBrowserHost({ core, rendererDir: values.renderer, port: Number(values.port) });
  announceReady(host);
  stopOnSignals(host, core);
}

main().catch((error: unknown) => {
  console.error(startupFailure(error));
  process.exit(1);
});
