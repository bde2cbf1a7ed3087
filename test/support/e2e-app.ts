/**
 * One Cartable per end-to-end test: a core on a fresh profile, the browser
 * host serving the built renderer, and a French Chromium page on it. What
 * the page throws fails the test in afterEach, once page, host and core are
 * closed (the page first: a page outliving its host logs its reconnection
 * attempts as errors).
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CoreOptions } from '../../electron/core/index.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium } from './browser.ts';
import { signIn, startTestCore, type TestCore } from './core.ts';
import { ensureRendererBuilt, rendererDir } from './renderer-build.ts';
import { caPem, stackPreset, type StackUser } from './stack.ts';

/** The window the screenshots are taken in: French, light, a laptop's screen. */
export const frenchWindow = {
  locale: 'fr-FR',
  colorScheme: 'light',
  viewport: { width: 1440, height: 900 },
} as const satisfies BrowserContextOptions;

export interface AppOptions {
  /** Who signs in before the page loads; nobody leaves the app on the account wizard. */
  user?: StackUser;
  /** Over the defaults: no IDLE and polling an hour away, so the only sync is the sign-in's. */
  core?: Partial<CoreOptions>;
  window?: BrowserContextOptions;
  /**
   * Console errors fail the test too. Off where a page logs expected ones
   * (the mail frame's CSP refusing remote content); uncaught exceptions always fail it.
   */
  consoleErrors?: boolean;
  /** Runs in the page before the app's own scripts. */
  initScript?: () => void;
  /** Waits for the folder tree before handing the page over. */
  folderTree?: boolean;
}

export interface OpenApp {
  page: Page;
  core: TestCore;
  host: BrowserHost;
  /** The signed-in account, when options.user was given. */
  accountId: string | undefined;
}

export interface E2eApps {
  /** The suite's Chromium, launched in beforeAll. */
  browser(): Browser;
  open(options?: AppOptions): Promise<OpenApp>;
}

/** Registers the suite's hooks; call once at the top of a test file. */
export function useE2eApps(): E2eApps {
  let browser: Browser | undefined;
  let app: { core: TestCore; host: BrowserHost; page?: Page } | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await app?.page?.close();
    await app?.host.close();
    await app?.core.close();
    app = undefined;
    expect(pageErrors.splice(0), 'erreurs dans la page').toEqual([]);
  });

  const launched = (): Browser => {
    if (!browser) throw new Error('Chromium is launched in beforeAll');
    return browser;
  };

  return {
    browser: launched,
    async open(options = {}) {
      const core = startTestCore({
        extraPresets: [stackPreset],
        extraCaPem: [caPem()],
        watchMail: false,
        pollIntervalMs: 3_600_000,
        ...options.core,
      });
      const accountId = options.user ? await signIn(core, options.user) : undefined;
      const host = await startBrowserHost({ core: core.core, rendererDir });
      app = { core, host };
      const page = await launched().newPage(options.window ?? frenchWindow);
      app.page = page;
      page.on('pageerror', (error) => pageErrors.push(error.message));
      if (options.consoleErrors ?? true) {
        page.on('console', (message) => {
          if (message.type() === 'error') pageErrors.push(message.text());
        });
      }
      if (options.initScript) await page.addInitScript(options.initScript);
      await page.goto(host.url);
      if (options.folderTree ?? true) await page.getByTestId('folder-tree').waitFor();
      return { page, core, host, accountId };
    },
  };
}

/** A folder of the pane, by its server path. */
export const folderItem = (page: Page, folderPath: string) =>
  page.locator(`[data-testid="folder"][data-path="${folderPath}"]`);
/** The clickable row of that folder (not its children). */
export const folderRow = (page: Page, folderPath: string) =>
  page.locator(`[data-testid="folder"][data-path="${folderPath}"] > .row`);
/** The first message row whose text contains `text`. */
export const rowWith = (page: Page, text: string) =>
  page.locator('[data-testid="message-row"]', { hasText: text }).first();
