// The "Assigned to Me" view: the signed-in user's open Tallyfy tasks (`me/tasks`, by deadline, a page at
// a time), grouped overdue / due soon / later. It follows the session: signed out, or another
// organization, and what was read is dropped rather than shown stale.
import * as vscode from 'vscode';
import { AssignedList, ASSIGNED_GROUPS, groupAssigned, type AssignedGroup, type AssignedNode } from '../../core/assigned';
import { Commands } from '../../core/contract';
import { isOpen, STATE_PRESENTATION, taskState } from '../../core/tasks/status';
import { hasMorePages, taskProcess, type Task } from '../../core/tallyfy';
import { requireClient } from '../auth/clients';
import type { Session } from '../auth/session';
import { describeError } from '../errors';
import type { Logger } from '../log';
import type { TaskService } from '../taskService';
import { throttled } from '../throttle';
import { setViewMessage } from '../viewMessage';
import type { LazyTreeData } from '../tasks/lazyTree';
import { deadlineText, formatDeadline } from '../tasks/deadlineText';
import { relativeDeadline } from '../../core/tasks/relativeDeadline';
import { statusLine, taskTooltip } from '../tasks/statusText';

/** Tasks per page: a screen or two of rows; "Load more" reads the next. */
export const ASSIGNED_PAGE_SIZE = 25;
/** After tasks are created here, the pages are read again at most this often (a run creates hundreds). */
const NEW_TASKS_REFRESH_MS = 5_000;

export type AssignedRow = AssignedNode;

export interface AssignedViewDeps {
  readonly session: Session;
  readonly tasks: TaskService;
  readonly log: Logger;
}

const GROUP_ICONS: Readonly<Record<AssignedGroup, vscode.ThemeIcon>> = {
  overdue: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.red')),
  dueSoon: new vscode.ThemeIcon('clock', new vscode.ThemeColor('charts.yellow')),
  later: new vscode.ThemeIcon('calendar'),
};

function groupLabel(group: AssignedGroup): string {
  switch (group) {
    case 'overdue':
      return vscode.l10n.t('Overdue');
    case 'dueSoon':
      return vscode.l10n.t('Due soon');
    case 'later':
      return vscode.l10n.t('Later');
  }
}

