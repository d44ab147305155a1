// TODO comments in the real editor: the lightbulb, and the reference written back on the right line.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CodeActionTitles, Commands, EXTENSION_ID } from '../../src/core/contract';
import type { TaskRecord } from '../../src/core/records';
import type { TallyfyTodoApi } from '../../src/editor/api';

interface SandboxInfo {
  readonly controlUrl: string;
  readonly typist: boolean;
}

const sandbox = (): SandboxInfo => JSON.parse(process.env['TALLYFY_TEST_SANDBOX'] ?? '{}') as SandboxInfo;

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
      assert.deepEqual(await ourActions(document.uri, lineOf(document, 'TODO: Prepare the Q3 report')), [CodeActionTitles.create]);
      assert.deepEqual(await ourActions(document.uri, lineOf(document, 'Include the churn numbers')), [CodeActionTitles.create]);
      assert.deepEqual(await ourActions(document.uri, lineOf(document, "return 'draft'")), []);
      assert.deepEqual(await ourActions(document.uri, lineOf(document, 'not a comment, a string')), []);
    });

    if (!sandbox().typist) {
      return;
    }

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
  });
}
