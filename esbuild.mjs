// Bundles the extension (Node, CommonJS), the scripts of the form and the review (browser) and, with
// --tests, the suite that runs inside VS Code. --production minifies and drops source maps; --watch
// rebuilds on change.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  // The first index's reading of the disk, in a worker thread.
  {
    entryPoints: ['src/editor/linked/indexWorker.ts'],
    outfile: 'dist/indexWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    entryPoints: ['src/webview/bulk/main.ts'],
    outfile: 'dist/review.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  // Each page's one style sheet, with what the pages share (media/base.css) taken in.
  { entryPoints: ['media/form.css'], outfile: 'dist/form.css', target: 'chrome120', sourcemap: false },
  { entryPoints: ['media/review.css'], outfile: 'dist/review.css', target: 'chrome120', sourcemap: false },
];
if (tests) {
  builds.push({
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

if (!watch) {
  rmSync('dist', { recursive: true, force: true });
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

const contexts = await Promise.all(
  builds.map((b) => esbuild.context({ ...common, ...b, plugins: watch ? [watchReporter] : [] })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
