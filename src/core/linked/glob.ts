// VS Code's glob patterns (`files.exclude`, `search.exclude`) as a test of a workspace-relative path, for
// the file changes VS Code's watcher reports without applying them: `**` any folders, `*` and `?` within
// one path segment, `{a,b}` alternatives, `[abc]`/`[!abc]` character classes. A pattern that matches a
// folder excludes everything under it, as it does in VS Code's Explorer and search.

/** Whether a path relative to its workspace folder (`/` separators) is excluded by any of the patterns. */
export type PathTest = (relativePath: string) => boolean;

/** One test for all the patterns; a pattern that cannot be read is left out (VS Code ignores it too). */
export function globTest(patterns: readonly string[]): PathTest {
  const sources: string[] = [];
  for (const pattern of patterns) {
    const source = globSource(pattern.trim().replace(/^\.\//, ''));
    if (source !== undefined) sources.push(source);
  }
  if (sources.length === 0) return () => false;
  const whole = new RegExp(`^(?:${sources.join('|')})(?:/.*)?$`);
  return (relativePath) => whole.test(relativePath.replace(/\\/g, '/').replace(/^\/+/, ''));
}

/** The regular expression source of one glob, or undefined when it is empty or malformed. */
function globSource(glob: string): string | undefined {
  if (glob === '') return undefined;
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      i += slashAfter ? 2 : 1;
      // `**/` is any number of folders (none included); a trailing `**` is anything.
      out += atSegmentStart && slashAfter ? '(?:[^/]*/)*' : '.*';
    } else if (ch === '*') {
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '{') {
      depth++;
      out += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (ch === ',' && depth > 0) {
      out += '|';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) return undefined;
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = close;
    } else {
      out += ch.replace(/[.+^$()|\\/]/g, '\\$&');
    }
  }
  return depth === 0 ? out : undefined;
}
