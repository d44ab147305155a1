import * as vscode from 'vscode';
import { Commands, type CommandId } from '../../core/contract';
import type { TaskRecord } from '../../core/records';
import { isCompleted } from '../../core/tasks';
import type { TodoComment } from '../../core/todo';
import type { CommandHandler } from '../commands';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { throttled } from '../throttle';
import { toVsRange, type DocumentTodos } from '../todos/documents';

const KEPT_KEY = 'tallyfy.keptCompletedTodos';
const SOURCE = 'Tallyfy';
const CODE = 'completed-task';

/** What a "Remove the TODO" acts on, as it was when the diagnostic was made. */
interface MarkedTodo {
  readonly line: number;
  readonly keyword: string;
  readonly title: string;
  readonly references: readonly string[];
  /** The TODO's lines as they were, to refuse the removal when they changed. */
  readonly text: string;
}

/**
 * An Information diagnostic on each TODO whose Tallyfy task is completed, in open documents, with the
 * quick fixes "Remove the TODO" and "Keep it". Off with `tallyfy.completedTaskDiagnostics`.
 */
export function registerCompletedTodoDiagnostics(
  tasks: TaskService,
  settings: SettingsReader,
  todos: DocumentTodos,
  workspaceState: vscode.Memento,
): vscode.Disposable & { readonly commands: Partial<Record<CommandId, CommandHandler>> } {
  const collection = vscode.languages.createDiagnosticCollection('tallyfy');
  const kept = (): Set<string> => new Set(workspaceState.get<string[]>(KEPT_KEY, []));
  /** The TODO of each diagnostic, by document (the diagnostics a quick fix is asked for are copies). */
  const marked = new Map<string, Array<{ readonly range: vscode.Range; readonly todo: MarkedTodo }>>();

  const clear = (uri: vscode.Uri): void => {
    collection.delete(uri);
    marked.delete(uri.toString());
  };

  const check = (document: vscode.TextDocument): void => {
    if (!settings.get('completedTaskDiagnostics', document)) {
      clear(document.uri);
      return;
    }
    const completed = new Map<string, TaskRecord>();
    for (const record of tasks.createdTasks()) {
      if (isCompleted(record) && !record.deleted) completed.set(record.id, record);
    }
    if (completed.size === 0 || !document.getText().includes('tallyfy:')) {
      clear(document.uri);
      return;
    }
    const skip = kept();
    const diagnostics: vscode.Diagnostic[] = [];
    const found: Array<{ range: vscode.Range; todo: MarkedTodo }> = [];
    for (const todo of todos.all(document)) {
      const record = todo.references.map((id) => completed.get(id)).find((r) => r !== undefined && !skip.has(r.id));
      if (record === undefined) continue;
      const range = toVsRange(todo.range);
      const diagnostic = new vscode.Diagnostic(range, vscode.l10n.t('Tallyfy task "{0}" is completed.', record.title), vscode.DiagnosticSeverity.Information);
      diagnostic.source = SOURCE;
      diagnostic.code = CODE;
      diagnostics.push(diagnostic);
      found.push({ range, todo: { line: todo.range.start.line, keyword: todo.keyword, title: todo.title, references: todo.references, text: linesOf(document, todo) } });
    }
    collection.set(document.uri, diagnostics);
    marked.set(document.uri.toString(), found);
  };
  const checkAll = (): void => vscode.workspace.textDocuments.forEach(check);
  // Every open document is looked at again: while a run changes the tasks, at most four times a second.
  const checkAllSoon = throttled(checkAll, 250);

  const fixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const marks = marked.get(document.uri.toString()) ?? [];
      return context.diagnostics
        .filter((d) => d.source === SOURCE && d.code === CODE)
        .flatMap((diagnostic) => {
          const todo = marks.find((t) => t.range.isEqual(diagnostic.range))?.todo;
          if (todo === undefined) return [];
          const remove = new vscode.CodeAction(vscode.l10n.t('Remove the TODO'), vscode.CodeActionKind.QuickFix);
          remove.diagnostics = [diagnostic];
          remove.command = { command: Commands.removeCompletedTodo, title: remove.title, arguments: [document.uri, todo] };
          const keep = new vscode.CodeAction(vscode.l10n.t('Keep it'), vscode.CodeActionKind.QuickFix);
          keep.diagnostics = [diagnostic];
          keep.command = { command: Commands.keepCompletedTodo, title: keep.title, arguments: [document.uri, todo] };
          return [remove, keep];
        });
    },
  };

  // One pause per document: an edit that touches several files checks each of them.
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const checkSoon = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      check(document);
    }, 300));
  };

  const commands: Partial<Record<CommandId, CommandHandler>> = {
    [Commands.removeCompletedTodo]: async (uri, todo) => {
      if (!(uri instanceof vscode.Uri) || !isMarkedTodo(todo)) return;
      const document = await vscode.workspace.openTextDocument(uri);
      const now = todos.refind(document, todo);
      if (now === undefined || linesOf(document, now) !== todo.text) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The TODO changed after it was marked, so it was not removed. Look at it again.'));
        return;
      }
      await vscode.workspace.applyEdit(removal(document, now));
    },
    [Commands.keepCompletedTodo]: async (_uri, todo) => {
      if (!isMarkedTodo(todo)) return;
      await workspaceState.update(KEPT_KEY, [...new Set([...kept(), ...todo.references])]);
      checkAll();
    },
  };
  const disposable = vscode.Disposable.from(
    collection,
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, fixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    tasks.onDidChangeTasks(checkAllSoon),
    checkAllSoon,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidCloseTextDocument((d) => clear(d.uri)),
    vscode.workspace.onDidChangeTextDocument((e) => checkSoon(e.document)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tallyfy.completedTaskDiagnostics') || e.affectsConfiguration('tallyfy.todoKeywords')) checkAll();
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  checkAll();
  return { commands, dispose: () => disposable.dispose() };
}

/** The quick fixes' argument, as the diagnostic made it (a command's arguments are not trusted blindly). */
function isMarkedTodo(value: unknown): value is MarkedTodo {
  if (value === null || typeof value !== 'object') return false;
  const todo = value as Record<string, unknown>;
  return typeof todo['line'] === 'number' && typeof todo['keyword'] === 'string' && typeof todo['title'] === 'string'
    && typeof todo['text'] === 'string' && Array.isArray(todo['references']) && todo['references'].every((r) => typeof r === 'string');
}

/** The whole lines a TODO spans, as text. */
function linesOf(document: vscode.TextDocument, todo: TodoComment): string {
  return document.getText(new vscode.Range(todo.range.start.line, 0, todo.range.end.line, document.lineAt(todo.range.end.line).text.length));
}

/** The edit that removes a TODO: the comment after code on its line, or its own lines, line breaks included. */
function removal(document: vscode.TextDocument, todo: TodoComment): vscode.WorkspaceEdit {
  const first = document.lineAt(todo.range.start.line);
  const last = document.lineAt(todo.range.end.line);
  const before = first.text.slice(0, todo.range.start.character);
  const marker = before.lastIndexOf(todo.marker);
  const edit = new vscode.WorkspaceEdit();
  if (marker > 0 && before.slice(0, marker).trim() !== '') {
    edit.delete(document.uri, new vscode.Range(first.lineNumber, before.slice(0, marker).trimEnd().length, last.lineNumber, last.text.length));
  } else {
    const end = last.lineNumber + 1 < document.lineCount ? new vscode.Position(last.lineNumber + 1, 0) : last.range.end;
    edit.delete(document.uri, new vscode.Range(new vscode.Position(first.lineNumber, 0), end));
  }
  return edit;
}
