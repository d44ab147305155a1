// The task's initial description: the TODO's continuation lines, then where it came from (the
// workspace-relative path and line, a link to that line on the repository's web host when known, and
// the code around it in a fenced block, secrets stripped).
import { redactSecrets } from './secrets';

export type RepositoryHost = 'github' | 'gitlab' | 'bitbucket' | 'azure';

export interface RemoteRepository {
  readonly host: RepositoryHost;
  /** The web origin, e.g. `https://github.com`. */
  readonly origin: string;
  /** GitHub/GitLab/Bitbucket: `org/repo` (GitLab may have subgroups); Azure DevOps: `org/project/_git/repo`. */
  readonly path: string;
}

const HOSTS: Readonly<Record<string, RepositoryHost>> = {
  'github.com': 'github',
  'www.github.com': 'github',
  'gitlab.com': 'gitlab',
  'www.gitlab.com': 'gitlab',
  'bitbucket.org': 'bitbucket',
  'www.bitbucket.org': 'bitbucket',
  'dev.azure.com': 'azure',
  'ssh.dev.azure.com': 'azure',
};

/** Host and path of a remote: `git@host:path`, `ssh://[user@]host[:port]/path`, `https://[user[:pass]@]host/path`, `git://…`. */
function splitRemote(remoteUrl: string): { host: string; path: string } | undefined {
  const text = remoteUrl.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { host: (scp[1] ?? '').toLowerCase(), path: scp[2] ?? '' };
  }
  try {
    const url = new URL(text);
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(url.protocol)) return undefined;
    return { host: url.hostname.toLowerCase(), path: decodeURIComponent(url.pathname) };
  } catch {
    return undefined;
  }
}

/** Which web host a git remote belongs to, or undefined for hosts this does not know. */
export function parseRemote(remoteUrl: string): RemoteRepository | undefined {
  const split = splitRemote(remoteUrl);
  if (!split) return undefined;
  const path = split.path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  let host = HOSTS[split.host];
  let org: string | undefined;
  const vs = /^([a-z0-9-]+)\.visualstudio\.com$/.exec(split.host);
  if (host === undefined && vs) {
    host = 'azure';
    org = vs[1];
  }
  if (split.host === 'vs-ssh.visualstudio.com') host = 'azure';
  if (host === undefined || path === '' || path.includes('..')) return undefined;
  const parts = path.split('/').filter((part) => part !== '');
  if (host === 'azure') {
    // ssh: v3/org/project/repo; https: org/project/_git/repo; *.visualstudio.com: [DefaultCollection/]project/_git/repo
    let segments: string[];
    if (parts[0] === 'v3' && parts.length === 4) {
      segments = [parts[1] ?? '', parts[2] ?? '', '_git', parts[3] ?? ''];
    } else if (org !== undefined) {
      const rest = parts[0]?.toLowerCase() === 'defaultcollection' ? parts.slice(1) : parts;
      if (rest.length !== 3 || rest[1] !== '_git') return undefined;
      segments = [org, ...rest];
    } else {
      if (parts.length !== 4 || parts[2] !== '_git') return undefined;
      segments = parts;
    }
    return { host, origin: 'https://dev.azure.com', path: segments.join('/') };
  }
  const minimum = 2;
  if (parts.length < minimum || (host !== 'gitlab' && parts.length !== 2)) return undefined;
  const origin = host === 'github' ? 'https://github.com' : host === 'gitlab' ? 'https://gitlab.com' : 'https://bitbucket.org';
  return { host, origin, path: parts.join('/') };
}

const encodePath = (path: string): string => path.split('/').filter((p) => p !== '').map(encodeURIComponent).join('/');
const encodeRepo = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/**
 * A link to one line of a file at a commit on the repository's web host (GitHub, GitLab, Bitbucket,
 * Azure DevOps), or undefined for unknown hosts, a commit that is not a hex sha or a line below 1.
 * `relativePath` uses `/` and is relative to the repository root; `line` is 1-based.
 */
