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
      { extends: './build/vite.renderer.config.ts', test: { name: 'renderer' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...realServers } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...realServers } },
    ],
  },
});
