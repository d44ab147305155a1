// Starts a real VS Code (code-server) and opens its workbench in headless Chromium, where the
// extension under development runs in the real extension host. Used by the test runner and the
// benchmark. Every process and temporary folder started here is removed again: by `stop()`/`close()`,
// on SIGINT/SIGTERM, and (processes and folders) when the Node.js process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from './install';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Flags that let Chromium run headless in a container, offline. */
export const CHROMIUM_ARGS = [
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
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

// ---------------------------------------------------------------------------------------------------
// Clean-up of everything started here, also when a run is interrupted or crashes.

interface Resource {
  /** Orderly stop. */
  stop(): Promise<void>;
  /** Last resort while the process exits (synchronous only). */
  kill(): void;
}

const resources = new Set<Resource>();
let hooked = false;

/** Registers something to remove on stop, on SIGINT/SIGTERM and at exit; returns its unregister. */
export function onCleanup(resource: Resource): () => void {
  resources.add(resource);
  if (!hooked) {
    hooked = true;
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        void stopAll().then(() => process.exit(code));
      });
    }
    process.once('exit', () => {
      for (const r of [...resources].reverse()) {
        try {
          r.kill();
        } catch {
          // nothing more can be done while exiting
        }
      }
    });
  }
  return () => resources.delete(resource);
}

/** Stops everything still registered, the most recent first (a server before its folders). */
async function stopAll(): Promise<void> {
  for (const r of [...resources].reverse()) {
    await r.stop().catch(() => undefined);
  }
}

/** A temporary folder under the system's temp folder, removed again at the latest when Node.js exits. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const remove = (): void => {
    unregister();
    rmSync(path, { recursive: true, force: true });
  };
  const unregister = onCleanup({ stop: async () => remove(), kill: remove });
  return { path, remove };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      // The extension host and other helpers share the server's process group.
      killGroup(child, 'SIGKILL');
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
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

// ---------------------------------------------------------------------------------------------------
// The server.

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** The code-server process (the leader of its process group). */
  readonly process: ChildProcess;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything the server printed. */
  readonly output: string[];
  /** Stops the server and its extension hosts and removes its folders. */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Extra user settings (merged over the quiet defaults). */
  readonly settings?: Record<string, unknown>;
  /** Keep workspace trust on (off by default, so the extension runs without a trust prompt). */
  readonly workspaceTrust?: boolean;
  /** A packaged extension (.vsix) to install into the profile before the server starts. */
  readonly vsix?: string;
  /** Receives the server's output as it comes. */
  readonly onOutput?: (text: string) => void;
}

/** Runs code-server's CLI once (e.g. `--install-extension`) against the given profile folders. */
function codeServerCli(harness: Harness, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(harness.node, [harness.codeServerEntry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`code-server ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

/** Starts code-server with Node.js 24 on a free port of 127.0.0.1, with fresh profile folders. */
export async function startCodeServer(harness: Harness, options: CodeServerOptions = {}): Promise<CodeServer> {
  const root = tempFolder('tallyfy-vscode-');
  const userDataDir = join(root.path, 'user-data');
  const extensionsDir = join(root.path, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const trust = options.workspaceTrust === true;
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, 'security.workspace.trust.enabled': trust, ...options.settings }, null, 2),
  );
  const profile = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  try {
    if (options.vsix !== undefined) {
      await codeServerCli(harness, [...profile, '--install-extension', options.vsix, '--force']);
    }
  } catch (error) {
    root.remove();
    throw error;
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
      ...(trust ? [] : ['--disable-workspace-trust']),
      ...profile,
      // Without it a built workbench ignores the development payload (extensionDevelopmentPath, …).
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    // Its own process group, so stopping it also stops the extension hosts it started. The extension host
    // runs in UTC, as on a remote machine or in a container, while the sandbox's user lives elsewhere.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', TZ: 'UTC' } },
  );
  const stop = async (): Promise<void> => {
    unregister();
    await stopGroup(child);
    root.remove();
  };
  const unregister = onCleanup({ stop, kill: () => killGroup(child, 'SIGKILL') });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output.push(text);
      options.onOutput?.(text);
      if (text.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before it was ready:\n${output.join('')}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}`, port, process: child, userDataDir, extensionsDir, output, stop };
}

// ---------------------------------------------------------------------------------------------------
// The workbench in Chromium.

/** playwright-core from the harness install (the root's copy only provides its types). */
function playwright(harness: Harness): typeof import('playwright-core') {
  return createRequire(join(harness.dir, 'package.json'))('playwright-core') as typeof import('playwright-core');
}

/**
 * The warnings and errors VS Code's extension host logged about the extension (its log names it in
 * brackets), e.g. a setting read with a scope it was not declared with. The extension's own log is not
 * read: what the extension chooses to say there is its own business.
 */
export function extensionHostProblems(userDataDir: string, extensionId: string): string[] {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(^|[/\\])(remote)?exthost\.log$/.test(name))
    .flatMap((name) => readFileSync(join(logs, name), 'utf8').split('\n'))
    .filter((line) => /\[(warning|error)\]/.test(line) && line.includes(`[${extensionId}]`));
}

