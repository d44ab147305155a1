import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import { registerCommand, type ErrorPresenter } from '../commands';
import type { ReviewDeps } from './reviewPanel';
import { ReviewPanels } from './reviewPanels';
import { resolveScope } from './scan';

/** "Tallyfy: Create Tasks from TODOs…": the review of many TODOs, and its panels' return after a reload. */
export function registerBulkCreate(deps: ReviewDeps & { presentError: ErrorPresenter }): vscode.Disposable {
  const panels = new ReviewPanels(deps);
  return vscode.Disposable.from(
    panels,
    registerCommand(
      Commands.createTasksFromTodos,
      async (...args) => {
        const scope = await resolveScope(args, deps.settings);
        if (scope !== undefined) await panels.show(scope);
      },
      deps,
    ),
  );
}
