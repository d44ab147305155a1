// Every string the extension shows through vscode.l10n.t is in l10n/bundle.l10n.json, the file
// translators work from (`npm run l10n` writes it).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : extname(path) === '.ts' ? [path] : [];
  });
}

describe('l10n bundle', () => {
  it('is up to date with the sources (run `npm run l10n` after changing a string)', async function () {
    this.timeout(60_000);
    const files = sourceFiles(join(root, 'src'));
    const extracted = await getL10nJson(files.map((f) => ({ contents: readFileSync(f, 'utf8'), extension: '.ts' })));
    const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
    assert.deepEqual(Object.keys(committed).sort(), Object.keys(extracted).sort());
  });
});
