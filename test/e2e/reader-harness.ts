/**
 * Test-only page mounting the Reader alone against the real browser host,
 * until the message list lands in the app and the e2e can click through it.
 * Its entry is generated and built here (under .artifacts/, never shipped):
 * no route or hook in production code. The page gets the host's own CSP.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const entry = `
import { mount } from 'svelte';
import { config } from 'zod';
import '${repoRoot}/renderer/src/app.css';
import { connectToCore, rpcContextKey } from '${repoRoot}/renderer/src/lib/rpc/index.ts';
import { Reader } from '${repoRoot}/renderer/src/features/mail/reader/index.ts';
config({ jitless: true });
// The message comes in the fragment; the first visit (trading the token for the cookie) has none.
if (location.hash.length > 1) {
  const message = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const { rpc } = connectToCore(window);
  mount(Reader, { target: document.getElementById('app'), props: { message }, context: new Map([[rpcContextKey, rpc]]) });
}
`;

const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Lecteur</title></head>
<body><div id="app"></div><script type="module" src="./main.js"></script></body></html>`;

/** Builds the harness; returns the folder to serve as the host's renderer directory. */
export async function buildReaderHarness(): Promise<string> {
  // Inside the repository, so the entry resolves svelte and zod from node_modules.
  const source = path.join(repoRoot, '.artifacts/reader-harness/src');
  const out = path.join(repoRoot, '.artifacts/reader-harness/dist');
  mkdirSync(source, { recursive: true });
  writeFileSync(path.join(source, 'main.js'), entry);
  writeFileSync(path.join(source, 'index.html'), page);
  await build({
    configFile: false,
    root: source,
    base: './',
    logLevel: 'error',
    plugins: [
      svelte({
        configFile: false,
        dynamicCompileOptions: ({ filename }) =>
          filename.includes('/renderer/src/') ? { runes: true } : undefined,
      }),
    ],
    resolve: { alias: { $shared: path.join(repoRoot, 'shared') } },
    build: { outDir: out, emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false } },
  });
  return out;
}
