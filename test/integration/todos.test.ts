// TODO comments in the real editor: the lightbulb, and the reference written back on the right line.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CodeActionTitles, Commands, EXTENSION_ID } from '../../src/core/contract';
import type { TaskRecord } from '../../src/core/records';
import type { TallyfyTodoApi } from '../../src/editor/api';
import { sandboxInfo } from './sandboxInfo';
import { until } from './waits';

const sandbox = sandboxInfo;

async function openFixture(): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'src', 'report.ts'));
  return vscode.window.showTextDocument(document);
}

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  assert.fail(`no line holds ${text}`);
}

async function ourActions(uri: vscode.Uri, line: number): Promise<string[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    new vscode.Range(line, 2, line, 2),
  );
  const ours: string[] = Object.values(CodeActionTitles);
  return actions.map((a) => a.title).filter((title) => ours.includes(title));
}

export default function (): void {
  describe('TODO comments in the editor', () => {
    it('offers the lightbulb on TODO comment lines and nowhere else', async () => {
      const editor = await openFixture();
      const { document } = editor;
      assert.deepEqual(await ourActions(document.uri, lineOf(document, 'TODO: Prepare the Q3 report')), [CodeActionTitles.create, CodeActionTitles.link]);
      assert.deepEqual(await ourActions(document.uri, lineOf(document, 'Include the churn numbers')), [CodeActionTitles.create, CodeActionTitles.link]);
      assert.deepEqual(await ourActions(document.uri, lineOf(document, "return 'draft'")), []);
      assert.deepEqual(await ourActions(document.uri, lineOf(document, 'not a comment, a string')), []);
    });

    it('shows a CodeLens above each TODO only when tallyfy.codeLens is on', async () => {
      const { document } = await openFixture();
      const lenses = async (): Promise<vscode.CodeLens[]> =>
        ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? []).filter((lens) =>
          lens.command?.command.startsWith('tallyfy.'),
        );
      assert.deepEqual(await lenses(), [], 'off by default');
      const config = vscode.workspace.getConfiguration('tallyfy');
      await config.update('codeLens', true, vscode.ConfigurationTarget.Global);
      try {
        const shown = await lenses();
        assert.deepEqual(shown.map((lens) => lens.range.start.line), [lineOf(document, 'TODO: Prepare the Q3 report')]);
        assert.equal(shown[0]?.command?.command, Commands.createTaskFromTodoMenu);
      } finally {
        await config.update('codeLens', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    if (!sandbox().typist) {
      return;
    }

    it('gives the default deadline at 17:00 in the profile\'s zone with the extension host in UTC, by the quick create and the API alike', async () => {
      const api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
      assert.equal(await vscode.commands.executeCommand<boolean>(Commands.signIn), true);
      assert.equal(new Date().getTimezoneOffset(), 0, 'the extension host runs in UTC');
      const inAuckland = (iso: string | undefined): string =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Auckland', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso ?? NaN));
      const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '// TODO: Book the venue in Auckland\n' });
      const quick = await vscode.commands.executeCommand<TaskRecord | undefined>(Commands.quickCreateTaskFromTodo, document.uri, new vscode.Range(0, 4, 0, 4));
      const viaApi = await api.createTask({ title: 'Book the caterer in Auckland' });
      assert.ok(quick, 'the quick create made the task');
      assert.match(inAuckland(quick.deadline), / 17:00$/);
      assert.equal(quick.deadline, viaApi.deadline, 'the same deadline on both paths');
    });

    it('writes the reference on the right line after lines were inserted above the TODO meanwhile', async () => {
      const api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
      assert.equal(await vscode.commands.executeCommand<boolean>(Commands.signIn), true);
      const editor = await openFixture();
      const { document } = editor;
      const todoLine = lineOf(document, 'TODO: Prepare the Q3 report');
      // Tallyfy answers the create slowly, so there is time to edit the file while it is under way.
      const slow = await fetch(`${sandbox().controlUrl}/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'slow', method: 'POST', path: '/organizations/*/tasks', delayMs: 2000, count: 1 }),
      });
      assert.equal(slow.status, 200);
      const created = vscode.commands.executeCommand<TaskRecord | undefined>(
        Commands.quickCreateTaskFromTodo,
        document.uri,
        new vscode.Range(todoLine, 4, todoLine, 4),
      );
      // Wait until the create request has left, then insert three lines above the TODO.
      for (let i = 0; i < 100; i++) {
        const posts = (await (await fetch(`${sandbox().controlUrl}/requests?method=POST`)).json()) as { path: string }[];
        if (posts.some((p) => p.path.endsWith('/tasks'))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '// one\n// two\n// three\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const record = await created;
      assert.ok(record, 'the quick create returned the task');
      const moved = todoLine + 3;
      assert.equal(document.lineAt(moved).text.trim(), `// TODO(tallyfy:${record.id}): Prepare the Q3 report for the board`);
      assert.equal(document.getText().split(`tallyfy:${record.id}`).length - 1, 1, 'written exactly once');
      assert.equal(api.createdTasks()[0]?.id, record.id);
      assert.equal(api.createdTasks()[0]?.source?.line, moved);
      assert.equal(api.createdTasks()[0]?.source?.reference, `tallyfy:${record.id}`);

      // One undo takes the reference out again.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.lineAt(moved).text.trim(), '// TODO: Prepare the Q3 report for the board');
      await vscode.commands.executeCommand('redo');

      // The linked TODO now offers to open its task instead of creating another.
      assert.deepEqual(await ourActions(document.uri, moved), [CodeActionTitles.open]);
    });

    it('adds the task of a teammate\'s linked TODO with "Find Linked TODOs"', async () => {
      const api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
      const id = 'abcdef0123456789abcdef0123456789';
      const made = await fetch(`${sandbox().controlUrl}/tasks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, title: 'Rotate the staging keys' }),
      });
      assert.equal(made.status, 201);
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      const file = vscode.Uri.joinPath(folder, 'src', 'teammate.py');
      await vscode.workspace.fs.writeFile(
        file,
        Buffer.from(`def rotate():\n    # FIXME(bob, tallyfy:${id}): Rotate the staging keys\n    pass\n\nNOTE = "tallyfy:${'f'.repeat(32)} in a string is no link"\n`),
      );
      assert.equal(api.createdTasks().some((r) => r.id === id), false);
      await vscode.commands.executeCommand(Commands.findLinkedTodos);
      const found = api.createdTasks().find((r) => r.id === id);
      assert.ok(found, 'the linked task joined the list');
      assert.equal(found.title, 'Rotate the staging keys');
      assert.equal(found.source?.uri, file.toString());
      assert.equal(found.source?.line, 1);
      assert.equal(api.createdTasks().some((r) => r.id === 'f'.repeat(32)), false, 'a reference in a string is not a link');
    });

    describe('the lightbulb far down a file, past long strings and docstrings', () => {
      /** Writes a file of the workspace and opens it. */
      async function openWritten(name: string, lines: readonly string[]): Promise<vscode.TextDocument> {
        const folder = vscode.workspace.workspaceFolders![0]!.uri;
        const file = vscode.Uri.joinPath(folder, 'src', name);
        await vscode.workspace.fs.writeFile(file, Buffer.from(lines.join('\n') + '\n'));
        const document = await vscode.workspace.openTextDocument(file);
        await vscode.window.showTextDocument(document);
        return document;
      }

      /** The lines of [from, to) where the lightbulb offers to create a task. */
      async function offeredLines(document: vscode.TextDocument, from: number, to: number): Promise<number[]> {
        const offered: number[] = [];
        for (let line = from; line < to; line++) {
          if ((await ourActions(document.uri, line)).includes(CodeActionTitles.create)) offered.push(line);
        }
        return offered;
      }

      it('offers it on the real TODOs only, after a long template literal of code-like lines, and follows edits above them', async () => {
        const code = Array.from({ length: 1100 }, (_, i) => (i % 250 === 0 ? `// TODO: early ${i}` : `export function f${i}(a: number): number { return a + ${i}; }`));
        const template = Array.from({ length: 60 }, (_, i) =>
          [`export function inner${i}() {`, `import x${i} from './x';`, `// TODO: inside the template ${i}`, `/* FIXME: inside too */`, '}'][i % 5] as string,
        );
        const lines = [...code, 'const page = `', ...template, '`;', '// TODO: after the template', '//   with its continuation', 'export const done = true;'];
        const document = await openWritten('long.ts', lines);
        const after = lines.indexOf('// TODO: after the template');
        assert.deepEqual(await offeredLines(document, 0, 2), [0]);
        assert.deepEqual(await offeredLines(document, 990, lines.length), [1000, after, after + 1]);

        // A template literal opened above the TODO holds it; taking the line out again gives it back.
        const open = new vscode.WorkspaceEdit();
        open.insert(document.uri, new vscode.Position(after, 0), 'const more = `\n');
        assert.ok(await vscode.workspace.applyEdit(open));
        assert.deepEqual(await offeredLines(document, 1000, document.lineCount), [1000]);
        const close = new vscode.WorkspaceEdit();
        close.delete(document.uri, new vscode.Range(after, 0, after + 1, 0));
        assert.ok(await vscode.workspace.applyEdit(close));
        assert.equal(document.getText(), lines.join('\n') + '\n');
        assert.deepEqual(await offeredLines(document, 1000, document.lineCount), [1000, after, after + 1]);
      });

      it('offers it on the real TODOs only, after a docstring and a string of code-like lines', async () => {
        const code = Array.from({ length: 1100 }, (_, i) => `x${i} = ${i}`);
        const docstring = Array.from({ length: 48 }, (_, i) => [`    import os`, `    def inner():`, `    x = 1  # TODO: example code in a docstring`, `    >>> run()  # FIXME: an example`][i % 4] as string);
        const string = Array.from({ length: 48 }, (_, i) => [`# TODO: inside a string ${i}`, `def g${i}():`, `import sys`, `class C${i}:`][i % 4] as string);
        const lines = [...code, 'def documented():', '    """', ...docstring, '    """', '    pass', 'EXAMPLE = """', ...string, '"""', '# TODO: after the strings', 'x = 1  # FIXME: trailing'];
        const document = await openWritten('long.py', lines);
        const after = lines.indexOf('# TODO: after the strings');
        assert.deepEqual(await offeredLines(document, 1000, lines.length), [after, after + 1]);
      });

      it('reads a file VS Code shows as plain text with the language its name names: a .hs file offers it on its -- TODO', async () => {
        const document = await openWritten('Main.hs', ['module Main where', '', '-- TODO: Read the arguments', 'main = putStrLn "-- TODO: printed, not a comment"']);
        assert.equal(document.languageId, 'plaintext', 'no Haskell extension here');
        assert.deepEqual(await offeredLines(document, 0, document.lineCount), [2]);
      });
    });

    describe('"Remove the TODO" of a completed task', () => {
      /** A completed task of the test's own, and a document with its TODO between two lines of code. */
      async function markedTodo(): Promise<{ document: vscode.TextDocument; run: () => Thenable<unknown> }> {
        const api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
        const { id } = await api.createTask({ title: 'Retire the cron job' });
        const done = await fetch(`${sandbox().controlUrl}/tasks/${id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ status: 'completed' }),
        });
        assert.equal(done.status, 200);
        await vscode.commands.executeCommand(Commands.refreshTask, id);
        assert.equal(api.createdTasks().find((r) => r.id === id)?.status, 'completed');
        const document = await vscode.workspace.openTextDocument({
          language: 'typescript',
          content: `const before = 1;\n// TODO(tallyfy:${id}): Retire the cron job\n//   It runs nightly.\nconst after = 2;\n`,
        });
        const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Tallyfy');
        await until(() => ours().length > 0, vscode.languages.onDidChangeDiagnostics);
        const diagnostics = ours();
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostics[0]!.range);
        const command = actions.find((a) => a.title === 'Remove the TODO')?.command;
        assert.ok(command, 'offers "Remove the TODO"');
        return { document, run: () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])) };
      }

      const insert = async (document: vscode.TextDocument, line: number, text: string): Promise<void> => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(document.uri, new vscode.Position(line, 0), text);
        assert.equal(await vscode.workspace.applyEdit(edit), true);
      };

      it('removes the TODO where it is now, after lines were added above it', async () => {
        const { document, run } = await markedTodo();
        await insert(document, 0, '// a new first line\n// and a second\n');
        await run();
        assert.equal(document.getText(), '// a new first line\n// and a second\nconst before = 1;\nconst after = 2;\n');
      });

      it('refuses when the TODO changed after it was marked, and removes nothing', async () => {
        const { document, run } = await markedTodo();
        await insert(document, 2, '//   And on Sundays.\n');
        const before = document.getText();
        await run();
        assert.equal(document.getText(), before);
      });
    });

    it('marks the TODO of a completed task, and "Remove the TODO" removes it', async () => {
      const api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
      const id = 'abcdef0123456789abcdef0123456789';
      const done = await fetch(`${sandbox().controlUrl}/tasks/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'completed' }),
      });
      assert.equal(done.status, 200);
      await vscode.commands.executeCommand(Commands.refreshTasks);
      assert.equal(api.createdTasks().find((r) => r.id === id)?.status, 'completed');
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'src', 'teammate.py'));
      await vscode.window.showTextDocument(document);
      let diagnostics: vscode.Diagnostic[] = [];
      for (let i = 0; i < 50 && diagnostics.length === 0; i++) {
        diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Tallyfy');
        if (diagnostics.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(diagnostics.length, 1);
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(diagnostic!.range.start.line, 1);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range);
      const remove = actions.find((a) => a.title === 'Remove the TODO');
      assert.ok(remove?.command, 'offers "Remove the TODO"');
      assert.ok(actions.some((a) => a.title === 'Keep it'), 'offers "Keep it"');
      await vscode.commands.executeCommand(remove.command.command, ...(remove.command.arguments ?? []));
      assert.equal(document.getText(), `def rotate():\n    pass\n\nNOTE = "tallyfy:${'f'.repeat(32)} in a string is no link"\n`);
    });
  });
}
