import * as vscode from 'vscode';
import {
  checkedRows,
  CONFIRM_ABOVE,
  countRows,
  describeInvalidFromReview,
  flagDuplicates,
  parseFromReview,
  setChecked,
  setTitle,
  type BulkDefaults,
  type BulkRun,
  type BulkRunEnd,
  type FromReviewMessage,
  type ReviewRow,
  type RowState,
  type RowView,
  type RunView,
  type StoredReview,
  type ToReviewMessage,
} from '../../core/bulk';
import { PanelTypes } from '../../core/contract';
import { isTallyfyError } from '../../core/tallyfy';
import { requireClient } from '../auth/clients';
import { fill } from '../../core/template';
import { checkForTask } from '../checkForTask';
import { recentTaskTitles } from '../taskCreation';
import { describeError } from '../errors';
import type { Logger } from '../log';
import type { MemberDirectory, TodoOwners } from '../owners';
import { titleProblem } from '../todos/createFromTodo';
import { createRows, writeAndLink, type RunDeps } from './createRun';
import { reviewStrings } from './strings';
import { pageOptions, showPage } from '../webviewPage';

export const STORE_PREFIX = 'tallyfy.review:';
/** How often a changing review is written to workspace state, at most. */
const STORE_EVERY_MS = 500;
/** Rows' changes reach the page together, at most this often. */
const POST_EVERY_MS = 50;

export interface ReviewDeps extends RunDeps {
  readonly directory: MemberDirectory;
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;
}

