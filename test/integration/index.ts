// The suite that runs inside a real VS Code extension host (code-server here, desktop VS Code through
// @vscode/test-electron). Each test file exports a function that declares its tests; they are imported
// here so the bundle holds them all.
import Mocha from 'mocha';
import * as vscode from 'vscode';
import activation from './activation.test';
import session from './session.test';
import tasks from './tasks.test';
import todos from './todos.test';

const files: (() => void)[] = [activation, session, todos, tasks];

export function run(): Promise<void> {
  const kind = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  console.log(`Integration suite running in VS Code ${vscode.version} (${vscode.env.appName}, ${kind})`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  for (const declare of files) {
    declare();
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0, tests = 0 } = runner.stats ?? {};
      console.log(`integration: ${passes} passed, ${failed} failed`);
      if (failures > 0 || tests === 0) {
        reject(new Error(tests === 0 ? 'No integration test ran.' : `${failures} integration tests failed.`));
      } else {
        resolve();
      }
    });
  });
}
