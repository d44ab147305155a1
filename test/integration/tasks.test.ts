// The Tasks view's Complete, Reopen, Archive and Restore against the sandbox, each called with the
// argument the view passes (the task's node), and checked in Tallyfy (the sandbox), in the task's record
// and in what the view, the hover and the diagnostics make of it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/core/contract';
import type { TaskRecord } from '../../src/core/records';
import { TaskTreeModel, type TaskNode } from '../../src/core/tasks';
import type { TallyfyTodoApi } from '../../src/editor/api';
import type { FaultSpec, RecordedRequest, SandboxTask } from '../sandbox/server';
import { sandboxInfo } from './sandboxInfo';

async function control<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${sandboxInfo().controlUrl}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  assert.equal(response.status, 200, `${init.method ?? 'GET'} ${path}`);
  return (await response.json()) as T;
}

/** The API requests Tallyfy received after the one numbered `seq`. */
async function requestsAfter(seq: number): Promise<RecordedRequest[]> {
  return (await control<RecordedRequest[]>('/requests')).filter((r) => r.seq > seq);
}

async function lastSeq(): Promise<number> {
  return (await control<RecordedRequest[]>('/requests')).at(-1)?.seq ?? 0;
}

/** The view's model over the records the view holds (flat, so every task is a first-level row). */
function viewModel(records: readonly TaskRecord[]): TaskTreeModel {
  return new TaskTreeModel({ grouping: 'flat', locate: (uri) => ({ relativePath: uri }) }, records);
}

/** The hover of the TODO at the start of `line`, as text (markdown escapes and non-breaking spaces undone). */
async function hoverText(document: vscode.TextDocument, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 5));
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\(.)/g, '$1');
}

/** Seconds since the epoch: answers carry dates with or without milliseconds. */
function second(iso: string | null | undefined): number | undefined {
  return iso === null || iso === undefined ? undefined : Math.floor(Date.parse(iso) / 1000);
}

