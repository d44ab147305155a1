// The "Assigned to Me" part: the view's rows (the user's open tasks from Tallyfy), its refresh and its
// Complete.
import * as vscode from 'vscode';
import { assignedActions, registerAssignedRefresh } from '../assigned/actions';
import { AssignedView } from '../assigned/view';
import type { Part, PartHost } from '../parts';

export function start(host: PartHost): Part {
  const view = new AssignedView(host, host.assignedTree.view, host.assignedTree.data);
  const refresh = registerAssignedRefresh({ ...host, view });
  return {
    commands: assignedActions({ ...host, view }),
    dispose: () => vscode.Disposable.from(refresh, view).dispose(),
  };
}
