// Turns what the user typed into a checked address and domain, and checks the
// host names that servers hand back, before any of them is put into a URL.
import { domainToASCII } from 'node:url';
import { emailSchema } from '../../../shared/contract/domain.ts';
import { CartableError } from '../../../shared/contract/errors.ts';

export interface MailAddress {
  /** As typed, trimmed: it is the login most servers expect. */
  email: string;
  localPart: string;
  /** Lower-case, punycode (A-label) form: what DNS and URLs need. */
  domain: string;
}

const MAX_HOSTNAME_LENGTH = 253; // RFC 1035 §2.3.4
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A DNS host name we are willing to connect to: letters, digits and hyphens
 * only, so nothing a server returns can smuggle a path, port or user into the
 * URLs we build. IP literals are refused: a certificate rarely names an IP and
 * an academy never publishes one.
 */
export function normaliseHostname(candidate: string): string | undefined {
  const name = candidate.trim().toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || name.length > MAX_HOSTNAME_LENGTH) return undefined;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  // A last label of digits only is an IPv4 address, not a name.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return undefined;
  return name;
}

/** Throws DISCOVERY_FAILED for anything that is not a usable address. */
export function parseAddress(input: string): MailAddress {
  const at = input.lastIndexOf('@');
  const typedDomain = at >= 0 ? input.slice(at + 1).trim() : '';
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) throw new CartableError('DISCOVERY_FAILED', { domain: typedDomain });
  const email = parsed.data;
  const split = email.lastIndexOf('@');
  const typed = email.slice(split + 1);
  // domainToASCII parses a URL host, so "x.fr/evil" would come back as "x.fr":
  // ASCII punctuation other than "." and "-" is refused before it gets there.
  const domain = /[^A-Za-z0-9.\-\u0080-\uFFFF]/.test(typed)
    ? undefined
    : normaliseHostname(domainToASCII(typed));
  if (domain === undefined) throw new CartableError('DISCOVERY_FAILED', { domain: typedDomain });
  return { email, localPart: email.slice(0, split), domain };
}
