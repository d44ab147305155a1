import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSignedIn, ensureSignedOut, notification, runCommand, signInItem, useE2E } from './workbench';

describe('e2e: signing in', function () {
  const e2e = useE2E();
  const box = () => e2e.page.locator('.quick-input-widget input[type="password"]');

  async function openSignInBox(): Promise<void> {
    await ensureSignedOut(e2e);
    await runCommand(e2e.page, 'Tallyfy: Sign In');
    await box().waitFor({ state: 'visible' });
  }

  it('shows "Tallyfy: Sign In" in the status bar, which opens the sign-in box', async () => {
    await ensureSignedOut(e2e);
    const before = e2e.sandbox.requests().length;
    await signInItem(e2e.page).click();
    await box().waitFor({ state: 'visible' });
    await box().press('Escape');
    await box().waitFor({ state: 'hidden' });
    assert.equal(e2e.sandbox.requests().length, before, 'nothing was sent');
  });

  it('"Tallyfy: Sign In" from the palette asks for the token in a password box', async () => {
    await openSignInBox();
    assert.match(await e2e.page.locator('.quick-input-widget').innerText(), /Sign in to Tallyfy/);
  });

  it('reports a wrong token in the box and stores nothing', async () => {
    await openSignInBox();
    const before = e2e.sandbox.requests({ path: '/me' }).length;
    await box().fill('not-a-valid-token');
    await box().press('Enter');
    await e2e.page.locator('.quick-input-widget', { hasText: 'Tallyfy rejected this token' }).waitFor();
    assert.equal(await box().isVisible(), true, 'the box stays open for another try');
    assert.equal(e2e.sandbox.requests({ path: '/me' }).length, before + 1);
    await box().press('Escape');
    await signInItem(e2e.page).waitFor();
  });

  it('signs in with the right token and shows the organization in the status bar', async () => {
    await openSignInBox();
    await box().fill(e2e.sandbox.token);
    await box().press('Enter');
    const orgName = e2e.sandbox.seed.organizations.find((o) => o.id === e2e.sandbox.orgId)?.name;
    assert.ok(orgName);
    await e2e.page.locator('.statusbar-item', { hasText: orgName }).waitFor();
    await e2e.page.locator('.statusbar-item[id$="notifications"], .statusbar-item.notifications-center-toggle, [id="status.notifications"]').first().click();
    await e2e.page.locator('.notifications-center', { hasText: 'Signed in to Tallyfy as' }).waitFor();
  });

  it('switches the organization where the workspace names one, and says so', async () => {
    await ensureSignedIn(e2e);
    const [first, second] = e2e.sandbox.seed.organizations;
    assert.ok(first && second);
    const statusItem = (name: string) => e2e.page.locator('.statusbar-item', { hasText: new RegExp(`^\\W*${name}$`) });
    const settingsFile = join(e2e.folder, '.vscode', 'settings.json');
    mkdirSync(join(e2e.folder, '.vscode'), { recursive: true });
    // The team's repository names the second organization: new tasks from this workspace go there.
    writeFileSync(settingsFile, JSON.stringify({ 'tallyfy.organizationId': second.id }));
    try {
      await statusItem(second.name).waitFor();
      await runCommand(e2e.page, 'Tallyfy: Switch Organization');
      const pick = e2e.page.locator('.quick-input-widget', { hasText: 'Choose the Tallyfy organization' });
      await pick.locator('.monaco-list-row', { hasText: first.name }).filter({ hasNotText: second.name }).click();
      await statusItem(first.name).waitFor();
      assert.equal((JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)['tallyfy.organizationId'], first.id);
      await notification(e2e.page, `New Tallyfy tasks from this workspace now go to ${first.name} (saved in the workspace settings`);
    } finally {
      rmSync(join(e2e.folder, '.vscode'), { recursive: true, force: true });
    }
    await statusItem(first.name).waitFor();
  });
});
