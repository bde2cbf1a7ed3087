// DNS service records: RFC 6186 for IMAP and submission, RFC 6764 for CalDAV
// (SRV plus a TXT "path="). Only TLS services are looked up for DAV.
import type { Endpoint, Security } from '../../../shared/contract/domain.ts';
import { normaliseHostname } from './address.ts';
import type { DiscoveryDeps, SrvAnswer } from './types.ts';

export interface SrvTarget {
  host: string;
  port: number;
}

/**
 * The record to use: lowest priority, then highest weight (RFC 2782 draws
 * among equal priorities by weight; a wizard wants the same answer twice, so
 * it takes the heaviest instead of drawing). A lone "." target means the
 * domain says the service is not offered (RFC 2782, RFC 6186 §3.4).
 */
export function pickSrvTarget(records: readonly SrvAnswer[]): SrvTarget | undefined {
  const isRoot = (record: SrvAnswer) => record.name === '' || record.name === '.';
  if (records.length === 1 && records[0] !== undefined && isRoot(records[0])) return undefined;
  const ordered = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight);
  for (const record of ordered) {
    if (isRoot(record) || !Number.isInteger(record.port) || record.port < 1 || record.port > 65535) continue;
    const host = normaliseHostname(record.name);
    if (host !== undefined) return { host, port: record.port };
  }
  return undefined;
}

/** RFC 6186 §3.1–3.2 and RFC 8314 §5.1: the implicit-TLS service first, then STARTTLS. */
const MAIL_SERVICES: Readonly<
  Record<'imap' | 'submission', readonly { label: string; security: Security }[]>
> = {
  imap: [
    { label: '_imaps._tcp', security: 'tls' },
    { label: '_imap._tcp', security: 'starttls' },
  ],
  submission: [
    { label: '_submissions._tcp', security: 'tls' },
    { label: '_submission._tcp', security: 'starttls' },
  ],
};

export async function lookupMailSrv(
  deps: DiscoveryDeps,
  domain: string,
  service: 'imap' | 'submission',
): Promise<Endpoint | undefined> {
  for (const { label, security } of MAIL_SERVICES[service]) {
    const target = pickSrvTarget(await deps.resolveSrv(`${label}.${domain}`));
    if (target) return { host: target.host, port: target.port, security };
  }
  return undefined;
}

/** RFC 6763 §6.3: one TXT record is a list of key=value strings; keys are case-insensitive. */
export function txtPath(records: readonly (readonly string[])[]): string | undefined {
  for (const record of records) {
    for (const entry of record) {
      const equals = entry.indexOf('=');
      if (equals < 0 || entry.slice(0, equals).toLowerCase() !== 'path') continue;
      const path = entry.slice(equals + 1).trim();
      // RFC 6764 §4: an absolute path on the SRV target; anything else is not a path.
      if (path.startsWith('/') && !path.startsWith('//') && !/[\s?#\\]/.test(path)) return path;
    }
  }
  return undefined;
}

export interface CaldavSrv {
  target: SrvTarget;
  /** From the TXT record; undefined means "ask the target's well-known URI" (RFC 6764 §6 step 4). */
  path: string | undefined;
}

export async function lookupCaldavSrv(deps: DiscoveryDeps, domain: string): Promise<CaldavSrv | undefined> {
  const name = `_caldavs._tcp.${domain}`;
  const [records, txt] = await Promise.all([deps.resolveSrv(name), deps.resolveTxt(name)]);
  const target = pickSrvTarget(records);
  return target && { target, path: txtPath(txt) };
}

/** `https://host[:port]path`, leaving out the default port. */
export function httpsUrl(target: SrvTarget, path: string): string {
  const port = target.port === 443 ? '' : `:${target.port}`;
  return new URL(`https://${target.host}${port}${path}`).href;
}
