import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import { buildDescription } from '../../core/form';
import type { TaskRecord } from '../../core/records';
import { isTallyfyError, TITLE_MAX_LENGTH } from '../../core/tallyfy';
import type { TodoComment } from '../../core/todo';
import { checkForTask } from '../checkForTask';
import { createTask } from '../taskCreation';
import { NO_OWNERS, type MemberDirectory, type TodoOwners } from '../owners';
import { describeError, presentError } from '../errors';
import type { Logger } from '../log';
import { openTaskInTallyfy } from '../openTask';
import type { SettingsReader } from '../settings';
import type { Session } from '../auth/session';
import type { TaskService } from '../taskService';
import { toVsRange, type DocumentTodos } from './documents';
import { sourceInput } from './source';
import { TodoTracker, writeBackReference } from './writeBack';

export interface CreateDeps {
  readonly tasks: TaskService;
  readonly session: Session;
  readonly settings: SettingsReader;
  readonly todos: DocumentTodos;
  readonly log: Logger;
}

/** What a task is created from: a TODO comment, or selected text that holds none. */
export interface CreateTarget {
  readonly document: vscode.TextDocument;
  readonly todo: TodoComment | undefined;
  readonly title: string;
  readonly description: string;
  readonly line: number;
  /** The lines the TODO (or selection) spans. */
  readonly range: vscode.Range;
}

/**
 * The document and range a create command acts on: `(uri, range)` arguments (from the lightbulb, a
 * CodeLens, other commands and tests) or the active editor's selection.
 */
export async function resolveTarget(args: readonly unknown[], todos: DocumentTodos): Promise<CreateTarget | undefined> {
  const [uri, range] = args;
  let document: vscode.TextDocument;
  let selection: vscode.Range;
  if (uri instanceof vscode.Uri && range instanceof vscode.Range) {
    document = await vscode.workspace.openTextDocument(uri);
    selection = range;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and put the cursor on a TODO comment to create a Tallyfy task from it.'));
      return undefined;
    }
    document = editor.document;
    selection = editor.selection;
  }
  const todo = todos.at(document, selection);
  if (todo !== undefined) {
    return { document, todo, title: todo.title, description: todo.description, line: todo.range.start.line, range: toVsRange(todo.range) };
  }
  const selected = document.getText(selection).trim();
  if (selected === '') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('There is no TODO comment here. Put the cursor on a TODO comment, or select the text the task should be made from.'),
    );
    return undefined;
  }
  const fromSelection = vscode.l10n.t('Create from Selection');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The selection holds no TODO comment. Create a Tallyfy task from the selected text?'),
    fromSelection,
  );
  if (choice !== fromSelection) {
    return undefined;
  }
  const [first = '', ...rest] = selected.split(/\r\n|\r|\n/);
  return {
    document,
    todo: undefined,
    title: first.trim().slice(0, TITLE_MAX_LENGTH),
    description: rest.join('\n').trim(),
    line: selection.start.line,
    range: selection,
  };
}

/** A linked TODO opens its task instead of creating a duplicate, unless the user asks for another. */
export async function confirmUnlinked(target: CreateTarget, deps: CreateDeps): Promise<boolean> {
  const [linked] = target.todo?.references ?? [];
  if (linked === undefined) {
    return true;
  }
  const open = vscode.l10n.t('Open in Tallyfy');
  const another = vscode.l10n.t('Create Another Task');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('This TODO is already linked to Tallyfy task {0}.', linked),
    open,
    another,
  );
  if (choice === open) {
    await vscode.commands.executeCommand(Commands.openTask, linked);
  }
  deps.log.debug(`A create was asked for a TODO already linked to ${linked}; the user chose ${choice ?? 'nothing'}.`);
  return choice === another;
}

/** The description a quick create sends: the TODO's continuation lines, then where it came from. */
function describeSource(target: CreateTarget, settings: SettingsReader): string {
  return buildDescription(target.description, sourceInput(target.document, target.range, settings));
}

