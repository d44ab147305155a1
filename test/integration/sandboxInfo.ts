// How the runners tell the suite inside VS Code where the sandbox is: one environment variable, written
// by the runners (test/harness) and read by the tests. No `vscode` import, so the runners can use it.
import assert from 'node:assert/strict';

const VARIABLE = 'TALLYFY_TEST_SANDBOX';

export interface SandboxInfo {
  readonly url: string;
  readonly controlUrl: string;
  readonly orgId: string;
  /** The runner types the token into the sign-in box (the code-server runner drives the workbench). */
  readonly typist: boolean;
}

/** The extension host's environment entry for a sandbox. */
export function sandboxEnvironment(sandbox: { url: string; controlUrl: string; orgId: string }, typist: boolean): Record<string, string> {
  const info: SandboxInfo = { url: sandbox.url, controlUrl: sandbox.controlUrl, orgId: sandbox.orgId, typist };
  return { [VARIABLE]: JSON.stringify(info) };
}

/** The sandbox the runner started, as the suite sees it. */
export function sandboxInfo(): SandboxInfo {
  const raw = process.env[VARIABLE];
  assert.ok(raw, `the runner passes ${VARIABLE}`);
  return JSON.parse(raw) as SandboxInfo;
}
