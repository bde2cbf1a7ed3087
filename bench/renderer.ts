/**
 * The renderer's goals (issue 5), measured in Chromium on a profile the bench
 * synced: cold start of the browser host to an interactive inbox, the first
 * screen of the big inbox against a 1k folder after a click, and frame times
 * while the big inbox scrolls. A process of its own, like core-memory.ts.
 * Chromium is started before the clock: the cold start is the host's (core
 * opening the profile, HTTP, the page's load and first queries), not the
 * browser's. Usage: node bench/renderer.ts <profile.sqlite>
 */
import type { Page } from 'playwright-core';
import { startBrowserHost } from '../electron/server/host.ts';
import { launchChromium } from '../test/support/browser.ts';
import { startTestCore } from '../test/support/core.ts';
import { seedSyntheticFolder } from '../test/support/mail/synthetic-folder.ts';
import { ensureRendererBuilt, rendererDir } from '../test/support/renderer-build.ts';

const databasePath = process.argv[2];
if (!databasePath) throw new Error('usage: node bench/renderer.ts <profile.sqlite>');
const SMALL = 'Bench 1k';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

ensureRendererBuilt();
// A 1k folder beside the synced inbox, written straight into the profile (no server mailbox).
{
  const app = startTestCore({ databasePath, watchMail: false, pollIntervalMs: 3_600_000 });
  const [account] = await app.client.invoke('accounts.list', {});
  if (!account) throw new Error('the profile has no account');
  // Already there when this child ran before on the same profile.
  const seeded = (await app.client.invoke('mail.listFolders', { accountId: account.id })).some(
    (folder) => folder.path === SMALL,
  );
  await app.close();
  if (!seeded) seedSyntheticFolder(databasePath, account.id, SMALL, 1_000);
}

const browser = await launchChromium();
const row = '[data-testid="message-row"]';

/** From the click on a folder to the frame after its first row is in the DOM, timed in the page. */
function firstScreen(page: Page, folderPath: string): Promise<number> {
  return page.evaluate(
    ({ folderPath, row }) =>
      new Promise<number>((resolve) => {
        const before = document.querySelector(row)?.textContent;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          const first = document.querySelector(row);
          if (!first || first.textContent === before) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        document
          .querySelector<HTMLElement>(`[data-testid="folder"][data-path="${folderPath}"] > .row`)
          ?.click();
      }),
    { folderPath, row },
  );
}

const coldStarts: number[] = [];
const small: number[] = [];
const big: number[] = [];
let frames: number[] = [];
let domRowsMax = 0;
for (let round = 0; round < 3; round++) {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  const started = performance.now();
  const app = startTestCore({ databasePath, watchMail: false, pollIntervalMs: 3_600_000 });
  const host = await startBrowserHost({ core: app.core, rendererDir });
  await page.goto(host.url);
  await page.getByTestId('folder-tree').waitFor();
  // The inbox, open at start or one click away.
  if ((await page.locator(row).count()) === 0)
    await page.locator('[data-testid="folder"][data-path="INBOX"] > .row').click();
  await page.locator(row).first().waitFor();
  coldStarts.push(performance.now() - started);

  for (let i = 0; i < 3; i++) {
    small.push(await firstScreen(page, SMALL));
    big.push(await firstScreen(page, 'INBOX'));
  }
  if (round === 0) {
    // Three seconds of scrolling, 300 px a frame, as a fast wheel does.
    const measured = await page.evaluate((row) => {
      const viewport = document.querySelector<HTMLElement>('[data-testid="list-viewport"]');
      if (!viewport) throw new Error('no list viewport');
      return new Promise<{ frames: number[]; rows: number }>((resolve) => {
        const deltas: number[] = [];
        let rows = 0;
        let last = performance.now();
        const step = (now: number) => {
          deltas.push(now - last);
          last = now;
          rows = Math.max(rows, document.querySelectorAll(row).length);
          viewport.scrollTop += 300;
          if (deltas.length < 180) requestAnimationFrame(step);
          else resolve({ frames: deltas.slice(1), rows });
        };
        requestAnimationFrame(step);
      });
    }, row);
    frames = measured.frames;
    domRowsMax = measured.rows;
  }
  await page.close();
  await host.close();
  await app.close();
}
await browser.close();

console.log(
  JSON.stringify({
    coldStartMs: Math.round(median(coldStarts)),
    firstScreenSmallMs: Number(median(small).toFixed(1)),
    firstScreenBigMs: Number(median(big).toFixed(1)),
    scrollFrameP50Ms: Number(percentile(frames, 50).toFixed(1)),
    scrollFrameP95Ms: Number(percentile(frames, 95).toFixed(1)),
    scrollFrameMaxMs: Number(Math.max(...frames).toFixed(1)),
    scrollDomRowsMax: domRowsMax,
  }),
);