/**
 * "Tallyfy: Quick Create Task from TODO": one input box with the title; Enter creates the task with the
 * defaults (assigned to the signed-in user, due per `tallyfy.defaultDeadlineDays`). A failure that
 * created nothing asks again with what was typed and what went wrong; a create whose outcome is unknown
 * offers "Check for the task" and is never sent again without the user's say.
 */
export async function quickCreate(
  deps: CreateDeps & { readonly directory: MemberDirectory },
  args: readonly unknown[],
  moreDetails?: (target: CreateTarget) => void,
): Promise<TaskRecord | undefined> {
  const started = performance.now();
  const target = await resolveTarget(args, deps.todos);
  if (target === undefined || !(await confirmUnlinked(target, deps))) {
    return undefined;
  }
  const tracker = target.todo && new TodoTracker(target.document.uri, target.todo);
  // Read while the box is up: the members the TODO names become the assignees.
  const owners = deps.directory.ownersOf(target.todo?.authors ?? []).catch(() => NO_OWNERS);
  try {
    let value = target.title;
    let problem: string | undefined;
    for (;;) {
      const title = await askTitle(deps, value, problem, moreDetails !== undefined, owners, () => {
        if (problem === undefined) deps.log.info(`Quick create box shown in ${(performance.now() - started).toFixed(1)} ms`);
      });
      if (title === undefined) {
        return undefined;
      }
      if (typeof title === 'object') {
        moreDetails?.({ ...target, title: title.moreDetails });
        return undefined;
      }
      try {
        const { members } = await owners;
        return await createAndLink(deps, target, tracker, title, members.length > 0 ? { users: members.map((m) => m.id) } : undefined);
      } catch (error) {
        // Nothing was created: ask again with what was typed and what went wrong.
        deps.log.error(error instanceof Error ? error : String(error));
        if (isTallyfyError(error, 'cancelled')) {
          return undefined;
        }
        value = title;
        problem = describeError(error).message;
        if (isTallyfyError(error, 'signed-out') || isTallyfyError(error, 'unauthorized')) {
          void presentError(error, deps.log);
          return undefined;
        }
      }
    }
  } finally {
    tracker?.dispose();
  }
}

/** Why a title cannot be sent, or undefined: required, and at most TITLE_MAX_LENGTH characters as Tallyfy counts them (code points). */
export function titleProblem(title: string): string | undefined {
  const trimmed = title.trim();
  const length = [...trimmed].length;
  if (length === 0) return vscode.l10n.t('The title is required.');
  if (length > TITLE_MAX_LENGTH) return vscode.l10n.t('The title has {0} characters; Tallyfy allows {1}.', length, TITLE_MAX_LENGTH);
  return undefined;
}

