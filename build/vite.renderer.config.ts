// Builds the renderer (renderer/) into dist/renderer and runs its component tests (jsdom).
// It lives in build/ because it is Node code: renderer/ holds only what runs in the page.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig(({ mode }) => ({
  root: here('../renderer'),
  // Relative asset URLs: the same build is loaded from file:// (Electron) and http:// (browser host).
  base: './',
  plugins: [
    svelte({
      configFile: false,
      // Runes only in our own components (STYLE.md); libraries compile as they were written.
      dynamicCompileOptions: ({ filename }) =>
        filename.includes('/renderer/src/') ? { runes: true } : undefined,
    }),
    svelteTesting(),
  ],
  resolve: {
    alias: { $shared: here('../shared') },
    // Under vitest, Svelte's client runtime (not its server renderer) must run in jsdom.
    ...(mode === 'test' ? { conditions: ['browser'] } : {}),
  },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // Nothing inlined as data: URLs, so the hosts' CSP stays strict.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    name: 'renderer',
    root: here('../renderer'),
    // Also when the root vitest.config.ts extends this file from the repository root.
    dir: here('../renderer'),
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
}));
