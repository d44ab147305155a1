// The TODO comments part: the detector, and what it serves in the editor (the lightbulb, the hover,
// CodeLens, and the context keys of the right-click item and the keybinding). It starts right after
// activation when a text editor shows, else when the first one does.
import * as vscode from 'vscode';
import type { Part, PartHost } from '../parts';
import { registerTodoCodeActions } from '../todos/codeActions';
import { registerTodoCodeLenses } from '../todos/codeLens';
import { registerTodoContextKeys } from '../todos/contextKeys';
import { registerLinkedTodoHover } from '../todos/hover';

export function start(host: PartHost): Part {
  const { settings, tasks } = host;
  const disposable = vscode.Disposable.from(
    registerTodoContextKeys(settings),
    registerTodoCodeActions(settings, (id) => tasks.find(id)),
    registerTodoCodeLenses(settings),
    registerLinkedTodoHover(settings, () => tasks.createdTasks()),
  );
  return { commands: {}, dispose: () => disposable.dispose() };
}
