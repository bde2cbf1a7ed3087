import { describe, expect, it } from 'vitest';
import { parseAddress } from './address.ts';
import { MAX_AUTOCONFIG_CHARS, findAutoconfig, parseClientConfig } from './autoconfig.ts';
import { MAX_REDIRECTS } from './redirect.ts';
import { clientConfig, fakeDeps, server } from './test-deps.ts';

const address = parseAddress('Jean.Dupont@Example.test');
const imapSsl = server('incomingServer', 'imap', {
  hostname: 'imap.example.test',
  port: '993',
  socketType: 'SSL',
});
const smtpSsl = server('outgoingServer', 'smtp', {
  hostname: 'smtp.example.test',
  port: '465',
  socketType: 'SSL',
});

describe('parseClientConfig', () => {
  it('reads an IMAP and an SMTP server', () => {
    expect(parseClientConfig(clientConfig(imapSsl + smtpSsl), address)).toEqual({
      imap: { endpoint: { host: 'imap.example.test', port: 993, security: 'tls' }, username: undefined },
      smtp: { endpoint: { host: 'smtp.example.test', port: 465, security: 'tls' }, username: undefined },
    });
  });

  it('prefers IMAP even when POP3 comes first, and never returns POP3', () => {
    const pop = server('incomingServer', 'pop3', {
      hostname: 'pop.example.test',
      port: '995',
      socketType: 'SSL',
    });
    expect(parseClientConfig(clientConfig(pop + imapSsl), address)?.imap?.endpoint.host).toBe(
      'imap.example.test',
    );
    expect(parseClientConfig(clientConfig(pop + smtpSsl), address)?.imap).toBeUndefined();
  });

  it('maps STARTTLS and ignores plain servers, taking the next acceptable one', () => {
    const plain = server('incomingServer', 'imap', {
      hostname: 'plain.example.test',
      port: '143',
      socketType: 'plain',
    });
    const noSocket = server('incomingServer', 'imap', { hostname: 'nosocket.example.test', port: '143' });
    const starttls = server('outgoingServer', 'smtp', {
      hostname: 'smtp.example.test',
      port: '587',
      socketType: 'STARTTLS',
    });
    const plainSmtp = server('outgoingServer', 'smtp', {
      hostname: 'plain.example.test',
      port: '25',
      socketType: 'plain',
    });
    const offer = parseClientConfig(clientConfig(plain + noSocket + imapSsl + plainSmtp + starttls), address);
    expect(offer?.imap?.endpoint).toEqual({ host: 'imap.example.test', port: 993, security: 'tls' });
    expect(offer?.smtp?.endpoint).toEqual({ host: 'smtp.example.test', port: 587, security: 'starttls' });
  });

  it('takes the first acceptable server in document order', () => {
    const second = server('incomingServer', 'imap', {
      hostname: 'second.example.test',
      port: '143',
      socketType: 'STARTTLS',
    });
    expect(parseClientConfig(clientConfig(imapSsl + second), address)?.imap?.endpoint.host).toBe(
      'imap.example.test',
    );
  });

  it('fills the username and hostname placeholders', () => {
    const cases: [string, string][] = [
      ['%EMAILADDRESS%', 'Jean.Dupont@Example.test'],
      ['%EMAILLOCALPART%', 'Jean.Dupont'],
      ['%EMAILLOCALPART%@%EMAILDOMAIN%', 'Jean.Dupont@example.test'],
      ['fixed-login', 'fixed-login'],
    ];
    for (const [template, expected] of cases) {
      const imap = server('incomingServer', 'imap', {
        hostname: 'mail.%EMAILDOMAIN%',
        port: '993',
        socketType: 'SSL',
        username: template,
      });
      const offer = parseClientConfig(clientConfig(imap), address);
      expect(offer?.imap?.username, template).toBe(expected);
      expect(offer?.imap?.endpoint.host).toBe('mail.example.test');
    }
  });

  it('leaves the username undefined when it uses a placeholder we do not know', () => {
    const imap = server('incomingServer', 'imap', {
      hostname: 'imap.example.test',
      port: '993',
      socketType: 'SSL',
      username: '%REALNAME%',
    });
    expect(parseClientConfig(clientConfig(imap), address)?.imap?.username).toBeUndefined();
  });

  it('uses the standard port when none is given, and skips servers with a bad port or host', () => {
    const noPort = server('incomingServer', 'imap', {
      hostname: 'imap.example.test',
      socketType: 'STARTTLS',
    });
    expect(parseClientConfig(clientConfig(noPort), address)?.imap?.endpoint.port).toBe(143);
    for (const fields of [
      { hostname: 'imap.example.test', port: '99999', socketType: 'SSL' },
      { hostname: 'imap.example.test', port: '0', socketType: 'SSL' },
      { hostname: 'imap.example.test', port: '993abc', socketType: 'SSL' },
      { port: '993', socketType: 'SSL' },
      { hostname: 'evil.test/path?', port: '993', socketType: 'SSL' },
      { hostname: '127.0.0.1', port: '993', socketType: 'SSL' },
    ]) {
      expect(
        parseClientConfig(clientConfig(server('incomingServer', 'imap', fields)), address)?.imap,
      ).toBeUndefined();
    }
  });

  it('skips a server that offers no password login (OAuth2 only)', () => {
    const oauth = server('incomingServer', 'imap', {
      hostname: 'oauth.example.test',
      port: '993',
      socketType: 'SSL',
      authentication: ['OAuth2'],
    });
    const both = server('incomingServer', 'imap', {
      hostname: 'both.example.test',
      port: '993',
      socketType: 'SSL',
      authentication: ['OAuth2', 'password-cleartext'],
    });
    expect(parseClientConfig(clientConfig(oauth + both), address)?.imap?.endpoint.host).toBe(
      'both.example.test',
    );
  });

  it('returns an empty offer for a valid document without usable servers', () => {
    expect(parseClientConfig(clientConfig(''), address)).toEqual({});
  });

  it('rejects hostile or foreign documents', () => {
    const padded = clientConfig(imapSsl + `<!--${'x'.repeat(MAX_AUTOCONFIG_CHARS)}-->`);
    expect(parseClientConfig(padded, address)).toBeUndefined();
    const entities = `<!DOCTYPE clientConfig [<!ENTITY h "imap.evil.test">]>${clientConfig(imapSsl.replace('imap.example.test', '&h;'))}`;
    expect(parseClientConfig(entities, address)).toBeUndefined();
    expect(parseClientConfig('<html><body>Not here</body></html>', address)).toBeUndefined();
    expect(parseClientConfig('{"imap": "json"}', address)).toBeUndefined();
    expect(parseClientConfig(clientConfig(imapSsl).slice(0, 200), address)).toBeUndefined();
  });

  it('ignores an undeclared entity in a host name instead of resolving it', () => {
    const imap = server('incomingServer', 'imap', { hostname: '&xxe;', port: '993', socketType: 'SSL' });
    expect(parseClientConfig(clientConfig(imap), address)?.imap).toBeUndefined();
  });
});

