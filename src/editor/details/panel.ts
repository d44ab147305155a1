// One "Tallyfy task" panel: a task's details read from Tallyfy (its process, form fields and comments
// with it), a Refresh, and a comment box. It follows the session: signed out or in another organization,
// it says the task is not available instead of showing what it read before.
import * as vscode from 'vscode';
import {
  describeInvalidFromDetails,
  parseFromDetails,
  type CommentState,
  type DetailsState,
  type FromDetailsMessage,
  type SaveState,
  type ToDetailsMessage,
} from '../../core/details/protocol';
import type { MemberOption } from '../../core/form/protocol';
import { commentFailure, commentHtml } from '../../core/details/comment';
import { changesSomething, editUpdateBody, saveDecision, type EditRequest, type EditValues } from '../../core/details/edit';
import { answerFor } from '../../core/records';
import { isTallyfyError, type Task } from '../../core/tallyfy';
import { PanelTypes, Commands } from '../../core/contract';
import { requireClient } from '../auth/clients';
import type { Session } from '../auth/session';
import { describeError } from '../errors';
import type { Logger } from '../log';
import { openTaskInTallyfy } from '../openTask';
import type { MemberDirectory } from '../owners';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { pageOptions, showPage } from '../webviewPage';
import { formStrings } from '../form/strings';
import { pickerSearch } from '../pickerSearch';
import { detailsStrings } from './strings';
import { namesTags, taskView } from './taskView';

/** What a details read asks Tallyfy to include. */
const DETAILS_WITH = ['run', 'form_fields', 'threads', 'summary'] as const;

export interface DetailsDeps {
  readonly session: Session;
  readonly tasks: TaskService;
  readonly settings: SettingsReader;
  readonly log: Logger;
  readonly directory: MemberDirectory;
  readonly extensionUri: vscode.Uri;
}

