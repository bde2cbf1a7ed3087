/**
 * `npm run demo` as a newcomer runs it: the script prints a URL, and a
 * person opening it sees Cartable in French, signed in as alice, with her
 * folders from the real stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let demo: ChildProcess | undefined;
afterAll(() => {
  demo?.kill('SIGTERM');
});

function printedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Cartable est prêt : (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`la démo s’est arrêtée (${code}) :\n${output}`)));
  });
}

describe('npm run demo', () => {
  it('prints a URL where alice is signed in and sees her folders in French', async () => {
    demo = spawn(process.execPath, ['scripts/demo.ts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await printedUrl(demo);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR', colorScheme: 'dark' });
      await page.goto(url);
      await page.getByTestId('folder-tree').waitFor();
      expect(await page.getByTestId('folder-pane').innerText()).toMatch(/Alice Martin/i);
      const tree = await page.getByTestId('folder-tree').innerText();
      expect(tree).toContain('Boîte de réception');
      expect(tree).toContain('Conseil de classe');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await screenshot(page, '08-demo-sombre');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
