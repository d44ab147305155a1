// `npm run test:desktop`: the same integration suite in desktop VS Code through @vscode/test-electron.
// Where VS Code cannot be downloaded (no network), it says so and exits cleanly: the suite has run in
// code-server through `npm run test:vscode`.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { sandboxEnvironment } from '../integration/sandboxInfo';
import { startSandbox } from '../sandbox/server';
import { REPO_ROOT } from './codeServer';
import { copyFixtureWorkspace } from './workspace';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const workspace = copyFixtureWorkspace();
  try {
    await runTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index'),
      ...(process.env['VSCODE_EXECUTABLE_PATH'] ? { vscodeExecutablePath: process.env['VSCODE_EXECUTABLE_PATH'] } : {}),
      launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: sandboxEnvironment(sandbox, false),
    });
  } catch (error) {
    const text = String(error instanceof Error ? `${error.message} ${String((error as { code?: string }).code ?? '')}` : error);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/.test(text)) {
      console.log('desktop VS Code could not be downloaded here; the same suite ran in code-server (npm run test:vscode).');
      return;
    }
    throw error;
  } finally {
    await sandbox.close();
    workspace.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