export class DetailsPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly strings = detailsStrings(vscode.l10n);
  private details: DetailsState = { state: 'loading' };
  private comment: CommentState = { state: 'idle' };
  private save: SaveState = { state: 'idle' };
  /** The edit in the page, as it last said (none when it is not editing). */
  private editing: UnsavedEdit | undefined;
  private optionsSent = false;
  private task: Task | undefined;
  private reader: string | undefined;
  private loading = 0;
  private readonly opened = performance.now();
  private firstReady = true;
  private closed = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    private readonly deps: DetailsDeps,
    readonly taskId: string,
    restored?: vscode.WebviewPanel,
    /** Edits left unsaved in a panel closed before, for the page to take up again. */
    private resume?: UnsavedEdit,
  ) {
    const options = pageOptions(deps.extensionUri);
    // A restored panel takes the options again: the extension's folder may have moved since (an update).
    if (restored !== undefined) restored.webview.options = options;
    this.panel = restored ?? vscode.window.createWebviewPanel(PanelTypes.details, this.strings.heading, vscode.ViewColumn.Active, { ...options, enableFindWidget: true });
    showPage(this.panel, deps.extensionUri, { script: 'details.js', style: 'details.css', title: this.strings.heading, loading: this.strings.loading });
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      deps.session.onDidChange(() => this.followSession()),
      this.panel.onDidDispose(() => this.dispose()),
    );
    void this.load();
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The edit the page holds that was not saved, if any (asked when the panel closes). */
  get unsaved(): UnsavedEdit | undefined {
    return this.editing;
  }

  /** The task's title as last read (or its id), to name it in a message. */
  get name(): string {
    return this.task?.title ?? this.taskId;
  }

  /** Reads the task again (Refresh, after a comment, back in its organization). */
  async load(): Promise<void> {
    const ticket = ++this.loading;
    const reader = this.deps.session.readerKey();
    this.reader = reader;
    if (reader === undefined) {
      this.setTask(undefined, { state: 'unavailable', message: vscode.l10n.t('Sign in to Tallyfy to see this task.'), signIn: true });
      return;
    }
    this.setDetails({ state: 'loading' });
    try {
      const { client, orgId } = requireClient(this.deps.session);
      const task = await client.getTask(orgId, this.taskId, { with: DETAILS_WITH });
      const [members, tags] = await Promise.all([
        this.deps.directory.members().catch(() => []),
        namesTags(task) ? client.listTags(orgId, { perPage: 100 }).then((page) => page.items, () => []) : Promise.resolve([]),
      ]);
      if (ticket !== this.loading || reader !== this.deps.session.readerKey()) return;
      this.setTask(task, { state: 'ready', task: taskView(task, { members, tags }) });
      this.keepRecord(task).catch((error: unknown) => this.deps.log.warn(`Could not keep task ${this.taskId} in its record: ${String(error)}`));
    } catch (error) {
      if (ticket !== this.loading) return;
      const message = describeError(error).message;
      this.deps.log.warn(`Could not read task ${this.taskId} for its details: ${message}`);
      const signIn = isTallyfyError(error, 'signed-out') || isTallyfyError(error, 'unauthorized');
      this.setTask(undefined, { state: 'unavailable', message, signIn });
    }
  }

  /** A record of this task takes what was read, so the Tasks view and the hover follow. */
  private async keepRecord(task: Task): Promise<void> {
    const record = this.deps.tasks.find(task.id);
    if (record !== undefined) await this.deps.tasks.records.merge([answerFor(record, task)]);
  }

  private followSession(): void {
    const reader = this.deps.session.readerKey();
    if (reader === this.reader) return;
    // Nothing read under another session is shown; the task is read again under this one.
    this.setTask(undefined, { state: 'loading' });
    void this.load();
  }

  private setTask(task: Task | undefined, details: DetailsState): void {
    this.task = task;
    this.panel.title = task === undefined ? this.strings.heading : vscode.l10n.t('Task: {0}', task.title);
    this.setDetails(details);
  }

  private setDetails(details: DetailsState): void {
    this.details = details;
    this.post({ type: 'details', details });
  }

  /**
   * Tells the page where the comment stands. "Posted" is told until a page has heard it: a page hidden
   * meanwhile keeps the posted text as its draft, and must clear it when it shows again.
   */
  private setComment(comment: CommentState): void {
    this.comment = comment;
    this.postComment();
  }

  private postComment(): void {
    const comment = this.comment;
    if (this.closed) return;
    void this.panel.webview.postMessage({ type: 'comment', comment } satisfies ToDetailsMessage).then((delivered) => {
      if (delivered && comment.state === 'posted' && this.comment === comment) this.comment = { state: 'idle' };
    });
  }

  private post(message: ToDetailsMessage): void {
    if (!this.closed) void this.panel.webview.postMessage(message);
  }

  private async receive(data: unknown): Promise<void> {
    const message = parseFromDetails(data);
    if (message === undefined) {
      this.deps.log.warn(`Dropped an invalid message from the task details: ${describeInvalidFromDetails(data)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(error instanceof Error ? error : String(error));
      void vscode.window.showErrorMessage(describeError(error).message);
    }
  }

  private async handle(message: FromDetailsMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.firstReady) {
          this.firstReady = false;
          this.deps.log.info(`Task details panel ready in ${(performance.now() - this.opened).toFixed(0)} ms.`);
        }
        this.post({
          type: 'init',
          taskId: this.taskId,
          strings: this.strings,
          form: formStrings(vscode.l10n),
          locale: vscode.env.language,
          ...optional('me', this.me()),
          ...optional('resume', this.resume),
        });
        this.resume = undefined;
        this.post({ type: 'details', details: this.details });
        if (this.comment.state !== 'idle') this.postComment();
        if (this.save.state !== 'idle') this.post({ type: 'save', save: this.save });
        if (this.optionsSent) {
          this.optionsSent = false;
          void this.sendOptions();
        }
        return;
      case 'refresh':
        await this.load();
        return;
      case 'openInTallyfy': {
        const orgId = this.deps.session.state.kind === 'signed-in' ? this.deps.session.state.orgId : undefined;
        if (orgId === undefined) await vscode.commands.executeCommand(Commands.openTask, this.taskId);
        else await openTaskInTallyfy({ id: this.taskId, orgId, runId: this.task?.runId }, this.deps.settings);
        return;
      }
      case 'signIn':
        await vscode.commands.executeCommand(Commands.signIn);
        return;
      case 'comment':
        await this.sendComment(message.content);
        return;
      case 'editing':
        this.editing = message.edit;
        if (message.edit !== undefined) void this.sendOptions();
        return;
      case 'search':
        await pickerSearch(this.deps.session, message.kind, message.q).then(
          (results) => this.post(results),
          (error: unknown) => {
            const text = describeError(error).message;
            this.deps.log.warn(`A search for a task's Edit failed: ${text}`);
            this.post({ type: 'searchFailed', kind: message.kind, q: message.q, message: vscode.l10n.t('Could not search: {0}', text) });
          },
        );
        return;
      case 'save':
        await this.saveEdit(message.base, message.request);
        return;
    }
  }

  private me(): MemberOption | undefined {
    const state = this.deps.session.state;
    return state.kind === 'signed-in' ? { id: state.identity.userId, name: state.identity.userName, email: state.identity.email } : undefined;
  }

  /** The members and groups the assignees picker offers, once the page edits (a failure leaves it to search). */
  private async sendOptions(): Promise<void> {
    if (this.optionsSent) return;
    this.optionsSent = true;
    try {
      const { client, orgId } = requireClient(this.deps.session);
      const [members, groups] = await Promise.all([this.deps.directory.members(), client.listGroups(orgId, { perPage: 100 })]);
      this.post({
        type: 'options',
        members: members.map((m) => ({ id: m.id, name: m.fullName, email: m.email })),
        groups: groups.items.map((g) => ({ id: g.id, name: g.name })),
      });
    } catch (error) {
      this.optionsSent = false;
      this.deps.log.warn(`Could not load members and groups for a task's Edit: ${describeError(error).message}`);
    }
  }

  /** Tells the page where Save stands; "saved" is told until a page has heard it, as a comment's "posted". */
  private setSave(save: SaveState): void {
    this.save = save;
    if (this.closed) return;
    void this.panel.webview.postMessage({ type: 'save', save } satisfies ToDetailsMessage).then((delivered) => {
      if (delivered && save.state === 'saved' && this.save === save) this.save = { state: 'idle' };
    });
  }

  /**
   * Save: the task is read just before the write, and a task changed since the edit began (its
   * `last_updated` moved), completed or archived is not written. Tallyfy has no conditional update, so
   * this is best effort: a change landing between the read and the write is overwritten. The write is
   * sent once; when its outcome is unknown it is not sent again, and the edits stay in the page.
   */
  private async saveEdit(base: string, request: EditRequest): Promise<void> {
    if (this.save.state === 'saving') return;
    this.setSave({ state: 'saving' });
    try {
      const { client, orgId } = requireClient(this.deps.session);
      const latest = await client.getTask(orgId, this.taskId);
      const decision = saveDecision(base, latest);
      if (decision !== 'save') {
        this.setSave(notSaved(decision, this.strings));
        return;
      }
      const body = editUpdateBody(request, latest);
      if (changesSomething(body)) {
        const updated = await client.updateTask(orgId, this.taskId, body, { runId: latest.runId });
        this.deps.log.info(`Saved an edit of task ${this.taskId}: ${Object.keys(body).join(', ')}.`);
        await this.deps.tasks.tookEdit(updated);
      }
      this.editing = undefined;
      this.setSave({ state: 'saved' });
    } catch (error) {
      const { message } = describeError(error);
      this.deps.log.warn(`Could not save an edit of task ${this.taskId}: ${message}`);
      this.setSave(
        isTallyfyError(error, 'outcome-unknown')
          ? { state: 'unknown', message: vscode.l10n.t('Tallyfy did not answer: the edits may have been saved. Reload to check before saving again.') }
          : { state: 'failed', message, ...optional('fieldErrors', isTallyfyError(error) ? error.fieldErrors : undefined) },
      );
      return;
    }
    await this.load();
  }

  /**
   * Posts a comment once. A comment is a create: when its outcome is unknown it is not sent again, and
   * the text stays in the box with a word to check first; a refused one keeps its text too.
   */
  private async sendComment(content: string): Promise<void> {
    if (this.comment.state === 'posting') return;
    const text = content.trim();
    if (text === '') return;
    this.setComment({ state: 'posting' });
    try {
      const { client, orgId } = requireClient(this.deps.session);
      await client.commentOnTask(orgId, this.taskId, commentHtml(text));
      this.deps.log.info(`Posted a comment on task ${this.taskId}.`);
      this.setComment({ state: 'posted' });
    } catch (error) {
      this.deps.log.warn(`Could not post a comment on task ${this.taskId}: ${describeError(error).message}`);
      this.setComment(failedComment(error));
      return;
    }
    await this.load();
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}

