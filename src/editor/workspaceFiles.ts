import * as vscode from 'vscode';
import { languageForPath } from '../core/todo';
import type { SettingsReader } from './settings';

/** Files larger than this are not read by the workspace scans (generated or data files). */
export const MAX_SCANNED_FILE_BYTES = 2 * 1024 * 1024;
/** Most files one scan lists. */
export const MAX_SCANNED_FILES = 50_000;

/** The patterns `files.exclude` and `search.exclude` turn on, in every workspace folder. */
export function excludePatterns(): string[] {
  const patterns = new Set<string>();
  const folders = vscode.workspace.workspaceFolders?.map((folder) => folder.uri) ?? [null];
  for (const folder of folders) {
    for (const section of ['files', 'search']) {
      const excluded = vscode.workspace.getConfiguration(section, folder).get<Record<string, unknown>>('exclude') ?? {};
      for (const [pattern, on] of Object.entries(excluded)) {
        if (on === true) patterns.add(pattern);
      }
    }
  }
  return [...patterns];
}

/**
 * `files.exclude` and `search.exclude` of every workspace folder as one glob for findFiles (passing a
 * glob replaces the default): a pattern one folder excludes is left out everywhere.
 */
export function excludeGlob(): string | undefined {
  const patterns = excludePatterns();
  return patterns.length === 0 ? undefined : `{${patterns.join(',')}}`;
}

/** Whether a setting the workspace scans depend on changed: what they leave out, and how languages are told. */
export function affectsScans(event: vscode.ConfigurationChangeEvent): boolean {
  return ['files.exclude', 'search.exclude', 'files.associations', 'tallyfy.todoKeywords'].some((key) => event.affectsConfiguration(key));
}

/**
 * The TODO keywords of a file's folder and language, each pair read once (reading a setting is not
 * free, and a scan asks for every file).
 */
export function keywordsByScope(settings: SettingsReader): (uri: vscode.Uri, languageId: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (uri, languageId) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
    const key = `${folder}\u0000${languageId}`;
    let keywords = cache.get(key);
    if (keywords === undefined) cache.set(key, (keywords = settings.get('todoKeywords', { uri, languageId })));
    return keywords;
  };
}

/**
 * A file's language without opening it: by its name and `files.associations`, else the open document's,
 * else (the name tells nothing) by opening it.
 */
export async function languageOf(uri: vscode.Uri, associations: Readonly<Record<string, unknown>>): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  return open?.languageId ?? languageForPath(uri.path, associations) ?? (await vscode.workspace.openTextDocument(uri)).languageId;
}

/** Runs `work` on every item, at most `limit` at once, stopping when cancelled. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  token: vscode.CancellationToken,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!token.isCancellationRequested && next < items.length) {
      await work(items[next++] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A file's text through VS Code's file system (remote and virtual workspaces included): the open
 * document's, unsaved changes and all, when it is open; undefined when it is too large or unreadable.
 */
export async function readWorkspaceText(uri: vscode.Uri): Promise<{ text: string; document?: vscode.TextDocument } | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open !== undefined) return { text: open.getText(), document: open };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory || stat.size > MAX_SCANNED_FILE_BYTES) return undefined;
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return undefined;
  }
}
