/**
 * Academy presets shipped with Cartable. IT adds its own through the policy
 * file (same shape, validated by `presetSchema`); tests add the local stack
 * that way, so no test ever contacts the hosts below.
 */
import type { Preset } from './contract/domain.ts';

export const builtinPresets: readonly Preset[] = [
  {
    id: 'ac-lille',
    label: 'Académie de Lille',
    domains: ['ac-lille.fr'],
    loginFormat: 'email',
    // SOGo's DAV root; mail servers come from discovery (autoconfig/SRV) of the domain.
    davUrl: 'https://webmail.ac-lille.fr/SOGo/dav/',
    webmailUrl: 'https://webmail.ac-lille.fr/SOGo/',
  },
  {
    id: 'ac-amiens',
    label: 'Académie d’Amiens',
    domains: ['ac-amiens.fr'],
    loginFormat: 'email',
    imap: { host: 'imaps.ac-amiens.fr', port: 993, security: 'tls' },
    smtp: { host: 'smtps.ac-amiens.fr', port: 465, security: 'tls' },
  },
];

/** Ports every standard server offers; used to fill the "other server" form. */
export const standardPorts = {
  imap: { tls: 993, starttls: 143 },
  smtp: { tls: 465, starttls: 587 },
} as const;

export function presetForDomain(presets: readonly Preset[], domain: string): Preset | undefined {
  const wanted = domain.toLowerCase();
  return presets.find((preset) => preset.domains.some((d) => d.toLowerCase() === wanted));
}

export function loginFor(preset: Pick<Preset, 'loginFormat'> | undefined, email: string): string {
  if (preset?.loginFormat === 'localPart') return email.slice(0, email.lastIndexOf('@'));
  return email;
}