export default function (): void {
  describe('task actions of the Tasks view', () => {
    if (!sandboxInfo().typist) {
      return;
    }

    const orgId = sandboxInfo().orgId;
    let api: TallyfyTodoApi;

    /** The record as the view holds it now. */
    const recordOf = (id: string): TaskRecord => {
      const record = api.createdTasks().find((r) => r.id === id);
      assert.ok(record, `task ${id} is listed`);
      return record;
    };
    /** What the view hands to the commands of a task's context menu. */
    const nodeOf = (id: string): TaskNode => ({ kind: 'task', id, record: recordOf(id), parent: undefined });

    before(async () => {
      api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
      // No background refresh: the records change only through the commands under test.
      await vscode.workspace.getConfiguration('tallyfy').update('autoRefreshMinutes', 0, vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand<boolean>(Commands.signIn), true);
    });

    after(async () => {
      await control('/faults', { method: 'DELETE' });
      await vscode.workspace.getConfiguration('tallyfy').update('autoRefreshMinutes', undefined, vscode.ConfigurationTarget.Global);
    });

    describe('Complete, Reopen, Archive and Restore', () => {
      /** A task of the test's own, made through the extension; `state` reached with the view's commands. */
      const taskIn = async (state: 'not-started' | 'completed' | 'archived'): Promise<string> => {
        const { id } = await api.createTask({ title: 'Publish the release notes' });
        assert.equal(recordOf(id).status, 'not-started');
        if (state === 'completed') await vscode.commands.executeCommand(Commands.completeTask, nodeOf(id));
        if (state === 'archived') await vscode.commands.executeCommand(Commands.archiveTask, nodeOf(id));
        assert.equal(state === 'archived' ? Boolean(recordOf(id).archivedAt) : recordOf(id).status === state, true, `the task is ${state}`);
        return id;
      };

      it('completes the task in Tallyfy and marks its record completed', async () => {
        const id = await taskIn('not-started');
        const since = await lastSeq();
        await vscode.commands.executeCommand(Commands.completeTask, nodeOf(id));
        const stored = await control<SandboxTask>(`/tasks/${id}`);
        assert.equal(stored.status, 'completed');
        assert.ok(stored.completed_at, 'Tallyfy set completed_at');
        assert.equal(stored.is_approved, null, 'a plain task is not approved or rejected');
        const completes = (await requestsAfter(since)).filter((r) => r.method === 'POST');
        assert.deepEqual(
          completes.map((r) => [r.path, r.body]),
          [[`/organizations/${orgId}/completed-tasks`, { task_id: id }]],
        );
        const record = recordOf(id);
        assert.equal(record.status, 'completed');
        assert.equal(second(record.completedAt), second(stored.completed_at));
        assert.notEqual(record.deleted, true);
      });

      it('completes a process task through its run\'s routes', async () => {
        const run = 'cd'.repeat(16);
        const { id } = await api.createTask({ title: 'Sign off the process step', run_id: run });
        assert.equal(recordOf(id).runId, run);
        const since = await lastSeq();
        await vscode.commands.executeCommand(Commands.completeTask, nodeOf(id));
        assert.deepEqual(
          (await requestsAfter(since)).map((r) => `${r.method} ${r.path}`),
          [`POST /organizations/${orgId}/runs/${run}/completed-tasks`, `GET /organizations/${orgId}/runs/${run}/tasks/${id}`],
        );
        assert.equal((await control<SandboxTask>(`/tasks/${id}`)).status, 'completed');
        assert.equal(recordOf(id).status, 'completed');
      });

      it('does not archive a process task on its own (Tallyfy archives it with its process)', async () => {
        const run = 'ce'.repeat(16);
        const { id } = await api.createTask({ title: 'A step of the onboarding process', run_id: run });
        const since = await lastSeq();
        await vscode.commands.executeCommand(Commands.archiveTask, nodeOf(id));
        assert.deepEqual(await requestsAfter(since), [], 'nothing sent');
        assert.equal((await control<SandboxTask>(`/tasks/${id}`)).archived_at, null);
        assert.equal(recordOf(id).archivedAt, undefined);
      });

      it('reopens the completed task in Tallyfy and makes its record open again', async () => {
        const id = await taskIn('completed');
        const since = await lastSeq();
        await vscode.commands.executeCommand(Commands.reopenTask, nodeOf(id));
        const stored = await control<SandboxTask>(`/tasks/${id}`);
        assert.equal(stored.status, 'in-progress');
        assert.equal(stored.completed_at, null);
        const changes = (await requestsAfter(since)).filter((r) => r.method !== 'GET');
        assert.deepEqual(
          changes.map((r) => `${r.method} ${r.path}`),
          [`DELETE /organizations/${orgId}/completed-tasks/${id}`],
        );
        const record = recordOf(id);
        assert.equal(record.status, 'in-progress');
        assert.equal(record.completedAt, undefined);
        assert.notEqual(record.deleted, true);
      });

      it('archives the task in Tallyfy, and the record follows what Tallyfy answers for it then', async () => {
        const id = await taskIn('not-started');
        const before = recordOf(id);
        const since = await lastSeq();
        await vscode.commands.executeCommand(Commands.archiveTask, nodeOf(id));
        const stored = await control<SandboxTask>(`/tasks/${id}`);
        assert.ok(stored.archived_at, 'Tallyfy holds the task archived');
        const sent = (await requestsAfter(since)).map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(sent, [`DELETE /organizations/${orgId}/tasks/${id}`, `GET /organizations/${orgId}/tasks/${id}`]);
        // Tallyfy still answers for an archived task (with archived_at): the record is refreshed from
        // that answer, not marked deleted.
        const record = recordOf(id);
        assert.notEqual(record.deleted, true);
        assert.equal(record.status, stored.status);
        assert.ok(Date.parse(record.lastSyncedAt ?? '') > Date.parse(before.lastSyncedAt ?? ''), 'refreshed after the archive');
        assert.ok(api.createdTasks().some((r) => r.id === id), 'archiving keeps the task in the list');
        assert.equal(second(record.archivedAt), second(stored.archived_at), 'the record keeps archived_at');
        const model = viewModel(api.createdTasks());
        const row = model.item(model.findTask(id)!);
        assert.equal(row.state, 'archived');
        assert.equal(row.icon, 'archive');
        assert.match(row.contextValue, /^task\.archived\b/);
        const openBefore = viewModel(api.createdTasks().map((r) => (r.id === id ? before : r))).openCount();
        assert.equal(model.openCount(), openBefore - 1, 'no longer counted among the open tasks');
      });

      it('shows the archived task as Archived in the hover of its TODO, without Complete, and marks no completed TODO for it', async () => {
        const id = await taskIn('archived');
        // A positive control on the next line: a completed task's TODO is marked.
        const done = (await api.createTask({ title: 'Close the old milestone' })).id;
        await vscode.commands.executeCommand(Commands.completeTask, nodeOf(done));
        assert.equal(recordOf(done).status, 'completed');
        const document = await vscode.workspace.openTextDocument({
          language: 'typescript',
          content: `// TODO(tallyfy:${id}): Publish the release notes\n// TODO(tallyfy:${done}): Close the old milestone\n`,
        });

        const hover = await hoverText(document, 0);
        assert.match(hover, /Status: Archived \(not-started\)/);
        assert.ok(!hover.includes(Commands.completeTask), 'no Complete link for an archived task');
        assert.ok(hover.includes(`command:${Commands.restoreTask}?`), 'a Restore link for an archived task');
        assert.match(await hoverText(document, 1), /Status: Completed \(completed\)/);

        let diagnostics: vscode.Diagnostic[] = [];
        for (let i = 0; i < 50 && diagnostics.length === 0; i++) {
          diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Tallyfy');
          if (diagnostics.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.deepEqual(
          diagnostics.map((d) => d.range.start.line),
          [1],
          'only the completed task\'s TODO is marked, not the archived one',
        );
      });

      it('restores the archived task in Tallyfy from the Restore link of its TODO\'s hover, and the record shows its status again', async () => {
        const id = await taskIn('archived');
        const document = await vscode.workspace.openTextDocument({
          language: 'typescript',
          content: `// TODO(tallyfy:${id}): Publish the release notes\n`,
        });
        // What a click on the link runs: the command with the link's arguments.
        const link = new RegExp(`command:${Commands.restoreTask.replace('.', '\\.')}\\?([^)\\s]+)`).exec(await hoverText(document, 0));
        assert.ok(link, 'the hover offers Restore');
        const since = await lastSeq();
        await vscode.commands.executeCommand(Commands.restoreTask, ...(JSON.parse(decodeURIComponent(link[1]!)) as unknown[]));
        const stored = await control<SandboxTask>(`/tasks/${id}`);
        assert.equal(stored.archived_at, null, 'Tallyfy holds the task restored');
        const sent = (await requestsAfter(since)).map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(sent, [`PUT /organizations/${orgId}/tasks/${id}/restore`, `GET /organizations/${orgId}/tasks/${id}`]);
        const record = recordOf(id);
        assert.equal(record.archivedAt, undefined);
        assert.equal(record.status, 'not-started');
        assert.notEqual(record.deleted, true);
        const model = viewModel(api.createdTasks());
        const row = model.item(model.findTask(id)!);
        assert.equal(row.state, 'not-started');
        assert.match(row.contextValue, /^task\.not-started\b/);
        const hover = await hoverText(document, 0);
        assert.ok(hover.includes(`command:${Commands.completeTask}?`) && !hover.includes(Commands.restoreTask), 'Complete again, not Restore');
      });
    });

    it('marks the record deleted when Tallyfy no longer finds the task it archived', async () => {
      const { id } = await api.createTask({ title: 'Retire the old build server' });
      const notFound: FaultSpec = {
        kind: 'status',
        status: 404,
        method: 'GET',
        path: `/organizations/*/tasks/${id}`,
        body: { error: true, message: 'Task not found.', code: 'RESOURCE_NOT_FOUND' },
      };
      await control('/faults', { method: 'POST', body: notFound });
      await vscode.commands.executeCommand(Commands.archiveTask, nodeOf(id));
      assert.ok((await control<SandboxTask>(`/tasks/${id}`)).archived_at, 'Tallyfy holds the task archived');
      assert.deepEqual(await control<FaultSpec[]>('/faults'), [], 'the re-read met the 404');
      const record = recordOf(id);
      assert.equal(record.deleted, true, 'marked, not dropped');
      assert.equal(record.status, 'not-started');
    });

    describe('refreshing while the records change', () => {
      afterEach(async () => {
        await control('/late', { method: 'POST' });
        await control('/faults', { method: 'DELETE' });
      });

      it('keeps a Complete made while a refresh waited for its list answers', async () => {
        // Two open tasks, so that the refresh reads the list rather than one task at a time.
        const { id } = await api.createTask({ title: 'Ship the late answer fix' });
        await api.createTask({ title: 'Review the late answer fix' });
        const since = await lastSeq();
        const late: FaultSpec = { kind: 'late', method: 'GET', path: '/organizations/*/tasks' };
        await control('/faults', { method: 'POST', body: late });

        const refreshing = vscode.commands.executeCommand(Commands.refreshTasks);
        // Tallyfy has computed the list (the task not started) and holds the answer back.
        assert.deepEqual(await control('/late'), { held: true });
        assert.ok((await requestsAfter(since)).some((r) => r.fault === 'late'), 'the held answer is the list\'s');
        await vscode.commands.executeCommand(Commands.completeTask, nodeOf(id));
        assert.equal(recordOf(id).status, 'completed');
        assert.equal((await control<{ released: number }>('/late', { method: 'POST' })).released, 1);
        await refreshing;

        assert.equal(recordOf(id).status, 'completed', 'the older list answer did not revert the Complete');
        assert.equal((await control<SandboxTask>(`/tasks/${id}`)).status, 'completed');
      });

      it('fires no change for a refresh that finds nothing new', async () => {
        await api.createTask({ title: 'Keep the records quiet' });
        await vscode.commands.executeCommand(Commands.refreshTasks);
        const before = structuredClone(api.createdTasks());
        const since = await lastSeq();
        let changes = 0;
        const subscription = api.onDidChangeTasks(() => changes++);
        try {
          await vscode.commands.executeCommand(Commands.refreshTasks);
        } finally {
          subscription.dispose();
        }
        assert.ok((await requestsAfter(since)).length > 0, 'the refresh asked Tallyfy');
        assert.equal(changes, 0);
        assert.deepEqual(
          api.createdTasks().map(({ lastSyncedAt: _, ...rest }) => rest),
          before.map(({ lastSyncedAt: _, ...rest }) => rest),
        );
      });
    });

    it('leaves Tallyfy and the records unchanged when Tallyfy answers 500 to Complete', async () => {
      const { id } = await api.createTask({ title: 'Renew the TLS certificate' });
      const fault: FaultSpec = { kind: 'status', status: 500, method: 'POST', path: '/organizations/*/completed-tasks' };
      await control('/faults', { method: 'POST', body: fault });
      const recordsBefore = structuredClone(api.createdTasks());
      const tallyfyBefore = await control<SandboxTask[]>('/tasks');
      const since = await lastSeq();

      // The failure is shown to the user; the command itself settles.
      await vscode.commands.executeCommand(Commands.completeTask, nodeOf(id));

      const sent = await requestsAfter(since);
      assert.deepEqual(
        sent.map((r) => [`${r.method} ${r.path}`, r.fault]),
        [[`POST /organizations/${orgId}/completed-tasks`, 'status']],
        'one attempt, not sent again, and no re-read',
      );
      assert.deepEqual(await control<SandboxTask[]>('/tasks'), tallyfyBefore);
      assert.deepEqual(api.createdTasks(), recordsBefore);
      assert.equal(recordOf(id).status, 'not-started');
    });
  });
}