/** One "Create Tallyfy tasks" panel: the rows, their states, and the run creating them. */
export class ReviewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  /** The rows, in the scan's order (which no change alters). */
  private rows: ReviewRow[];
  /** Where each row is in `rows`, by key. */
  private readonly index = new Map<string, number>();
  private defaults: BulkDefaults;
  private run: BulkRun | undefined;
  private runView: RunView = { phase: 'review', done: 0, total: 0 };
  /** The run's view moved since the page last heard of it. */
  private runChanged = false;
  private members: Array<{ id: number; name: string }> = [];
  private tags: Array<{ id: string; title: string }> = [];
  private readonly changedKeys = new Set<string>();
  private postTimer: ReturnType<typeof setTimeout> | undefined;
  private storeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private readonly opened = performance.now();
  private readonly strings = reviewStrings(vscode.l10n);
  private closed = false;
  private firstReady = true;
  /** The members each row's TODO names, by row key, once matched. */
  private readonly owners = new Map<string, TodoOwners>();

  /** Whether the rows are still being found (the page shows that it is loading). */
  private scanning: boolean;

  constructor(
    private readonly deps: ReviewDeps,
    private readonly review: StoredReview,
    restored: vscode.WebviewPanel | undefined,
    scanning = false,
  ) {
    this.scanning = scanning;
    this.rows = this.setRows(review.rows);
    this.defaults = review.defaults;
    const options = pageOptions(deps.extensionUri);
    // A restored panel takes the options again: the extension's folder may have moved since (an update).
    if (restored !== undefined) restored.webview.options = options;
    this.panel = restored ?? vscode.window.createWebviewPanel(PanelTypes.review, vscode.l10n.t('Create Tallyfy tasks'), vscode.ViewColumn.Active, options);
    showPage(this.panel, deps.extensionUri, { script: 'review.js', style: 'review.css', title: this.strings.heading, loading: this.strings.loading });
    const webview = this.panel.webview;
    this.subscriptions.push(
      webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      deps.session.onDidChange(() => {
        this.owners.clear();
        void this.loadOptions();
        void this.matchOwners();
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
    if (!scanning) {
      this.store();
      this.postInit();
      void this.matchOwners();
    }
    void this.loadOptions();
  }

  /** The rows the scan found: the page shows them. */
  scanned(rows: readonly ReviewRow[]): void {
    this.scanning = false;
    this.rows = this.setRows(rows);
    this.store();
    this.postInit();
    void this.matchOwners();
  }

  /** The rows to hold, indexed by key. */
  private setRows(rows: readonly ReviewRow[]): ReviewRow[] {
    this.index.clear();
    rows.forEach((row, i) => this.index.set(row.key, i));
    return [...rows];
  }

  private get log(): Logger {
    return this.deps.log;
  }

  private post(message: ToReviewMessage): void {
    if (!this.closed) void this.panel.webview.postMessage(message);
  }

  private view(row: ReviewRow): RowView {
    const view: RowView = { key: row.key, path: row.path, line: row.line, title: row.title, checked: row.checked, state: row.state, assignees: this.assigneesOf(row) };
    if (row.duplicate !== undefined) view.duplicate = row.duplicate;
    return view;
  }

  /** Who a row's task goes to: the members its TODO names, else the shared assignee; what did not match follows. */
  private assigneesOf(row: ReviewRow): string {
    const owners = this.owners.get(row.key);
    const names = owners !== undefined && owners.members.length > 0 ? owners.members.map((m) => m.fullName).join(', ') : this.assigneeName();
    return owners === undefined || owners.notes.length === 0 ? names : `${names} · ${owners.notes.join(' ')}`;
  }

  /** Matches the owners the rows' TODOs name against the members (one member list for all). */
  private async matchOwners(): Promise<void> {
    const named = this.rows.filter((row) => row.authors.length > 0);
    if (named.length === 0 || this.deps.session.state.kind !== 'signed-in') return;
    for (const row of named) {
      this.owners.set(row.key, await this.deps.directory.ownersOf(row.authors));
      this.changedKeys.add(row.key);
    }
    this.schedulePost();
  }

  private assigneeName(): string {
    const { assignee } = this.defaults;
    const state = this.deps.session.state;
    if (assignee === undefined) return state.kind === 'signed-in' ? fill(this.strings.you, { name: state.identity.userName }) : '';
    return this.members.find((member) => member.id === assignee)?.name ?? `#${assignee}`;
  }

  private postInit(): void {
    if (this.scanning) return;
    const state = this.deps.session.state;
    const init: Extract<ToReviewMessage, { type: 'init' }> = {
      type: 'init',
      reviewId: this.review.id,
      strings: this.strings,
      locale: vscode.env.language,
      scope: this.review.scope,
      rows: this.rows.map((row) => this.view(row)),
      defaults: this.defaults,
      members: this.members,
      tags: this.tags,
      run: this.runView,
    };
    if (state.kind === 'signed-in') init.me = { id: state.identity.userId, name: state.identity.userName };
    this.post(init);
  }

  private async receive(data: unknown): Promise<void> {
    const message = parseFromReview(data);
    if (message === undefined) {
      this.log.warn(`Dropped an invalid message from the review: ${describeInvalidFromReview(data)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.log.error(error instanceof Error ? error : String(error));
      void vscode.window.showErrorMessage(describeError(error).message);
    }
  }

  private async handle(message: FromReviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.firstReady) {
          this.firstReady = false;
          this.log.info(`Create Tallyfy tasks panel ready in ${(performance.now() - this.opened).toFixed(0)} ms.`);
        }
        this.postInit();
        return;
      case 'check':
        this.change(setChecked(this.rows, new Set(message.keys), message.checked));
        return;
      case 'title':
        this.change(setTitle(this.rows, message.key, message.title), false);
        return;
      case 'defaults':
        this.defaults = message.defaults;
        this.store();
        this.post({ type: 'rows', rows: this.rows.map((row) => this.view(row)) });
        return;
      case 'reveal':
        await this.reveal(message.key);
        return;
      case 'create':
        await this.create(checkedRows(this.rows));
        return;
      case 'retryFailed':
        await this.create(checkedRows(this.rows).filter((row) => row.state.kind === 'failed'));
        return;
      case 'cancel':
        this.run?.cancel();
        return;
      case 'checkForTask':
        await this.checkRow(message.key);
        return;
      case 'signIn':
        await vscode.commands.executeCommand('tallyfy.signIn');
        return;
    }
  }

  /** Replaces the rows; the rows that changed reach the page (`echo`) and the store. */
  private change(next: ReviewRow[], echo = true): void {
    const before = new Map(this.rows.map((row) => [row.key, row]));
    this.rows = next;
    if (echo) for (const row of next) if (before.get(row.key) !== row) this.changedKeys.add(row.key);
    this.schedulePost();
    this.store();
  }

  /** A row's new state; a created row is no longer checked, the others keep their check through a run. */
  private setRowState(key: string, state: RowState): void {
    this.updateRow(key, (row) => ({ ...row, state, checked: state.kind === 'created' ? false : row.checked }));
  }

  /** Changes one row, in constant time (a run changes rows one by one, hundreds of times). */
  private updateRow(key: string, update: (row: ReviewRow) => ReviewRow): void {
    const at = this.index.get(key);
    const row = at === undefined ? undefined : this.rows[at];
    if (at === undefined || row === undefined) return;
    this.rows[at] = update(row);
    this.changedKeys.add(key);
    this.schedulePost();
    this.store();
  }

  private row(key: string): ReviewRow | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.rows[at];
  }

  private schedulePost(): void {
    this.postTimer ??= setTimeout(() => this.postRows(), POST_EVERY_MS);
  }

  /** Sends the rows changed since the last post, then the run's progress when it moved (rows first, so the page sees them before). */
  private postRows(): void {
    if (this.postTimer !== undefined) clearTimeout(this.postTimer);
    this.postTimer = undefined;
    const changed = [...this.changedKeys].flatMap((key) => this.row(key) ?? []);
    this.changedKeys.clear();
    if (changed.length > 0) this.post({ type: 'rows', rows: changed.map((row) => this.view(row)) });
    if (this.runChanged) {
      this.runChanged = false;
      this.post({ type: 'run', run: this.runView });
    }
  }

  /** Keeps the review in workspace state (at most every half second), for a hidden panel and a reload. */
  private store(): void {
    this.storeTimer ??= setTimeout(() => {
      this.storeTimer = undefined;
      if (this.closed) return;
      const stored: StoredReview = { id: this.review.id, scope: this.review.scope, rows: this.rows, defaults: this.defaults };
      void this.deps.workspaceState.update(STORE_PREFIX + this.review.id, stored);
    }, STORE_EVERY_MS);
  }

  private setRun(view: RunView): void {
    this.runView = view;
    this.runChanged = true;
    this.postRows();
  }

  /** The titles of recent Tallyfy tasks flag rows with the same title: one search, not one per row. */
  async flagRecentTallyfyTitles(): Promise<void> {
    if (this.deps.session.state.kind !== 'signed-in') return;
    try {
      const titles = await recentTaskTitles(this.deps.session);
      this.change(flagDuplicates(this.rows, titles, 'tallyfy'));
    } catch (error) {
      this.log.warn(`Could not read recent Tallyfy tasks to flag duplicates: ${describeError(error).message}`);
    }
  }

  private async loadOptions(): Promise<void> {
    const state = this.deps.session.state;
    if (state.kind !== 'signed-in') return;
    try {
      const { client, orgId } = requireClient(this.deps.session);
      // The members come from the directory the rows' owners are matched in: one read for both.
      const [members, tags] = await Promise.all([this.deps.directory.members(), client.listTags(orgId, { perPage: 100 })]);
      this.members = members.map((member) => ({ id: member.id, name: member.fullName }));
      this.tags = tags.items.map((tag) => ({ id: tag.id, title: tag.title }));
      this.post({ type: 'options', me: { id: state.identity.userId, name: state.identity.userName }, members: this.members, tags: this.tags });
    } catch (error) {
      this.log.warn(`Could not load members and tags for the review: ${describeError(error).message}`);
    }
  }

  private async reveal(key: string): Promise<void> {
    const row = this.row(key);
    if (row === undefined) return;
    const record = row.state.kind === 'created' ? this.deps.tasks.find(row.state.taskId) : undefined;
    const line = record?.source?.line ?? row.line;
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(row.uri), { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(position, position), preview: true });
  }

  /** Creates the given rows' tasks (asking first above CONFIRM_ABOVE); one run at a time. */
  private async create(rows: readonly ReviewRow[]): Promise<void> {
    if (this.run !== undefined || rows.length === 0) return;
    if (rows.length > CONFIRM_ABOVE) {
      const go = vscode.l10n.t('Create {0} Tasks', rows.length);
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Create {0} Tallyfy tasks?', rows.length), { modal: true, detail: this.review.scope }, go);
      if (answer !== go) return;
    }
    const valid: ReviewRow[] = [];
    for (const row of rows) {
      const problem = titleProblem(row.title);
      if (problem === undefined) valid.push(row);
      else this.setRowState(row.key, { kind: 'failed', message: problem });
    }
    let done = 0;
    const total = valid.length;
    let end: BulkRunEnd;
    try {
      end = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating Tallyfy tasks'), cancellable: true },
        (progress, token) =>
          createRows(this.deps, valid, this.defaults, {
            onRow: (key, state) => this.setRowState(key, state),
            ownersOf: (key) => this.owners.get(key)?.members.map((m) => m.id),
            onSettled: () => {
              done++;
              progress.report({ message: vscode.l10n.t('{0} of {1}', done, total), increment: 100 / Math.max(1, total) });
              this.runView = { phase: 'running', done, total };
              this.runChanged = true;
              this.schedulePost();
            },
            onStart: (run) => {
              this.run = run;
              token.onCancellationRequested(() => run.cancel());
              this.setRun({ phase: 'running', done: 0, total });
            },
          }),
      );
    } catch (error) {
      // The run could not start (signed out, no organization): the rows stay as they were.
      const signIn = isTallyfyError(error, 'signed-out') || isTallyfyError(error, 'unauthorized');
      this.setRun({ phase: 'over', done: 0, total, message: describeError(error).message, signIn });
      return;
    } finally {
      this.run = undefined;
    }
    this.finish(end, total);
  }

  private finish(end: BulkRunEnd, total: number): void {
    const counts = countRows(this.rows);
    const view: RunView = { phase: 'over', done: total, total };
    if (end.kind === 'stopped') {
      view.message = end.message;
      view.signIn = this.deps.session.state.kind !== 'signed-in';
    }
    this.setRun(view);
    const summary = vscode.l10n.t('Tallyfy tasks: {0} created, {1} failed, {2} to check.', counts.created, counts.failed, counts.unknown);
    this.log.info(summary);
    if (end.kind === 'stopped') void vscode.window.showWarningMessage(end.message);
    else if (counts.failed + counts.unknown > 0) void vscode.window.showWarningMessage(summary);
    else void vscode.window.showInformationMessage(summary);
  }

  /** "Check for the task" of a row whose outcome is unknown: the user says whether it was created. */
  private async checkRow(key: string): Promise<void> {
    const row = this.row(key);
    if (row === undefined || row.state.kind !== 'unknown') return;
    const source = { uri: row.uri, line: row.line };
    const outcome = await checkForTask(this.deps, row.title.trim(), source);
    if (outcome.kind === 'found') {
      const tracked = { uri: vscode.Uri.parse(row.uri), todo: { keyword: row.keyword, title: row.todoTitle }, expectedLine: row.line };
      this.setRowState(key, { kind: 'created', taskId: outcome.record.id, written: await writeAndLink(this.deps, tracked, outcome.record.id) });
    } else if (outcome.kind === 'create-again') {
      this.updateRow(key, (candidate) => ({ ...candidate, checked: true, state: { kind: 'failed', message: vscode.l10n.t('Not created: "Retry failed" creates it.') } }));
    }
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.run?.cancel();
    if (this.postTimer) clearTimeout(this.postTimer);
    if (this.storeTimer) clearTimeout(this.storeTimer);
    // A panel the user closed is over: its review is not kept.
    void this.deps.workspaceState.update(STORE_PREFIX + this.review.id, undefined);
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}
