import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import type { TaskRecord } from '../../core/records';
import { isCompleted } from '../../core/tasks';
import { findAllTodos, type TodoComment } from '../../core/todo';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { toVsRange } from '../todos/documents';

const KEPT_KEY = 'tallyfy.keptCompletedTodos';
const SOURCE = 'Tallyfy';
const CODE = 'completed-task';

/**
 * An Information diagnostic on each TODO whose Tallyfy task is completed, in open documents, with the
 * quick fixes "Remove the TODO" and "Keep it". Off with `tallyfy.completedTaskDiagnostics`.
 */
export function registerCompletedTodoDiagnostics(tasks: TaskService, settings: SettingsReader, workspaceState: vscode.Memento): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('tallyfy');
  const kept = (): Set<string> => new Set(workspaceState.get<string[]>(KEPT_KEY, []));
  const todosByDiagnostic = new WeakMap<vscode.Diagnostic, TodoComment>();

  const check = (document: vscode.TextDocument): void => {
    if (!settings.get('completedTaskDiagnostics', document)) {
      collection.delete(document.uri);
      return;
    }
    const completed = new Map<string, TaskRecord>();
    for (const record of tasks.createdTasks()) {
      if (isCompleted(record) && !record.deleted) completed.set(record.id, record);
    }
    if (completed.size === 0 || !document.getText().includes('tallyfy:')) {
      collection.delete(document.uri);
      return;
    }
    const skip = kept();
    const diagnostics: vscode.Diagnostic[] = [];
    for (const todo of findAllTodos(document, document.languageId, settings.get('todoKeywords', document))) {
      const record = todo.references.map((id) => completed.get(id)).find((r) => r !== undefined && !skip.has(r.id));
      if (record === undefined) continue;
      const diagnostic = new vscode.Diagnostic(
        toVsRange(todo.range),
        vscode.l10n.t('Tallyfy task "{0}" is completed.', record.title),
        vscode.DiagnosticSeverity.Information,
      );
      diagnostic.source = SOURCE;
      diagnostic.code = CODE;
      todosByDiagnostic.set(diagnostic, todo);
      diagnostics.push(diagnostic);
    }
    collection.set(document.uri, diagnostics);
  };
  const checkAll = (): void => vscode.workspace.textDocuments.forEach(check);

  const fixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      return context.diagnostics
        .filter((d) => d.source === SOURCE && d.code === CODE)
        .flatMap((diagnostic) => {
          const remove = new vscode.CodeAction(vscode.l10n.t('Remove the TODO'), vscode.CodeActionKind.QuickFix);
          remove.diagnostics = [diagnostic];
          remove.command = { command: Commands.removeCompletedTodo, title: remove.title, arguments: [document.uri, diagnostic.range] };
          const keep = new vscode.CodeAction(vscode.l10n.t('Keep it'), vscode.CodeActionKind.QuickFix);
          keep.diagnostics = [diagnostic];
          keep.command = { command: Commands.keepCompletedTodo, title: keep.title, arguments: [document.uri, diagnostic.range] };
          return [remove, keep];
        });
    },
  };

  /** The ids of the completed tasks a TODO at `range` links to. */
  const idsAt = (uri: vscode.Uri, range: vscode.Range): string[] => {
    const diagnostic = collection.get(uri)?.find((d) => d.range.isEqual(range));
    return diagnostic ? [...(todosByDiagnostic.get(diagnostic)?.references ?? [])] : [];
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  return vscode.Disposable.from(
    collection,
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, fixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    tasks.onDidChangeTasks(checkAll),
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => check(e.document), 300);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tallyfy.completedTaskDiagnostics') || e.affectsConfiguration('tallyfy.todoKeywords')) checkAll();
    }),
    vscode.commands.registerCommand(Commands.removeCompletedTodo, async (uri: vscode.Uri, range: vscode.Range) => {
      const diagnostic = collection.get(uri)?.find((d) => d.range.isEqual(range));
      const todo = diagnostic && todosByDiagnostic.get(diagnostic);
      if (todo === undefined) return;
      const document = await vscode.workspace.openTextDocument(uri);
      const first = document.lineAt(todo.range.start.line);
      const last = document.lineAt(todo.range.end.line);
      const before = first.text.slice(0, todo.range.start.character);
      const marker = before.lastIndexOf(todo.marker);
      const edit = new vscode.WorkspaceEdit();
      if (marker > 0 && before.slice(0, marker).trim() !== '') {
        // A comment after code: remove the comment, keep the code.
        edit.delete(uri, new vscode.Range(first.lineNumber, before.slice(0, marker).trimEnd().length, last.lineNumber, last.text.length));
      } else {
        // The TODO's own lines, line breaks included.
        const end = last.lineNumber + 1 < document.lineCount ? new vscode.Position(last.lineNumber + 1, 0) : last.range.end;
        edit.delete(uri, new vscode.Range(new vscode.Position(first.lineNumber, 0), end));
      }
      await vscode.workspace.applyEdit(edit);
    }),
    vscode.commands.registerCommand(Commands.keepCompletedTodo, async (uri: vscode.Uri, range: vscode.Range) => {
      const ids = idsAt(uri, range);
      await workspaceState.update(KEPT_KEY, [...new Set([...kept(), ...ids])]);
      checkAll();
    }),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
    ((): vscode.Disposable => {
      checkAll();
      return { dispose: () => undefined };
    })(),
  );
}
