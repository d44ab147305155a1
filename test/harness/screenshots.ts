// `npm run screenshots`: the README's pictures, taken from the real workbench against the sandbox, so
// they show what users see. Writes media/screenshots/*.png (not packaged into the .vsix).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorLine, formFrame, openFile, openMenuWith, reviewFrame, runCommand, signIn, signInItem, startE2E } from '../e2e/workbench';
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
    console.log(`Screenshots written to ${out}`);
  } finally {
    await e2e.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
