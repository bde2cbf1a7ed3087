/**
 * The browser host lets in only the page opened with the per-run token:
 * requests without it, WebSockets without the cookie or from another origin
 * are refused; the real page gets the renderer with its CSP and a working RPC.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createConsoleLogger,
  createCore,
  createMemorySecretStore,
  latestSchemaVersion,
  silentNotifier,
  systemClock,
  type Core,
} from '../core/index.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';

let core: Core;
let host: BrowserHost;

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'cartable-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Cartable</title>');
  core = createCore(
    {
      secrets: createMemorySecretStore(),
      clock: systemClock,
      logger: createConsoleLogger('error', () => undefined),
      notifier: silentNotifier,
    },
    { databasePath: ':memory:', version: '1.2.3' },
  );
  host = await startBrowserHost({ core, rendererDir });
});
afterAll(async () => {
  await host.close();
  await core.close();
});

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function cookieFromTokenUrl(): Promise<string> {
  const res = await fetch(host.url, { redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/');
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0] ?? '';
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a page request without the token', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(403);
    expect(await fetch(`${host.origin}/?token=wrong`).then((r) => r.status)).toBe(403);
  });

  it('serves the renderer with a strict CSP once the token was presented', async () => {
    const cookie = await cookieFromTokenUrl();
    const res = await fetch(`${host.origin}/`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(
      await fetch(`${host.origin}/../../etc/passwd`, { headers: { cookie } }).then((r) => r.status),
    ).toBe(404);
  });

  it('refuses a WebSocket without the cookie or from another origin', async () => {
    const cookie = await cookieFromTokenUrl();
    await expect(openSocket({ origin: host.origin })).rejects.toThrow(/403/);
    await expect(openSocket({ cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('answers RPC over the WebSocket of the real page', async () => {
    const ws = await openSocket({ cookie: await cookieFromTokenUrl(), origin: host.origin });
    const answer = new Promise<unknown>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))),
    );
    ws.send(JSON.stringify({ kind: 'request', id: 7, method: 'app.info', params: {} }));
    expect(await answer).toEqual({
      kind: 'response',
      id: 7,
      ok: true,
      result: { version: '1.2.3', schemaVersion: latestSchemaVersion },
    });
    ws.close();
  });
});
