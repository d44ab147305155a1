import * as vscode from 'vscode';
import {
  buildSourceInfo,
  describeInvalidFromWebview,
  parseFormValues,
  parseFromWebview,
  prefillNotes,
  type FormValues,
  type FromWebviewMessage,
  type MemberOption,
  type SearchKind,
  type SourceInfo,
  type ToWebviewMessage,
} from '../../core/form';
import { PanelTypes } from '../../core/contract';
import type { TaskRecord } from '../../core/records';
import { formatApiDate, isTallyfyError, taskWebLink, validateCreateTaskInput, type CallOptions } from '../../core/tallyfy';
import { requireClient } from '../auth/clients';
import type { Session } from '../auth/session';
import type { MemberDirectory, TodoOwners } from '../owners';
import { checkForTask } from '../checkForTask';
import { createTask, type CreateTaskRequest } from '../taskCreation';
import { describeError } from '../errors';
import { openTaskInTallyfy } from '../openTask';
import { linkCreatedTask, type CreateDeps, type CreateTarget } from '../todos/createFromTodo';
import { sourceInput } from '../todos/source';
import { TodoTracker } from '../todos/writeBack';
import { formStrings } from './strings';
import { pickerSearch } from '../pickerSearch';
import { pageOptions, showPage } from '../webviewPage';

const DRAFT_PREFIX = 'tallyfy.draft:';

export interface FormDeps extends CreateDeps {
  readonly session: Session;
  readonly directory: MemberDirectory;
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;
}

/** Identifies a TODO across line moves, for drafts and for finding its open form. */
function formIdOf(target: CreateTarget): string {
  return `${target.document.uri.toString()}#${target.todo?.keyword ?? 'selection'}:${target.title}`;
}

/** The open forms, one per TODO: asking again for the same TODO reveals its form. */
export class TaskForms implements vscode.Disposable {
  private readonly panels = new Map<string, TaskFormPanel>();

  constructor(private readonly deps: FormDeps) {}

  show(target: CreateTarget): void {
    const formId = formIdOf(target);
    const open = this.panels.get(formId);
    if (open !== undefined) {
      open.reveal();
      return;
    }
    const panel = new TaskFormPanel(this.deps, target, formId, () => this.panels.delete(formId));
    this.panels.set(formId, panel);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}

type Outcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'submitting' }
  | { readonly kind: 'failed'; readonly message: Extract<ToWebviewMessage, { type: 'submitFailed' }> }
  | { readonly kind: 'created'; readonly record: TaskRecord };

/**
 * One "New Tallyfy task" panel. The page is untrusted: every message is parsed with the protocol's
 * schema, and a submitted task is validated again here before anything is sent. The token never
 * reaches the page.
 */
class TaskFormPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly tracker: TodoTracker | undefined;
  private readonly source: SourceInfo;
  private outcome: Outcome = { kind: 'none' };
  /** The members the TODO names (`TODO(alice)`) and what could not be matched. */
  private readonly owners: Promise<TodoOwners>;
  private lastValues: FormValues | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly opened = performance.now();
  private firstReady = true;
  /** The form's words in VS Code's language (it does not change while the window lives). */
  private readonly strings = formStrings(vscode.l10n);
  /** Members, groups and tags for the pickers, fetched once per panel (again after a failure). */
  private options: Promise<Extract<ToWebviewMessage, { type: 'options' }> | undefined> | undefined;

  constructor(
    private readonly deps: FormDeps,
    private readonly target: CreateTarget,
    private readonly formId: string,
    onDispose: () => void,
  ) {
    this.tracker = target.todo && new TodoTracker(target.document.uri, target.todo);
    this.owners = deps.directory.ownersOf(target.todo?.authors ?? []);
    this.source = buildSourceInfo(sourceInput(target.document, target.range, deps.settings));
    this.panel = vscode.window.createWebviewPanel(
      PanelTypes.taskForm,
      vscode.l10n.t('New Tallyfy task'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      pageOptions(deps.extensionUri),
    );
    showPage(this.panel, deps.extensionUri, { script: 'webview.js', style: 'form.css', title: this.strings.heading, loading: this.strings.loading });
    const webview = this.panel.webview;
    this.subscriptions.push(
      webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      deps.session.onDidChange(() => this.sessionChanged()),
      this.panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
    );
    // Posted now, the form's data waits in the webview until the page's script listens, which saves the
    // round trip of `ready`; the page answers `ready` anyway, and applies an `init` for its form once.
    this.sendInit();
  }

  reveal(): void {
    this.panel.reveal();
  }

  private post(message: ToWebviewMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private get draftKey(): string {
    return DRAFT_PREFIX + this.formId;
  }

  private async receive(data: unknown): Promise<void> {
    const message = parseFromWebview(data);
    if (message === undefined) {
      this.deps.log.warn(`Dropped an invalid message from the task form: ${describeInvalidFromWebview(data)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(error instanceof Error ? error : String(error));
    }
  }

  private async handle(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (message.timeZone !== undefined) this.deps.tasks.rememberFormZone(message.timeZone);
        if (this.firstReady) {
          this.firstReady = false;
          this.deps.log.info(`Task form ready in ${(performance.now() - this.opened).toFixed(0)} ms`);
        }
        this.sendInit();
        return;
      case 'saveDraft':
        this.lastValues = message.values;
        await this.deps.workspaceState.update(this.draftKey, message.values);
        return;
      case 'discardDraft':
        await this.deps.workspaceState.update(this.draftKey, undefined);
        return;
      case 'search':
        await this.search(message.kind, message.q).catch((error: unknown) => {
          const { message: text } = describeError(error);
          this.deps.log.warn(`A search for the task form failed: ${text}`);
          this.post({ type: 'searchFailed', kind: message.kind, q: message.q, message: vscode.l10n.t('Could not search: {0}', text) });
        });
        return;
      case 'submit':
        this.lastValues = message.values;
        await this.submit(message.task);
        return;
      case 'openInTallyfy':
        if (this.outcome.kind === 'created') await openTaskInTallyfy(this.outcome.record, this.deps.settings);
        return;
      case 'copyId':
        if (this.outcome.kind === 'created') {
          await vscode.env.clipboard.writeText(this.outcome.record.id);
          vscode.window.setStatusBarMessage(vscode.l10n.t('Copied Tallyfy task id {0}', this.outcome.record.id), 3000);
        }
        return;
      case 'createAnother':
        this.outcome = { kind: 'none' };
        this.lastValues = undefined;
        this.sendInit(true);
        return;
      case 'checkForTask':
        await this.checkForTask();
        return;
      case 'signIn':
        await vscode.commands.executeCommand('tallyfy.signIn');
        return;
    }
  }

  /** Tells the page who the user is now, and fills its pickers for the new session. */
  private sessionChanged(): void {
    this.post({ type: 'session', me: this.me() });
    this.options = undefined;
    this.sendOptions();
  }

  private me(): MemberOption | undefined {
    const state = this.deps.session.state;
    return state.kind === 'signed-in' ? { id: state.identity.userId, name: state.identity.userName, email: state.identity.email } : undefined;
  }

  /** Members, groups and tags for the pickers, loaded once per session. */
  private sendOptions(): void {
    this.options ??= this.loadOptions();
    void this.options.then((options) => {
      if (options !== undefined) this.post(options);
      else this.options = undefined;
    });
  }

  /** Sends what the form starts from, then replays the current outcome (a hidden page lost it). */
  private sendInit(fresh = false): void {
    const storedDraft = fresh ? undefined : parseFormValues(this.deps.workspaceState.get(this.draftKey));
    const init: Extract<ToWebviewMessage, { type: 'init' }> = {
      type: 'init',
      formId: fresh ? `${this.formId}#${Date.now()}` : this.formId,
      title: this.target.title,
      description: prefillNotes(this.target.description),
      source: this.source,
      defaultDeadline: formatApiDate(this.deps.tasks.defaultDeadline()),
      locale: vscode.env.language,
      strings: this.strings,
    };
    const me = this.me();
    if (me !== undefined) init.me = me;
    const draft = this.lastValues ?? storedDraft;
    if (draft !== undefined) init.draft = draft;
    this.post(init);
    // The owners the TODO names arrive after `init`, as they may need the member list read first.
    void this.owners.then((owners) => {
      if (owners.members.length + owners.notes.length === 0) return;
      this.post({
        type: 'owners',
        members: owners.members.map((m) => ({ id: m.id, name: m.fullName, email: m.email })),
        notes: [...owners.notes],
        guests: [...owners.guests],
      });
    });
    if (this.outcome.kind === 'submitting') this.post({ type: 'submitting' });
    if (this.outcome.kind === 'failed') this.post(this.outcome.message);
    if (this.outcome.kind === 'created') this.post(this.createdMessage(this.outcome.record));
    this.sendOptions();
  }

  /** Members, groups and tags for the pickers; a failure leaves the pickers to search on demand. */
  private async loadOptions(): Promise<Extract<ToWebviewMessage, { type: 'options' }> | undefined> {
    if (this.deps.session.state.kind !== 'signed-in') return undefined;
    try {
      const { client, orgId } = requireClient(this.deps.session);
      const options: CallOptions & { perPage: number } = { perPage: 100 };
      // The members come from the directory the TODO's owners are matched in: one read for both.
      const [members, groups, tags] = await Promise.all([
        this.deps.directory.members(),
        client.listGroups(orgId, options),
        client.listTags(orgId, options),
      ]);
      return {
        type: 'options',
        members: members.map((m) => ({ id: m.id, name: m.fullName, email: m.email })),
        groups: groups.items.map((g) => ({ id: g.id, name: g.name })),
        tags: tags.items.map((t) => (t.color !== undefined ? { id: t.id, title: t.title, color: t.color } : { id: t.id, title: t.title })),
      };
    } catch (error) {
      this.deps.log.warn(`Could not load members, groups and tags for the form: ${describeError(error).message}`);
      return undefined;
    }
  }

  private async search(kind: SearchKind, q: string): Promise<void> {
    this.post(await pickerSearch(this.deps.session, kind, q));
  }

  private async submit(task: unknown): Promise<void> {
    if (this.outcome.kind === 'submitting' || this.outcome.kind === 'created') {
      return; // one create at a time, and never a second one for the same form
    }
    // The page is untrusted: validate again before anything is sent.
    const validation = validateCreateTaskInput(task);
    if (!validation.ok) {
      this.fail({ type: 'submitFailed', message: vscode.l10n.t('Some values need fixing.'), fieldErrors: validation.fieldErrors });
      return;
    }
    this.outcome = { kind: 'submitting' };
    this.post({ type: 'submitting' });
    try {
      const record = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating the Tallyfy task…') },
        () => createTask(this.deps, task as CreateTaskRequest, { source: this.sourceRef() }),
      );
      await this.created(record);
    } catch (error) {
      this.deps.log.error(error instanceof Error ? error : String(error));
      const { message } = describeError(error);
      const failed: Extract<ToWebviewMessage, { type: 'submitFailed' }> = { type: 'submitFailed', message };
      if (isTallyfyError(error, 'validation') && error.fieldErrors !== undefined) failed.fieldErrors = error.fieldErrors;
      if (isTallyfyError(error, 'unauthorized') || isTallyfyError(error, 'signed-out')) failed.action = 'signIn';
      if (isTallyfyError(error, 'outcome-unknown')) failed.action = 'checkForTask';
      if (isTallyfyError(error, 'rate-limited') && error.retryAfterSeconds !== undefined) {
        failed.action = 'retryAfter';
        failed.retryAfterSeconds = Math.ceil(error.retryAfterSeconds);
      }
      this.fail(failed);
    }
  }

  private fail(message: Extract<ToWebviewMessage, { type: 'submitFailed' }>): void {
    this.outcome = { kind: 'failed', message };
    this.post(message);
  }

  private sourceRef(): { uri: string; line: number } | undefined {
    return this.target.todo ? { uri: this.target.document.uri.toString(), line: this.tracker?.expectedLine ?? this.target.line } : undefined;
  }

  private async checkForTask(): Promise<void> {
    const title = this.lastValues?.title.trim() || this.target.title;
    const outcome = await checkForTask(this.deps, title, this.sourceRef());
    if (outcome.kind === 'found') {
      await this.created(outcome.record);
    } else if (outcome.kind === 'create-again') {
      this.outcome = { kind: 'none' };
      this.post({ type: 'submitFailed', message: vscode.l10n.t('No task was found: press "Create task" to create it.') });
    }
  }

  private async created(record: TaskRecord): Promise<void> {
    this.outcome = { kind: 'created', record };
    await this.deps.workspaceState.update(this.draftKey, undefined);
    this.post(this.createdMessage(record));
    await linkCreatedTask(this.deps, this.tracker, record);
  }

  private createdMessage(record: TaskRecord): Extract<ToWebviewMessage, { type: 'created' }> {
    const message: Extract<ToWebviewMessage, { type: 'created' }> = {
      type: 'created',
      task: { id: record.id, title: record.title, assignees: record.assignees },
      canOpen: taskWebLink({ orgId: record.orgId, taskId: record.id, runId: record.runId, template: this.deps.settings.taskUrlTemplate() }) !== undefined,
    };
    if (record.deadline !== undefined) message.task.deadline = record.deadline;
    return message;
  }

  dispose(): void {
    this.tracker?.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.panel.dispose();
  }
}
