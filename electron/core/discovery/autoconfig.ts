// Thunderbird autoconfig (clientConfig v1.1): fetches the domain's document
// from its two usual places and keeps only servers Cartable can use safely.
import type { Endpoint, Security } from '../../../shared/contract/domain.ts';
import { standardPorts } from '../../../shared/presets.ts';
import { normaliseHostname, type MailAddress } from './address.ts';
import { requestFollowingHttps } from './redirect.ts';
import type { DiscoveryDeps, DiscoveryStep } from './types.ts';
import { childText, childrenNamed, parseXml, type XmlElement } from './xml.ts';

/**
 * Real configs are 1–3 KiB (Thunderbird's ISPDB tops out near 10 KiB); a
 * bigger answer is a misconfigured catch-all page or an attack on the parser.
 */
export const MAX_AUTOCONFIG_CHARS = 64 * 1024;

export interface MailServerOffer {
  endpoint: Endpoint;
  /** The login the document asks for, placeholders filled in; undefined when it gives none we understand. */
  username: string | undefined;
}

export interface AutoconfigOffer {
  imap?: MailServerOffer;
  smtp?: MailServerOffer;
}

/** Thunderbird's socketType; "plain" (or none) is absent on purpose: no password in clear. */
const SECURITY_BY_SOCKET_TYPE: Readonly<Record<string, Security>> = { SSL: 'tls', STARTTLS: 'starttls' };

/**
 * Cartable logs in with a password (over TLS). A server listing only OAuth2,
 * GSSAPI, NTLM or client certificates would refuse it, so it is skipped.
 * "plain" and "secure" are the pre-1.1 spellings Thunderbird still accepts.
 */
const PASSWORD_AUTHENTICATIONS = new Set(['password-cleartext', 'password-encrypted', 'plain', 'secure']);

function fillPlaceholders(template: string, address: MailAddress): string {
  return template
    .replaceAll('%EMAILADDRESS%', address.email)
    .replaceAll('%EMAILLOCALPART%', address.localPart)
    .replaceAll('%EMAILDOMAIN%', address.domain);
}

function readServer(
  server: XmlElement,
  service: 'imap' | 'smtp',
  address: MailAddress,
): MailServerOffer | undefined {
  const security = SECURITY_BY_SOCKET_TYPE[childText(server, 'socketType')?.toUpperCase() ?? ''];
  if (security === undefined) return undefined;
  const host = normaliseHostname(fillPlaceholders(childText(server, 'hostname') ?? '', address));
  if (host === undefined) return undefined;
  const portText = childText(server, 'port');
  let port: number = standardPorts[service][security];
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return undefined;
    port = Number(portText);
    if (port < 1 || port > 65535) return undefined;
  }
  const authentications = childrenNamed(server, 'authentication').map((element) => element.text.trim());
  if (authentications.length > 0 && !authentications.some((name) => PASSWORD_AUTHENTICATIONS.has(name))) {
    return undefined;
  }
  const rawUsername = childText(server, 'username');
  const username = rawUsername === undefined ? '' : fillPlaceholders(rawUsername, address);
  // A placeholder we do not know (%REALNAME%…) would become a wrong login: let the caller use the address.
  const usable = username !== '' && !/%[A-Z]+%/.test(username);
  return { endpoint: { host, port, security }, username: usable ? username : undefined };
}

/** The first acceptable IMAP and SMTP servers in document order; POP3 is never used. */
export function parseClientConfig(xml: string, address: MailAddress): AutoconfigOffer | undefined {
  if (xml.length > MAX_AUTOCONFIG_CHARS) return undefined;
  const root = parseXml(xml);
  if (root?.name !== 'clientConfig') return undefined;
  let imap: MailServerOffer | undefined;
  let smtp: MailServerOffer | undefined;
  for (const provider of childrenNamed(root, 'emailProvider')) {
    for (const server of childrenNamed(provider, 'incomingServer')) {
      if (imap === undefined && server.attributes.type?.toLowerCase() === 'imap') {
        imap = readServer(server, 'imap', address);
      }
    }
    for (const server of childrenNamed(provider, 'outgoingServer')) {
      if (smtp === undefined && server.attributes.type?.toLowerCase() === 'smtp') {
        smtp = readServer(server, 'smtp', address);
      }
    }
  }
  return { ...(imap && { imap }), ...(smtp && { smtp }) };
}

export interface AutoconfigResult {
  offer: AutoconfigOffer;
  steps: DiscoveryStep[];
}

/**
 * Tries the provider's autoconfig host, then the domain's well-known path;
 * stops at the first document that offers a server we still need.
 */
export async function findAutoconfig(
  deps: DiscoveryDeps,
  address: MailAddress,
  needed: { imap: boolean; smtp: boolean },
): Promise<AutoconfigResult> {
  const query = `emailaddress=${encodeURIComponent(address.email)}`;
  const places = [
    {
      step: `autoconfig:autoconfig.${address.domain}`,
      url: `https://autoconfig.${address.domain}/mail/config-v1.1.xml?${query}`,
    },
    {
      step: 'autoconfig:well-known',
      url: `https://${address.domain}/.well-known/autoconfig/mail/config-v1.1.xml?${query}`,
    },
  ];
  const steps: DiscoveryStep[] = [];
  for (const place of places) {
    const followed = await requestFollowingHttps(deps, place.url, 'GET');
    const offer =
      followed?.answer.status === 200 ? parseClientConfig(followed.answer.body, address) : undefined;
    const useful = offer !== undefined && ((needed.imap && offer.imap) || (needed.smtp && offer.smtp));
    steps.push({ step: place.step, found: Boolean(useful) });
    if (useful) return { offer, steps };
  }
  return { offer: {}, steps };
}
