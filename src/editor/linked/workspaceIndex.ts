// The workspace's index of `tallyfy:` references in TODO comments, honouring `files.exclude` and
// `search.exclude`: in folders on the extension host's disk (local or remote), VS Code's own ripgrep finds
// the files holding a reference (else a worker thread reads them all); virtual folders are read through
// VS Code's file system. The first index runs in the background after start-up; then each
// file change costs that file's work alone.
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { globTest, linkedTodosIn, ReferenceIndex, type LinkedTodo, type PathTest } from '../../core/linked';
import { detectorLanguage, REFERENCE_PREFIX } from '../../core/todo';
import type { Logger } from '../log';
import type { IndexWorkerInput, IndexWorkerOutput } from './diskScan';
import { readLocalText } from './localFiles';
import { bundledRipgrep, filesWithReferences } from './ripgrep';
import type { SettingsReader } from '../settings';
import { affectsScans, eachLimited, excludeGlob, excludePatterns, keywordsByScope, languageOf, MAX_SCANNED_FILE_BYTES, MAX_SCANNED_FILES } from '../workspaceFiles';

/** Files read at once: each read waits on the disk or on VS Code's file service, so many are kept in flight. */
const READ_CONCURRENCY = 64;
/** File changes are taken in batches: a `git checkout` changes many at once. */
const CHANGE_BATCH_MS = 300;

/** What the disk's part of the first index found: the files it covered and the texts holding a reference. */
interface DiskRead extends IndexWorkerOutput {
  /** How it was read, for the log. */
  readonly how: string;
}

export interface IndexRun {
  readonly files: number;
  readonly changed: boolean;
  readonly ms: number;
}

export class WorkspaceIndex implements vscode.Disposable {
  readonly index = new ReferenceIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The references changed (a file's, or the whole index's). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private excluded: PathTest = () => false;
  private full: Promise<IndexRun> | undefined;
  private indexed = false;
  /** Files changed on disk and not read since: URI → whether it was deleted. */
  private readonly pending = new Map<string, { uri: vscode.Uri; deleted: boolean }>();
  private batch: ReturnType<typeof setTimeout> | undefined;
  /** VS Code's ripgrep, once looked for (null: none, or it failed). */
  private ripgrep: string | null | undefined;