describe('findAutoconfig', () => {
  const query = 'emailaddress=Jean.Dupont%40Example.test';
  const first = `GET https://autoconfig.example.test/mail/config-v1.1.xml?${query}`;
  const second = `GET https://example.test/.well-known/autoconfig/mail/config-v1.1.xml?${query}`;
  const needBoth = { imap: true, smtp: true };

  it('uses autoconfig.<domain> first and stops there', async () => {
    const deps = fakeDeps({ http: { [first]: { status: 200, body: clientConfig(imapSsl + smtpSsl) } } });
    const result = await findAutoconfig(deps, address, needBoth);
    expect(result.offer.imap?.endpoint.host).toBe('imap.example.test');
    expect(result.steps).toEqual([{ step: 'autoconfig:autoconfig.example.test', found: true }]);
    expect(deps.requests).toEqual([first]);
  });

  it('falls back to the well-known path when the first place has nothing', async () => {
    const deps = fakeDeps({
      http: {
        [first]: { status: 404, body: clientConfig(imapSsl) },
        [second]: { status: 200, body: clientConfig(imapSsl + smtpSsl) },
      },
    });
    const result = await findAutoconfig(deps, address, needBoth);
    expect(result.offer.smtp?.endpoint.host).toBe('smtp.example.test');
    expect(result.steps).toEqual([
      { step: 'autoconfig:autoconfig.example.test', found: false },
      { step: 'autoconfig:well-known', found: true },
    ]);
  });

  it('goes on when the first document only offers what is not needed', async () => {
    const deps = fakeDeps({
      http: {
        [first]: { status: 200, body: clientConfig(imapSsl) },
        [second]: { status: 200, body: clientConfig(smtpSsl) },
      },
    });
    const result = await findAutoconfig(deps, address, { imap: false, smtp: true });
    expect(result.steps.map((s) => s.found)).toEqual([false, true]);
    expect(result.offer.smtp?.endpoint.port).toBe(465);
  });

  it('follows an https redirect but never an http one', async () => {
    const deps = fakeDeps({
      http: {
        [first]: { status: 301, body: '', location: 'http://autoconfig.example.test/mail/config-v1.1.xml' },
        [second]: { status: 302, body: '', location: '/config.xml' },
        'GET https://example.test/config.xml': { status: 200, body: clientConfig(imapSsl + smtpSsl) },
      },
    });
    const result = await findAutoconfig(deps, address, needBoth);
    expect(result.steps.map((s) => s.found)).toEqual([false, true]);
    expect(deps.requests.every((r) => r.startsWith('GET https://'))).toBe(true);
  });

  it('gives up on a redirect loop', async () => {
    const loop = { status: 307, body: '', location: '?again' };
    const deps = fakeDeps({
      http: {
        [first]: loop,
        'GET https://autoconfig.example.test/mail/config-v1.1.xml?again': loop,
      },
    });
    const result = await findAutoconfig(deps, address, needBoth);
    expect(result.steps.map((s) => s.found)).toEqual([false, false]);
    expect(deps.requests.filter((r) => r.includes('autoconfig.example.test'))).toHaveLength(
      MAX_REDIRECTS + 1,
    );
  });

  it('reports not found when nothing answers', async () => {
    const result = await findAutoconfig(fakeDeps({}), address, needBoth);
    expect(result).toEqual({
      offer: {},
      steps: [
        { step: 'autoconfig:autoconfig.example.test', found: false },
        { step: 'autoconfig:well-known', found: false },
      ],
    });
  });
});
