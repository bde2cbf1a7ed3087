/**
 * One call for every protocol adapter: probe the endpoint, then hand back
 * the TLS options its library must use. Everything that decides trust is in
 * probe.ts and trust.ts; this only wires them.
 */
import type { Endpoint, TlsPin } from '../../../shared/contract/index.ts';
import { connectTarget, type ConnectTarget } from './connect.ts';
import { probeTls, type ProbeProtocol } from './probe.ts';
import { libraryTls, type LibraryTls } from './trust.ts';

export interface NetworkContext {
  authorities: readonly string[];
  timeoutMs: number;
  hostMap?: Readonly<Record<string, string>> | undefined;
}

export interface SecuredEndpoint {
  target: ConnectTarget;
  tls: LibraryTls;
}

export async function secureEndpoint(
  endpoint: Endpoint,
  protocol: ProbeProtocol,
  pins: readonly TlsPin[],
  network: NetworkContext,
): Promise<SecuredEndpoint> {
  const probe = await probeTls(endpoint, protocol, {
    ca: network.authorities,
    timeoutMs: network.timeoutMs,
    hostMap: network.hostMap,
  });
  const target = connectTarget(endpoint.host, endpoint.port, network.hostMap);
  const options = libraryTls(endpoint, probe, pins, network.authorities, protocol);
  return { target, tls: target.servername ? { ...options, servername: target.servername } : options };
}
