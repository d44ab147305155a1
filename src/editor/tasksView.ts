import * as vscode from 'vscode';
import { Views } from '../core/contract';

/**
 * The "Tasks" view of the Tallyfy container. Empty for now, so VS Code shows its welcome content
 * (sign in, or how to create a task from a TODO).
 */
class TasksProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerTasksView(): vscode.Disposable {
  return vscode.window.createTreeView(Views.tasks, { treeDataProvider: new TasksProvider() });
}
