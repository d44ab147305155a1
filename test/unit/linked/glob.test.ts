import assert from 'node:assert/strict';
import { globTest } from '../../../src/core/linked';

describe('glob test of excluded paths', () => {
  it('excludes a folder pattern and everything under it, at any depth with **/', () => {
    const excluded = globTest(['**/node_modules', '**/.git']);
    assert.equal(excluded('node_modules/a/b.js'), true);
    assert.equal(excluded('packages/x/node_modules/y.js'), true);
    assert.equal(excluded('.git/HEAD'), true);
    assert.equal(excluded('src/node_modules_notes.md'), false);
    assert.equal(excluded('src/a.ts'), false);
  });

  it('keeps * and ? within one segment', () => {
    const excluded = globTest(['*.min.js', 'build/?.txt']);
    assert.equal(excluded('app.min.js'), true);
    assert.equal(excluded('lib/app.min.js'), false);
    assert.equal(excluded('build/a.txt'), true);
    assert.equal(excluded('build/ab.txt'), false);
    assert.equal(excluded('build/sub/a.txt'), false);
  });

  it('reads alternatives, classes and a trailing **', () => {
    const excluded = globTest(['**/*.{png,jpg}', 'out/**', 'log[0-9].txt', 'x[!a].md']);
    assert.equal(excluded('docs/pic.png'), true);
    assert.equal(excluded('pic.jpg'), true);
    assert.equal(excluded('pic.gif'), false);
    assert.equal(excluded('out/a/b/c.ts'), true);
    assert.equal(excluded('log7.txt'), true);
    assert.equal(excluded('logx.txt'), false);
    assert.equal(excluded('xb.md'), true);
    assert.equal(excluded('xa.md'), false);
  });

  it('takes backslashes and a leading ./ as VS Code does, and ignores malformed patterns', () => {
    const excluded = globTest(['./dist', '{unclosed', '[']);
    assert.equal(excluded('dist\\bundle.js'), true);
    assert.equal(excluded('src/a.ts'), false);
    assert.equal(globTest([])('anything'), false);
  });
});