export function repositoryLineUrl(remoteUrl: string, commit: string, relativePath: string, line: number): string | undefined {
  const repo = parseRemote(remoteUrl);
  const sha = commit.trim().toLowerCase();
  const file = relativePath.replace(/\\/g, '/').replace(/^\.?\//, '');
  if (!repo || !/^[0-9a-f]{7,64}$/.test(sha) || !Number.isInteger(line) || line < 1 || file === '' || file.split('/').includes('..')) {
    return undefined;
  }
  const base = `${repo.origin}/${encodeRepo(repo.path)}`;
  switch (repo.host) {
    case 'github':
      return `${base}/blob/${sha}/${encodePath(file)}#L${line}`;
    case 'gitlab':
      return `${base}/-/blob/${sha}/${encodePath(file)}#L${line}`;
    case 'bitbucket':
      return `${base}/src/${sha}/${encodePath(file)}#lines-${line}`;
    case 'azure': {
      const query = new URLSearchParams({
        path: `/${file}`,
        version: `GC${sha}`,
        line: String(line),
        lineEnd: String(line + 1),
        lineStartColumn: '1',
        lineEndColumn: '1',
        lineStyle: 'plain',
        _a: 'contents',
      });
      return `${base}?${query.toString()}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The source reference

/** Where the TODO came from, ready to show and to send (the code already stripped of secrets). */
export interface SourceInfo {
  /** Workspace-relative, with `/`. */
  readonly path: string;
  /** 1-based line of the TODO. */
  readonly line: number;
  /** The line on the repository's web host, at the last commit. */
  readonly webUrl?: string | undefined;
  /** True when the file had unsaved or uncommitted changes, so the link may not show this code. */
  readonly changed?: boolean | undefined;
  /** The quoted code, secrets stripped. */
  readonly snippet?: { readonly languageId: string; readonly startLine: number; readonly text: string } | undefined;
}

/** A document's lines: an array, or an accessor such as the TODO detector's `LineSource`. */
export type DocumentLines = readonly string[] | { readonly lineCount: number; lineAt(line: number): string };

export interface SourceInput {
  /** Workspace-relative path (either separator). */
  readonly relativePath: string;
  /** The TODO's lines, 0-based as editors count them (the TODO detector's `range` fits as is). */
  readonly range: { readonly start: { readonly line: number }; readonly end: { readonly line: number } };
  readonly lines: DocumentLines;
  readonly languageId: string;
  /** Lines of code to quote above and below the TODO (the `tallyfy.contextLines` setting). */
  readonly contextLines: number;
  /** The document has unsaved changes. */
  readonly dirty?: boolean | undefined;
  /** The file differs from the last commit, or is not committed at all. */
  readonly uncommitted?: boolean | undefined;
  /** The repository, when the file is in one with a remote: for the link to the line. */
  readonly repository?: {
    readonly remoteUrl: string;
    readonly commit: string;
    /** The path relative to the repository root when it differs from `relativePath`. */
    readonly pathInRepository?: string | undefined;
  } | undefined;
}

function lineCount(lines: DocumentLines): number {
  return Array.isArray(lines) ? lines.length : (lines as { lineCount: number }).lineCount;
}

function lineAt(lines: DocumentLines, index: number): string {
  return Array.isArray(lines) ? (lines as readonly string[])[index] ?? '' : (lines as { lineAt(i: number): string }).lineAt(index);
}

/**
 * The source reference for a TODO. Quotes `contextLines` lines around it; with 0 context lines the code
 * is quoted only when the file has unsaved or uncommitted changes (then the TODO itself always is,
 * because the link cannot show it).
 */
export function buildSourceInfo(input: SourceInput): SourceInfo {
  const count = lineCount(input.lines);
  const first = Math.max(0, Math.min(input.range.start.line, Math.max(0, count - 1)));
  const last = Math.max(first, Math.min(input.range.end.line, Math.max(0, count - 1)));
  const changed = input.dirty === true || input.uncommitted === true;
  const context = Math.max(0, Math.floor(Number.isFinite(input.contextLines) ? input.contextLines : 0));
  const path = input.relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const repo = input.repository;
  const webUrl = repo === undefined ? undefined : repositoryLineUrl(repo.remoteUrl, repo.commit, repo.pathInRepository ?? path, first + 1);
  let snippet: SourceInfo['snippet'];
  if (count > 0 && (context > 0 || changed)) {
    const from = Math.max(0, first - context);
    const to = Math.min(count - 1, last + context);
    const quoted: string[] = [];
    for (let index = from; index <= to; index++) quoted.push(lineAt(input.lines, index));
    snippet = { languageId: input.languageId, startLine: from + 1, text: redactSecrets(trimBlankEdges(quoted).join('\n')) };
  }
  const info: { -readonly [K in keyof SourceInfo]: SourceInfo[K] } = { path, line: first + 1 };
  if (webUrl !== undefined) info.webUrl = webUrl;
  if (changed) info.changed = true;
  if (snippet !== undefined && snippet.text.trim() !== '') info.snippet = snippet;
  return info;
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

/** The longest run of backticks in the text plus one (at least three), so the fence cannot close early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The part of the description that says where the TODO came from. */
export function sourceBlock(source: SourceInfo): string {
  const parts = [`Source: ${source.path}:${source.line}`];
  if (source.webUrl !== undefined) {
    parts.push(source.changed === true ? `${source.webUrl} (last commit; the file has changed since)` : source.webUrl);
  }
  const head = parts.join('\n');
  if (source.snippet === undefined) return head;
  const fence = fenceFor(source.snippet.text);
  const language = source.snippet.languageId.replace(/[^\w+#.-]/g, '');
  return `${head}\n\n${fence}${language}\n${source.snippet.text}\n${fence}`;
}

/** The description as sent: the notes (trailing blanks trimmed), a blank line, then the source block. */
export function composeDescription(notes: string, source?: SourceInfo): string {
  const text = notes.replace(/\s+$/, '');
  if (source === undefined) return text;
  const block = sourceBlock(source);
  return text.trim() === '' ? block : `${text}\n\n${block}`;
}

/** The notes from a TODO's continuation lines (`TodoComment.description`), secrets stripped. */
export function prefillNotes(continuation: string): string {
  return redactSecrets(continuation.replace(/\r\n?/g, '\n')).replace(/\s+$/, '');
}

/** The whole prefilled description, for a quick create without the form. */
export function buildDescription(continuation: string, source: SourceInput): string {
  return composeDescription(prefillNotes(continuation), buildSourceInfo(source));
}