/** The input box; resolves with the title once the task is to be created, or undefined when dismissed. */
function askTitle(
  deps: CreateDeps,
  value: string,
  problem: string | undefined,
  offerForm: boolean,
  owners: Promise<TodoOwners>,
  onShown: () => void,
): Promise<string | { moreDetails: string } | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('New Tallyfy task');
  box.prompt = vscode.l10n.t('Press Enter to create the task, assigned to you.');
  box.value = value;
  box.validationMessage = problem;
  box.ignoreFocusOut = true;
  const more: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-flat'), tooltip: vscode.l10n.t('More details…') };
  if (offerForm) box.buttons = [more];
  const validate = titleProblem;
  return new Promise((resolve) => {
    box.onDidChangeValue((value) => (box.validationMessage = validate(value)));
    box.onDidTriggerButton((button) => {
      if (button === more) {
        resolve({ moreDetails: box.value });
        box.dispose();
      }
    });
    box.onDidAccept(() => {
      const message = validate(box.value);
      if (message !== undefined) {
        box.validationMessage = message;
        return;
      }
      resolve(box.value.trim());
      box.dispose();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
    onShown();
    // The deadline is named once the box is up: the first date formatted in a window loads the locale's
    // data, which costs tens of milliseconds the box need not wait for. The owners the TODO names follow.
    let assigned: TodoOwners = NO_OWNERS;
    const describe = (): void => {
      const zone = deps.tasks.userTimeZone();
      const due = deps.tasks.defaultDeadline().toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) });
      const when = zone ? `${due} (${zone})` : due;
      const prompt =
        assigned.members.length > 0
          ? vscode.l10n.t('Press Enter to create the task, assigned to {0} and due {1}.', assigned.members.map((m) => m.fullName).join(', '), when)
          : vscode.l10n.t('Press Enter to create the task, assigned to you and due {0}.', when);
      const guests = assigned.guests.length > 0 ? [vscode.l10n.t('More details… opens the form, where they can be added as guests.')] : [];
      box.prompt = [prompt, ...assigned.notes, ...guests].join(' ');
    };
    setTimeout(describe);
    void owners.then((found) => {
      assigned = found;
      if (found !== NO_OWNERS) describe();
    });
  });
}

async function createAndLink(
  deps: CreateDeps,
  target: CreateTarget,
  tracker: TodoTracker | undefined,
  title: string,
  owners: { users: number[] } | undefined,
): Promise<TaskRecord | undefined> {
  const source = { uri: target.document.uri.toString(), line: target.line };
  let record: TaskRecord;
  try {
    record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating the Tallyfy task…'), cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const request = { title, description: describeSource(target, deps.settings), ...(owners ? { owners } : {}) };
        return createTask(deps, request, { source: target.todo ? source : undefined, signal: controller.signal });
      },
    );
  } catch (error) {
    if (!isTallyfyError(error, 'outcome-unknown')) {
      throw error;
    }
    const check = vscode.l10n.t('Check for the Task');
    const choice = await vscode.window.showWarningMessage(describeError(error).message, check);
    if (choice !== check) {
      return undefined;
    }
    const outcome = await checkForTask(deps, title, target.todo ? source : undefined);
    if (outcome.kind === 'create-again') {
      return createAndLink(deps, target, tracker, title, owners);
    }
    if (outcome.kind !== 'found') {
      return undefined;
    }
    record = outcome.record;
  }
  await linkCreatedTask(deps, tracker, record);
  return record;
}

/**
 * After a create, from the quick create or the form: writes the reference into the tracked TODO (and
 * moves the record's link to the line it landed on), says so when the TODO is gone, and announces the task.
 */
export async function linkCreatedTask(deps: CreateDeps, tracker: TodoTracker | undefined, record: TaskRecord): Promise<void> {
  if (tracker !== undefined) {
    const written = await writeBackReference(tracker, record.id, deps);
    if (written.kind === 'written' || written.kind === 'already-there') {
      await deps.tasks.linkedAt(record.id, written.line);
    } else if (written.kind === 'not-found') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Task {0} was created, but its TODO was changed or removed meanwhile, so the reference was not written. The task is in the Tallyfy list.', record.id),
      );
    }
  }
  void announceCreated(record, deps);
}

async function announceCreated(record: TaskRecord, deps: CreateDeps): Promise<void> {
  const open = vscode.l10n.t('Open in Tallyfy');
  const copy = vscode.l10n.t('Copy Id');
  const due = record.deadline ? new Date(record.deadline).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  const choice = await vscode.window.showInformationMessage(
    due ? vscode.l10n.t('Created Tallyfy task "{0}", due {1}.', record.title, due) : vscode.l10n.t('Created Tallyfy task "{0}".', record.title),
    open,
    copy,
  );
  if (choice === open) {
    await openTaskInTallyfy(record, deps.settings);
  } else if (choice === copy) {
    await vscode.env.clipboard.writeText(record.id);
  }
}
