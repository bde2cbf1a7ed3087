/**
 * How a running browser host announces itself and stops. The ready line is a
 * contract: scripts and tests look for it, so it is written in one place.
 */
import type { Core } from '../core/index.ts';
import type { BrowserHost } from './host.ts';

export function announceReady(host: BrowserHost): void {
  console.log(`Cartable est prêt : ${host.url}`);
}

/** Closes the host, then the core (pending tasks finish their step), on Ctrl-C or a service stop. */
export function stopOnSignals(host: BrowserHost, core: Core): void {
  const stop = () =>
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
