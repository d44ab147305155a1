// Starts a real VS Code (code-server) and opens its workbench in headless Chromium, where the
// extension under development runs in the real extension host.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Harness } from './install';

export const REPO_ROOT = join(__dirname, '..', '..');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Settings that keep the workbench quiet and deterministic. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
};

export interface CodeServer {
  readonly url: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything the server printed. */
  readonly output: string[];
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Extra user settings (merged over the quiet defaults). */
  readonly settings?: Record<string, unknown>;
  /** A packaged extension to install into the profile before the server starts. */
  readonly vsix?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const running = new Set<() => Promise<void>>();
let exitHooked = false;
function track(stop: () => Promise<void>): void {
  running.add(stop);
  if (!exitHooked) {
    exitHooked = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void Promise.allSettled([...running].map((s) => s())).then(() => process.exit(130));
      });
    }
  }
}

function killTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export async function startCodeServer(harness: Harness, options: CodeServerOptions = {}): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'tallyfy-vscode-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.vsix !== undefined) {
    await new Promise<void>((resolve, reject) => {
      const install = spawn(harness.node, [harness.codeServerEntry, ...common, '--install-extension', options.vsix!, '--force'], {
        stdio: 'inherit',
      });
      install.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`installing ${options.vsix} failed (${code})`))));
    });
  }
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(
    harness.node,
    [
      harness.codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      ...common,
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const stop = async (): Promise<void> => {
    running.delete(stop);
    await killTree(child);
    rmSync(root, { recursive: true, force: true });
  };
  track(stop);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output.push(text);
      if (text.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before it was ready:\n${output.join('')}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}`, userDataDir, extensionsDir, output, stop };
}

export interface WorkbenchOptions {
  /** The folder to open. */
  readonly folder: string;
  /** Load this extension folder as in development (default: the repository); null loads none. */
  readonly extensionDevelopmentPath?: string | null;
  /** A test module whose run() the extension host runs; its outcome resolves `exitCode`. */
  readonly extensionTestsPath?: string;
  /** Environment variables for the extension host. */
  readonly extensionEnvironment?: Record<string, string>;
  /** Receives the extension host's console output. */
  readonly onLog?: (line: string) => void;
}

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  /** Resolves with the test module's exit code (only with extensionTestsPath). */
  readonly exitCode: Promise<number>;
  close(): Promise<void>;
}

export async function openWorkbench(server: CodeServer, harness: Harness, options: WorkbenchOptions): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: harness.chromium, args: CHROMIUM_ARGS, headless: true });
  const close = async (): Promise<void> => {
    running.delete(close);
    await browser.close().catch(() => undefined);
  };
  track(close);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let settle: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    options.onLog?.(format(...args));
  });
  const remote = (path: string): string => `vscode-remote://${new URL(server.url).host}${path}`;
  const payload: [string, string][] = [];
  const development = options.extensionDevelopmentPath === undefined ? REPO_ROOT : options.extensionDevelopmentPath;
  if (development !== null) {
    payload.push(['extensionDevelopmentPath', remote(development)]);
  }
  if (options.extensionTestsPath !== undefined) {
    payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  }
  if (options.extensionEnvironment !== undefined) {
    payload.push(['extensionEnvironment', JSON.stringify(options.extensionEnvironment)]);
  }
  const url = `${server.url}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { browser, page, exitCode, close };
}
