// The real DNS side of discovery: SRV and TXT through Node's own resolver
// (c-ares), optionally pointed at given servers; every failure reads as "none".
import { Resolver } from 'node:dns/promises';
import type { DiscoveryDeps } from './types.ts';

export interface DnsOptions {
  /** e.g. ['127.0.0.1:53535'] in tests; the system's resolvers when absent. */
  dnsServers?: readonly string[];
  timeoutMs: number;
}

export function createDnsLookups(options: DnsOptions): Pick<DiscoveryDeps, 'resolveSrv' | 'resolveTxt'> {
  // Two tries of half the budget each: one lost UDP datagram should not cost the answer.
  const resolver = new Resolver({ timeout: Math.max(1, Math.ceil(options.timeoutMs / 2)), tries: 2 });
  if (options.dnsServers && options.dnsServers.length > 0) resolver.setServers([...options.dnsServers]);
  return {
    async resolveSrv(name) {
      try {
        return (await resolver.resolveSrv(name)).map(({ name: target, port, priority, weight }) => ({
          name: target,
          port,
          priority,
          weight,
        }));
      } catch {
        return []; // NXDOMAIN, NODATA, timeout, refused: all mean "no record to use"
      }
    },
    async resolveTxt(name) {
      try {
        return await resolver.resolveTxt(name);
      } catch {
        return [];
      }
    },
  };
}
