/**
 * Entry of the core inside Electron's utilityProcess. Electron provides
 * `process.parentPort`; we type the little we use here so the core never
 * imports `electron`. Main sends one `init` message with the profile, then
 * a MessagePort per window.
 */
import path from 'node:path';
import { z } from 'zod';
import { createCore, type Core } from '../core.ts';
import { createConsoleLogger } from '../log.ts';
import { readPolicyFile } from '../policy.ts';
import { silentNotifier, systemClock } from '../ports.ts';
import { createKeyringSecretStore } from '../secrets/keyring.ts';

interface PortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): void;
}

const initSchema = z.object({
  type: z.literal('init'),
  profileDir: z.string(),
  version: z.string(),
  policyFile: z.string().optional(),
});

function serve(core: Core, port: PortLike): void {
  core.subscribe((event) => port.postMessage(event));
  port.on('message', (event) => {
    void core.dispatch(event.data).then((response) => port.postMessage(response));
  });
  port.start();
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('utility.ts runs only inside an Electron utilityProcess');

let core: Promise<Core> | undefined;
parentPort.on('message', (event) => {
  const init = initSchema.safeParse(event.data);
  if (init.success && core === undefined) {
    const { profileDir, version, policyFile } = init.data;
    core = (async () => {
      const policy = policyFile ? await readPolicyFile(policyFile) : { presets: [], extraCaPem: [] };
      return createCore(
        {
          secrets: createKeyringSecretStore(),
          clock: systemClock,
          logger: createConsoleLogger(),
          notifier: silentNotifier,
        },
        {
          databasePath: path.join(profileDir, 'cartable.sqlite'),
          version,
          extraPresets: policy.presets,
          extraCaPem: policy.extraCaPem,
        },
      );
    })();
  }
  const [port] = event.ports;
  if (port && core) void core.then((ready) => serve(ready, port));
});
