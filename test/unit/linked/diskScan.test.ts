import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanDisk } from '../../../src/editor/linked/diskScan';

describe('the first index’s reading of the disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tallyfy-scan-'));
    const write = (path: string, text: string): void => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('src/a.ts', `// TODO(tallyfy:${'a'.repeat(32)}): one\n`);
    write('src/b.ts', 'export const b = 1;\n');
    write('src/deep/c.py', `# FIXME tallyfy:${'c'.repeat(32)}\n`);
    write('node_modules/dep/d.js', `// TODO(tallyfy:${'d'.repeat(32)})\n`);
    write('src/big.txt', `tallyfy:${'e'.repeat(32)}\n${'x'.repeat(5_000)}`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists what the exclusions leave in and keeps only the texts holding a reference', () => {
    const out = scanDisk({ roots: [root], excludes: ['**/node_modules'], maxFiles: 100, maxBytes: 1_000 });
    assert.equal(out.files, 4, 'a.ts, b.ts, c.py and big.txt; node_modules left out');
    assert.deepEqual(out.candidates.map((c) => c.path.slice(root.length + 1).replace(/\\/g, '/')).sort(), ['src/a.ts', 'src/deep/c.py']);
    assert.ok(out.candidates.every((c) => c.text.includes('tallyfy:')));
  });

  it('stops listing at the most files asked for', () => {
    assert.ok(scanDisk({ roots: [root], excludes: [], maxFiles: 2, maxBytes: 10_000 }).files <= 2);
  });
});
