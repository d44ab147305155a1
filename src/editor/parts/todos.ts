// The TODO comments part: the detector, and what it serves in the editor (the lightbulb, the hover,
// CodeLens, and the context keys of the right-click item and the keybinding). It starts right after
// activation when a text editor shows, else when the first one does.
import * as vscode from 'vscode';
import type { Part, PartHost } from '../parts';
import { registerTodoCodeActions } from '../todos/codeActions';
import { registerTodoCodeLenses } from '../todos/codeLens';
import { registerTodoContextKeys } from '../todos/contextKeys';
import { documentTodos } from '../todos/documents';
import { registerLinkedTodoHover } from '../todos/hover';

export function start(host: PartHost): Part {
  const { settings, tasks } = host;
  // Asked for first, so that it hears of each edit before the providers below do.
  const todos = host.shared(documentTodos);
  const disposable = vscode.Disposable.from(
    registerTodoContextKeys(todos),
    registerTodoCodeActions(todos, (id) => tasks.find(id)),
    registerTodoCodeLenses(settings, todos),
    registerLinkedTodoHover(todos, () => tasks.createdTasks()),
  );
  return { commands: {}, dispose: () => disposable.dispose() };
}
