import * as vscode from 'vscode';
import { CONFIG_SECTION, type SettingKey, type Settings } from '../core/contract';
import { parseSetting } from '../core/settings';
import type { Logger } from './log';

/**
 * Reads settings through the validating schema. A malformed value is reported once in the log and
 * replaced by its default.
 */
export class SettingsReader {
  private readonly reported = new Set<string>();

  constructor(private readonly log: Logger) {}

  get<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): Settings[K] {
    const raw = vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<unknown>(key);
    const { value, problem } = parseSetting(key, raw);
    if (problem) {
      const line = `Setting ${CONFIG_SECTION}.${problem.key} is invalid (${problem.message}); using the default.`;
      if (!this.reported.has(line)) {
        this.reported.add(line);
        this.log.warn(line);
      }
    }
    return value;
  }

  /** The API address from the user's own settings only: a workspace can never redirect the token. */
  apiBaseUrl(): string {
    return this.userValue('apiBaseUrl');
  }

  /** The task link template from the user's own settings only: a workspace can never decide what opens. */
  taskUrlTemplate(): string {
    return this.userValue('taskUrlTemplate');
  }

  /** A setting as the user's own settings have it, whatever a workspace says. */
  private userValue<K extends SettingKey>(key: K): Settings[K] {
    const inspected = vscode.workspace.getConfiguration(CONFIG_SECTION).inspect<unknown>(key);
    return parseSetting(key, inspected?.globalValue).value;
  }

  /**
   * Sets the organization new tasks go to where the one in force is set: the workspace's settings when
   * they name one (a team's repository may), else the user's. Tells which.
   */
  async setOrganization(id: string): Promise<'workspace' | 'user'> {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const where = config.inspect<unknown>('organizationId')?.workspaceValue !== undefined ? 'workspace' : 'user';
    await config.update('organizationId', id, where === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    return where;
  }

  static affects(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
    return event.affectsConfiguration(`${CONFIG_SECTION}.${key}`);
  }
}
