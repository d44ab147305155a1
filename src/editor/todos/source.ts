import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceInput } from '../../core/form';
import type { SettingsReader } from '../settings';
import { lineSource } from './documents';

/** The little of the built-in git extension's API this needs (`vscode.git`, API version 1). */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD?: { readonly commit?: string } | undefined;
    readonly remotes: readonly { readonly name: string; readonly fetchUrl?: string; readonly pushUrl?: string }[];
    readonly workingTreeChanges: readonly { readonly uri: vscode.Uri }[];
    readonly indexChanges: readonly { readonly uri: vscode.Uri }[];
    readonly untrackedChanges?: readonly { readonly uri: vscode.Uri }[];
  };
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

function gitRepository(uri: vscode.Uri): GitRepository | undefined {
  const git = vscode.extensions.getExtension<{ enabled: boolean; getAPI(version: 1): GitApi }>('vscode.git');
  if (git === undefined || !git.isActive || !git.exports.enabled) {
    return undefined;
  }
  return git.exports.getAPI(1).getRepository(uri) ?? undefined;
}

/** Where a TODO (or selection) is, for the task's description: path, line, code around it, repository link. */
export function sourceInput(
  document: vscode.TextDocument,
  range: { start: { line: number }; end: { line: number } },
  settings: SettingsReader,
): SourceInput {
  const repository = gitRepository(document.uri);
  const remote = repository?.state.remotes.find((r) => r.name === 'origin') ?? repository?.state.remotes[0];
  const remoteUrl = remote?.fetchUrl ?? remote?.pushUrl;
  const commit = repository?.state.HEAD?.commit;
  const same = (change: { uri: vscode.Uri }): boolean => change.uri.toString() === document.uri.toString();
  const uncommitted =
    repository !== undefined &&
    (repository.state.workingTreeChanges.some(same) ||
      repository.state.indexChanges.some(same) ||
      (repository.state.untrackedChanges ?? []).some(same));
  return {
    relativePath: vscode.workspace.asRelativePath(document.uri),
    range,
    lines: lineSource(document),
    languageId: document.languageId,
    contextLines: settings.get('contextLines', document),
    dirty: document.isDirty,
    uncommitted,
    repository:
      repository !== undefined && remoteUrl !== undefined && commit !== undefined
        ? {
            remoteUrl,
            commit,
            pathInRepository: path.relative(repository.rootUri.fsPath, document.uri.fsPath).split(path.sep).join('/'),
          }
        : undefined,
  };
}
