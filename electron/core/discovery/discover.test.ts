import { describe, expect, it } from 'vitest';
import { discoveryResultSchema, type Preset } from '../../../shared/contract/domain.ts';
import { CartableError } from '../../../shared/contract/errors.ts';
import { builtinPresets } from '../../../shared/presets.ts';
import { discoverAccount } from './discover.ts';
import { clientConfig, fakeDeps, server } from './test-deps.ts';

// The built-in presets are used with in-memory answers only: no test contacts their hosts.
const autoconfigUrl = (domain: string, email: string) =>
  `GET https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(email)}`;
const imapSsl = (host: string, username?: string) =>
  server('incomingServer', 'imap', {
    hostname: host,
    port: '993',
    socketType: 'SSL',
    ...(username && { username }),
  });
const smtpSsl = (host: string) =>
  server('outgoingServer', 'smtp', { hostname: host, port: '465', socketType: 'SSL' });
const srvRecord = (name: string, port: number) => [{ name, port, priority: 0, weight: 0 }];

describe('discoverAccount', () => {
  it('Lille: keeps the preset’s DAV URL and finds mail through autoconfig', async () => {
    const email = 'jean.dupont@ac-lille.fr';
    const deps = fakeDeps(
      {
        http: {
          [autoconfigUrl('ac-lille.fr', email)]: {
            status: 200,
            body: clientConfig(imapSsl('imap.ac-lille.fr', '%EMAILLOCALPART%') + smtpSsl('smtp.ac-lille.fr')),
          },
        },
      },
      builtinPresets,
    );
    expect(await discoverAccount(email, deps)).toEqual({
      source: 'autoconfig',
      presetId: 'ac-lille',
      login: email, // the preset's login format wins over the document's username
      imap: { host: 'imap.ac-lille.fr', port: 993, security: 'tls' },
      smtp: { host: 'smtp.ac-lille.fr', port: 465, security: 'tls' },
      davUrl: 'https://webmail.ac-lille.fr/SOGo/dav/',
      steps: [
        { step: 'preset', found: true },
        { step: 'autoconfig:autoconfig.ac-lille.fr', found: true },
      ],
    });
    expect(deps.lookups).toEqual([]); // DAV came from the preset
  });

  it('Amiens: a complete preset stops mail discovery, DAV is still looked for', async () => {
    const deps = fakeDeps({}, builtinPresets);
    const result = await discoverAccount('Marie.Curie@AC-AMIENS.fr', deps);
    expect(result).toMatchObject({
      source: 'preset',
      presetId: 'ac-amiens',
      login: 'Marie.Curie@AC-AMIENS.fr',
      imap: { host: 'imaps.ac-amiens.fr', port: 993, security: 'tls' },
      smtp: { host: 'smtps.ac-amiens.fr', port: 465, security: 'tls' },
    });
    expect(result.davUrl).toBeUndefined();
    expect(result.steps.map((s) => s.step)).toEqual([
      'preset',
      'dav:srv',
      'dav:well-known',
      'dav:sogo:ac-amiens.fr',
      'dav:sogo:webmail.ac-amiens.fr',
      'dav:sogo:imaps.ac-amiens.fr',
    ]);
    expect(deps.requests.some((r) => r.includes('autoconfig'))).toBe(false);
  });

  it('uses the preset’s login format', async () => {
    const preset: Preset = {
      id: 'local',
      label: 'Local',
      domains: ['Example.Test'],
      loginFormat: 'localPart',
      imap: { host: 'mail.example.test', port: 1993, security: 'tls' },
      smtp: { host: 'mail.example.test', port: 1465, security: 'tls' },
      davUrl: 'https://mail.example.test/SOGo/dav/',
    };
    const result = await discoverAccount('alice@example.test', fakeDeps({}, [preset]));
    expect(result).toMatchObject({ source: 'preset', presetId: 'local', login: 'alice' });
    expect(result.steps).toEqual([{ step: 'preset', found: true }]);
  });

  it('without a preset, takes autoconfig’s username and the SOGo DAV root', async () => {
    const email = 'alice@example.test';
    const deps = fakeDeps({
      http: {
        [autoconfigUrl('example.test', email)]: {
          status: 200,
          body: clientConfig(imapSsl('mail.example.test', '%EMAILLOCALPART%') + smtpSsl('mail.example.test')),
        },
        'PROPFIND https://mail.example.test/SOGo/dav/': {
          status: 401,
          body: '',
          wwwAuthenticate: 'Basic realm="SOGo"',
        },
      },
    });
    const result = await discoverAccount(email, deps);
    expect(result).toMatchObject({
      source: 'autoconfig',
      login: 'alice',
      davUrl: 'https://mail.example.test/SOGo/dav/',
    });
    expect(result.presetId).toBeUndefined();
    expect(result.steps).toContainEqual({ step: 'dav:sogo:mail.example.test', found: true });
  });

  it('completes a partial autoconfig with SRV, and says the result is only as sure as SRV', async () => {
    const email = 'alice@example.test';
    const deps = fakeDeps({
      http: {
        [autoconfigUrl('example.test', email)]: {
          status: 200,
          body: clientConfig(imapSsl('mail.example.test')),
        },
      },
      srv: { '_submission._tcp.example.test': srvRecord('smtp.example.test', 587) },
    });
    const result = await discoverAccount(email, deps);
    expect(result.source).toBe('srv');
    expect(result.imap.host).toBe('mail.example.test');
    expect(result.smtp).toEqual({ host: 'smtp.example.test', port: 587, security: 'starttls' });
    expect(result.steps.map((s) => s.step).slice(0, 3)).toEqual([
      'preset',
      'autoconfig:autoconfig.example.test',
      'srv:submission',
    ]);
  });

  it('uses DNS SRV for mail and DAV when there is no autoconfig', async () => {
    const deps = fakeDeps({
      srv: {
        '_imaps._tcp.example.test': srvRecord('imap.example.test', 993),
        '_submissions._tcp.example.test': srvRecord('smtp.example.test', 465),
        '_caldavs._tcp.example.test': srvRecord('dav.example.test', 443),
      },
      txt: { '_caldavs._tcp.example.test': [['path=/SOGo/dav/']] },
    });
    expect(await discoverAccount('alice@example.test', deps)).toEqual({
      source: 'srv',
      login: 'alice@example.test',
      imap: { host: 'imap.example.test', port: 993, security: 'tls' },
      smtp: { host: 'smtp.example.test', port: 465, security: 'tls' },
      davUrl: 'https://dav.example.test/SOGo/dav/',
      steps: [
        { step: 'preset', found: false },
        { step: 'autoconfig:autoconfig.example.test', found: false },
        { step: 'autoconfig:well-known', found: false },
        { step: 'srv:imap', found: true },
        { step: 'srv:submission', found: true },
        { step: 'dav:srv', found: true },
      ],
    });
    expect(discoveryResultSchema.safeParse(await discoverAccount('alice@example.test', deps)).success).toBe(
      true,
    );
  });

  it('proposes a guess when nothing is found, and does not probe the guessed host for SOGo', async () => {
    const deps = fakeDeps({});
    const result = await discoverAccount('alice@example.test', deps);
    expect(result).toMatchObject({
      source: 'guess',
      login: 'alice@example.test',
      imap: { host: 'imap.example.test', port: 993, security: 'tls' },
      smtp: { host: 'smtp.example.test', port: 465, security: 'tls' },
    });
    expect(result.davUrl).toBeUndefined();
    expect(discoveryResultSchema.safeParse(result).success).toBe(true);
    expect(result.steps.map((s) => s.step)).toEqual([
      'preset',
      'autoconfig:autoconfig.example.test',
      'autoconfig:well-known',
      'srv:imap',
      'srv:submission',
      'guess',
      'dav:srv',
      'dav:well-known',
      'dav:sogo:example.test',
      'dav:sogo:webmail.example.test',
    ]);
  });

  it('guesses only the missing half and reports the result as a guess', async () => {
    const deps = fakeDeps({ srv: { '_imaps._tcp.example.test': srvRecord('imap.example.test', 993) } });
    const result = await discoverAccount('alice@example.test', deps);
    expect(result.source).toBe('guess');
    expect(result.smtp.host).toBe('smtp.example.test');
    expect(result.steps).toContainEqual({ step: 'dav:sogo:imap.example.test', found: false });
  });

  it('never asks anything over plain http', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/.well-known/caldav': {
          status: 301,
          body: '',
          location: 'http://example.test/dav/',
        },
      },
    });
    await discoverAccount('alice@example.test', deps);
    expect(deps.requests.length).toBeGreaterThan(0);
    expect(deps.requests.every((r) => / https:\/\//.test(r))).toBe(true);
  });

  it.each(['', 'alice', 'alice@', '@example.test', 'alice@localhost', 'alice@example.test/../x'])(
    'throws DISCOVERY_FAILED for the invalid address %j',
    async (email) => {
      const deps = fakeDeps({});
      await expect(discoverAccount(email, deps)).rejects.toBeInstanceOf(CartableError);
      await expect(discoverAccount(email, deps)).rejects.toMatchObject({ code: 'DISCOVERY_FAILED' });
      expect(deps.requests).toEqual([]);
    },
  );

  it('reports the domain with the error', async () => {
    await expect(discoverAccount('alice@bad domain.fr', fakeDeps({}))).rejects.toMatchObject({
      code: 'DISCOVERY_FAILED',
      details: { domain: 'bad domain.fr' },
    });
  });
});
