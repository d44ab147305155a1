import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import type { SettingsReader } from '../settings';
import { toVsRange, type DocumentTodos } from './documents';

/** A CodeLens above each TODO, only when `tallyfy.codeLens` is on. */
class TodoCodeLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly settings: SettingsReader,
    private readonly todos: DocumentTodos,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.settings.get('codeLens', document)) {
      return [];
    }
    return this.todos.all(document).map((todo) => {
      const range = toVsRange(todo.range);
      const [linked] = todo.references;
      return new vscode.CodeLens(
        range,
        linked !== undefined
          ? { title: vscode.l10n.t('$(link-external) Tallyfy task {0}', linked.slice(0, 8)), command: Commands.openTask, arguments: [linked] }
          : { title: vscode.l10n.t('$(add) Create Tallyfy task'), command: Commands.createTaskFromTodoMenu, arguments: [document.uri, range] },
      );
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerTodoCodeLenses(settings: SettingsReader, todos: DocumentTodos): vscode.Disposable {
  const provider = new TodoCodeLenses(settings, todos);
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerCodeLensProvider({ scheme: '*' }, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tallyfy.codeLens') || e.affectsConfiguration('tallyfy.todoKeywords')) provider.refresh();
    }),
  );
}
