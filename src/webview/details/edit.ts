// Edit on the "Tallyfy task" page: the task's title, deadline, assignees and description in the task
// form's own controls (src/webview/fields.ts), checked live with the update schema of the task's kind,
// Tallyfy's 422 shown at the field it names. The edit is kept in the page's state by the app, so it
// survives hiding the panel and a window reload; Save sends one request and waits for the answer.
import { editChanged, initialEditValues, validateEdit, EDIT_FIELDS, type EditField, type EditValues, type TaskKindName } from '../../core/details/edit';
import type { DetailsStrings, FromDetailsMessage, SaveState, TaskView } from '../../core/details/protocol';
import { visibleErrors, type FormOptions } from '../../core/form/model';
import type { MemberOption, SearchKind } from '../../core/form/protocol';
import type { FormStrings } from '../../core/form/strings';
import { mapFieldErrors, type FormErrors, type FormField } from '../../core/form/values';
import { localZone } from '../../core/zone';
import { el, setText } from '../dom';
import { assigneesPicker, DeadlineControl, errorNode, setValue, showErrors, TitleControl, type FieldParts } from '../fields';
import type { Picker } from '../picker';
import { losesFormatting, plainText } from './richText';

/** An edit in progress, as the page keeps it. */
export interface EditSession {
  /** The `last_updated` of the copy the edit started from: Save checks Tallyfy's against it. */
  readonly base: string;
  readonly kind: TaskKindName;
  readonly initial: EditValues;
  readonly values: EditValues;
  readonly touched: readonly FormField[];
  readonly submitAttempted: boolean;
  readonly serverErrors: FormErrors;
  readonly saving: boolean;
  /** Why the last Save did not land, and whether Reload is the way on. */
  readonly problem?: { readonly message: string; readonly reload: boolean };
}

/** An edit of `task` from its own values, or from `values` kept from before (a reload, a reopened panel). */
export function startEdit(task: TaskView, kept?: { readonly base: string; readonly values: EditValues }): EditSession {
  const initial = initialEditValues(task.edit, plainText(task.description), localZone);
  return {
    base: kept?.base ?? task.edit.lastUpdated,
    kind: task.edit.kind,
    initial,
    values: kept?.values ?? initial,
    touched: [],
    submitAttempted: false,
    serverErrors: {},
    saving: false,
  };
}

/** The session after Save's answer (`saved` ends it: the app drops it). */
export function applySave(session: EditSession, save: SaveState): EditSession {
  const rest: EditSession = { ...session, saving: save.state === 'saving' };
  delete (rest as { problem?: unknown }).problem;
  switch (save.state) {
    case 'idle':
    case 'saving':
    case 'saved':
      return rest;
    case 'failed':
      return { ...rest, problem: { message: save.message, reload: false }, serverErrors: save.fieldErrors === undefined ? {} : mapFieldErrors(save.fieldErrors, session.values) };
    case 'changed':
    case 'unknown':
      return { ...rest, problem: { message: save.message, reload: true } };
  }
}

export interface EditHost {
  readonly session: EditSession | undefined;
  change(field: FormField, values: EditValues): void;
  blur(field: FormField): void;
  save(): void;
  /** Leaves Edit, dropping the edits (while nothing is being saved). */
  cancel(): void;
  send(message: FromDetailsMessage): void;
  options(): FormOptions;
  me(): MemberOption | undefined;
  search(kinds: readonly SearchKind[], q: string): void;
}

/** What Save does with a session: the message to send, or the session with its errors shown. */
export function requestSave(session: EditSession): { readonly session: EditSession; readonly message?: FromDetailsMessage; readonly focus?: EditField | undefined } {
  if (session.saving) return { session };
  const validation = validateEdit(session.values, session.initial, session.kind, localZone);
  if (!validation.ok) {
    return { session: { ...session, submitAttempted: true }, focus: EDIT_FIELDS.find((field) => (validation.errors[field]?.length ?? 0) > 0) };
  }
  const next: EditSession = { ...session, saving: true, submitAttempted: true, serverErrors: {} };
  delete (next as { problem?: unknown }).problem;
  return { session: next, message: { type: 'save', base: session.base, request: validation.request } };
}

/** The edit form: built once per edit, rendered after every change. */
export class EditUi {
  readonly root: HTMLFormElement;
  private readonly fields = new Map<string, FieldParts>();
  private readonly title: TitleControl;
  private readonly deadline: DeadlineControl;
  private readonly assignees: Picker;
  private readonly description: HTMLTextAreaElement;
  private readonly formatting: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly problemMessage: HTMLElement;
  private readonly reload: HTMLButtonElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly status: HTMLElement;