  constructor(
    private readonly settings: SettingsReader,
    private readonly log: Logger,
    private readonly extensionUri: vscode.Uri,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => this.changedOnDisk(uri, false)),
      watcher.onDidChange((uri) => this.changedOnDisk(uri, false)),
      watcher.onDidDelete((uri) => this.changedOnDisk(uri, true)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsScans(event)) void this.reindex();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindex()),
      { dispose: () => this.batch !== undefined && clearTimeout(this.batch) },
    );
  }

  /** Whether the first index has finished (before, the workspace's references are not all known). */
  get ready(): boolean {
    return this.indexed;
  }

  /** The first index, or the one running. */
  whenIndexed(): Promise<IndexRun> {
    return this.full ?? this.reindex();
  }

  /** Indexes every file again (the first index, a changed setting, or the user asking). */
  reindex(token?: vscode.CancellationToken): Promise<IndexRun> {
    const run = this.indexAll(token ?? new vscode.CancellationTokenSource().token);
    this.full = run;
    return run;
  }

  /** A file's references as the text has them now (a save in this editor). */
  setFromText(uri: vscode.Uri, text: string, languageId: string): void {
    if (!this.covers(uri)) return;
    const keywords = this.settings.get('todoKeywords', { uri, languageId });
    if (this.index.set(uri.toString(), linkedTodosIn(text, detectorLanguage(languageId, uri.path), keywords))) this.changed.fire();
  }

  private async indexAll(token: vscode.CancellationToken): Promise<IndexRun> {
    const started = performance.now();
    const patterns = excludePatterns();
    this.excluded = globTest(patterns);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = new Map<string, readonly LinkedTodo[]>();
    const local = folders.filter((folder) => folder.uri.scheme === 'file');
    const other = folders.filter((folder) => folder.uri.scheme !== 'file');
    let files = 0;
    let diskMs: number | undefined;
    let how = '';
    if (local.length > 0) {
      const roots = local.map((folder) => folder.uri.fsPath);
      const read = (await this.searchWithRipgrep(roots, patterns, token)) ?? (await this.readInWorker(roots, patterns, token));
      files += read.files;
      diskMs = read.ms;
      how = read.how;
      const todosOf = this.finder();
      for (const { path, text } of read.candidates) {
        const uri = vscode.Uri.file(path);
        const todos = await todosOf(uri, text);
        if (todos.length > 0) found.set(uri.toString(), todos);
      }
    }
    for (const folder of other) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(), MAX_SCANNED_FILES, token);
      files += uris.length;
      const read = this.reader();
      await eachLimited(uris, READ_CONCURRENCY, token, async (uri) => {
        const todos = await read(uri);
        if (todos !== undefined && todos.length > 0) found.set(uri.toString(), todos);
      });
    }
    if (token.isCancellationRequested) return { files, changed: false, ms: performance.now() - started };
    let changed = false;
    for (const file of this.index.files()) if (!found.has(file)) changed = this.index.delete(file) || changed;
    for (const [file, todos] of found) changed = this.index.set(file, todos) || changed;
    const first = !this.indexed;
    this.indexed = true;
    // The index's own time; what follows its change (the Tasks view) is not part of it.
    const ms = performance.now() - started;
    if (changed || first) this.changed.fire();
    const disk = diskMs === undefined ? '' : ` (the disk's part ${diskMs.toFixed(0)} ms, ${how})`;
    this.log.info(`Indexed the Tallyfy references of ${files} files in ${ms.toFixed(0)} ms${disk}: ${this.index.size} tasks referenced.`);
    return { files, changed, ms };
  }

  /**
   * The disk's part of the first index with VS Code's ripgrep: the files holding a reference, then their
   * texts. Undefined when this VS Code has no ripgrep where one is looked for, or it cannot run.
   */
  private async searchWithRipgrep(roots: readonly string[], excludes: readonly string[], token: vscode.CancellationToken): Promise<DiskRead | undefined> {
    this.ripgrep ??= bundledRipgrep(vscode.env.appRoot) ?? null;
    if (this.ripgrep === null) return undefined;
    const started = performance.now();
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const paths: string[] = [];
      for (const root of roots) paths.push(...(await filesWithReferences(this.ripgrep, root, excludes, MAX_SCANNED_FILE_BYTES, controller.signal)));
      const candidates: Array<{ path: string; text: string }> = [];
      await eachLimited(paths.slice(0, MAX_SCANNED_FILES), READ_CONCURRENCY, token, async (path) => {
        // ripgrep has left out the files over the size limit already.
        const text = await readFile(path, 'utf8').catch(() => undefined);
        if (text !== undefined) candidates.push({ path, text });
      });
      return { files: paths.length, candidates, ms: performance.now() - started, how: 'ripgrep, files holding a reference' };
    } catch (error) {
      if (token.isCancellationRequested) return { files: 0, candidates: [], ms: 0, how: 'cancelled' };
      this.log.warn(`VS Code's ripgrep could not search the workspace (${error instanceof Error ? error.message : String(error)}); reading the files instead.`);
      this.ripgrep = null;
      return undefined;
    } finally {
      cancel.dispose();
    }
  }

  /** The disk's part of the first index, in a worker thread (see diskScan.ts). */
  private readInWorker(roots: readonly string[], excludes: readonly string[], token: vscode.CancellationToken): Promise<DiskRead> {
    const input: IndexWorkerInput = { roots, excludes, maxFiles: MAX_SCANNED_FILES, maxBytes: MAX_SCANNED_FILE_BYTES };
    const worker = new Worker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'indexWorker.js').fsPath, { workerData: input });
    const how = 'files listed and read in a worker thread';
    return new Promise((resolve, reject) => {
      const cancel = token.onCancellationRequested(() => {
        void worker.terminate();
        resolve({ files: 0, candidates: [], ms: 0, how: 'cancelled' });
      });
      worker.once('message', (output: IndexWorkerOutput) => {
        cancel.dispose();
        void worker.terminate();
        resolve({ ...output, how });
      });
      worker.once('error', (error) => {
        cancel.dispose();
        reject(error);
      });
    });
  }

  /** The linked TODOs of a file's text, in the file's language with its folder's keywords. */
  private finder(): (uri: vscode.Uri, text: string) => Promise<readonly LinkedTodo[]> {
    const associations = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('associations') ?? {};
    const keywordsOf = keywordsByScope(this.settings);
    return async (uri, text) => {
      // Most files hold no reference: no language to tell, no TODO to find.
      if (!text.includes(REFERENCE_PREFIX)) return [];
      const languageId = await languageOf(uri, associations);
      return linkedTodosIn(text, detectorLanguage(languageId, uri.path), keywordsOf(uri, languageId));
    };
  }

  /** Reads one file's references (from the disk for a `file:` URI, else through VS Code); undefined when it cannot be read. */
  private reader(): (uri: vscode.Uri) => Promise<readonly LinkedTodo[] | undefined> {
    const todosOf = this.finder();
    const decoder = new TextDecoder('utf-8');
    const readText = async (uri: vscode.Uri): Promise<string | undefined> => {
      if (uri.scheme === 'file') return readLocalText(uri.fsPath, MAX_SCANNED_FILE_BYTES);
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory || stat.size > MAX_SCANNED_FILE_BYTES) return '';
        return decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    };
    return async (uri) => {
      const text = await readText(uri);
      return text === undefined ? undefined : todosOf(uri, text);
    };
  }

  /** A file in a workspace folder that the exclusions do not leave out. */
  private covers(uri: vscode.Uri): boolean {
    if (vscode.workspace.getWorkspaceFolder(uri) === undefined) return false;
    return !this.excluded(vscode.workspace.asRelativePath(uri, false));
  }

  private changedOnDisk(uri: vscode.Uri, deleted: boolean): void {
    if (!this.indexed || !this.covers(uri)) return;
    this.pending.set(uri.toString(), { uri, deleted });
    if (this.batch === undefined) this.batch = setTimeout(() => void this.readChanges(), CHANGE_BATCH_MS);
  }

  /** Reads the files changed on disk since the last batch. */
  private async readChanges(): Promise<void> {
    this.batch = undefined;
    const started = performance.now();
    const changes = [...this.pending.values()];
    this.pending.clear();
    const read = this.reader();
    let changed = false;
    await eachLimited(changes, READ_CONCURRENCY, new vscode.CancellationTokenSource().token, async ({ uri, deleted }) => {
      const file = uri.toString();
      if (deleted) {
        // A deleted folder takes its files with it.
        changed = this.index.deleteWhere((f) => f === file || f.startsWith(`${file}/`)) || changed;
        return;
      }
      const todos = await read(uri);
      if (todos !== undefined) changed = this.index.set(file, todos) || changed;
    });
    const ms = (performance.now() - started).toFixed(1);
    // Said at info only when references moved (rare), so saving files keeps the log quiet.
    if (changed) {
      this.changed.fire();
      this.log.info(`Indexed ${changes.length} changed files in ${ms} ms: the references changed.`);
    } else {
      this.log.debug(`Indexed ${changes.length} changed files in ${ms} ms.`);
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}
