// Sign-in, task creation through the public API, and where the token may go, against the sandbox the
// runner started. The runner types the token into the sign-in box, as a person would.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/core/contract';
import { isTallyfyError } from '../../src/core/tallyfy';
import type { TallyfyTodoApi } from '../../src/editor/api';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { sandboxInfo } from './sandboxInfo';

async function control<T>(path: string): Promise<T> {
  const response = await fetch(`${sandboxInfo().controlUrl}${path}`);
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

export default function (): void {
  describe('session and public API', () => {
    let api: TallyfyTodoApi;

    before(async () => {
      api = await vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID)!.activate();
      const config = vscode.workspace.getConfiguration('tallyfy');
      await config.update('apiBaseUrl', sandboxInfo().url, vscode.ConfigurationTarget.Global);
      await config.update('organizationId', sandboxInfo().orgId, vscode.ConfigurationTarget.Global);
    });

    it('refuses to create a task while signed out, sending nothing', async () => {
      const before = await control<unknown[]>('/requests');
      await assert.rejects(api.createTask({ title: 'Not yet' }), (error: unknown) => isTallyfyError(error, 'signed-out'));
      assert.equal((await control<unknown[]>('/requests')).length, before.length);
    });

    if (!sandboxInfo().typist) {
      console.log('This runner cannot type into the sign-in box: the signed-in tests run under npm run test:vscode.');
      return;
    }

    it('signs in through the password box against the sandbox', async () => {
      const signedIn = await vscode.commands.executeCommand<boolean>(Commands.signIn);
      assert.equal(signedIn, true);
      const requests = await control<{ path: string; headers: Record<string, string> }[]>('/requests');
      const me = requests.find((r) => r.path === '/me');
      assert.ok(me, 'GET /me checked the token');
      assert.equal(me.headers['x-tallyfy-client'], 'APIClient');
      assert.match(me.headers['user-agent'] ?? '', /^tallyfy-todo\/0\.1\.0 /);
    });

    it('creates a task through the public API, assigned to the signed-in user, and lists it', async () => {
      let changes = 0;
      const listener = api.onDidChangeTasks(() => changes++);
      const record = await api.createTask({ title: '  Prepare the Q3 report  ', description: 'From the integration suite' });
      listener.dispose();
      assert.match(record.id, /^[0-9a-f]{32}$/);
      assert.equal(record.title, 'Prepare the Q3 report');
      assert.equal(record.orgId, sandboxInfo().orgId);
      assert.ok(changes >= 1);
      assert.equal(api.createdTasks()[0]?.id, record.id);
      const tasks = await control<{ id: string; title: string; owners: { users: number[] }; summary: string | null }[]>('/tasks');
      const stored = tasks.filter((t) => t.title === 'Prepare the Q3 report');
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.owners.users.length, 1);
      assert.equal(stored[0]?.summary, 'From the integration suite');
    });

    it('rejects bad input before any request, naming the field', async () => {
      // Writes only: "Assigned to Me" reads the user's tasks in the background after the task the test
      // before created, and may do so meanwhile.
      const posts = async (): Promise<number> => (await control<Array<{ method: string }>>('/requests')).filter((r) => r.method === 'POST').length;
      const before = await posts();
      await assert.rejects(api.createTask({ title: '   ' }), (error: unknown) => {
        assert.ok(isTallyfyError(error, 'validation'));
        assert.ok(error.fieldErrors?.['title']?.length);
        return true;
      });
      await assert.rejects(api.createTask({ title: 'x', webhook: 'ftp://example.com' }), (error: unknown) =>
        isTallyfyError(error, 'validation') && error.fieldErrors?.['webhook'] !== undefined);
      assert.equal(await posts(), before);
    });

    describe('a workspace setting for the API address', () => {
      let other: Sandbox;

      let settingsFile: vscode.Uri;

      before(async () => {
        other = await startSandbox();
        // As a cloned repository would carry it: VS Code itself refuses to write this setting there.
        const folder = vscode.workspace.workspaceFolders![0]!.uri;
        settingsFile = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
        await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'tallyfy.apiBaseUrl': other.url })));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      });

      after(async () => {
        await vscode.workspace.fs.delete(settingsFile);
        await other.close();
      });

      it('does not redirect the token', async () => {
        const record = await api.createTask({ title: 'Still goes to the user-configured address' });
        assert.equal(other.requests().length, 0, 'the workspace-configured server received nothing');
        const tasks = await control<{ id: string }[]>('/tasks');
        assert.ok(tasks.some((t) => t.id === record.id));
      });
    });

    describe('signing out', () => {
      it('deletes the token, after which creating fails as signed out and sends nothing', async () => {
        await vscode.commands.executeCommand(Commands.signOut);
        // Writes only: "Assigned to Me" may read the user's tasks in the background meanwhile.
        const posts = async (): Promise<number> => (await control<Array<{ method: string }>>('/requests')).filter((r) => r.method === 'POST').length;
        const before = await posts();
        await assert.rejects(api.createTask({ title: 'After sign-out' }), (error: unknown) => isTallyfyError(error, 'signed-out'));
        assert.equal(await posts(), before);
      });
    });
  });
}
