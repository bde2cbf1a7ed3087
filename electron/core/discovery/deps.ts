// Assembles the real DiscoveryDeps from the https requester and the resolver.
import type { Preset } from '../../../shared/contract/domain.ts';
import { createDnsLookups } from './dns.ts';
import { createHttpsRequester, DEFAULT_TIMEOUT_MS } from './http.ts';
import type { DiscoveryDeps } from './types.ts';

export interface DiscoveryDepsOptions {
  presets: readonly Preset[];
  /** The complete TLS trust list: pass Node's `tls.rootCertificates` plus any extra CA. */
  ca: readonly string[];
  dnsServers?: readonly string[];
  /** Test-only: see HttpsRequesterOptions.hostMap (hosts outside the map are not contacted). */
  hostMap?: Readonly<Record<string, string>>;
  userAgent: string;
  timeoutMs?: number;
}

export function createDiscoveryDeps(options: DiscoveryDepsOptions): DiscoveryDeps {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    presets: options.presets,
    request: createHttpsRequester({
      ca: options.ca,
      userAgent: options.userAgent,
      timeoutMs,
      ...(options.hostMap && { hostMap: options.hostMap }),
    }),
    ...createDnsLookups({ timeoutMs, ...(options.dnsServers && { dnsServers: options.dnsServers }) }),
  };
}
