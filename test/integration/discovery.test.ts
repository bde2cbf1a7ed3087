// Discovery's real network side on loopback: node:https with a CA made here,
// hostMap, the real c-ares Resolver against test/support/dns-server.ts. No
// other host is ever contacted: hostMap closes the HTTP world, dnsServers the DNS one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDiscoveryDeps,
  discoverAccount,
  type DiscoveryDeps,
} from '../../electron/core/discovery/index.ts';
import { MAX_RESPONSE_BYTES } from '../../electron/core/discovery/http.ts';
import { startDnsServer, type DnsServer } from '../support/dns-server.ts';

const USER_AGENT = 'Cartable/0.0.0-test';

interface SeenRequest {
  method: string;
  host: string;
  url: string;
  servername: string | false | null;
  userAgent: string | undefined;
  depth: string | string[] | undefined;
  authorization: string | undefined;
}

function makeCertificate(dir: string, name: string): { key: string; cert: string } {
  const keyFile = path.join(dir, `${name}-key.pem`);
  const certFile = path.join(dir, `${name}-cert.pem`);
  // Self-signed with CA:TRUE (openssl's v3_ca default): it is its own trust anchor.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=DNS:autoconfig.example.test,DNS:example.test',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

const autoconfigXml = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <incomingServer type="pop3">
      <hostname>pop.example.test</hostname><port>995</port><socketType>SSL</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>plain.example.test</hostname><port>143</port><socketType>plain</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>mail.%EMAILDOMAIN%</hostname><port>1993</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>mail.example.test</hostname><port>1587</port><socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

function listen(server: http.Server | https.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

let dir: string;
let trusted: { key: string; cert: string };
let goodServer: https.Server;
let goodAddress: string;
let rogueServer: https.Server;
let rogueAddress: string;
let plainServer: http.Server;
let plainAddress: string;
let plainConnections = 0;
let rogueHandshakeFailures = 0;
let dns: DnsServer;
const seen: SeenRequest[] = [];

function depsFor(hostMap: Record<string, string>, timeoutMs = 3_000): DiscoveryDeps & { urls: string[] } {
  const deps = createDiscoveryDeps({
    presets: [],
    ca: [trusted.cert],
    dnsServers: [dns.address],
    hostMap,
    userAgent: USER_AGENT,
    timeoutMs,
  });
  const urls: string[] = [];
  return {
    ...deps,
    urls,
    request: (url, init) => {
      urls.push(url);
      return deps.request(url, init);
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cartable-discovery-'));
  trusted = makeCertificate(dir, 'trusted');
  const rogue = makeCertificate(dir, 'rogue');

  goodServer = https.createServer({ ...trusted }, (request, response) => {
    const host = request.headers.host ?? '';
    seen.push({
      method: request.method ?? '',
      host,
      url: request.url ?? '',
      servername: (request.socket as TLSSocket).servername,
      userAgent: request.headers['user-agent'],
      depth: request.headers.depth,
      authorization: request.headers.authorization,
    });
    const route = `${request.method ?? ''} ${host}${request.url ?? ''}`;
    if (route === 'GET autoconfig.example.test/mail/config-v1.1.xml?emailaddress=alice%40example.test') {
      response.writeHead(200, { 'Content-Type': 'text/xml' }).end(autoconfigXml);
    } else if (route === 'PROPFIND example.test/.well-known/caldav') {
      response.writeHead(301, { Location: '/SOGo/dav/' }).end();
    } else if (route === 'PROPFIND example.test/SOGo/dav/') {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="SOGo"' }).end();
    } else if (route === 'GET example.test/big') {
      response.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 4 * MAX_RESPONSE_BYTES && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    } else if (route === 'GET example.test/slow') {
      // Never answers: the client's timeout must end it.
    } else {
      response.writeHead(404).end();
    }
  });
  rogueServer = https.createServer({ ...rogue }, (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' }).end(autoconfigXml);
  });
  rogueServer.on('tlsClientError', () => (rogueHandshakeFailures += 1));
  plainServer = http.createServer((_request, response) => response.end(autoconfigXml));
  plainServer.on('connection', () => (plainConnections += 1));
  [goodAddress, rogueAddress, plainAddress] = await Promise.all([
    listen(goodServer),
    listen(rogueServer),
    listen(plainServer),
  ]);

  dns = await startDnsServer({
    srv: {
      '_imaps._tcp.srv.test': [
        { target: 'backup.srv.test', port: 993, priority: 20 },
        { target: 'mail.srv.test', port: 993, priority: 10, weight: 5 },
      ],
      '_submissions._tcp.srv.test': [{ target: '.', port: 0 }],
      '_submission._tcp.srv.test': [{ target: 'smtp.srv.test', port: 587 }],
      '_caldavs._tcp.srv.test': [{ target: 'dav.srv.test', port: 8443 }],
    },
    txt: { '_caldavs._tcp.srv.test': [['txtvers=1', 'path=/SOGo/dav/']] },
  });
});

afterAll(async () => {
  await Promise.all([goodServer, rogueServer, plainServer].filter(Boolean).map(close));
  await dns?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('createDiscoveryDeps on loopback', () => {
  it('finds mail by autoconfig and DAV by the well-known redirect, over verified TLS', async () => {
    const deps = depsFor({ 'autoconfig.example.test': goodAddress, 'example.test': goodAddress });
    const result = await discoverAccount('alice@example.test', deps);
    expect(result).toEqual({
      source: 'autoconfig',
      login: 'alice',
      imap: { host: 'mail.example.test', port: 1993, security: 'tls' },
      smtp: { host: 'mail.example.test', port: 1587, security: 'starttls' },
      davUrl: 'https://example.test/SOGo/dav/',
      steps: [
        { step: 'preset', found: false },
        { step: 'autoconfig:autoconfig.example.test', found: true },
        { step: 'dav:srv', found: false },
        { step: 'dav:well-known', found: true },
      ],
    });
    expect(deps.urls.every((url) => url.startsWith('https://'))).toBe(true);
    // SNI and Host carry the real name although the socket went to 127.0.0.1.
    const autoconfig = seen.find((r) => r.host === 'autoconfig.example.test');
    expect(autoconfig).toMatchObject({ servername: 'autoconfig.example.test', userAgent: USER_AGENT });
    const propfind = seen.find((r) => r.method === 'PROPFIND' && r.url === '/SOGo/dav/');
    expect(propfind).toMatchObject({ servername: 'example.test', depth: '0', authorization: undefined });
  });

  it('finds mail and DAV by DNS SRV/TXT through the real resolver', async () => {
    const deps = depsFor({});
    dns.queries.length = 0;
    const result = await discoverAccount('bob@srv.test', deps);
    expect(result).toEqual({
      source: 'srv',
      login: 'bob@srv.test',
      imap: { host: 'mail.srv.test', port: 993, security: 'tls' },
      smtp: { host: 'smtp.srv.test', port: 587, security: 'starttls' },
      davUrl: 'https://dav.srv.test:8443/SOGo/dav/',
      steps: [
        { step: 'preset', found: false },
        { step: 'autoconfig:autoconfig.srv.test', found: false },
        { step: 'autoconfig:well-known', found: false },
        { step: 'srv:imap', found: true },
        { step: 'srv:submission', found: true },
        { step: 'dav:srv', found: true },
      ],
    });
    expect(dns.queries).toEqual(
      expect.arrayContaining([
        'SRV _imaps._tcp.srv.test',
        'SRV _submissions._tcp.srv.test',
        'SRV _submission._tcp.srv.test',
        'SRV _caldavs._tcp.srv.test',
        'TXT _caldavs._tcp.srv.test',
      ]),
    );
  });

  it('reads SRV and TXT answers and turns NXDOMAIN into []', async () => {
    const deps = depsFor({});
    expect(await deps.resolveSrv('_submission._tcp.srv.test')).toEqual([
      { name: 'smtp.srv.test', port: 587, priority: 0, weight: 0 },
    ]);
    expect(await deps.resolveTxt('_caldavs._tcp.srv.test')).toEqual([['txtvers=1', 'path=/SOGo/dav/']]);
    expect(await deps.resolveSrv('_imaps._tcp.nowhere.test')).toEqual([]);
    expect(await deps.resolveTxt('nowhere.test')).toEqual([]);
  });

  it('treats an untrusted certificate as "not found", without falling back to http', async () => {
    const deps = depsFor({ 'autoconfig.example.test': rogueAddress, 'example.test': plainAddress });
    expect(await deps.request('https://autoconfig.example.test/mail/config-v1.1.xml')).toBeUndefined();
    // It was the handshake that failed (the client refused the chain), not the route.
    await expect.poll(() => rogueHandshakeFailures).toBeGreaterThan(0);
    const before = plainConnections;
    const result = await discoverAccount('alice@example.test', deps);
    expect(result.steps.slice(0, 3)).toEqual([
      { step: 'preset', found: false },
      { step: 'autoconfig:autoconfig.example.test', found: false },
      { step: 'autoconfig:well-known', found: false },
    ]);
    expect(result.source).toBe('guess');
    expect(deps.urls.every((url) => url.startsWith('https://'))).toBe(true);
    // example.test pointed at a plain HTTP server: TLS fails there, nothing is retried in clear.
    expect(plainConnections - before).toBeGreaterThan(0);
    expect(
      seen.some((r) => r.host === 'example.test' && r.method === 'GET' && r.url.includes('autoconfig')),
    ).toBe(false);
  });

  it('refuses an http URL without connecting', async () => {
    const deps = depsFor({ 'example.test': plainAddress });
    const before = plainConnections;
    expect(await deps.request('http://example.test/mail/config-v1.1.xml')).toBeUndefined();
    expect(plainConnections).toBe(before);
  });

  it('contacts no host outside the hostMap', async () => {
    const deps = depsFor({ 'example.test': goodAddress });
    expect(
      await deps.request(
        'https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=alice%40example.test',
      ),
    ).toBeUndefined();
  });

  it('gives up after the timeout', async () => {
    const deps = depsFor({ 'example.test': goodAddress }, 300);
    // The server never answers: that the request ends at all is the timeout's doing.
    expect(await deps.request('https://example.test/slow')).toBeUndefined();
  });

  it('cuts a huge body at MAX_RESPONSE_BYTES and keeps the status', async () => {
    const answer = await depsFor({ 'example.test': goodAddress }).request('https://example.test/big');
    expect(answer?.status).toBe(200);
    expect(answer?.body.length).toBe(MAX_RESPONSE_BYTES);
  });
});
