// The Tasks view part: the view's rows and actions, the refresh (asked for and in the background), the
// diagnostics on TODOs whose task is completed, and the linked TODOs (the workspace's index of
// `tallyfy:` references, the removal prompt, linking a TODO to a task, "Find Linked TODOs").
import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import { LinkedWorkspace } from '../linked/linkedWorkspace';
import { linkTodoToTask } from '../linked/linkTodo';
import { updateTaskTitle } from '../linked/updateTitle';
import type { Part, PartHost } from '../parts';
import { registerAutoRefresh, taskActions } from '../tasks/actions';
import { registerCompletedTodoDiagnostics } from '../tasks/diagnostics';
import { findLinkedTodos } from '../tasks/findLinked';
import { TasksView } from '../tasks/view';
import { documentTodos } from '../todos/documents';

export function start(host: PartHost): Part {
  const { tasks, session, settings, workspaceState } = host;
  // Asked for first, so that it hears of each edit before the listeners below do.
  const todos = host.shared(documentTodos);
  const workspace = new LinkedWorkspace(host);
  const { index, linked } = workspace;
  const view = new TasksView(tasks, session, workspaceState, linked, host.tasksTree);
  const diagnostics = registerCompletedTodoDiagnostics(tasks, settings, todos, workspaceState);
  const refresh = registerAutoRefresh(host);
  return {
    commands: {
      ...taskActions({ ...host, view, todos }),
      ...diagnostics.commands,
      [Commands.linkTodoToTask]: (...args) => linkTodoToTask({ ...host, todos }, args),
      [Commands.updateTaskTitle]: (id, title) => updateTaskTitle(host, id, title),
      [Commands.findLinkedTodos]: () => findLinkedTodos({ index, linked, session }),
    },
    dispose: () => vscode.Disposable.from(refresh, diagnostics, view, workspace).dispose(),
  };
}
