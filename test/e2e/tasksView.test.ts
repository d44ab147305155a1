import assert from 'node:assert/strict';
import { editorLine, openFromExplorer, quickCreateFromMenu, runCommand, signIn, useE2E } from './workbench';

const TITLE = 'Prepare the Q3 report for the board';

describe('e2e: the Tallyfy tasks view', function () {
  const e2e = useE2E({ settings: { 'tallyfy.createOpens': 'quick' } });
  let taskId: string;

  const view = () => e2e.page.locator('.pane:has(.pane-header[aria-label^="Tasks"])');
  const row = (text: string) => view().locator('.monaco-list-row', { hasText: text }).first();

  async function showView(): Promise<void> {
    if (!(await view().isVisible())) {
      await runCommand(e2e.page, 'Tallyfy: Focus on Tasks View');
    }
    await view().waitFor({ state: 'visible' });
  }

  it('welcomes a signed-out user with a sign-in button', async () => {
    await showView();
    await view().getByRole('button', { name: 'Sign in to Tallyfy' }).waitFor();
  });

  it('lists a task created from a TODO, with its short id and deadline', async () => {
    await signIn(e2e);
    await openFromExplorer(e2e.page, 'src', 'report.ts');
    const titleBox = await quickCreateFromMenu(e2e.page, 'TODO: Prepare the Q3 report');
    assert.equal(await titleBox.inputValue(), TITLE);
    await titleBox.press('Enter');
    await editorLine(e2e.page, 'TODO(tallyfy:').waitFor();
    const [task] = e2e.sandbox.tasks().filter((t) => t.title === TITLE);
    assert.ok(task);
    taskId = task.id;
    await showView();
    await row(TITLE).waitFor();
    const text = await row(TITLE).innerText();
    assert.ok(text.includes(taskId.slice(0, 8)), text);
    assert.match(text, /due in \d+ days/);
    assert.ok(await view().locator('.monaco-list-row', { hasText: 'report.ts' }).count(), 'grouped by file');
  });

  it('shows a status changed in Tallyfy after "Refresh Tasks"', async () => {
    e2e.sandbox.setTaskStatus(taskId, 'completed');
    await runCommand(e2e.page, 'Tallyfy: Refresh Tasks');
    await view().locator(`.monaco-list-row[aria-label*="Completed"]`, { hasText: TITLE }).waitFor();
  });

  it('reveals the TODO on its current line after lines were added above it', async () => {
    await editorLine(e2e.page, 'export function quarterlyReport').click();
    await e2e.page.keyboard.press('Home');
    await e2e.page.keyboard.press('Enter');
    await e2e.page.keyboard.press('Enter');
    await row(TITLE).click();
    await e2e.page.locator('.statusbar-item', { hasText: /Ln 4, Col \d+/ }).waitFor();
  });

  it('asks before deleting a task permanently, and deletes nothing when cancelled', async () => {
    const dialog = e2e.page.locator('.monaco-dialog-box');
    // The row can re-render under an open menu (the list refreshes), so try the menu again if needed.
    for (let attempt = 1; ; attempt++) {
      await row(TITLE).click({ button: 'right' });
      await e2e.page.locator('.context-view .action-label', { hasText: 'Delete Permanently' }).click();
      try {
        await dialog.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await e2e.page.keyboard.press('Escape');
      }
    }
    assert.match(await dialog.innerText(), /cannot be undone/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.ok(e2e.sandbox.task(taskId), 'still in Tallyfy');
    assert.equal(e2e.sandbox.requests({ method: 'DELETE' }).length, 0);
  });

  it("keeps the list across a window reload, and marks the completed task's TODO", async () => {
    await e2e.page.reload();
    await e2e.page.locator('.monaco-workbench').waitFor();
    await e2e.page.locator('.statusbar-item', { hasText: 'Sandbox Organization' }).waitFor({ timeout: 60_000 });
    await showView();
    await row(TITLE).waitFor({ timeout: 60_000 });
    // The completed task's TODO carries an Information diagnostic.
    await e2e.page.locator('.statusbar-item', { hasText: /\b1\b/ }).filter({ has: e2e.page.locator('.codicon-info') }).waitFor();
  });
});