export class AssignedView implements vscode.TreeDataProvider<AssignedRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AssignedRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly list = new AssignedList<Task>();
  private reader: string | undefined;
  private reading: Promise<number> | undefined;
  private failure: string | undefined;
  /** The open tasks read, in their groups, as of the last change. */
  private groups: Readonly<Record<AssignedGroup, readonly Task[]>> = { overdue: [], dueSoon: [], later: [] };
  private readonly timing: RowTiming;
  /** The task records' ids seen so far: a new one is a task created or linked here. */
  private readonly recordIds = new Set<string>();
  private recordsSeen = false;
  /** Reads the pages again after tasks were created or linked here: once for a run of many. */
  private readonly refreshSoon = throttled(() => {
    if (this.list.loaded) void this.refresh().catch(() => undefined);
  }, NEW_TASKS_REFRESH_MS);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly deps: AssignedViewDeps,
    readonly treeView: vscode.TreeView<AssignedRow>,
    data: LazyTreeData<AssignedRow>,
  ) {
    this.reader = deps.session.readerKey();
    this.timing = new RowTiming(deps.log);
    this.subscriptions.push(
      deps.session.onDidChange(() => this.followSession()),
      treeView.onDidChangeVisibility((e) => {
        if (e.visible && !this.list.loaded) void this.refresh().catch(() => undefined);
      }),
      // A task completed through the Tasks view leaves this one too; one created here may be the user's.
      deps.tasks.onDidChangeTasks(() => {
        this.show();
        if (this.recordsSeen && this.hasNewRecords()) this.refreshSoon();
      }),
      // A task edited here shows as Tallyfy answered the edit (its new deadline may move it to another group).
      deps.tasks.onDidEditTask((task) => {
        const read = this.list.find(task.id);
        if (read === undefined) return;
        // The answer to an edit carries no `with=run`: the process read with the list stays.
        this.list.update({ ...task, raw: { ...read.raw, ...task.raw } });
        this.show();
      }),
      { dispose: () => this.refreshSoon.dispose() },
    );
    // The records loaded at start-up are not new.
    void deps.tasks.records.all().then(() => {
      this.hasNewRecords();
      this.recordsSeen = true;
    }, () => undefined);
    data.attach(this);
    // The badge counts overdue tasks whether the view shows or not: the first page is read now.
    if (this.reader !== undefined) void this.refresh().catch(() => undefined);
  }

  private hasNewRecords(): boolean {
    let added = false;
    for (const record of this.deps.tasks.createdTasks()) {
      if (!this.recordIds.has(record.id)) {
        this.recordIds.add(record.id);
        added = true;
      }
    }
    return added;
  }

  /** Whether the user is signed in (nothing is read otherwise). */
  get signedIn(): boolean {
    return this.reader !== undefined;
  }

  /** The task of a row or an id, as last read. */
  find(id: string): Task | undefined {
    return this.list.find(id);
  }

  /**
   * Reads the pages shown again (at least the first, at most `maxPages`), replacing what was read.
   * Returns the requests sent. One read at a time: a second call waits for the first.
   */
  refresh(maxPages = Number.POSITIVE_INFINITY): Promise<number> {
    this.reading ??= this.readPages(Math.max(1, Math.min(maxPages, this.list.pageCount))).finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Reads the next page ("Load more"). */
  async loadMore(): Promise<void> {
    await this.reading;
    if (!this.list.hasMore || this.reader === undefined) return;
    const reader = this.reader;
    const page = await this.readPage(this.list.pageCount + 1);
    if (reader !== this.reader) return;
    this.list.append(page);
    this.timing.answered();
    this.show();
  }

  /** A task as an action left it: a completed task leaves the view. */
  update(task: Task): void {
    this.list.update(task);
    this.show();
  }

  private async readPages(count: number): Promise<number> {
    const reader = this.reader;
    if (reader === undefined) return 0;
    const pages = [];
    try {
      for (let page = 1; page <= count; page++) {
        const read = await this.readPage(page);
        pages.push(read);
        if (!read.hasMore) break;
      }
      this.failure = undefined;
    } catch (error) {
      if (reader !== this.reader) return pages.length;
      this.failure = describeError(error).message;
      this.deps.log.warn(`Could not read the tasks assigned to you: ${this.failure}`);
      this.show();
      throw error;
    }
    if (reader !== this.reader) return pages.length;
    this.list.replace(pages);
    this.timing.answered();
    this.show();
    return pages.length;
  }

  private async readPage(page: number): Promise<{ items: Task[]; hasMore: boolean }> {
    const { client, orgId } = requireClient(this.deps.session);
    const read = await client.listMyTasks(orgId, { page, perPage: ASSIGNED_PAGE_SIZE, status: 'active', sort: 'deadline', with: ['run'] });
    return { items: read.items, hasMore: hasMorePages(read.pagination) && read.items.length > 0 };
  }

  /** Signed out or someone else's tasks: what was read goes; signed in again, the first page is read. */
  private followSession(): void {
    const reader = this.deps.session.readerKey();
    if (reader === this.reader) return;
    this.reader = reader;
    this.list.clear();
    this.failure = undefined;
    this.show();
    if (reader !== undefined && this.treeView.visible) void this.refresh().catch(() => undefined);
  }

  /** Shows the rows, the badge (overdue tasks) and the view's message. */
  private show(): void {
    const groups = groupAssigned(this.openTasks(), Date.now());
    this.groups = groups;
    const overdue = groups.overdue.length;
    this.treeView.badge = overdue > 0
      ? { value: overdue, tooltip: vscode.l10n.t('{0} overdue Tallyfy tasks assigned to you', overdue) }
      : undefined;
    // The rows first: VS Code holds back a view's refresh that comes within 200 ms of another.
    this.changed.fire(undefined);
    setViewMessage(this.treeView, this.message(groups));
  }

  /** The tasks read, less those whose record says they are done now (completed in the Tasks view). */
  private openTasks(): Task[] {
    return this.list.tasks().filter((task) => {
      const record = this.deps.tasks.find(task.id);
      return record === undefined || isOpen(record);
    });
  }

  private message(groups: Readonly<Record<AssignedGroup, readonly Task[]>>): string {
    if (this.reader === undefined) return '';
    if (this.failure !== undefined) return vscode.l10n.t('Could not read your Tallyfy tasks: {0}', this.failure);
    if (!this.list.loaded) return vscode.l10n.t('Reading the tasks assigned to you…');
    const shown = ASSIGNED_GROUPS.reduce((total, group) => total + groups[group].length, 0);
    return shown === 0 && !this.list.hasMore ? vscode.l10n.t('No open Tallyfy tasks are assigned to you.') : '';
  }

  getChildren(node?: AssignedRow): AssignedRow[] {
    return this.timing.building(() => this.rowsOf(node));
  }

  private rowsOf(node: AssignedRow | undefined): AssignedRow[] {
    if (this.reader === undefined) return [];
    const groups = this.groups;
    if (node === undefined) {
      if (!this.list.loaded && this.reading === undefined && this.failure === undefined) void this.refresh().catch(() => undefined);
      const rows: AssignedRow[] = ASSIGNED_GROUPS.filter((group) => groups[group].length > 0).map((group) => ({
        kind: 'group',
        group,
        count: groups[group].length,
      }));
      return this.list.hasMore ? [...rows, { kind: 'more' }] : rows;
    }
    if (node.kind !== 'group') return [];
    return groups[node.group].map((task) => ({ kind: 'assigned', id: task.id, task: { id: task.id, title: task.title, taskType: task.taskType, runId: task.runId } }));
  }

  getTreeItem(node: AssignedRow): vscode.TreeItem {
    return this.timing.building(() => this.itemOf(node));
  }

  private itemOf(node: AssignedRow): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `assigned-group:${node.group}`;
        item.iconPath = GROUP_ICONS[node.group];
        item.description = String(node.count);
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.id = 'assigned-more';
        item.iconPath = new vscode.ThemeIcon('more');
        item.command = { command: Commands.loadMoreAssigned, title: vscode.l10n.t('Load More') };
        return item;
      }
      case 'assigned': {
        const task = this.list.find(node.id);
        return task === undefined ? new vscode.TreeItem(node.task.title) : this.taskItem(task, node);
      }
    }
  }

  private taskItem(task: Task, node: AssignedRow): vscode.TreeItem {
    const now = Date.now();
    const process = taskProcess(task.raw)?.name;
    const relative = formatDeadline(relativeDeadline(task.deadline === undefined ? undefined : Date.parse(task.deadline), now));
    const linked = this.deps.tasks.find(task.id)?.source !== undefined;
    const state = taskState(task, now);
    const presentation = STATE_PRESENTATION[state];
    const item = new vscode.TreeItem(task.title, vscode.TreeItemCollapsibleState.None);
    item.id = `assigned:${task.id}`;
    item.description = [process, relative].filter((part) => part !== undefined && part !== '').join(' · ');
    item.iconPath = new vscode.ThemeIcon(presentation.icon, new vscode.ThemeColor(presentation.color));
    item.contextValue = `assigned.${task.taskType}${task.runId !== undefined ? '.process' : ''}${linked ? '.linked' : ''}`;
    const rows = [statusLine(state, task.status)];
    if (process !== undefined) rows.push(vscode.l10n.t('Process: {0}', process));
    const deadline = deadlineText(task.deadline, now);
    if (deadline !== '') rows.push(vscode.l10n.t('Deadline: {0}', deadline));
    rows.push(vscode.l10n.t('Id: {0}', task.id));
    item.tooltip = taskTooltip(presentation.icon, task.title, rows);
    item.accessibilityInformation = { label: [task.title, process, relative].filter((part) => part !== undefined && part !== '').join(', ') };
    // A task with a TODO goes to it, as in the Tasks view; the others open their details.
    item.command = linked
      ? { command: Commands.revealTodo, title: vscode.l10n.t('Go to TODO'), arguments: [task.id] }
      : { command: Commands.showTaskDetails, title: vscode.l10n.t('Show Task Details'), arguments: [node] };
    return item;
  }

  dispose(): void {
    this.timing.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}

