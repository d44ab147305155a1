// A webview page of the extension in headless Chromium, as VS Code shows it: the built script and the
// style sheet served from one origin under the page's real CSP, and a stub `acquireVsCodeApi` that
// records what the page posts, answers `ready` with the given `init`, and keeps state in sessionStorage.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formHtml } from '../../src/core/form/html';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');

/** Headless Chromium, or a clear error saying how to get it. */
export async function launchChromium(what: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`This test drives ${what} in Chromium, which is missing at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

/** A page's style sheet as the extension ships it (`media/<name>` with what it imports). */
async function bundleStyle(name: string): Promise<string> {
  const built = await esbuild.build({ entryPoints: [join(ROOT, 'media', name)], bundle: true, write: false, logLevel: 'silent', outfile: name });
  return built.outputFiles[0]?.text ?? '';
}

/** The page's script, bundled as the extension ships it (`entry` relative to the repository). */
export async function bundlePage(entry: string): Promise<string> {
  const built = await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return built.outputFiles[0]?.text ?? '';
}

function hostStub(init: unknown): string {
  return `
    window.__posted = [];
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => {
        window.__posted.push(JSON.parse(JSON.stringify(m)));
        if (m.type === 'ready') setTimeout(() => window.postMessage(${JSON.stringify(init)}, '*'));
      },
      getState: () => JSON.parse(sessionStorage.getItem('state') || 'null') ?? undefined,
      setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
    });`;
}

export interface PageOptions {
  readonly origin: string;
  /** The bundle from `bundlePage`, served as `/dist/<script>`. */
  readonly bundle: string;
  readonly script: string;
  /** A style sheet of `media/`, bundled and served as `/dist/<style>`. */
  readonly style: string;
  readonly strings: { readonly heading: string; readonly loading: string };
  readonly init: unknown;
  /** Console errors count as page errors too. */
  readonly consoleErrors?: boolean;
}

/**
 * Opens the page and resolves once `ready` shows it is up (`shown` waits for its first content); no
 * page error may have happened by then.
 */
export async function openPage(browser: Browser, options: PageOptions, shown: (page: Page) => Promise<unknown>): Promise<Page> {
  const { origin } = options;
  const style = await bundleStyle(options.style);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.consoleErrors === true) {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }
  const html = formHtml({
    cspSource: origin,
    nonce: 'dGVzdG5vbmNlMTIzNDU2Nzg=',
    scriptUri: `${origin}/dist/${options.script}`,
    styleUri: `${origin}/dist/${options.style}`,
    title: options.strings.heading,
    loading: options.strings.loading,
  });
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: html });
    if (path === `/dist/${options.script}`) return route.fulfill({ contentType: 'text/javascript', body: options.bundle });
    if (path === `/dist/${options.style}`) return route.fulfill({ contentType: 'text/css', body: style });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.addInitScript(hostStub(options.init));
  await page.goto(`${origin}/`);
  await shown(page);
  assert.deepEqual(errors, []);
  return page;
}

/** What the page posted so far. */
export async function postedBy<T>(page: Page): Promise<T[]> {
  return (await page.evaluate('window.__posted')) as T[];
}

/** Posts a message to the page, as the extension does. */
export function sendTo(page: Page, message: unknown): Promise<void> {
  return page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** Polls from Node: the page's CSP forbids the string evaluation that waitForFunction uses. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
