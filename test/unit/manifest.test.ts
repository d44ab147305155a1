// The manifest and the code agree: every id and default declared in src/core/contract.ts is what
// package.json contributes, and every %placeholder% in package.json has its text in package.nls.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMMAND_CATEGORY,
  CommandTitles,
  Commands,
  ContextKeys,
  EXTENSION_ID,
  PaletteHiddenCommands,
  SettingDefaults,
  ViewTitles,
  Views,
} from '../../src/core/contract';
import type { TaskRecord } from '../../src/core/records/record';
import { describeTask } from '../../src/core/tasks/treeModel';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const localized = (value: string): string => {
  const m = /^%(.+)%$/.exec(value);
  return m ? (nls[m[1] as string] ?? assert.fail(`package.nls.json lacks ${m[1]}`)) : value;
};

describe('manifest', () => {
  it('is identified as the contract says', () => {
    assert.equal(`${pkg.publisher}.${pkg.name}`, EXTENSION_ID);
    assert.equal(pkg.version, '0.1.0');
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.l10n, './l10n');
    assert.equal(pkg.license, 'MIT');
  });

  it('asks for a VS Code no newer than the test harness and pins @types/vscode to that minimum', () => {
    const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(pkg.engines.vscode);
    assert.ok(m, pkg.engines.vscode);
    const minor = Number(m[2]);
    assert.ok(Number(m[1]) === 1 && minor >= 95 && minor <= 139, pkg.engines.vscode);
    assert.equal(pkg.devDependencies['@types/vscode'], pkg.engines.vscode.slice(1));
  });

  it('never activates on everything', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes('onStartupFinished'));
  });

  it('contributes exactly the commands of the contract, titled and in the Tallyfy category', () => {
    const contributed = new Map<string, { title: string; category: string }>(
      pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, c]),
    );
    assert.deepEqual([...contributed.keys()].sort(), Object.values(Commands).sort());
    for (const [id, title] of Object.entries(CommandTitles)) {
      const c = contributed.get(id);
      assert.ok(c, id);
      assert.equal(localized(c.title), title, id);
      assert.equal(localized(c.category), COMMAND_CATEGORY, id);
    }
  });

  it('hides the commands that need a task or a TODO from the palette, and shows the right-click items only on a TODO or a selection', () => {
    const palette = pkg.contributes.menus.commandPalette;
    for (const id of PaletteHiddenCommands) {
      assert.ok(palette.some((e: { command: string; when: string }) => e.command === id && e.when === 'false'), id);
    }
    const context = pkg.contributes.menus['editor/context'];
    assert.deepEqual(
      context.map((e: { command: string; when: string }) => [e.command, e.when]),
      [
        [Commands.createTaskFromTodoMenu, ContextKeys.onTodo],
        [Commands.linkTodoToTask, `${ContextKeys.onTodo} && !${ContextKeys.onLinkedTodo}`],
        [Commands.createTasksFromTodos, `${ContextKeys.onTodo} || editorHasSelection`],
      ],
    );
    assert.deepEqual(pkg.contributes.menus['explorer/context'].map((e: { command: string }) => e.command), [Commands.createTasksFromTodos]);
  });

  it("offers Restore on an archived task instead of Complete, Reopen and Archive, and keeps the task's other items", () => {
    const entries: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    /** The commands of a task row's context menu, for the contextValue the tree model gives the record. */
    const offered = (record: TaskRecord): string[] => offeredIn(entries, Views.tasks, describeTask(record, Date.parse('2030-06-10T12:00:00Z')).contextValue);
    const task: TaskRecord = {
      id: '0123456789abcdef0123456789abcdef',
      title: 'Fix the parser',
      taskType: 'task',
      status: 'in-progress',
      deadline: '2030-06-01T00:00:00Z',
      assignees: [],
      orgId: 'org',
      baseUrl: 'https://go.tallyfy.com/api',
      createdAt: '2030-01-01T00:00:00Z',
      source: { uri: 'file:///a.ts', line: 0, reference: 'tallyfy:0123456789abcdef0123456789abcdef' },
    };
    const archived = new Set(offered({ ...task, archivedAt: '2030-06-09T00:00:00Z' }));
    for (const id of [Commands.restoreTask, Commands.deleteTask, Commands.openTask, Commands.copyTaskId, Commands.revealTodo, Commands.refreshTask, Commands.removeFromList]) {
      assert.ok(archived.has(id), `an archived task offers ${id}`);
    }
    for (const id of [Commands.completeTask, Commands.reopenTask, Commands.archiveTask]) {
      assert.ok(!archived.has(id), `an archived task does not offer ${id}`);
    }
    const inProcess = new Set(offered({ ...task, runId: 'ab'.repeat(16) }));
    assert.ok(inProcess.has(Commands.completeTask) && !inProcess.has(Commands.archiveTask), 'a process task is archived only with its process');
    assert.ok(new Set(offered({ ...task, source: undefined })).has(Commands.archiveTask), 'an unlinked one-off task offers Archive');
    const overdue = new Set(offered(task));
    assert.ok(overdue.has(Commands.completeTask) && overdue.has(Commands.archiveTask) && !overdue.has(Commands.restoreTask));
    const completed = new Set(offered({ ...task, status: 'completed' }));
    assert.ok(completed.has(Commands.reopenTask) && !completed.has(Commands.restoreTask));
    assert.ok(overdue.has(Commands.showTaskDetails) && archived.has(Commands.showTaskDetails), 'details of a task read from Tallyfy');
  });

  it('offers Complete, the details, Open in Tallyfy and Copy Task Id on a task of Assigned to Me, and Go to TODO on a linked one', () => {
    const entries: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    const unlinked = new Set(offeredIn(entries, Views.assigned, 'assigned.approval.process'));
    for (const id of [Commands.completeAssignedTask, Commands.showTaskDetails, Commands.openTask, Commands.copyTaskId]) {
      assert.ok(unlinked.has(id), `offers ${id}`);
    }
    assert.ok(!unlinked.has(Commands.revealTodo), 'no Go to TODO without a TODO');
    assert.ok(new Set(offeredIn(entries, Views.assigned, 'assigned.task.linked')).has(Commands.revealTodo));
    assert.deepEqual(offeredIn(entries, Views.assigned, 'task.in-progress'), [], "the Tasks view's rows are not its");
  });

  it('binds a key to creating a task, only while the cursor is on a TODO', () => {
    const [binding] = pkg.contributes.keybindings;
    assert.equal(binding.command, Commands.createTaskFromTodoMenu);
    assert.match(binding.when, new RegExp(`\\b${ContextKeys.onTodo.replace('.', '\\.')}\\b`));
  });

  it('contributes every setting with its default and a description', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(
      Object.keys(props).sort(),
      Object.keys(SettingDefaults).map((k) => `tallyfy.${k}`).sort(),
    );
    for (const [key, value] of Object.entries(SettingDefaults)) {
      const p = props[`tallyfy.${key}`];
      assert.deepEqual(p.default, value, key);
      assert.ok(localized(p.markdownDescription ?? p.description).length > 20, key);
    }
    assert.equal(props['tallyfy.apiBaseUrl'].scope, 'application');
    // Read per document: a folder (or a language) may set its own.
    for (const key of ['todoKeywords', 'codeLens']) assert.equal(props[`tallyfy.${key}`].scope, 'language-overridable', key);
    for (const key of ['writeBack', 'contextLines', 'completedTaskDiagnostics']) assert.equal(props[`tallyfy.${key}`].scope, 'resource', key);
    assert.equal(props['tallyfy.taskUrlTemplate'].scope, 'application', 'what "Open in Tallyfy" opens is the user\'s to say');
  });

  it('keeps the API address and the task link out of reach of untrusted workspaces', () => {
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['tallyfy.apiBaseUrl', 'tallyfy.taskUrlTemplate']);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  it('contributes the Tallyfy container and its Tasks view', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === Views.container);
    assert.equal(localized(container.title), ViewTitles[Views.container]);
    const view = pkg.contributes.views[Views.container].find((v: { id: string }) => v.id === Views.tasks);
    assert.equal(localized(view.name), ViewTitles[Views.tasks]);
    const welcome = pkg.contributes.viewsWelcome.filter((w: { view: string }) => w.view === Views.tasks);
    assert.ok(welcome.some((w: { contents: string }) => localized(w.contents).includes('(command:tallyfy.signIn)')));
  });

  it('walks a new user through signing in and creating a first task', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    const steps = walkthrough.steps as { id: string; completionEvents: string[]; media: { markdown: string } }[];
    assert.deepEqual(steps.map((s) => s.id), ['signIn', 'createTask', 'tasksView']);
    assert.deepEqual(steps[0]?.completionEvents, [`onContext:${ContextKeys.signedIn}`]);
    assert.ok(steps[1]?.completionEvents.includes(`onCommand:${Commands.createTaskFromTodo}`));
    for (const step of steps) {
      assert.ok(readFileSync(join(root, step.media.markdown), 'utf8').startsWith('# '), step.media.markdown);
    }
  });

  it('has a text for every %placeholder% and no unused text', () => {
    const used = new Set<string>();
    JSON.stringify(pkg).replace(/"%([^"%]+)%"/g, (_, key: string) => {
      used.add(key);
      return '';
    });
    for (const key of used) {
      assert.ok(key in nls, `package.nls.json lacks ${key}`);
    }
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });
});

/** The commands of `view`'s context menu entries that a row with `contextValue` gets. */
function offeredIn(entries: readonly { command: string; when: string }[], view: string, contextValue: string): string[] {
  return entries
    .filter((entry) => {
      const m = /^view == ([\w.]+) && viewItem =~ \/(.+)\/$/.exec(entry.when);
      assert.ok(m, entry.when);
      return m[1] === view && new RegExp(m[2] as string).test(contextValue);
    })
    .map((entry) => entry.command);
}