  constructor(
    host: EditHost,
    private readonly s: DetailsStrings,
    form: FormStrings,
    start: EditSession,
    descriptionHtml: string,
  ) {
    const values = (): EditValues => host.session?.values ?? start.values;
    const set = (field: FormField, patch: (v: EditValues) => EditValues): void => host.change(field, patch(values()));

    this.title = new TitleControl(form, { change: (title) => set('title', (v) => ({ ...v, title })), blur: () => host.blur('title') });
    this.fields.set('title', this.title.parts);
    this.deadline = new DeadlineControl(form, {
      change: (deadlineDate, deadlineTime) => set('deadline', (v) => ({ ...v, deadlineDate, deadlineTime })),
      blur: () => host.blur('deadline'),
    });
    this.fields.set('deadline', this.deadline.parts);
    this.assignees = assigneesPicker(form, {
      options: () => host.options(),
      me: () => host.me(),
      assignees: () => values().assignees,
      change: (assignees) => set('assignees', (v) => ({ ...v, assignees })),
      search: (kinds, q) => host.search(kinds, q),
      blur: () => host.blur('assignees'),
    });
    this.fields.set('assignees', { error: this.assignees.errorNode, controls: [this.assignees.input] });

    // The description as text; a stored one with formatting says, before any keystroke, that editing flattens it.
    this.formatting = el('div', { class: 'notice formatting', id: 'description-formatting', hidden: !losesFormatting(descriptionHtml) }, s.formattingLost);
    this.description = el('textarea', { id: 'description', class: 'input textarea', rows: 6, 'aria-describedby': 'description-formatting description-help description-error' });
    this.description.addEventListener('input', () => set('description', (v) => ({ ...v, description: this.description.value })));
    this.description.addEventListener('blur', () => host.blur('description'));
    const descriptionError = errorNode('description');
    this.fields.set('description', { error: descriptionError, controls: [this.description] });
    const descriptionField = el(
      'div',
      { class: 'field', 'data-field': 'description' },
      el('label', { for: 'description', class: 'label' }, form.description),
      this.formatting,
      this.description,
      el('div', { class: 'help', id: 'description-help' }, s.editDescriptionHelp),
      descriptionError,
    );

    const formError = errorNode('form');
    formError.classList.add('form-error');
    this.fields.set('form', { error: formError, controls: [] });
    this.problemMessage = el('p', { class: 'failure-message' });
    this.reload = el('button', { type: 'button', class: 'button secondary', id: 'edit-reload' }, s.reload);
    // Reload instead of overwriting: the edits go, and the task shows as Tallyfy has it now.
    this.reload.addEventListener('click', () => {
      host.cancel();
      host.send({ type: 'refresh' });
    });
    this.problem = el('div', { class: 'failure', role: 'alert', tabindex: -1, hidden: true }, this.problemMessage, this.reload);
    this.saveButton = el('button', { type: 'submit', class: 'button primary', id: 'edit-save' }, s.save);
    const cancel = el('button', { type: 'button', class: 'button secondary', id: 'edit-cancel' }, s.cancel);
    cancel.addEventListener('click', () => host.cancel());
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

    this.root = el(
      'form',
      { class: 'form edit-form', novalidate: true, 'aria-labelledby': 'task-title' },
      this.title.root,
      this.deadline.root,
      this.assignees.root,
      descriptionField,
      formError,
      this.problem,
      el('div', { class: 'actions' }, this.saveButton, cancel, this.status),
    );
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      host.save();
    });
    this.root.addEventListener('keydown', (event) => {
      // Ctrl+Enter saves from the description too, as it posts a comment from the comment box.
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        host.save();
      }
    });
  }

  render(session: EditSession): void {
    const v = session.values;
    this.title.render(v.title);
    this.deadline.render(v.deadlineDate, v.deadlineTime);
    this.assignees.renderChips();
    setValue(this.description, v.description);
    const live = validateEdit(v, session.initial, session.kind, localZone);
    const errors = visibleErrors(session, live.ok ? {} : live.errors);
    showErrors(this.fields, errors);
    this.assignees.setError(errors.assignees);
    this.problem.hidden = session.problem === undefined;
    setText(this.problemMessage, session.problem?.message ?? '');
    this.reload.hidden = session.problem?.reload !== true;
    const changed = editChanged(v, session.initial);
    this.saveButton.disabled = session.saving || !changed;
    this.root.toggleAttribute('aria-busy', session.saving);
    setText(this.status, session.saving ? this.s.saving : changed ? '' : this.s.noChanges);
  }

  refreshLists(): void {
    this.assignees.refreshList();
  }

  searchFailed(message: string): void {
    this.assignees.showSearchFailure(message);
  }

  focus(field: EditField = 'title'): void {
    if (field === 'form') this.problem.focus();
    else this.fields.get(field)?.controls[0]?.focus();
  }

  focusProblem(): void {
    if (!this.problem.hidden) this.problem.focus();
  }
}
