/**
 * Where a TCP connection really goes. In production that is the host itself;
 * tests may map a hostname to a loopback port (CoreOptions.hostMap) while the
 * certificate is still checked against the hostname.
 */
import net from 'node:net';

export interface ConnectTarget {
  host: string;
  port: number;
  /** SNI and certificate name: absent for IP literals, which SNI does not allow. */
  servername: string | undefined;
}

export function connectTarget(
  host: string,
  port: number,
  hostMap: Readonly<Record<string, string>> | undefined,
): ConnectTarget {
  const servername = net.isIP(host) === 0 ? host : undefined;
  const mapped = hostMap?.[host.toLowerCase()];
  if (mapped === undefined) return { host, port, servername };
  const separator = mapped.lastIndexOf(':');
  return { host: mapped.slice(0, separator), port: Number(mapped.slice(separator + 1)), servername };
}