/**
 * What showing an answer cost, for the log: how soon VS Code asked for the rows after the answer came
 * (its refresh of the view), and the extension's own time building them, over every row it asked for.
 * Logged once VS Code has stopped asking for 200 ms.
 */
class RowTiming implements vscode.Disposable {
  private answeredAt: number | undefined;
  private askedAt: number | undefined;
  private buildMs = 0;
  private rows = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly log: Logger) {}

  /** An answer came, and its rows are about to be asked for. */
  answered(): void {
    this.answeredAt = performance.now();
    this.askedAt = undefined;
    this.buildMs = 0;
    this.rows = 0;
  }

  /** Builds rows (or one row's item), timed when an answer is being shown. */
  building<T>(build: () => T): T {
    if (this.answeredAt === undefined) return build();
    const started = performance.now();
    this.askedAt ??= started;
    try {
      return build();
    } finally {
      this.buildMs += performance.now() - started;
      this.rows++;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.report(), 200);
    }
  }

  private report(): void {
    this.timer = undefined;
    if (this.answeredAt === undefined || this.askedAt === undefined) return;
    this.log.info(
      `Assigned to Me built its rows in ${this.buildMs.toFixed(2)} ms over ${this.rows} asks; VS Code asked for them ${(this.askedAt - this.answeredAt).toFixed(1)} ms after the answer.`,
    );
    this.answeredAt = undefined;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}