/** An edit the page holds: where it started and what was typed. */
export interface UnsavedEdit {
  readonly base: string;
  readonly values: EditValues;
}

/** `{ [key]: value }`, or nothing when the value is undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Why Save wrote nothing, in the user's words: the edits stay in the page. */
function notSaved(decision: 'changed' | 'completed' | 'archived', strings: ReturnType<typeof detailsStrings>): SaveState {
  switch (decision) {
    case 'changed':
      return { state: 'changed', message: vscode.l10n.t('This task changed in Tallyfy since it was loaded, so your edits were not saved over it. Reload to see the changes.') };
    case 'completed':
      return { state: 'failed', message: strings.completedNoEdit };
    case 'archived':
      return { state: 'failed', message: strings.archivedNoEdit };
  }
}

/** Where a failed comment stands, in the user's words: the text stays in the box either way. */
function failedComment(error: unknown): CommentState {
  switch (commentFailure(error)) {
    case 'unknown':
      return {
        state: 'unknown',
        message: vscode.l10n.t('Tallyfy did not answer: the comment may have been posted. Refresh to check before posting it again.'),
      };
    case 'hourly-cap':
      return {
        state: 'failed',
        message: vscode.l10n.t("Tallyfy takes at most 120 comments an hour in an organization, and this hour's are used up. Your comment is kept here: post it later."),
      };
    case 'refused':
      return { state: 'failed', message: describeError(error).message };
  }
}
