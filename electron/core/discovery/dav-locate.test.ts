import { describe, expect, it } from 'vitest';
import { answersLikeDav, locateDav, sogoCandidates } from './dav-locate.ts';
import { fakeDeps } from './test-deps.ts';

const challenge = { status: 401, body: '', wwwAuthenticate: 'Basic realm="SOGo"' };
const noImapHost = Promise.resolve(undefined);
const sogoSteps = (found: [boolean, boolean]) => [
  { step: 'dav:sogo:example.test', found: found[0] },
  { step: 'dav:sogo:webmail.example.test', found: found[1] },
];

describe('answersLikeDav', () => {
  it('accepts 207, 200 and a 401 that carries a challenge', () => {
    expect(answersLikeDav({ status: 207, body: '' })).toBe(true);
    expect(answersLikeDav({ status: 200, body: '' })).toBe(true);
    expect(answersLikeDav(challenge)).toBe(true);
  });

  it('refuses a 401 without challenge, errors, redirects and no answer', () => {
    for (const status of [401, 403, 404, 301, 500]) expect(answersLikeDav({ status, body: '' })).toBe(false);
    expect(answersLikeDav({ status: 401, body: '', wwwAuthenticate: ' ' })).toBe(false);
    expect(answersLikeDav(undefined)).toBe(false);
  });
});

describe('locateDav', () => {
  it('uses the SRV target and TXT path without any HTTP request', async () => {
    const deps = fakeDeps({
      srv: {
        '_caldavs._tcp.example.test': [{ name: 'dav.example.test', port: 8443, priority: 0, weight: 0 }],
      },
      txt: { '_caldavs._tcp.example.test': [['path=/SOGo/dav/']] },
    });
    expect(await locateDav(deps, 'example.test', noImapHost)).toEqual({
      url: 'https://dav.example.test:8443/SOGo/dav/',
      steps: [{ step: 'dav:srv', found: true }],
    });
    expect(deps.requests).toEqual([]);
  });

  it('asks the SRV target its well-known URI when there is no TXT path', async () => {
    const deps = fakeDeps({
      srv: {
        '_caldavs._tcp.example.test': [{ name: 'dav.example.test', port: 443, priority: 0, weight: 0 }],
      },
      http: {
        'PROPFIND https://dav.example.test/.well-known/caldav': { status: 301, body: '', location: '/dav/' },
        'PROPFIND https://dav.example.test/dav/': { status: 207, body: '' },
      },
    });
    const found = await locateDav(deps, 'example.test', noImapHost);
    expect(found.url).toBe('https://dav.example.test/dav/');
  });

  it('falls back to the SRV target root when it has no well-known redirect', async () => {
    const deps = fakeDeps({
      srv: {
        '_caldavs._tcp.example.test': [{ name: 'dav.example.test', port: 443, priority: 0, weight: 0 }],
      },
      http: { 'PROPFIND https://dav.example.test/': challenge },
    });
    expect((await locateDav(deps, 'example.test', noImapHost)).url).toBe('https://dav.example.test/');
  });

  it('follows the domain well-known redirect, resolving a relative Location', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/.well-known/caldav': { status: 301, body: '', location: '/SOGo/dav/' },
        'PROPFIND https://example.test/SOGo/dav/': challenge,
      },
    });
    expect(await locateDav(deps, 'example.test', noImapHost)).toEqual({
      url: 'https://example.test/SOGo/dav/',
      steps: [
        { step: 'dav:srv', found: false },
        { step: 'dav:well-known', found: true },
      ],
    });
  });

  it('follows a redirect to another https host', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/.well-known/caldav': {
          status: 302,
          body: '',
          location: 'https://webmail.example.test/SOGo/dav/',
        },
        'PROPFIND https://webmail.example.test/SOGo/dav/': { status: 207, body: '' },
      },
    });
    expect((await locateDav(deps, 'example.test', noImapHost)).url).toBe(
      'https://webmail.example.test/SOGo/dav/',
    );
  });

  it('does not take sogod’s own 200 HTML answer to /.well-known/caldav for DAV (STACK.md gotcha 14)', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/.well-known/caldav': { status: 200, body: '<html>SOGo login</html>' },
      },
    });
    const found = await locateDav(deps, 'example.test', noImapHost);
    expect(found.url).toBeUndefined();
    expect(found.steps).toEqual([
      { step: 'dav:srv', found: false },
      { step: 'dav:well-known', found: false },
      ...sogoSteps([false, false]),
    ]);
  });

  it('never follows a redirect to http', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/.well-known/caldav': {
          status: 301,
          body: '',
          location: 'http://example.test/SOGo/dav/',
        },
      },
    });
    expect((await locateDav(deps, 'example.test', noImapHost)).url).toBeUndefined();
    expect(deps.requests.some((r) => r.includes('http://'))).toBe(false);
  });

  it('does not accept a redirect target that does not answer like DAV', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/.well-known/caldav': { status: 301, body: '', location: '/nowhere/' },
        'PROPFIND https://example.test/nowhere/': { status: 404, body: '' },
      },
    });
    const found = await locateDav(deps, 'example.test', noImapHost);
    expect(found.steps[1]).toEqual({ step: 'dav:well-known', found: false });
  });

  it('probes SOGo on the domain, webmail.<domain> and the IMAP host; the first in order wins', async () => {
    const deps = fakeDeps({
      http: {
        'PROPFIND https://example.test/SOGo/dav/': { status: 401, body: '' }, // no challenge: a login wall
        'PROPFIND https://webmail.example.test/SOGo/dav/': challenge,
        'PROPFIND https://imap.example.test/SOGo/dav/': { status: 207, body: '' },
      },
    });
    const found = await locateDav(deps, 'example.test', Promise.resolve('imap.example.test'));
    expect(found.url).toBe('https://webmail.example.test/SOGo/dav/');
    expect(found.steps.slice(2)).toEqual([
      ...sogoSteps([false, true]),
      { step: 'dav:sogo:imap.example.test', found: true },
    ]);
  });

  it('does not probe the same host twice', () => {
    expect(sogoCandidates('example.test', 'example.test')).toEqual(['example.test', 'webmail.example.test']);
  });

  it('returns no URL, with every step not found, when nothing answers', async () => {
    const deps = fakeDeps({});
    const found = await locateDav(deps, 'example.test', noImapHost);
    expect(found.url).toBeUndefined();
    expect(found.steps.every((s) => !s.found)).toBe(true);
    expect(deps.requests.every((r) => r.startsWith('PROPFIND https://'))).toBe(true);
  });
});
