import assert from 'node:assert/strict';
import {
  buildDescription,
  buildSourceInfo,
  composeDescription,
  parseRemote,
  prefillNotes,
  repositoryLineUrl,
  type SourceInput,
} from '../../../src/core/form/prefill';

const SHA = '0123456789abcdef0123456789abcdef01234567';

const FILE = [
  'import { ledger } from "./ledger";', // 1
  '', // 2
  'export function refund(order: Order) {', // 3
  '  // TODO: handle refunds over 30 days', // 4
  '  //   they fail in the ledger', // 5
  '  const apiKey = "sk_live_abcdefghijklmnop1234";', // 6
  '  return ledger.post(order);', // 7
  '}', // 8
];

function input(patch: Partial<SourceInput> = {}): SourceInput {
  return {
    relativePath: 'src\\billing\\refund.ts',
    range: { start: { line: 3 }, end: { line: 4 } },
    lines: FILE,
    languageId: 'typescript',
    contextLines: 1,
    ...patch,
  };
}

describe('form prefill', () => {
  describe('links to a line on the repository host', () => {
    const cases: ReadonlyArray<readonly [string, string, string | undefined]> = [
      ['GitHub ssh', 'git@github.com:org/repo.git', `https://github.com/org/repo/blob/${SHA}/src/a%20b.ts#L42`],
      ['GitHub https', 'https://github.com/org/repo.git', `https://github.com/org/repo/blob/${SHA}/src/a%20b.ts#L42`],
      ['GitHub https with credentials', 'https://user:tok@github.com/org/repo', `https://github.com/org/repo/blob/${SHA}/src/a%20b.ts#L42`],
      ['GitHub ssh URL with port', 'ssh://git@github.com:22/org/repo.git', `https://github.com/org/repo/blob/${SHA}/src/a%20b.ts#L42`],
      ['GitLab https', 'https://gitlab.com/org/repo.git', `https://gitlab.com/org/repo/-/blob/${SHA}/src/a%20b.ts#L42`],
      ['GitLab subgroup ssh', 'git@gitlab.com:org/team/repo.git', `https://gitlab.com/org/team/repo/-/blob/${SHA}/src/a%20b.ts#L42`],
      ['Bitbucket ssh', 'git@bitbucket.org:org/repo.git', `https://bitbucket.org/org/repo/src/${SHA}/src/a%20b.ts#lines-42`],
      ['Bitbucket https with user', 'https://alice@bitbucket.org/org/repo.git', `https://bitbucket.org/org/repo/src/${SHA}/src/a%20b.ts#lines-42`],
      [
        'Azure DevOps https',
        'https://org@dev.azure.com/org/project/_git/repo',
        `https://dev.azure.com/org/project/_git/repo?path=%2Fsrc%2Fa+b.ts&version=GC${SHA}&line=42&lineEnd=43&lineStartColumn=1&lineEndColumn=1&lineStyle=plain&_a=contents`,
      ],
      [
        'Azure DevOps ssh',
        'git@ssh.dev.azure.com:v3/org/project/repo',
        `https://dev.azure.com/org/project/_git/repo?path=%2Fsrc%2Fa+b.ts&version=GC${SHA}&line=42&lineEnd=43&lineStartColumn=1&lineEndColumn=1&lineStyle=plain&_a=contents`,
      ],
      [
        'Azure DevOps visualstudio.com',
        'https://org.visualstudio.com/DefaultCollection/project/_git/repo',
        `https://dev.azure.com/org/project/_git/repo?path=%2Fsrc%2Fa+b.ts&version=GC${SHA}&line=42&lineEnd=43&lineStartColumn=1&lineEndColumn=1&lineStyle=plain&_a=contents`,
      ],
      ['unknown host', 'git@git.example.com:org/repo.git', undefined],
      ['a local path', '/srv/git/repo.git', undefined],
      ['a file URL', 'file:///srv/git/repo.git', undefined],
      ['GitHub without a repository', 'https://github.com/org', undefined],
    ];
    for (const [name, remote, expected] of cases) {
      it(name, () => assert.equal(repositoryLineUrl(remote, SHA, 'src/a b.ts', 42), expected));
    }

    it('refuses a branch name instead of a sha, a bad line or a path that climbs out', () => {
      assert.equal(repositoryLineUrl('git@github.com:org/repo.git', 'main', 'a.ts', 1), undefined);
      assert.equal(repositoryLineUrl('git@github.com:org/repo.git', SHA, 'a.ts', 0), undefined);
      assert.equal(repositoryLineUrl('git@github.com:org/repo.git', SHA, '../a.ts', 1), undefined);
    });

    it('never keeps credentials of the remote', () => {
      assert.deepEqual(parseRemote('https://user:secret@github.com/org/repo.git'), { host: 'github', origin: 'https://github.com', path: 'org/repo' });
    });
  });

  describe('the source reference', () => {
    it('quotes the context lines around the whole TODO, strips secrets, links the line', () => {
      const info = buildSourceInfo(input({ repository: { remoteUrl: 'git@github.com:org/repo.git', commit: SHA } }));
      assert.deepEqual(info, {
        path: 'src/billing/refund.ts',
        line: 4,
        webUrl: `https://github.com/org/repo/blob/${SHA}/src/billing/refund.ts#L4`,
        snippet: {
          languageId: 'typescript',
          startLine: 3,
          text: [FILE[2], FILE[3], FILE[4], '  const apiKey = "«redacted»";'].join('\n'),
        },
      });
    });

    it('quotes nothing with 0 context lines in a clean file', () => {
      const info = buildSourceInfo(input({ contextLines: 0 }));
      assert.equal(info.snippet, undefined);
      assert.equal(info.changed, undefined);
    });

    it('always quotes the TODO itself when the file is unsaved or uncommitted', () => {
      for (const flags of [{ dirty: true }, { uncommitted: true }]) {
        const info = buildSourceInfo(input({ contextLines: 0, ...flags }));
        assert.equal(info.changed, true);
        assert.equal(info.snippet?.text, [FILE[3], FILE[4]].join('\n'));
        assert.equal(info.snippet?.startLine, 4);
      }
    });

    it('clamps the context at the file edges and drops blank edge lines', () => {
      const info = buildSourceInfo(input({ range: { start: { line: 0 }, end: { line: 0 } }, contextLines: 1 }));
      assert.equal(info.snippet?.text, FILE[0]);
      const end = buildSourceInfo(input({ range: { start: { line: 7 }, end: { line: 7 } }, contextLines: 5 }));
      assert.equal(end.snippet?.startLine, 3);
      assert.ok(end.snippet?.text.endsWith('}'));
    });

    it('accepts a line accessor instead of an array', () => {
      const lines = { lineCount: FILE.length, lineAt: (i: number) => FILE[i] ?? '' };
      assert.deepEqual(buildSourceInfo(input({ lines })), buildSourceInfo(input()));
    });
  });

  describe('the composed description', () => {
    it('is the notes, the location, the link and the fenced code', () => {
      const text = buildDescription('they fail in the ledger\n', input({ repository: { remoteUrl: 'https://gitlab.com/org/repo.git', commit: SHA }, contextLines: 0, dirty: true }));
      assert.equal(
        text,
        [
          'they fail in the ledger',
          '',
          'Source: src/billing/refund.ts:4',
          `https://gitlab.com/org/repo/-/blob/${SHA}/src/billing/refund.ts#L4 (last commit; the file has changed since)`,
          '',
          '```typescript',
          FILE[3],
          FILE[4],
          '```',
        ].join('\n'),
      );
    });

    it('uses a longer fence when the code holds backticks', () => {
      const text = composeDescription('', { path: 'README.md', line: 1, snippet: { languageId: 'markdown', startLine: 1, text: '```js\nx\n```' } });
      assert.ok(text.includes('````markdown\n```js\nx\n```\n````'));
    });

    it('is only the notes without a source, and only the source without notes', () => {
      assert.equal(composeDescription('Just this.  \n'), 'Just this.');
      assert.equal(composeDescription('', { path: 'a.py', line: 9 }), 'Source: a.py:9');
    });

    it('strips secrets from the notes too', () => {
      assert.equal(prefillNotes('rotate it\r\npassword = "hunter2"'), 'rotate it\npassword = "«redacted»"');
    });
  });

});
