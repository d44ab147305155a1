// Bundles the extension (Node, CommonJS), the scripts of the form, the review and the task details
// (browser) and, with --tests, the suite that runs inside VS Code. --production minifies and drops
// source maps; --watch rebuilds on change; --outdir DIR writes somewhere else than dist/; --metafile
// FILE writes what each bundle of the extension host holds (esbuild's metafile of the split build).
//
// The extension host's code is split: dist/extension.js holds what start-up needs, each part in
// src/editor/parts/ (imported with `import()` on first use) becomes dist/parts/<name>.js, and the code
// two of them share is in dist/chunks/, once. esbuild splits ES modules only and VS Code 1.95 loads
// CommonJS extensions, so the split output is then turned into CommonJS file by file, each `import()`
// into a `require` (the source maps are carried through both steps).
import * as esbuild from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const outdir = option('--outdir') ?? 'dist';
const metafile = option('--metafile');

/**
 * The first and last statements of the start-up bundle and of each part: when its code (the chunks it
 * requires included) starts and ends running, by the clock and by the thread's CPU time where Node has it
 * (`codeLoad` in src/extension.ts, `loaded` in src/editor/parts.ts).
 */
const CLOCK = 'performance.now(),process.threadCpuUsage?.()';
const STARTUP_CLOCK = { banner: `var __tallyfyLoadStarted=[${CLOCK}];`, footer: `var __tallyfyLoadEnded=[${CLOCK}];` };
const PART_CLOCK = { banner: `var __tallyfyLoadStarted=[${CLOCK}];`, footer: `module.exports.loadedAt={started:__tallyfyLoadStarted,ended:[${CLOCK}]};` };

const common = {
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};
const bundled = {
  ...common,
  bundle: true,
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const parts = readdirSync('src/editor/parts')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ in: `src/editor/parts/${file}`, out: `parts/${file.slice(0, -3)}` }));

/** The extension host's code as ES modules, split into start-up, parts and shared chunks. */
function splitBuild(splitDir) {
  return {
    ...bundled,
    entryPoints: [{ in: 'src/extension.ts', out: 'extension' }, ...parts],
    outdir: splitDir,
    splitting: true,
    format: 'esm',
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    metafile: true,
  };
}

/** Turns the split output into CommonJS in the output folder, with the clocks of start-up and the parts. */
async function toCommonJs(splitDir) {
  for (const folder of ['extension.js', 'extension.js.map', 'parts', 'chunks']) rmSync(join(outdir, folder), { recursive: true, force: true });
  const files = readdirSync(splitDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.replaceAll('\\', '/'));
  const convert = (entries, clock) =>
    esbuild.build({
      ...common,
      entryPoints: entries.map((file) => ({ in: join(splitDir, file), out: file.slice(0, -3) })),
      outdir,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      supported: { 'dynamic-import': false },
      ...(clock && { banner: { js: clock.banner }, footer: { js: clock.footer } }),
    });
  await Promise.all([
    convert(['extension.js'], STARTUP_CLOCK),
    convert(files.filter((file) => file.startsWith('parts/')), PART_CLOCK),
    convert(files.filter((file) => file.startsWith('chunks/'))),
  ]);
}

/** The metafile with each output named by its path in the output folder (`parts/form.js`). */
function namedAsInOutdir(meta, splitDir) {
  const name = (path) => relative(splitDir, path).replaceAll('\\', '/');
  const outputs = Object.fromEntries(
    Object.entries(meta.outputs).map(([path, output]) => [
      name(path),
      { ...output, imports: output.imports.map((i) => (i.external ? i : { ...i, path: name(i.path) })) },
    ]),
  );
  return { ...meta, outputs };
}

/** Runs the conversion after each split build (and writes the metafile when asked). */
const convertAfterSplit = (splitDir) => ({
  name: 'to-commonjs',
  setup(build) {
    build.onStart(() => rmSync(splitDir, { recursive: true, force: true }));
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      await toCommonJs(splitDir);
      if (metafile !== undefined) writeFileSync(metafile, JSON.stringify(namedAsInOutdir(result.metafile, splitDir)));
    });
  },
});

const others = [
  // The first index's reading of the disk, in a worker thread (its own realm: it bundles what it uses).
  {
    entryPoints: ['src/editor/linked/indexWorker.ts'],
    outfile: join(outdir, 'indexWorker.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: join(outdir, 'webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    entryPoints: ['src/webview/bulk/main.ts'],
    outfile: join(outdir, 'review.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    entryPoints: ['src/webview/details/main.ts'],
    outfile: join(outdir, 'details.js'),
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  // Each page's one style sheet, with what the pages share (media/base.css) taken in.
  { entryPoints: ['media/form.css'], outfile: join(outdir, 'form.css'), target: 'chrome120', sourcemap: false },
  { entryPoints: ['media/review.css'], outfile: join(outdir, 'review.css'), target: 'chrome120', sourcemap: false },
  { entryPoints: ['media/details.css'], outfile: join(outdir, 'details.css'), target: 'chrome120', sourcemap: false },
];
if (tests) {
  others.push({
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

if (!watch) {
  rmSync(outdir, { recursive: true, force: true });
}

/** Tells the editor's watch task when a rebuild starts and ends, with any errors in a matchable form. */
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const splitDir = mkdtempSync(join(tmpdir(), 'tallyfy-split-'));
const contexts = await Promise.all([
  esbuild.context({ ...splitBuild(splitDir), plugins: [convertAfterSplit(splitDir), ...(watch ? [watchReporter] : [])] }),
  ...others.map((b) => esbuild.context({ ...bundled, ...b, plugins: watch ? [watchReporter] : [] })),
]);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
    rmSync(splitDir, { recursive: true, force: true });
  }
}
