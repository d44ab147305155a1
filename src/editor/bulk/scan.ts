import * as vscode from 'vscode';
import type { ScannedTodo } from '../../core/bulk';
import { detectorLanguage, findAllTodos, languageForPath, type TodoComment } from '../../core/todo';
import type { SettingsReader } from '../settings';
import type { DocumentTodos } from '../todos/documents';
import { eachLimited, excludeGlob, keywordsByScope, MAX_SCANNED_FILES, readWorkspaceText } from '../workspaceFiles';

/** Files read at once: each read is a round trip through VS Code's file service, so many are kept in flight. */
const READ_CONCURRENCY = 64;

/** What a review covers. */
export type ReviewScope =
  | { readonly kind: 'selection'; readonly document: vscode.TextDocument; readonly range: vscode.Range }
  | { readonly kind: 'resources'; readonly uris: readonly vscode.Uri[] }
  | { readonly kind: 'workspace' };

/**
 * The scope of "Create Tasks from TODOs…": the Explorer's clicked resource (or all of its selection),
 * the editor's file, or from the palette the selection when it spans several TODOs, else a choice of the
 * active file or the whole workspace. Undefined when the user dismissed the choice.
 */
export async function resolveScope(args: readonly unknown[], todos: DocumentTodos): Promise<ReviewScope | undefined> {
  const [clicked, selected] = args;
  if (Array.isArray(selected) && selected.length > 0 && selected.every((uri) => uri instanceof vscode.Uri)) {
    return { kind: 'resources', uris: selected as vscode.Uri[] };
  }
  const editor = vscode.window.activeTextEditor;
  if (clicked instanceof vscode.Uri) {
    if (editor !== undefined && editor.document.uri.toString() === clicked.toString() && spansSeveralTodos(editor, todos)) {
      return { kind: 'selection', document: editor.document, range: editor.selection };
    }
    return { kind: 'resources', uris: [clicked] };
  }
  if (editor !== undefined && spansSeveralTodos(editor, todos)) {
    return { kind: 'selection', document: editor.document, range: editor.selection };
  }
  type Item = vscode.QuickPickItem & { scope: ReviewScope };
  const items: Item[] = [];
  if (editor !== undefined) {
    items.push({ label: `$(file) ${vscode.l10n.t('This file')}`, description: vscode.workspace.asRelativePath(editor.document.uri), scope: { kind: 'resources', uris: [editor.document.uri] } });
  }
  if (vscode.workspace.workspaceFolders?.length) {
    items.push({ label: `$(root-folder) ${vscode.l10n.t('The whole workspace')}`, description: vscode.workspace.name ?? '', scope: { kind: 'workspace' } });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file or a folder to create Tallyfy tasks from its TODOs.'));
    return undefined;
  }
  if (items.length === 1) return items[0]?.scope;
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Create Tallyfy tasks from the TODOs of…') });
  return picked?.scope;
}

function spansSeveralTodos(editor: vscode.TextEditor, todos: DocumentTodos): boolean {
  const { selection, document } = editor;
  if (selection.isEmpty || selection.start.line === selection.end.line) return false;
  return todos.inRange(document, selection).length > 1;
}

/** How the scope reads in the panel. */
export function scopeLabel(scope: ReviewScope): string {
  switch (scope.kind) {
    case 'selection':
      return vscode.l10n.t('The selection in {0}', vscode.workspace.asRelativePath(scope.document.uri));
    case 'workspace':
      return vscode.l10n.t('The whole workspace');
    case 'resources':
      return scope.uris.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ');
  }
}

export interface ScanResult {
  readonly todos: ScannedTodo[];
  readonly files: number;
  /** Milliseconds spent listing the files (the rest of the scan reads and searches them). */
  readonly listMs?: number;
}

function scanned(uri: vscode.Uri, path: string, todo: TodoComment): ScannedTodo {
  return {
    uri: uri.toString(),
    path,
    line: todo.range.start.line,
    keyword: todo.keyword,
    title: todo.title,
    description: todo.description,
    authors: todo.authors,
    references: todo.references,
  };
}

/** The files a scope covers: folders listed through VS Code, honouring `files.exclude` and `search.exclude`. */
async function filesOf(scope: ReviewScope, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  if (scope.kind === 'selection') return [scope.document.uri];
  const exclude = excludeGlob();
  if (scope.kind === 'workspace') return vscode.workspace.findFiles('**/*', exclude, MAX_SCANNED_FILES, token);
  const files = new Map<string, vscode.Uri>();
  for (const uri of scope.uris) {
    let isFolder = false;
    try {
      isFolder = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
    } catch {
      continue;
    }
    const found = isFolder ? await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), exclude, MAX_SCANNED_FILES, token) : [uri];
    for (const file of found) files.set(file.toString(), file);
  }
  return [...files.values()];
}

/** The TODOs of a scope, read through VS Code's file system; a file is opened only when its language cannot be told by its name. */
export async function scanScope(scope: ReviewScope, settings: SettingsReader, todos: DocumentTodos, token: vscode.CancellationToken): Promise<ScanResult> {
  if (scope.kind === 'selection') {
    const path = vscode.workspace.asRelativePath(scope.document.uri);
    return { todos: todos.inRange(scope.document, scope.range).map((todo) => scanned(scope.document.uri, path, todo)), files: 1 };
  }
  const started = performance.now();
  const uris = await filesOf(scope, token);
  const listMs = performance.now() - started;
  const associations = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('associations') ?? {};
  const anyKeyword = keywordProbe(allKeywords(settings));
  const keywordsOf = keywordsByScope(settings);
  const found: ScannedTodo[] = [];
  await eachLimited(uris, READ_CONCURRENCY, token, async (uri) => {
    const read = await readWorkspaceText(uri);
    if (read === undefined || (anyKeyword !== undefined && !anyKeyword.test(read.text))) return;
    let languageId = read.document?.languageId ?? languageForPath(uri.path, associations);
    languageId ??= (await vscode.workspace.openTextDocument(uri)).languageId;
    const keywords = keywordsOf(uri, languageId);
    if (keywords.length === 0) return;
    const path = vscode.workspace.asRelativePath(uri);
    for (const todo of findAllTodos(read.text, detectorLanguage(languageId, uri.path), keywords)) found.push(scanned(uri, path, todo));
  });
  return { todos: found, files: uris.length, listMs };
}

/** The keywords of every language: the setting's, and those of each language that overrides it. */
function allKeywords(settings: SettingsReader): string[] {
  const all = new Set(settings.get('todoKeywords'));
  const languages = vscode.workspace.getConfiguration('tallyfy').inspect('todoKeywords')?.languageIds ?? [];
  for (const languageId of languages) {
    for (const keyword of settings.get('todoKeywords', { languageId })) all.add(keyword);
  }
  return [...all];
}

/** A quick test that passes over files holding none of the keywords (in any case). */
function keywordProbe(keywords: readonly string[]): RegExp | undefined {
  if (keywords.length === 0) return undefined;
  return new RegExp(keywords.map((keyword) => keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}
