/**
 * Decides, from a probe, the TLS options a protocol library may connect
 * with. A trusted chain is verified normally; an untrusted one is accepted
 * only when the user pinned exactly this certificate for this host and port,
 * and then the library's own handshake must chain to the pinned anchor and
 * present the same leaf.
 */
import tls, { type PeerCertificate, type SecureContext } from 'node:tls';
import { CartableError, type Endpoint, type TlsPin } from '../../../shared/contract/index.ts';
import { authoritiesContext } from './authorities-context.ts';
import type { ProbeResult } from './probe.ts';

export interface LibraryTls {
  ca: string[];
  secureContext?: SecureContext;
  servername?: string;
  rejectUnauthorized: true;
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

/** The public roots Node ships plus the authorities the host configured. */
export function trustedAuthorities(extraCaPem: readonly string[] = []): string[] {
  return [...tls.rootCertificates, ...extraCaPem];
}

export function findPin(
  pins: readonly TlsPin[],
  endpoint: Pick<Endpoint, 'host' | 'port'>,
): TlsPin | undefined {
  const host = endpoint.host.toLowerCase();
  return pins.find((pin) => pin.host.toLowerCase() === host && pin.port === endpoint.port);
}

export function libraryTls(
  endpoint: Endpoint,
  probe: ProbeResult,
  pins: readonly TlsPin[],
  authorities: readonly string[],
  service: string,
): LibraryTls {
  if (probe.authorized)
    // The context is what the library uses; `ca` says the same for whoever reads the options.
    return { ca: [...authorities], secureContext: authoritiesContext(authorities), rejectUnauthorized: true };
  const where = { service, host: endpoint.host, port: endpoint.port, fingerprint: probe.fingerprint };
  const pin = findPin(pins, endpoint);
  if (pin === undefined) {
    throw new CartableError('TLS_UNTRUSTED', { ...where, reason: probe.authorizationError ?? 'unknown' });
  }
  if (pin.sha256 !== probe.fingerprint)
    throw new CartableError('TLS_CHANGED', { ...where, previous: pin.sha256 });
  return {
    ca: [probe.anchorPem],
    rejectUnauthorized: true,
    // The pin replaces the name check: the user trusted this certificate, whatever name it carries.
    checkServerIdentity: (_host, cert) =>
      cert.fingerprint256 === pin.sha256
        ? undefined
        : Object.assign(new Error('pinned certificate mismatch'), { code: 'CERT_PIN_MISMATCH' }),
  };
}
