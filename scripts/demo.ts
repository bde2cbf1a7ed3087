/**
 * `npm run demo`: starts the local SOGo stack with its demo users and mail,
 * then Cartable in the browser host with alice already signed in (the same
 * `accounts.add` the wizard calls), and prints the URL to open.
 * Runs inside a throwaway keyring (test/support/with-keyring.sh), so the demo
 * passwords never reach the user's own keychain.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createConsoleLogger,
  createCore,
  createKeyringSecretStore,
  readPolicyFile,
  silentNotifier,
  systemClock,
} from '../electron/core/index.ts';
import { startBrowserHost } from '../electron/server/host.ts';
import { announceReady, stopOnSignals } from '../electron/server/lifecycle.ts';
import { stackDir, stackPreset, user } from '../test/support/stack.ts';
import { repoRoot, run } from './run.ts';

if (process.env.CARTABLE_KEYRING_READY !== '1') {
  if ((await run('bash', ['test/support/install-deps.sh'])) !== 0) process.exit(1);
  process.exit(await run('bash', ['test/support/with-keyring.sh', 'node', 'scripts/demo.ts']));
}

if ((await run('bash', ['test/stack/start.sh'])) !== 0) process.exit(1);
if ((await run('bash', ['test/stack/seed-demo.sh'])) !== 0) process.exit(1);
if (
  !existsSync(path.join(repoRoot, 'dist/renderer/index.html')) &&
  (await run('npm', ['run', '--silent', 'build:renderer'])) !== 0
)
  process.exit(1);

// A fresh profile each run: the throwaway keyring does not outlive the demo either.
const profile = path.join(repoRoot, '.profile/demo');
rmSync(profile, { recursive: true, force: true });
mkdirSync(profile, { recursive: true });
const policyFile = path.join(profile, 'policy.json');
writeFileSync(
  policyFile,
  JSON.stringify(
    { presets: [stackPreset], trustedCertificateFiles: [path.join(stackDir, 'ssl/ca.pem')] },
    null,
    2,
  ),
);

const policy = await readPolicyFile(policyFile);
const core = createCore(
  {
    secrets: createKeyringSecretStore(),
    clock: systemClock,
    logger: createConsoleLogger('warn'),
    notifier: silentNotifier,
  },
  {
    databasePath: path.join(profile, 'cartable.sqlite'),
    version: '0.1.0-demo',
    extraPresets: policy.presets,
    extraCaPem: policy.extraCaPem,
  },
);

const alice = user('alice');
const response = await core.dispatch({
  kind: 'request',
  id: 1,
  method: 'accounts.add',
  params: {
    settings: {
      email: alice.email,
      displayName: 'Alice Martin',
      login: alice.login,
      imap: stackPreset.imap,
      smtp: stackPreset.smtp,
      davUrl: stackPreset.davUrl,
      presetId: stackPreset.id,
    },
    password: alice.password,
  },
});
if (!response.ok || !(response.result as { account?: unknown }).account) {
  console.error('La connexion du compte de démonstration a échoué :', JSON.stringify(response));
  process.exit(1);
}
await core.idle();

const host = await startBrowserHost({ core, rendererDir: path.join(repoRoot, 'dist/renderer') });
console.log(
  '\nDémo Cartable : alice@example.test est connectée (autres comptes : bob, carol ; mot de passe <nom>-pass).',
);
announceReady(host);
console.log('Ctrl-C pour arrêter (la pile de serveurs continue : npm run stack:stop).');
stopOnSignals(host, core);