export interface WorkbenchOptions {
  /** The folder to open. */
  readonly folder: string;
  /** Load this extension folder as in development (default: the repository); null loads none. */
  readonly extensionDevelopmentPath?: string | null;
  /** More extension folders to load as in development (a test fixture's). */
  readonly moreExtensions?: readonly string[] | undefined;
  /** A test module whose run() the extension host runs; its outcome resolves `exitCode`. */
  readonly extensionTestsPath?: string;
  /** Environment variables for the extension host. */
  readonly extensionEnvironment?: Record<string, string>;
  /** Receives the extension host's console output. */
  readonly onLog?: (line: string) => void;
  /** Browser viewport; 1400×900 by default. */
  readonly viewport?: { width: number; height: number };
}

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  /** Resolves with the test module's exit code (only with extensionTestsPath): 0 passed, else failed. */
  readonly exitCode: Promise<number>;
  close(): Promise<void>;
}

/**
 * One folder holding (links to) several extension folders: VS Code loads every extension in a development
 * folder that is not one itself, and the workbench passes only one such folder on to the server.
 */
function developmentFolder(paths: readonly string[]): string {
  const folder = tempFolder('tallyfy-dev-extensions-');
  paths.forEach((path, i) => symlinkSync(path, join(folder.path, `${i}-${basename(path)}`), 'dir'));
  return folder.path;
}

/** Opens the workbench of a running server in a new headless Chromium, with the development payload. */
export async function openWorkbench(server: CodeServer, harness: Harness, options: WorkbenchOptions): Promise<Workbench> {
  const browser = await playwright(harness).chromium.launch({ executablePath: harness.chromium, args: CHROMIUM_ARGS, headless: true });
  const close = async (): Promise<void> => {
    unregister();
    await browser.close().catch(() => undefined);
  };
  // Playwright itself kills the browsers it launched when Node.js exits.
  const unregister = onCleanup({ stop: close, kill: () => undefined });
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    // A wait that is not given its own limit fails after this, naming what it waited for (Playwright's own
    // default outside its test runner is to wait forever). Set for a busy 2-core machine.
    page.setDefaultTimeout(30_000);
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (settle = resolve));
    // The workbench calls these when the payload names a test module: the log with the extension
    // host's console output, the exit with the outcome of the module's run().
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      options.onLog?.(format(...args));
    });
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload: [string, string][] = [];
    const development = options.extensionDevelopmentPath === undefined ? REPO_ROOT : options.extensionDevelopmentPath;
    const developed = [...(development === null ? [] : [development]), ...(options.moreExtensions ?? [])];
    if (developed.length === 1) payload.push(['extensionDevelopmentPath', remote(developed[0] as string)]);
    else if (developed.length > 1) payload.push(['extensionDevelopmentPath', remote(developmentFolder(developed))]);
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
  } catch (error) {
    await close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Both at once.

export interface VsCode {
  readonly server: CodeServer;
  readonly workbench: Workbench;
  readonly page: Page;
  readonly browser: Browser;
  readonly process: ChildProcess;
  readonly userDataDir: string;
  /** Closes the browser, stops the server and removes the profile folders. */
  close(): Promise<void>;
}

/** Starts a server and opens its workbench; one `close()` undoes both. */
export async function launchVsCode(harness: Harness, options: CodeServerOptions & WorkbenchOptions): Promise<VsCode> {
  const server = await startCodeServer(harness, options);
  let workbench: Workbench;
  try {
    workbench = await openWorkbench(server, harness, options);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    workbench,
    page: workbench.page,
    browser: workbench.browser,
    process: server.process,
    userDataDir: server.userDataDir,
    async close() {
      await workbench.close();
      await server.stop();
    },
  };
}
