// The task form in the page: builds the controls once, renders the state after every change and turns
// clicks and keys into messages. The behaviour itself lives in core/form/model.
import { formatInstant, localZone } from '../core/form/dates';
import {
  applyOwners,
  applySession,
  addAssignee,
  applyCreated,
  applyDraftRestored,
  applyInit,
  applySubmitFailed,
  applySubmitting,
  canSubmit,
  chosenTags,
  discardDraft,
  edit,
  failureActionLabel,
  forgetRow,
  fromSavedState,
  loadingState,
  mergeOptions,
  mergeSearchResults,
  NO_OPTIONS,
  offeredTaskTypes,
  requestSubmit,
  retrySecondsLeft,
  startAnother,
  tagSuggestions,
  toSavedState,
  touch,
  visibleErrors,
  type Choice,
  type FormOptions,
  type FormState,
  type SavedState,
} from '../core/form/model';
import { FORM_READY_MARK, parseToWebview, type FromWebviewMessage, type InitMessage, type SearchKind, type ToWebviewMessage } from '../core/form/protocol';
import { fill, taskTypeHelp, taskTypeLabel, type FormStrings } from '../core/form/strings';
import { formFieldsPreview, isRowKey, type FormFieldDraft } from '../core/form/formFields';
import { descriptionToSend, FORM_FIELDS, validateForm, type FormAdvanced, type FormErrors, type FormField, type FormValues } from '../core/form/values';
import { TASK_TYPES } from '../core/tallyfy/schema';
import { append, clear, debounce, el, setAttr, setText } from './dom';
import { assigneesPicker, DeadlineControl, errorNode, input, setValue, showErrors, TitleControl, type FieldParts } from './fields';
import { FormFieldsEditor } from './formFields';
import { Picker } from './picker';

/** The part of `acquireVsCodeApi()` the form uses. */
export interface HostApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What the page keeps with `setState`: the form's state (see `toSavedState`) plus the options it learned. */
interface SavedPage extends SavedState {
  readonly options?: FormOptions;
  readonly advancedOpen?: boolean;
}

type BooleanAdvanced = {
  [K in keyof FormAdvanced]: FormAdvanced[K] extends boolean ? K : never;
}[keyof FormAdvanced];

const CHECKBOXES: ReadonlyArray<readonly [BooleanAdvanced, keyof FormStrings]> = [
  ['separateTaskForEachAssignee', 'separateTaskForEachAssignee'],
  ['everyoneMustComplete', 'everyoneMustComplete'],
  ['canCompleteOnlyAssignees', 'canCompleteOnlyAssignees'],
  ['preventGuestComment', 'preventGuestComment'],
  ['topSecret', 'topSecret'],
];

/** The fields inside "Advanced": those from the start date to the form fields, in the form's order (and each form field's parts). */
const ADVANCED_FIELDS: ReadonlySet<FormField> = new Set<FormField>(
  FORM_FIELDS.slice(FORM_FIELDS.indexOf('startDate'), FORM_FIELDS.indexOf('formFields') + 1),
);
const isAdvanced = (field: FormField): boolean => ADVANCED_FIELDS.has(field) || isRowKey(field);

const SEARCH_DELAY_MS = 250;

export class FormApp {
  private state: FormState = loadingState();
  private options: FormOptions = NO_OPTIONS;
  private init: InitMessage | undefined;
  private restored: FormState | undefined;
  private advancedOpen = false;
  private fresh = false;
  private countdown: ReturnType<typeof setInterval> | undefined;
  private ui: FormUi | undefined;
  private readonly search = debounce((kinds: readonly SearchKind[], q: string) => {
    for (const kind of kinds) this.post({ type: 'search', kind, q });
  }, SEARCH_DELAY_MS);

