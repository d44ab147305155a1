// What each bundle of the extension weighs, from a production build into a temporary folder: what
// start-up loads (dist/extension.js and the chunks it requires), what each part's first use adds, the
// sum of the extension host's bundles against one bundle of the same code, and the source modules found
// in more than one bundle. Shared by `npm run bench` (which prints it) and the size test (which holds it
// to ceilings).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

interface MetaOutput {
  readonly imports: ReadonlyArray<{ readonly path: string; readonly kind: string; readonly external?: boolean }>;
  readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>;
}

export interface PartSize {
  /** The part's name (its file in dist/parts/). */
  readonly name: string;
  /** Its own bundle. */
  readonly bytes: number;
  /** What its first use loads that start-up has not: its bundle and the chunks it requires. */
  readonly firstUse: number;
}

export interface BundleSizes {
  /** Every bundle of the extension host's split code, by its path in dist/, in bytes. */
  readonly files: Readonly<Record<string, number>>;
  /** The bundles start-up loads, and their sum. */
  readonly startup: { readonly files: readonly string[]; readonly bytes: number };
  readonly parts: readonly PartSize[];
  /** The sum of those bundles. */
  readonly total: number;
  /** The same code as one bundle (dist/extension.js before the split). */
  readonly single: number;
  /** Source modules that more than one of those bundles holds. */
  readonly duplicated: readonly string[];
  /** The bundles built on their own: the index's worker thread (its own realm) and the pages' scripts. */
  readonly others: Readonly<Record<'indexWorker.js' | 'webview.js' | 'review.js' | 'details.js', number>>;
}

/** The bundles an output requires when it loads (not those it imports on first use), itself included. */
function loadedWith(outputs: Readonly<Record<string, MetaOutput>>, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement' && i.external !== true) visit(i.path);
  };
  visit(entry);
  return seen;
}

/** Builds the production bundles into a temporary folder and measures them. */
export async function measureBundles(): Promise<BundleSizes> {
  const out = mkdtempSync(join(tmpdir(), 'tallyfy-bundles-'));
  try {
    const dist = join(out, 'dist');
    const metafile = join(out, 'meta.json');
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', dist, '--metafile', metafile], { cwd: REPO_ROOT, stdio: 'pipe' });
    const outputs = (JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, MetaOutput> }).outputs;
    const files: Record<string, number> = {};
    for (const path of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
      const name = path.replaceAll('\\', '/');
      if (name.endsWith('.js') && outputs[name] !== undefined) files[name] = statSync(join(dist, name)).size;
    }
    const sum = (names: Iterable<string>): number => [...names].reduce((total, name) => total + (files[name] ?? 0), 0);
    const startupFiles = loadedWith(outputs, 'extension.js');
    const parts = Object.keys(outputs)
      .filter((name) => name.startsWith('parts/') && name.endsWith('.js'))
      .map((name) => ({
        name: name.slice('parts/'.length, -'.js'.length),
        bytes: files[name] ?? 0,
        firstUse: sum([...loadedWith(outputs, name)].filter((file) => !startupFiles.has(file))),
      }));
    const holders = new Map<string, number>();
    for (const [name, output] of Object.entries(outputs)) {
      if (!name.endsWith('.js')) continue;
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) if (bytesInOutput > 0) holders.set(input, (holders.get(input) ?? 0) + 1);
    }
    return {
      files,
      startup: { files: [...startupFiles], bytes: sum(startupFiles) },
      parts,
      total: sum(Object.keys(files)),
      single: await singleBundle(),
      duplicated: [...holders].filter(([, count]) => count > 1).map(([input]) => input),
      others: {
        'indexWorker.js': statSync(join(dist, 'indexWorker.js')).size,
        'webview.js': statSync(join(dist, 'webview.js')).size,
        'review.js': statSync(join(dist, 'review.js')).size,
        'details.js': statSync(join(dist, 'details.js')).size,
      },
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The extension host's code as one minified bundle, as it was built before the split. */
async function singleBundle(): Promise<number> {
  const bundle = await build({
    entryPoints: [join(REPO_ROOT, 'src', 'extension.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return bundle.outputFiles.reduce((total, file) => total + file.contents.length, 0);
}
