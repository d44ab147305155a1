import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../core/contract';
import { TaskTreeModel, type Grouping, type TaskNode, type TreeNode } from '../../core/tasks';
import type { Session } from '../auth/session';
import type { LinkedTasks } from '../linked/linkedTasks';
import type { TaskService } from '../taskService';
import { throttled } from '../throttle';
import { setViewMessage } from '../viewMessage';
import type { LazyTreeData } from './lazyTree';
import { formatDeadline } from './deadlineText';
import { stateLabel, statusLine, taskTooltip } from './statusText';

const GROUPING_KEY = 'tallyfy.tasksGrouping';
/** The tree follows changes of the tasks at most this often (each refresh goes over every record). */
const REFRESH_EVERY_MS = 250;

/** A thin TreeDataProvider over the pure tree model, which the task records feed (the view is start-up's). */
export class TasksView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly model: TaskTreeModel;
  readonly treeView: vscode.TreeView<TreeNode>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly tasks: TaskService,
    private readonly session: Session,
    private readonly workspaceState: vscode.Memento,
    private readonly linked: LinkedTasks,
    tree: { readonly view: vscode.TreeView<TreeNode>; readonly data: LazyTreeData<TreeNode> },
  ) {
    const multiRoot = (): boolean => (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    this.model = new TaskTreeModel({
      grouping: workspaceState.get<Grouping>(GROUPING_KEY, 'file'),
      noSourceLabel: vscode.l10n.t('Not from a TODO'),
      formatDeadline,
      locate: (uri) => {
        const parsed = vscode.Uri.parse(uri);
        const folder = vscode.workspace.getWorkspaceFolder(parsed);
        const relativePath = vscode.workspace.asRelativePath(parsed, false);
        return multiRoot() && folder !== undefined ? { folder: folder.name, relativePath } : { relativePath };
      },
      markOf: (record) => {
        if (record.linkedInCode !== true) return undefined;
        return linked.isUnread(record)
          ? { kind: 'unfetched', text: vscode.l10n.t('linked in code, not read from Tallyfy yet') }
          : { kind: 'linked', text: vscode.l10n.t('linked in code') };
      },
    });
    this.treeView = tree.view;
    void vscode.commands.executeCommand('setContext', ContextKeys.tasksGrouping, this.model.mode);
    this.subscriptions.push(
      // A run creating hundreds of tasks changes them hundreds of times: the tree follows four times a second.
      tasks.onDidChangeTasks(this.refreshSoon),
      linked.onDidChange(this.refreshSoon),
      { dispose: () => this.refreshSoon.dispose() },
      session.onDidChange(() => this.updateMessage()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
    this.refresh();
    tree.data.attach(this);
  }

  private readonly refreshSoon = throttled(() => this.refresh(), REFRESH_EVERY_MS);

  refresh(): void {
    const listed = this.linked.listed(this.tasks.createdTasks());
    this.model.setRecords(listed);
    // Tasks not read from Tallyfy yet are listed, but nobody knows whether they are open.
    const open = this.model.openCount() - listed.filter((record) => this.linked.isUnread(record)).length;
    this.treeView.badge = open > 0 ? { value: open, tooltip: vscode.l10n.t('{0} open Tallyfy tasks', open) } : undefined;
    // The rows first: VS Code holds back a view's refresh that comes within 200 ms of another.
    this.changed.fire(undefined);
    this.updateMessage();
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    this.model.setGrouping(grouping);
    await this.workspaceState.update(GROUPING_KEY, grouping);
    await vscode.commands.executeCommand('setContext', ContextKeys.tasksGrouping, grouping);
    this.changed.fire(undefined);
  }

  /** Welcome content shows only in an empty view; with tasks listed, the message says you are signed out. */
  private updateMessage(): void {
    const signedOut = this.session.state.kind !== 'signed-in';
    setViewMessage(
      this.treeView,
      signedOut && this.tasks.createdTasks().length > 0
        ? vscode.l10n.t('You are signed out of Tallyfy: statuses are not refreshed. Run "Tallyfy: Sign In".')
        : '',
    );
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return [...this.model.children(node)];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.model.parent(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.description = vscode.l10n.t('{0} open', node.open);
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.resourceUri = vscode.Uri.parse(node.uri);
        item.iconPath = vscode.ThemeIcon.File;
        item.description = node.directory;
        item.tooltip = node.relativePath;
        item.contextValue = 'file';
        return item;
      }
      case 'no-source': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('tasklist');
        return item;
      }
      case 'task':
        return this.taskItem(node);
    }
  }

  private taskItem(node: TaskNode): vscode.TreeItem {
    const view = this.model.item(node);
    const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.None);
    item.id = view.id;
    item.description = view.description;
    item.iconPath = new vscode.ThemeIcon(view.icon, new vscode.ThemeColor(view.color));
    item.contextValue = view.contextValue;
    const tip = view.tooltip;
    const rows: string[] = [
      statusLine(tip.state, tip.status),
      vscode.l10n.t('Id: {0}', tip.id),
    ];
    if (tip.archivedAt !== undefined) rows.push(vscode.l10n.t('Archived: {0}', new Date(tip.archivedAt).toLocaleString()));
    if (tip.deadline !== undefined) {
      const relative = formatDeadline(tip.relativeDeadline);
      const when = new Date(tip.deadline).toLocaleString();
      rows.push(vscode.l10n.t('Deadline: {0}', relative === '' ? when : `${when} (${relative})`));
    }
    if (tip.assignees.length > 0) rows.push(vscode.l10n.t('Assignees: {0}', tip.assignees.join(', ')));
    if (tip.file !== undefined && tip.line !== undefined) rows.push(vscode.l10n.t('TODO: {0}:{1}', tip.file, tip.line));
    if (tip.lastSyncedAt !== undefined) rows.push(vscode.l10n.t('Last refreshed: {0}', new Date(tip.lastSyncedAt).toLocaleString()));
    item.tooltip = taskTooltip(view.icon, tip.title, rows);
    item.accessibilityInformation = { label: `${tip.title}, ${stateLabel(tip.state)}, ${view.description}` };
    if (view.source !== undefined) {
      item.command = { command: Commands.revealTodo, title: vscode.l10n.t('Go to TODO'), arguments: [node] };
    }
    return item;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}