  constructor(
    private readonly host: HostApi,
    private readonly root: HTMLElement,
    private readonly now: () => number = Date.now,
  ) {
    const saved = host.getState() as Partial<SavedPage> | undefined;
    this.restored = fromSavedState(saved);
    if (saved?.options !== undefined) {
      const options = parseToWebview({ type: 'options', ...saved.options });
      if (options?.type === 'options') this.options = mergeOptions(NO_OPTIONS, options);
    }
    this.advancedOpen = saved?.advancedOpen === true;
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    this.post({ type: 'ready', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  }

  private post(message: FromWebviewMessage): void {
    this.host.postMessage(message);
  }

  /** Handles one incoming message; anything that is not a valid message is dropped. */
  receive(data: unknown): void {
    const message = parseToWebview(data);
    if (message === undefined) return;
    this.handle(message);
  }

  private handle(message: ToWebviewMessage): void {
    switch (message.type) {
      case 'init': {
        // The extension posts `init` as it opens the panel and again when the page says `ready`: a page
        // that already shows this form keeps it (and its focus) as it is.
        if (this.ui !== undefined && this.init?.formId === message.formId) break;
        this.init = message;
        this.options = mergeOptions(this.options, message);
        // What was typed wins over a repeated `init` for the same TODO: state saved before the page was
        // hidden, or the live state when the extension sends `init` again. After "Create another" the
        // next `init` starts afresh.
        const keep = this.restored ?? (this.state.phase === 'loading' || this.fresh ? undefined : this.state);
        const state = applyInit(message, keep, localZone);
        this.restored = undefined;
        this.fresh = false;
        this.ui = new FormUi(this, message.strings, message);
        clear(this.root);
        this.root.appendChild(this.ui.root);
        this.root.removeAttribute('aria-busy');
        this.update(state, { draft: false });
        performance.mark(FORM_READY_MARK);
        break;
      }
      case 'session':
        // Signed in (or out) while the form was open: who "you" is, and the assignee a new form starts with.
        if (this.init === undefined) break;
        this.init = message.me === undefined ? { ...this.init, me: undefined } : { ...this.init, me: message.me };
        this.update(applySession(this.state, message.me), { draft: false });
        this.ui?.refreshLists();
        break;
      case 'owners':
        // The TODO names its owners: they are the assignees unless someone chose already.
        if (this.init === undefined) break;
        this.options = mergeOptions(this.options, { members: message.members });
        this.update(applyOwners(this.state, message.members), { draft: false });
        this.ui?.setOwnerNotes(message.notes, message.guests);
        this.ui?.refreshLists();
        break;
      case 'options':
        this.options = mergeOptions(this.options, message);
        this.render();
        break;
      case 'searchFailed':
        this.ui?.searchFailed(message.kind, message.message);
        break;
      case 'searchResults':
        this.options = mergeSearchResults(this.options, message);
        this.ui?.refreshLists();
        this.persist();
        break;
      case 'submitting':
        this.update(applySubmitting(this.state), { draft: false });
        break;
      case 'submitFailed':
        this.update(applySubmitFailed(this.state, message, this.now()), { draft: false });
        this.startCountdown();
        this.ui?.focusFailure();
        break;
      case 'created':
        this.update(applyCreated(this.state, message), { draft: false });
        this.ui?.focusSuccess();
        break;
      case 'draftRestored':
        this.update(applyDraftRestored(this.state, message.values), { draft: false });
        break;
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Used by the UI

  get current(): FormState {
    return this.state;
  }

  get knownOptions(): FormOptions {
    return this.options;
  }

  get me(): InitMessage['me'] {
    return this.init?.me;
  }

  get isAdvancedOpen(): boolean {
    return this.advancedOpen;
  }

  set isAdvancedOpen(open: boolean) {
    this.advancedOpen = open;
    this.persist();
  }

  conversion(): { source?: NonNullable<InitMessage['source']> } {
    return this.init?.source === undefined ? {} : { source: this.init.source };
  }

  /**
   * A control changed: new values, live validation, saved state and the draft. The draft goes to the
   * extension at once, not after a pause: the panel can be closed right after a keystroke, and a page that
   * is closed can post nothing more.
   */
  change(field: FormField, values: FormValues): void {
    this.update(edit(this.state, field, values), { draft: true });
  }

  blur(field: FormField): void {
    this.update(touch(this.state, field), { draft: false });
  }

  /** A form field was removed: the list without it, and nothing said about its controls any more. */
  removeFormField(key: string, formFields: FormFieldDraft[]): void {
    const values = this.state.values;
    this.update(forgetRow(edit(this.state, 'formFields', { ...values, advanced: { ...values.advanced, formFields } }), key), { draft: true });
  }

  submit(): void {
    const outcome = requestSubmit(this.state, this.conversion(), this.now());
    if (outcome.message !== undefined) {
      this.post(outcome.message);
    }
    this.update(outcome.state, { draft: false });
    if (outcome.focus !== undefined) this.ui?.focusField(outcome.focus);
  }

  failureAction(): void {
    switch (this.state.failure?.action) {
      case 'signIn':
        this.post({ type: 'signIn' });
        break;
      case 'checkForTask':
        this.post({ type: 'checkForTask' });
        break;
      case 'retryAfter':
        if (retrySecondsLeft(this.state, this.now()) === 0) this.submit();
        break;
      case undefined:
        break;
    }
  }

  discardDraft(): void {
    this.post({ type: 'discardDraft' });
    this.update(discardDraft(this.state), { draft: false });
  }

  searchFor(kinds: readonly SearchKind[], q: string): void {
    if (q.trim() === '') {
      this.search.cancel();
      return;
    }
    this.search(kinds, q.trim());
  }

  send(message: FromWebviewMessage): void {
    this.post(message);
  }

  createAnother(): void {
    this.fresh = true;
    this.post({ type: 'createAnother' });
    this.update(startAnother(this.state), { draft: false });
    this.ui?.focusField('title');
  }

  private update(state: FormState, options: { draft: boolean }): void {
    this.state = state;
    this.persist();
    this.render();
    if (options.draft && state.phase === 'editing') this.post({ type: 'saveDraft', values: state.values });
  }

  private persist(): void {
    const page: SavedPage = { ...toSavedState(this.state), options: this.options, advancedOpen: this.advancedOpen };
    this.host.setState(page);
  }

  private render(): void {
    this.ui?.render(this.state, this.now());
  }

  private startCountdown(): void {
    if (this.countdown !== undefined) clearInterval(this.countdown);
    if (retrySecondsLeft(this.state, this.now()) === 0) return;
    this.countdown = setInterval(() => {
      this.render();
      if (retrySecondsLeft(this.state, this.now()) === 0 && this.countdown !== undefined) {
        clearInterval(this.countdown);
        this.countdown = undefined;
      }
    }, 1000);
  }
}

// ---------------------------------------------------------------------------------------------------
// The DOM

class FormUi {
  readonly root: HTMLDivElement;
  private readonly form: HTMLFormElement;
  private readonly success: HTMLElement;
  private readonly fields = new Map<FormField, FieldParts>();
  private readonly title: TitleControl;
  private readonly typeRadios = new Map<string, HTMLInputElement>();
  private readonly assignees: Picker;
  /** What the TODO's owners could not be matched to, next to the assignees. */
  private readonly ownerNotes = el('div', { class: 'help owner-notes', id: 'assignees-owners', role: 'status' });
  private readonly tags: Picker;
  private readonly deadline: DeadlineControl;
  private readonly description: HTMLTextAreaElement;
  private readonly includeSource: HTMLInputElement | undefined;
  private readonly preview: HTMLElement;
  private readonly advanced: HTMLDetailsElement;
  private readonly startDate: HTMLInputElement;
  private readonly startTime: HTMLInputElement;
  private readonly checkboxes = new Map<BooleanAdvanced, HTMLInputElement>();
  private readonly maxAssignable: HTMLInputElement;
  private readonly webhook: HTMLInputElement;
  private readonly runId: HTMLInputElement;
  private readonly formFields: FormFieldsEditor;
  private readonly previewFields: HTMLElement;
  private readonly previewFieldList: HTMLElement;
  private readonly draftNotice: HTMLElement;
  private readonly failure: HTMLElement;
  private readonly failureMessage: HTMLElement;
  private readonly failureButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly successList: HTMLElement;
  private readonly successHeading: HTMLElement;
  private readonly openButton: HTMLButtonElement;

  constructor(
    private readonly app: FormApp,
    private readonly s: FormStrings,
    private readonly init: InitMessage,
  ) {
    const values = (): FormValues => app.current.values;
    const set = (field: FormField, patch: (v: FormValues) => FormValues): void => app.change(field, patch(values()));
    const setAdvanced = (field: FormField, patch: Partial<FormAdvanced>): void =>
      set(field, (v) => ({ ...v, advanced: { ...v.advanced, ...patch } }));

    // Title
    this.title = new TitleControl(s, { change: (title) => set('title', (v) => ({ ...v, title })), blur: () => app.blur('title') });
    this.fields.set('title', this.title.parts);

    // Task type: one radio per type, each with its one-line explanation.
    const types = offeredTaskTypes(init);
    const group = el('div', { id: 'taskType', class: 'radios', role: 'radiogroup', 'aria-labelledby': 'taskType-label', 'aria-describedby': 'taskType-error' });
    for (const type of types) {
      const id = `taskType-${type}`;
      const radio = el('input', { type: 'radio', id, name: 'taskType', value: type, class: 'radio', 'aria-describedby': `${id}-help` });
      radio.addEventListener('change', () => {
        if (radio.checked && (TASK_TYPES as readonly string[]).includes(type)) set('taskType', (v) => ({ ...v, taskType: type }));
      });
      this.typeRadios.set(type, radio);
      append(
        group,
        el(
          'div',
          { class: 'radio-row' },
          radio,
          el('div', { class: 'radio-text' }, el('label', { for: id }, taskTypeLabel(s, type)), el('div', { class: 'help', id: `${id}-help` }, taskTypeHelp(s, type))),
        ),
      );
    }
    const typeError = errorNode('taskType');
    this.fields.set('taskType', { error: typeError, controls: [group] });
    const typeField = el('div', { class: 'field', 'data-field': 'taskType' }, el('div', { class: 'label', id: 'taskType-label' }, s.taskType), group, typeError);

    // Assignees
    this.assignees = assigneesPicker(s, {
      options: () => app.knownOptions,
      me: () => app.me,
      assignees: () => values().assignees,
      change: (assignees) => set('assignees', (v) => ({ ...v, assignees })),
      search: (kinds, q) => app.searchFor(kinds, q),
      blur: () => app.blur('assignees'),
    });
    this.fields.set('assignees', { error: this.assignees.errorNode, controls: [this.assignees.input] });

    // Deadline: date, time and presets.
    this.deadline = new DeadlineControl(s, {
      change: (deadlineDate, deadlineTime) => set('deadline', (v) => ({ ...v, deadlineDate, deadlineTime })),
      blur: () => app.blur('deadline'),
    });
    this.fields.set('deadline', this.deadline.parts);

    // Description, the source switch and the preview of what is sent.
    this.description = el('textarea', { id: 'description', class: 'input textarea', rows: 6, 'aria-describedby': 'description-help description-error' });
    this.description.addEventListener('input', () => set('description', (v) => ({ ...v, description: this.description.value })));
    this.description.addEventListener('blur', () => app.blur('description'));
    if (init.source !== undefined) {
      this.includeSource = el('input', { type: 'checkbox', id: 'includeSource', class: 'checkbox' });
      this.includeSource.addEventListener('change', () =>
        set('description', (v) => ({ ...v, includeSource: this.includeSource?.checked === true })),
      );
    }
    const descriptionField = this.field(
      'description',
      s.description,
      [this.description],
      el('div', { class: 'help', id: 'description-help' }, s.descriptionHelp),
      this.includeSource === undefined ? null : checkboxRow(this.includeSource, s.includeSource),
    );
    this.preview = el('pre', { id: 'preview', class: 'preview-text', tabindex: 0, 'aria-labelledby': 'preview-heading' });
    this.previewFieldList = el('ul', { class: 'preview-fields', 'aria-labelledby': 'preview-fields-heading' });
    this.previewFields = el(
      'div',
      { hidden: true },
      el('h3', { id: 'preview-fields-heading', class: 'preview-fields-heading' }, s.previewFormFields),
      this.previewFieldList,
    );
    const previewSection = el(
      'section',
      { class: 'preview', 'aria-labelledby': 'preview-heading' },
      el('h2', { id: 'preview-heading', class: 'subheading' }, s.preview),
      this.preview,
      this.previewFields,
    );

    // Advanced
    this.startDate = input('startDate', 'date', { 'aria-describedby': 'startDate-error' });
    this.startTime = input('startTime', 'time', { 'aria-describedby': 'startDate-error' });
    const onStart = (): void => setAdvanced('startDate', { startDate: this.startDate.value, startTime: this.startTime.value });
    for (const node of [this.startDate, this.startTime]) {
      node.addEventListener('input', onStart);
      node.addEventListener('change', onStart);
      node.addEventListener('blur', () => app.blur('startDate'));
    }
    const startError = errorNode('startDate');
    this.fields.set('startDate', { error: startError, controls: [this.startDate, this.startTime] });
    const startField = el(
      'div',
      { class: 'field', 'data-field': 'startDate' },
      el('div', { class: 'row' },
        el('div', { class: 'stack' }, el('label', { for: 'startDate', class: 'label' }, s.startDate), this.startDate),
        el('div', { class: 'stack' }, el('label', { for: 'startTime', class: 'label' }, s.startTime), this.startTime),
      ),
      startError,
    );
    const checks = el('div', { class: 'field checks' });
    for (const [key, label] of CHECKBOXES) {
      const box = el('input', { type: 'checkbox', id: key, class: 'checkbox', 'aria-describedby': `${key}-error` });
      box.addEventListener('change', () => setAdvanced(key, { [key]: box.checked }));
      this.checkboxes.set(key, box);
      const error = errorNode(key);
      this.fields.set(key, { error, controls: [box] });
      append(checks, checkboxRow(box, s[label]), error);
    }
    this.maxAssignable = input('maxAssignable', 'text', { inputmode: 'numeric', 'aria-describedby': 'maxAssignable-help maxAssignable-error', class: 'input narrow' });
    this.maxAssignable.addEventListener('input', () => setAdvanced('maxAssignable', { maxAssignable: this.maxAssignable.value }));
    this.maxAssignable.addEventListener('blur', () => app.blur('maxAssignable'));
    const maxField = this.field('maxAssignable', s.maxAssignable, [this.maxAssignable], el('div', { class: 'help', id: 'maxAssignable-help' }, s.maxAssignableHelp));
    this.tags = new Picker({
      id: 'tags',
      label: s.tags,
      help: s.tagsHelp,
      selectedLabel: s.assigneesSelected,
      listLabel: s.suggestions,
      noMatches: s.noMatches,
      removeLabel: (name) => fill(s.remove, { name }),
      suggestions: (q) => tagSuggestions(q, app.knownOptions, values().advanced.tags),
      chosen: () => chosenTags(values().advanced.tags, app.knownOptions),
      onAdd: (choice: Choice) => setAdvanced('tags', { tags: [...values().advanced.tags.filter((t) => t !== choice.value), choice.value] }),
      onRemove: (choice: Choice) => setAdvanced('tags', { tags: values().advanced.tags.filter((t) => t !== choice.value) }),
      onQuery: (q) => app.searchFor(['tags'], q),
      onBlur: () => app.blur('tags'),
    });
    this.fields.set('tags', { error: this.tags.errorNode, controls: [this.tags.input] });
    this.webhook = input('webhook', 'url', { 'aria-describedby': 'webhook-help webhook-error', placeholder: 'https://' });
    this.webhook.addEventListener('input', () => setAdvanced('webhook', { webhook: this.webhook.value }));
    this.webhook.addEventListener('blur', () => app.blur('webhook'));
    const webhookField = this.field('webhook', s.webhook, [this.webhook], el('div', { class: 'help', id: 'webhook-help' }, s.webhookHelp));
    this.runId = input('runId', 'text', { autocomplete: 'off', 'aria-describedby': 'runId-help runId-error' });
    this.runId.addEventListener('input', () => setAdvanced('runId', { runId: this.runId.value }));
    this.runId.addEventListener('blur', () => app.blur('runId'));
    const runField = this.field('runId', s.runId, [this.runId], el('div', { class: 'help', id: 'runId-help' }, s.runIdHelp));
    this.formFields = new FormFieldsEditor(s, {
      fields: () => values().advanced.formFields,
      change: (part, formFields) => setAdvanced(part, { formFields }),
      remove: (key, formFields) => app.removeFormField(key, formFields),
      blur: (part) => app.blur(part),
    });
    this.fields.set('formFields', { error: this.formFields.errorNode, controls: [] });

    this.advanced = el(
      'details',
      { class: 'advanced', id: 'advanced' },
      el('summary', { class: 'advanced-summary' }, s.advanced),
      el('div', { class: 'advanced-body' }, startField, checks, maxField, this.tags.root, webhookField, runField, this.formFields.root),
    );
    this.advanced.open = app.isAdvancedOpen;
    this.advanced.addEventListener('toggle', () => {
      app.isAdvancedOpen = this.advanced.open;
    });

    // Notices, failure, status and the submit button.
    const discard = el('button', { type: 'button', class: 'button secondary small' }, s.discardDraft);
    discard.addEventListener('click', () => app.discardDraft());
    this.draftNotice = el('div', { class: 'notice', role: 'status', hidden: true }, el('span', {}, s.draftRestored), discard);
    const formError = errorNode('form');
    formError.classList.add('form-error');
    this.fields.set('form', { error: formError, controls: [] });
    this.failureMessage = el('p', { class: 'failure-message' });
    this.failureButton = el('button', { type: 'button', class: 'button secondary' });
    this.failureButton.addEventListener('click', () => app.failureAction());
    this.failure = el('div', { class: 'failure', role: 'alert', tabindex: -1, hidden: true }, this.failureMessage, this.failureButton);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.submitButton = el('button', { type: 'submit', class: 'button primary', id: 'submit' }, s.submit);

    this.form = el(
      'form',
      { class: 'form', novalidate: true, 'aria-labelledby': 'form-heading' },
      el('h1', { id: 'form-heading', class: 'heading' }, s.heading),
      this.draftNotice,
      this.title.root,
      typeField,
      this.assignees.root,
      this.ownerNotes,
      this.deadline.root,
      descriptionField,
      previewSection,
      this.advanced,
      formError,
      this.failure,
      el('div', { class: 'actions' }, this.submitButton, this.status),
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      app.submit();
    });

    // The success view.
    this.successHeading = el('h1', { class: 'heading', id: 'success-heading', tabindex: -1 }, s.createdHeading);
    this.successList = el('dl', { class: 'summary' });
    this.openButton = el('button', { type: 'button', class: 'button primary' }, s.openInTallyfy);
    this.openButton.addEventListener('click', () => app.send({ type: 'openInTallyfy' }));
    const copy = el('button', { type: 'button', class: 'button secondary' }, s.copyId);
    copy.addEventListener('click', () => app.send({ type: 'copyId' }));
    const another = el('button', { type: 'button', class: 'button secondary' }, s.createAnother);
    another.addEventListener('click', () => app.createAnother());
    this.success = el(
      'section',
      { class: 'success', 'aria-labelledby': 'success-heading', hidden: true },
      this.successHeading,
      this.successList,
      el('div', { class: 'actions' }, this.openButton, copy, another),
    );

    this.root = el('div', { class: 'page' }, this.form, this.success);
  }

  /** A labelled field: label, control(s), extra parts, the error line. */
  private field(name: FormField, label: string, controls: HTMLElement[], ...extra: Array<HTMLElement | null>): HTMLElement {
    const error = errorNode(name);
    this.fields.set(name, { error, controls });
    const first = controls[0];
    return el('div', { class: 'field', 'data-field': name }, el('label', { for: first?.id ?? name, class: 'label' }, label), ...controls, ...extra, error);
  }

  render(state: FormState, now: number): void {
    const created = state.phase === 'created' && state.created !== undefined;
    this.form.hidden = created;
    this.success.hidden = !created;
    if (created && state.created !== undefined) {
      this.renderSuccess(state.created);
      return;
    }
    const v = state.values;
    this.title.render(v.title);
    for (const [type, radio] of this.typeRadios) radio.checked = type === v.taskType;
    this.assignees.renderChips();
    this.deadline.render(v.deadlineDate, v.deadlineTime);
    setValue(this.description, v.description);
    if (this.includeSource !== undefined) this.includeSource.checked = v.includeSource;
    const sent = descriptionToSend(v, this.init.source);
    setText(this.preview, sent.trim() === '' ? this.s.previewEmpty : sent);
    this.preview.classList.toggle('empty', sent.trim() === '');
    setValue(this.startDate, v.advanced.startDate);
    setValue(this.startTime, v.advanced.startTime);
    for (const [key, box] of this.checkboxes) box.checked = v.advanced[key];
    setValue(this.maxAssignable, v.advanced.maxAssignable);
    this.tags.renderChips();
    setValue(this.webhook, v.advanced.webhook);
    setValue(this.runId, v.advanced.runId);
    const previewed = formFieldsPreview(v.advanced.formFields, this.s);
    this.previewFieldList.replaceChildren(...previewed.map((line) => el('li', {}, line)));
    this.previewFields.hidden = previewed.length === 0;

    const live = validateForm(v, this.app.conversion());
    const errors: FormErrors = visibleErrors(state, live.ok ? {} : live.errors);
    showErrors(this.fields, errors);
    this.formFields.render(v.advanced.formFields, errors);
    this.assignees.setError(errors.assignees);
    this.tags.setError(errors.tags);
    if (!this.advanced.open && (Object.keys(state.serverErrors) as FormField[]).some(isAdvanced)) this.advanced.open = true;

    this.draftNotice.hidden = !state.draftRestored;
    const failure = state.failure;
    this.failure.hidden = failure === undefined;
    setText(this.failureMessage, failure?.message ?? '');
    const action = failureActionLabel(state, this.s, now);
    this.failureButton.hidden = action === undefined;
    setText(this.failureButton, action ?? '');
    this.failureButton.disabled = failure?.action === 'retryAfter' && retrySecondsLeft(state, now) > 0;

    const submitting = state.phase === 'submitting';
    this.submitButton.disabled = !canSubmit(state, now);
    setAttr(this.form, 'aria-busy', submitting ? 'true' : undefined);
    setText(this.status, submitting ? this.s.submitting : '');
  }

  private renderSuccess(created: NonNullable<FormState['created']>): void {
    const task = created.task;
    clear(this.successList);
    const row = (term: string, value: string): void => append(this.successList, el('dt', {}, term), el('dd', {}, value));
    row(this.s.createdId, task.id);
    row(this.s.createdTitle, task.title);
    if (task.deadline !== undefined) row(this.s.createdDeadline, formatInstant(task.deadline, this.init.locale));
    if (task.assignees.length > 0) row(this.s.createdAssignees, task.assignees.join(', '));
  }

  refreshLists(): void {
    this.assignees.refreshList();
    this.tags.refreshList();
  }

  /** Says, as text, what the TODO's owners could not be matched to, with a button for each email to add as a guest. */
  setOwnerNotes(notes: readonly string[], guests: readonly string[]): void {
    clear(this.ownerNotes);
    for (const note of notes) this.ownerNotes.appendChild(el('div', {}, note));
    for (const email of guests) {
      const add = el('button', { type: 'button', class: 'button secondary small' }, fill(this.s.addAsGuest, { email }));
      add.addEventListener('click', () => {
        this.app.change('assignees', { ...this.app.current.values, assignees: addAssignee(this.app.current.values.assignees, { kind: 'guest', value: email, label: email }) });
        add.remove();
      });
      this.ownerNotes.appendChild(add);
    }
  }

  /** A failed search, under the picker it was for. */
  searchFailed(kind: SearchKind, message: string): void {
    (kind === 'tags' ? this.tags : this.assignees).showSearchFailure(message);
  }

  focusField(field: FormField): void {
    if (isAdvanced(field)) this.advanced.open = true;
    if (field === 'formFields' || isRowKey(field)) {
      this.formFields.focus(field);
      return;
    }
    const parts = this.fields.get(field);
    const target = field === 'taskType'
      ? [...this.typeRadios.values()].find((r) => r.checked) ?? [...this.typeRadios.values()][0]
      : field === 'form' ? parts?.error : parts?.controls[0];
    target?.focus();
  }

  focusFailure(): void {
    if (!this.failure.hidden) this.failure.focus();
  }

  focusSuccess(): void {
    this.successHeading.focus();
  }
}

function checkboxRow(box: HTMLInputElement, label: string): HTMLElement {
  return el('div', { class: 'checkbox-row' }, box, el('label', { for: box.id }, label));
}

