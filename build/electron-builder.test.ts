/**
 * The packaging config cannot be exercised here (MSI and DMG need Windows,
 * macOS and downloads), so it is at least validated against electron-builder's
 * own schema, and its entry points are checked against what the bundle writes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'node_modules/electron-builder/package.json'));

type Config = Record<string, unknown>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(this: void, config: Config, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as {
  DebugLogger: new (enabled: boolean) => unknown;
};
const yaml = require('js-yaml') as { load(text: string): unknown };

function config(): Config {
  return yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
}

describe('electron-builder.yml', () => {
  it('matches electron-builder’s schema, which refuses a misspelt option', async () => {
    await expect(validateConfiguration(config(), new DebugLogger(false))).resolves.toBeUndefined();
    const typo = { ...config(), msi: { ...(config()['msi'] as Config), oneClik: false } };
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration/,
    );
  });

  it('targets MSI and DMG, and packages what the bundle writes', () => {
    const packaged = config();
    expect(JSON.stringify(packaged['win'])).toContain('"msi"');
    expect(JSON.stringify(packaged['mac'])).toContain('"dmg"');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.mjs');
    const bundler = readFileSync(path.join(root, 'build/bundle-electron.ts'), 'utf8');
    for (const file of ['main.mjs', 'preload.cjs', 'core-host.js']) expect(bundler).toContain(`'${file}'`);
    const shell = readFileSync(path.join(root, 'electron/main/main.ts'), 'utf8');
    expect(shell).toContain("'preload.cjs'");
    expect(shell).toContain("'core-host.js'");
  });
});
