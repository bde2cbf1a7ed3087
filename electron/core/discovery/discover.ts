// Decides an account's servers from its address: preset, autoconfig, DNS SRV,
// then a guess; DAV is looked for alongside. Never throws for a valid address.
import type { DiscoveryResult, DiscoverySource, Endpoint, Preset } from '../../../shared/contract/domain.ts';
import { loginFor, presetForDomain } from '../../../shared/presets.ts';
import { parseAddress, type MailAddress } from './address.ts';
import { findAutoconfig } from './autoconfig.ts';
import { locateDav } from './dav-locate.ts';
import { lookupMailSrv } from './srv.ts';
import type { DiscoveryDeps, DiscoveryStep } from './types.ts';

interface Found {
  endpoint: Endpoint;
  source: DiscoverySource;
  /** The login this source asks for (autoconfig's `<username>`), if it says. */
  login?: string | undefined;
}

interface MailFindings {
  imap: Found;
  smtp: Found;
  steps: DiscoveryStep[];
}

/** Later sources are less sure: a result is as trustworthy as its weakest part. */
const SOURCE_RANK: Readonly<Record<DiscoverySource, number>> = { preset: 0, autoconfig: 1, srv: 2, guess: 3 };

/**
 * Only a proposal: the verification step connects before anything is saved.
 * imap.<domain> rather than mail.<domain>: without a connection attempt there
 * is nothing to choose by, and imap.* is the name RFC 6186's examples use.
 */
function guessedEndpoints(domain: string): { imap: Endpoint; smtp: Endpoint } {
  return {
    imap: { host: `imap.${domain}`, port: 993, security: 'tls' },
    smtp: { host: `smtp.${domain}`, port: 465, security: 'tls' },
  };
}

async function findMail(
  deps: DiscoveryDeps,
  address: MailAddress,
  preset: Preset | undefined,
): Promise<MailFindings> {
  const steps: DiscoveryStep[] = [{ step: 'preset', found: preset !== undefined }];
  let imap: Found | undefined = preset?.imap && { endpoint: preset.imap, source: 'preset' };
  let smtp: Found | undefined = preset?.smtp && { endpoint: preset.smtp, source: 'preset' };

  if (!imap || !smtp) {
    const { offer, steps: tried } = await findAutoconfig(deps, address, { imap: !imap, smtp: !smtp });
    steps.push(...tried);
    if (!imap && offer.imap)
      imap = { endpoint: offer.imap.endpoint, source: 'autoconfig', login: offer.imap.username };
    if (!smtp && offer.smtp)
      smtp = { endpoint: offer.smtp.endpoint, source: 'autoconfig', login: offer.smtp.username };
  }
  if (!imap) {
    const endpoint = await lookupMailSrv(deps, address.domain, 'imap');
    steps.push({ step: 'srv:imap', found: endpoint !== undefined });
    if (endpoint) imap = { endpoint, source: 'srv' };
  }
  if (!smtp) {
    const endpoint = await lookupMailSrv(deps, address.domain, 'submission');
    steps.push({ step: 'srv:submission', found: endpoint !== undefined });
    if (endpoint) smtp = { endpoint, source: 'srv' };
  }
  if (!imap || !smtp) {
    const guess = guessedEndpoints(address.domain);
    steps.push({ step: 'guess', found: true });
    imap ??= { endpoint: guess.imap, source: 'guess' };
    smtp ??= { endpoint: guess.smtp, source: 'guess' };
  }
  return { imap, smtp, steps };
}

/**
 * The preset's login format wins (IT knows its servers); otherwise the login
 * the IMAP server's autoconfig asks for, else the address (RFC 6186 §4: try
 * the full address first).
 */
function chooseLogin(preset: Preset | undefined, address: MailAddress, mail: MailFindings): string {
  if (preset) return loginFor(preset, address.email);
  return mail.imap.login ?? mail.smtp.login ?? address.email;
}

/**
 * Throws CartableError('DISCOVERY_FAILED', { domain }) only for an invalid
 * address; every network failure just makes a step "not found".
 */
export async function discoverAccount(email: string, deps: DiscoveryDeps): Promise<DiscoveryResult> {
  const address = parseAddress(email);
  const preset = presetForDomain(deps.presets, address.domain);

  const mailPromise = findMail(deps, address, preset);
  // A guessed host is not worth probing for SOGo: nobody said it exists.
  // The rejection handler matters: locateDav may return before it awaits this.
  const imapHost = mailPromise.then(
    (mail) => (mail.imap.source === 'guess' ? undefined : mail.imap.endpoint.host),
    () => undefined,
  );
  const davPromise =
    preset?.davUrl !== undefined
      ? Promise.resolve({ url: preset.davUrl, steps: [] })
      : locateDav(deps, address.domain, imapHost);
  // Promise.all so a rejection from either side is awaited, never left unhandled.
  const [mail, dav] = await Promise.all([mailPromise, davPromise]);

  const source =
    SOURCE_RANK[mail.imap.source] >= SOURCE_RANK[mail.smtp.source] ? mail.imap.source : mail.smtp.source;
  return {
    source,
    ...(preset && { presetId: preset.id }),
    login: chooseLogin(preset, address, mail),
    imap: mail.imap.endpoint,
    smtp: mail.smtp.endpoint,
    ...(dav.url !== undefined && { davUrl: dav.url }),
    steps: [...mail.steps, ...dav.steps],
  };
}
