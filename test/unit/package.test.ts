// What the .vsix holds: only what the installed extension needs (the .vscodeignore allowlist).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('package contents', () => {
  it('holds the bundles, media, l10n, manifest and docs, and nothing else', function () {
    this.timeout(60_000);
    if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'dist', 'webview.js')) || !existsSync(join(root, 'dist', 'review.js')) || !existsSync(join(root, 'dist', 'review.css')) || !existsSync(join(root, 'dist', 'details.js')) || !existsSync(join(root, 'dist', 'indexWorker.js'))) {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root }); // the bundles are what is packaged
    }
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .sort();
    const allowed = [
      /^dist\/(extension|indexWorker|webview|review|details)\.js$/,
      /^dist\/parts\/\w+\.js$/,
      /^dist\/chunks\/[\w-]+\.js$/,
      /^dist\/(form|review|details)\.css$/,
      /^media\/(icon\.png|tallyfy\.svg)$/,
      /^media\/walkthrough\/[\w-]+\.md$/,
      /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
      /^package(\.nls(\.[\w-]+)?)?\.json$/,
      /^(README|CHANGELOG)\.md$/,
      /^LICENSE$/,
    ];
    assert.deepEqual(files.filter((file) => !allowed.some((pattern) => pattern.test(file))), []);
    for (const needed of ['dist/extension.js', 'dist/parts/form.js', 'dist/parts/tasks.js', 'dist/parts/assigned.js', 'dist/parts/details.js', 'dist/indexWorker.js', 'dist/webview.js', 'dist/review.js', 'dist/details.js', 'dist/details.css', 'media/icon.png', 'dist/form.css', 'dist/review.css', 'package.json', 'README.md']) {
      assert.ok(files.includes(needed), needed);
    }
  });
});
