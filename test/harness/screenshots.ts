// `npm run screenshots`: the README's pictures, taken from the real workbench against the sandbox, so
// they show what users see. Writes media/screenshots/*.png (not packaged into the .vsix).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorLine, formFrame, openFile, openMenuWith, reviewFrame, runCommand, signIn, signInItem, startE2E, webviewFrame, type E2E } from '../e2e/workbench';
import { REPO_ROOT } from './codeServer';

async function main(): Promise<void> {
  const out = join(REPO_ROOT, 'media', 'screenshots');
  mkdirSync(out, { recursive: true });
  const e2e = await startE2E({
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
  });
  try {
    const page = e2e.page;
    await signInItem(page).waitFor({ timeout: 60_000 });
    await signIn(e2e);
    await openFile(page, 'report.ts');
    await openMenuWith(page, editorLine(page, 'TODO: Prepare the Q3 report'), 'Create Tallyfy Task from TODO');
    await page.screenshot({ path: join(out, 'context-menu.png') });
    await page.keyboard.press('Escape');
    await editorLine(page, 'TODO: Prepare the Q3 report').click();
    await runCommand(page, 'Tallyfy: Create Task from TODO');
    const form = await formFrame(page);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(out, 'task-form.png') });
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.getByRole('heading', { name: 'Task created' }).waitFor();
    await runCommand(page, 'Tallyfy: Focus on Tasks View');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(out, 'tasks-view.png') });
    writeFileSync(
      join(e2e.folder, 'src', 'billing.ts'),
      [
        'export function refund(amount: number): number {',
        '  // TODO: Refuse refunds older than 90 days',
        '  // FIXME(alice): Round to the currency, not to cents',
        '  // TODO: Log every refund to the audit trail',
        '  return amount;',
        '}',
        '// TODO: Refuse refunds older than 90 days',
        '',
      ].join('\n'),
    );
    await runCommand(page, 'View: Close All Editor Groups');
    await runCommand(page, 'Tallyfy: Create Tasks from TODOs…');
    const review = await reviewFrame(page);
    await review.getByRole('checkbox', { name: 'Log every refund to the audit trail', exact: true }).waitFor();
    await review.locator('body[data-phase="review"]').waitFor();
    await page.locator('.statusbar-item', { hasText: 'Finding TODOs' }).waitFor({ state: 'detached' });
    await page.screenshot({ path: join(out, 'review.png') });
    await runCommand(page, 'View: Close All Editor Groups');
    await assignedAndDetails(e2e, out);
    console.log(`Screenshots written to ${out}`);
  } finally {
    await e2e.close();
  }
}

/** "Assigned to Me" with tasks of every group and a process's step, then one task's details with its comments. */
async function assignedAndDetails(e2e: E2E, out: string): Promise<void> {
  const { page, sandbox } = e2e;
  const day = 86_400_000;
  const at = (days: number): string => new Date(Date.now() + days * day).toISOString();
  const release = sandbox.addRun({ name: 'Release 4.2' });
  sandbox.addTask({ title: 'Sign off the release notes', run_id: release.id, is_oneoff: false, task_type: 'approval', deadline: at(-1) });
  const review = sandbox.addTask({
    title: 'Review the retry policy',
    deadline: at(2),
    summary: '<p>The client retries <b>GETs</b> only. Check the back-off caps against the <a href="https://example.com/runbook">runbook</a>.</p>',
    tags: [sandbox.seed.tags[1]?.id ?? ''],
    extra: { form_fields: [{ label: 'Pull request', field_type: 'text', required: true }, { label: 'Risk', field_type: 'dropdown', required: false, options: [{ id: 1, text: 'Low' }, { id: 2, text: 'Medium' }, { id: 3, text: 'High' }] }] },
  });
  sandbox.setFieldValue(review.id, 'Pull request', 'https://example.com/pr/412');
  sandbox.addComment(review.id, { content: 'Started on it: the 429 path looks right.', authorId: 1002, createdAt: at(-1) });
  sandbox.addComment(review.id, { content: 'Thanks <strong>@Grace</strong>, the caps need a second look.', authorId: 1001 });
  sandbox.addTask({ title: 'Update the on-call runbook', run_id: release.id, is_oneoff: false, deadline: at(9) });
  await runCommand(page, 'Tallyfy: Focus on Assigned to Me View');
  await runCommand(page, 'Tallyfy: Refresh Assigned to Me');
  const view = page.locator('.pane:has(.pane-header[aria-label^="Assigned to Me"])');
  await view.locator('.monaco-list-row', { hasText: 'Review the retry policy' }).click();
  const details = await webviewFrame(page, (frame) => frame.getByRole('heading', { name: 'Review the retry policy' }), 'The task details');
  await details.getByText('the caps need a second look').waitFor();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(out, 'assigned-and-details.png') });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
