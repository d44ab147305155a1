import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, CONFIG_SECTION, EXTENSION_ID, SettingDefaults, Views } from '../../src/core/contract';
import { taskWebLink } from '../../src/core/tallyfy/links';
import type { TallyfyTodoApi } from '../../src/editor/api';
import { SettingsReader } from '../../src/editor/settings';
import { until } from './waits';

export default function (): void {
  describe('activation', () => {
    let extension: vscode.Extension<TallyfyTodoApi>;

    before(async () => {
      const found = vscode.extensions.getExtension<TallyfyTodoApi>(EXTENSION_ID);
      assert.ok(found, `${EXTENSION_ID} is not installed`);
      extension = found;
      await extension.activate();
    });

    it('activates and returns the public API', () => {
      assert.equal(extension.isActive, true);
      assert.equal(extension.exports.apiVersion, 1);
      assert.equal(typeof extension.exports.createTask, 'function');
      assert.ok(Array.isArray(extension.exports.createdTasks()));
    });

    it('registers every contributed command', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      const contributed: { command: string }[] = extension.packageJSON.contributes.commands;
      assert.ok(contributed.length >= Object.keys(Commands).length);
      for (const { command } of contributed) {
        assert.ok(registered.has(command), `${command} is not registered`);
      }
    });

    it('declares exactly the settings the code knows', () => {
      const declared = Object.keys(extension.packageJSON.contributes.configuration.properties as Record<string, unknown>);
      assert.deepEqual(declared.sort(), Object.keys(SettingDefaults).map((key) => `${CONFIG_SECTION}.${key}`).sort());
    });

    it('ignores a task link template set by the workspace (a cloned repository)', async function () {
      this.timeout(20_000);
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      assert.ok(folder, 'the suite runs in a folder');
      const file = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
      const config = () => vscode.workspace.getConfiguration(CONFIG_SECTION, folder);
      /** Waits until VS Code has read the workspace's settings file (a window-scoped marker shows it). */
      const whenMarker = (value: number | undefined): Promise<void> =>
        until(() => config().inspect('contextLines')?.workspaceValue === value, vscode.workspace.onDidChangeConfiguration);
      const settings = { 'tallyfy.contextLines': 7, 'tallyfy.taskUrlTemplate': 'https://elsewhere.example/{orgId}/{taskId}' };
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(settings)));
      try {
        await whenMarker(7);
        const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
        assert.equal(new SettingsReader(quiet).taskUrlTemplate(), '');
        assert.equal(taskWebLink({ orgId: 'org', taskId: 'task', template: new SettingsReader(quiet).taskUrlTemplate() }), undefined);
      } finally {
        await vscode.workspace.fs.delete(file);
        await whenMarker(undefined);
      }
    });

    it('reads every setting with its documented default', () => {
      const properties = extension.packageJSON.contributes.configuration.properties as Record<string, { scope?: string }>;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      for (const [key, value] of Object.entries(SettingDefaults)) {
        // Each with the scope it is declared with, as the extension reads it.
        const scope = properties[`${CONFIG_SECTION}.${key}`]?.scope;
        const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope === 'resource' || scope === 'language-overridable' ? folder : undefined);
        const inspected = config.inspect(key);
        assert.deepEqual(inspected?.defaultValue, value, key);
        // The runner points apiBaseUrl and organizationId at the sandbox; every other setting is unset.
        const set = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => v !== undefined);
        if (!set) {
          assert.deepEqual(config.get(key), value, key);
        }
      }
    });

    it('contributes the Tallyfy view, which can be shown', async () => {
      const views: { id: string }[] = extension.packageJSON.contributes.views[Views.container];
      assert.ok(views.some((view) => view.id === Views.tasks), `${Views.tasks} is not contributed`);
      await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
      await vscode.commands.executeCommand(`${Views.tasks}.focus`);
    });
  });
}
