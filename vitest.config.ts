// One runner, four projects: unit (beside the code), renderer components,
// integration against the real stack, end-to-end in Debian's Chromium.
import { defineConfig } from 'vitest/config';

const realServers = {
  globalSetup: ['test/support/stack-setup.ts'],
  fileParallelism: false,
  testTimeout: 60_000,
  hookTimeout: 180_000,
};

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.artifacts/vitest.json' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'build/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      // Vitest's default 5 s is a hang detector too tight for the first render of a file under CI load
      // (a 100k-row list test took 6 s while unit files ran beside it): the same 20 s as unit tests.
      { extends: './build/vite.renderer.config.ts', test: { name: 'renderer', testTimeout: 20_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...realServers } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...realServers } },
    ],
  },
});
