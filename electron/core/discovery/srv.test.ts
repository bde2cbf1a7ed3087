import { describe, expect, it } from 'vitest';
import { httpsUrl, lookupCaldavSrv, lookupMailSrv, pickSrvTarget, txtPath } from './srv.ts';
import { fakeDeps } from './test-deps.ts';

const record = (name: string, port: number, priority = 10, weight = 0) => ({ name, port, priority, weight });

describe('pickSrvTarget', () => {
  it('orders by priority, then by weight (heaviest first)', () => {
    const records = [
      record('late.example.test', 993, 20, 100),
      record('light.example.test', 993, 10, 1),
      record('heavy.example.test', 993, 10, 50),
    ];
    expect(pickSrvTarget(records)).toEqual({ host: 'heavy.example.test', port: 993 });
  });

  it('treats a lone "." target as "service not offered"', () => {
    expect(pickSrvTarget([record('.', 0, 0)])).toBeUndefined();
    expect(pickSrvTarget([record('', 0, 0)])).toBeUndefined();
  });

  it('skips unusable records: bad names, bad ports', () => {
    const records = [
      record('bad name.test', 993, 1),
      record('x.test/evil', 993, 2),
      record('noport.example.test', 0, 3),
      record('bigport.example.test', 70000, 4),
      record('good.example.test.', 993, 5),
    ];
    expect(pickSrvTarget(records)).toEqual({ host: 'good.example.test', port: 993 });
    expect(pickSrvTarget([])).toBeUndefined();
  });
});

describe('lookupMailSrv', () => {
  it('prefers implicit TLS (_imaps) over STARTTLS (_imap)', async () => {
    const deps = fakeDeps({
      srv: {
        '_imaps._tcp.example.test': [record('imaps.example.test', 993)],
        '_imap._tcp.example.test': [record('imap.example.test', 143)],
      },
    });
    expect(await lookupMailSrv(deps, 'example.test', 'imap')).toEqual({
      host: 'imaps.example.test',
      port: 993,
      security: 'tls',
    });
  });

  it('falls back to STARTTLS when the implicit-TLS service says "."', async () => {
    const deps = fakeDeps({
      srv: {
        '_submissions._tcp.example.test': [record('.', 0, 0)],
        '_submission._tcp.example.test': [record('smtp.example.test', 587)],
      },
    });
    expect(await lookupMailSrv(deps, 'example.test', 'submission')).toEqual({
      host: 'smtp.example.test',
      port: 587,
      security: 'starttls',
    });
    expect(deps.lookups).toEqual(['SRV _submissions._tcp.example.test', 'SRV _submission._tcp.example.test']);
  });

  it('returns undefined when neither record exists', async () => {
    expect(await lookupMailSrv(fakeDeps({}), 'example.test', 'imap')).toBeUndefined();
  });
});

describe('CalDAV SRV and TXT (RFC 6764)', () => {
  it('reads path= from the TXT record, key case-insensitive', () => {
    expect(txtPath([['txtvers=1', 'PATH=/SOGo/dav/']])).toBe('/SOGo/dav/');
    expect(txtPath([['other=1'], ['path=/dav/']])).toBe('/dav/');
  });

  it('refuses paths that are not plain absolute paths', () => {
    for (const path of ['dav/', '//evil.test/', '/a b', '/dav?x', '/dav#x', '/a\\b', '']) {
      expect(txtPath([[`path=${path}`]]), path).toBeUndefined();
    }
  });

  it('builds the https URL, leaving out port 443', () => {
    expect(httpsUrl({ host: 'dav.example.test', port: 443 }, '/SOGo/dav/')).toBe(
      'https://dav.example.test/SOGo/dav/',
    );
    expect(httpsUrl({ host: 'dav.example.test', port: 8443 }, '/dav/')).toBe(
      'https://dav.example.test:8443/dav/',
    );
  });

  it('looks up only _caldavs (https), SRV and TXT at the same name', async () => {
    const deps = fakeDeps({
      srv: { '_caldavs._tcp.example.test': [record('dav.example.test', 443)] },
      txt: { '_caldavs._tcp.example.test': [['path=/SOGo/dav/']] },
    });
    expect(await lookupCaldavSrv(deps, 'example.test')).toEqual({
      target: { host: 'dav.example.test', port: 443 },
      path: '/SOGo/dav/',
    });
    expect(deps.lookups.sort()).toEqual(['SRV _caldavs._tcp.example.test', 'TXT _caldavs._tcp.example.test']);
  });
});
