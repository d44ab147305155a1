// The "Tallyfy task" page: one task's details and a comment box. The extension reads the task and says
// what to show (`details`) and where a comment stands (`comment`); the page shows it, Tallyfy's HTML as
// text (see richText), and keeps the comment being typed in its state, so the text survives hiding the
// panel, a failed post and a window reload. The page is built once per `init`; a `ready` task replaces
// the task's part of it, and the comment box stays as it is (its text, its focus).
import {
  COMMENT_MAX_LENGTH,
  DETAILS_READY_MARK,
  parseToDetails,
  type CommentState,
  type DetailsInit,
  type DetailsState,
  type DetailsStrings,
  type FromDetailsMessage,
  type SaveState,
  type TaskView,
  type ToDetailsMessage,
} from '../../core/details/protocol';
import { edit, mergeOptions, mergeSearchResults, NO_OPTIONS, touch, type FormOptions } from '../../core/form/model';
import type { MemberOption, SearchKind } from '../../core/form/protocol';
import type { FormStrings } from '../../core/form/strings';
import type { FormField } from '../../core/form/values';
import type { EditValues } from '../../core/details/edit';
import { editValuesSchema } from '../../core/details/protocol';
import { fill } from '../../core/template';
import { clear, debounce, el, setAttr, setText } from '../dom';
import { applySave, EditUi, requestSave, startEdit, type EditHost, type EditSession } from './edit';
import { richText } from './richText';

/** The part of `acquireVsCodeApi()` the page uses. */
export interface HostApi {
  postMessage(message: FromDetailsMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** An edit as kept across a hidden panel or a reload: where it started and what was typed. */
interface KeptEdit {
  readonly base: string;
  readonly values: EditValues;
}

/** What the page keeps with `setState`: whose page it is, the comment being typed, and an edit in progress. */
interface SavedPage {
  readonly taskId?: string;
  readonly draft: string;
  readonly edit?: KeptEdit;
}

/**
 * Where the comment box stands: `sending` from the click until the extension answers, `posting` once it
 * says so; in both, nothing more is sent.
 */
type CommentPhase = 'idle' | 'sending' | 'posting';

const DRAFT_DELAY_MS = 300;

function savedPage(value: unknown): SavedPage {
  const saved = (value !== null && typeof value === 'object' ? value : {}) as Partial<Record<keyof SavedPage, unknown>>;
  return {
    ...(typeof saved.taskId === 'string' ? { taskId: saved.taskId.slice(0, 200) } : {}),
    draft: typeof saved.draft === 'string' ? saved.draft.slice(0, COMMENT_MAX_LENGTH) : '',
    ...keptEdit(saved.edit),
  };
}

function keptEdit(value: unknown): { edit?: KeptEdit } {
  if (value === null || typeof value !== 'object') return {};
  const { base, values } = value as { base?: unknown; values?: unknown };
  const parsed = editValuesSchema.safeParse(values);
  return typeof base === 'string' && parsed.success ? { edit: { base: base.slice(0, 100), values: parsed.data } } : {};
}

export class DetailsApp implements EditHost {
  private taskId: string | undefined;
  private draft: string;
  private ui: DetailsUi | undefined;
  /** The edit in progress; `kept` is one to take up once the task shows (after a reload). */
  session: EditSession | undefined;
  private kept: KeptEdit | undefined;
  private task: TaskView | undefined;
  private form: FormStrings | undefined;
  private user: MemberOption | undefined;
  private known: FormOptions = NO_OPTIONS;
  private readonly search_ = debounce((kinds: readonly SearchKind[], q: string) => {
    for (const kind of kinds) this.post({ type: 'search', kind, q });
  }, 250);
  private phase: CommentPhase = 'idle';
  private marked = false;
  private readonly persistDraft = debounce(() => this.persist(), DRAFT_DELAY_MS);

  constructor(
    private readonly host: HostApi,
    private readonly root: HTMLElement,
  ) {
    const saved = savedPage(host.getState());
    this.taskId = saved.taskId;
    this.draft = saved.draft;
    this.kept = saved.edit;
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    // The text typed last is kept before the page goes (a hidden panel, a reload).
    window.addEventListener('pagehide', () => this.persistDraft.flush());
    // Leaving the box keeps its text at once.
    document.addEventListener('focusout', () => this.persistDraft.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.persistDraft.flush();
    });
    this.post({ type: 'ready' });
  }

  /** Handles one incoming message; anything that is not a valid message is dropped. */
  receive(data: unknown): void {
    const message = parseToDetails(data);
    if (message !== undefined) this.handle(message);
  }

  private handle(message: ToDetailsMessage): void {
    switch (message.type) {
      case 'init':
        this.begin(message);
        break;
      case 'details':
        this.showDetails(message.details);
        break;
      case 'comment':
        this.showComment(message.comment);
        break;
      case 'save':
        this.showSave(message.save);
        break;
      case 'options':
        this.known = mergeOptions(this.known, message);
        this.ui?.edit?.refreshLists();
        break;
      case 'searchResults':
        this.known = mergeSearchResults(this.known, message);
        this.ui?.edit?.refreshLists();
        break;
      case 'searchFailed':
        this.ui?.edit?.searchFailed(message.message);
        break;
    }
  }

  private begin(init: DetailsInit): void {
    // The extension answers every `ready` with `init`: a page that shows this task keeps it as it is.
    if (this.ui !== undefined && this.taskId === init.taskId) return;
    this.persistDraft.flush();
    // A draft or an edit kept for another task is not this one's.
    if (this.taskId !== init.taskId) {
      this.draft = '';
      this.kept = undefined;
    }
    this.taskId = init.taskId;
    this.phase = 'idle';
    this.form = init.form;
    this.user = init.me;
    if (init.resume !== undefined) this.kept = init.resume;
    this.session = undefined;
    this.persist();
    this.ui = new DetailsUi(this, init.strings, this.draft);
    this.root.replaceChildren(this.ui.root);
    this.root.removeAttribute('aria-busy');
  }

  private showDetails(details: DetailsState): void {
    const ui = this.ui;
    if (ui === undefined) return;
    switch (details.state) {
      case 'loading':
        ui.showLoading();
        break;
      case 'ready':
        this.task = details.task;
        ui.showTask(details.task);
        if (this.session === undefined && this.kept !== undefined) this.beginEdit(this.kept);
        if (!this.marked) {
          this.marked = true;
          performance.mark(DETAILS_READY_MARK);
        }
        break;
      case 'unavailable':
        this.task = undefined;
        // An edit in progress stays kept (the page's state) for when the task shows again.
        if (this.session !== undefined) this.kept = { base: this.session.base, values: this.session.values };
        this.session = undefined;
        ui.showUnavailable(details.message, details.signIn);
        break;
    }
  }

  private showSave(save: SaveState): void {
    const session = this.session;
    if (session === undefined || this.ui === undefined) return;
    if (save.state === 'saved') {
      this.endEdit();
      this.ui.editSaved();
      return;
    }
    this.setSession(applySave(session, save));
    if (save.state === 'failed' && save.fieldErrors !== undefined) {
      const field = (['title', 'deadline', 'assignees', 'description'] as const).find((f) => this.session?.serverErrors[f] !== undefined);
      if (field !== undefined) this.ui.edit?.focus(field);
      else this.ui.edit?.focusProblem();
    } else if (save.state !== 'saving' && save.state !== 'idle') {
      this.ui.edit?.focusProblem();
    }
  }

  private beginEdit(kept?: KeptEdit): void {
    const task = this.task;
    if (task === undefined || this.ui === undefined || this.form === undefined) return;
    this.kept = undefined;
    this.known = mergeOptions(this.known, task.edit.named);
    this.session = startEdit(task, kept);
    this.ui.showEdit(this.form, this.session, task.description);
    this.persist();
    if (kept !== undefined) this.post({ type: 'editing', edit: kept });
  }

  private endEdit(): void {
    this.session = undefined;
    this.kept = undefined;
    this.persist();
    this.post({ type: 'editing' });
  }

  private setSession(session: EditSession): void {
    this.session = session;
    this.persist();
    this.ui?.edit?.render(session);
  }

  private showComment(comment: CommentState): void {
    const ui = this.ui;
    if (ui === undefined) return;
    switch (comment.state) {
      case 'idle':
        this.phase = 'idle';
        ui.commentIdle();
        break;
      case 'posting':
        this.phase = 'posting';
        ui.commentPosting();
        break;
      case 'posted':
        this.phase = 'idle';
        this.persistDraft.cancel();
        this.draft = '';
        this.persist();
        ui.commentPosted();
        break;
      case 'failed':
      case 'unknown':
        this.phase = 'idle';
        ui.commentFailed(comment.message, comment.state === 'failed');
        break;
    }
  }

  private persist(): void {
    const kept = this.session !== undefined ? { base: this.session.base, values: this.session.values } : this.kept;
    const page: SavedPage = { ...(this.taskId === undefined ? {} : { taskId: this.taskId }), draft: this.draft, ...(kept !== undefined ? { edit: kept } : {}) };
    this.host.setState(page);
  }

  private post(message: FromDetailsMessage): void {
    this.host.postMessage(message);
  }

  // -------------------------------------------------------------------------------------------------
  // Used by the UI

  /** The comment box's text changed: it is kept (after a pause, or at once when the page goes). */
  typed(text: string): void {
    this.draft = text.slice(0, COMMENT_MAX_LENGTH);
    this.persistDraft();
  }

  /**
   * "Add comment": posts the text once. Blank text posts nothing and says so at the field; while a post
   * is on its way nothing more is sent.
   */
  addComment(text: string): void {
    if (this.phase !== 'idle' || this.ui === undefined) return;
    const content = text.trim();
    if (content === '') {
      this.ui.commentBlank();
      return;
    }
    // The box takes no more than this; a longer text cannot come from it.
    if (content.length > COMMENT_MAX_LENGTH) return;
    this.persistDraft.flush();
    this.phase = 'sending';
    this.ui.commentSending();
    this.post({ type: 'comment', content });
  }

  send(message: FromDetailsMessage): void {
    this.post(message);
  }

  // Edit (see ./edit)

  /** "Edit": an open task goes into Edit; a completed or archived one says why it cannot. */
  startEditing(): void {
    const task = this.task;
    if (task === undefined || this.ui === undefined) return;
    if (task.edit.editable !== 'open') {
      this.ui.cannotEdit(task.edit.editable);
      return;
    }
    this.beginEdit();
    this.ui.edit?.focus('title');
  }

  change(field: FormField, values: EditValues): void {
    if (this.session === undefined) return;
    this.setSession(edit(this.session, field, values));
    this.post({ type: 'editing', edit: { base: this.session.base, values } });
  }

  blur(field: FormField): void {
    if (this.session !== undefined) this.setSession(touch(this.session, field));
  }

  save(): void {
    if (this.session === undefined) return;
    const outcome = requestSave(this.session);
    this.setSession(outcome.session);
    if (outcome.message !== undefined) this.post(outcome.message);
    else if (outcome.focus !== undefined) this.ui?.edit?.focus(outcome.focus);
  }

  /** "Cancel": the edits go, and the task shows as Tallyfy has it. */
  cancel(): void {
    if (this.session === undefined || this.session.saving) return;
    this.endEdit();
    this.ui?.leaveEdit();
  }

  options(): FormOptions {
    return this.known;
  }

  me(): MemberOption | undefined {
    return this.user;
  }

  search(kinds: readonly SearchKind[], q: string): void {
    if (q.trim() === '') this.search_.cancel();
    else this.search_(kinds, q.trim());
  }
}

// ---------------------------------------------------------------------------------------------------
// The DOM

class DetailsUi {
  readonly root: HTMLElement;
  private readonly pageStatus: HTMLElement;
  private readonly loadedAt: HTMLElement;
  private readonly placeholder: HTMLElement;
  private readonly task: HTMLElement;
  private readonly taskHeader: HTMLElement;
  private readonly facts: HTMLElement;
  private readonly descriptionSection: HTMLElement;
  private readonly description: HTMLElement;
  private readonly fieldsSection: HTMLElement;
  private readonly fields: HTMLElement;
  private readonly comments: HTMLElement;
  private readonly unavailable: HTMLElement;
  private readonly unavailableMessage: HTMLElement;
  private readonly signIn: HTMLButtonElement;
  private readonly box: HTMLTextAreaElement;
  private readonly fieldMessage: HTMLElement;
  private readonly addButton: HTMLButtonElement;
  private readonly commentStatus: HTMLElement;
  private shown = false;
  /** The focus was on "Add comment" as it was disabled: it comes back to the box after. */
  private returnFocus = false;
  private readonly editButton: HTMLButtonElement;
  private readonly editNotice: HTMLElement;
  private readonly editArea: HTMLElement;
  /** "Saved to Tallyfy." after a save, until the next edit. */
  private readonly savedStatus: HTMLElement;
  /** The edit form while the task is being edited. */
  edit: EditUi | undefined;

  constructor(
    private readonly app: DetailsApp,
    private readonly s: DetailsStrings,
    draft: string,
  ) {
    // Toolbar
    const refresh = el('button', { type: 'button', class: 'button secondary small', id: 'refresh' }, s.refresh);
    refresh.addEventListener('click', () => app.send({ type: 'refresh' }));
    const open = el('button', { type: 'button', class: 'button secondary small', id: 'open-in-tallyfy' }, s.openInTallyfy);
    open.addEventListener('click', () => app.send({ type: 'openInTallyfy' }));
    this.editButton = el('button', { type: 'button', class: 'button secondary small', id: 'edit', hidden: true }, s.edit);
    this.editButton.addEventListener('click', () => app.startEditing());
    this.loadedAt = el('span', { class: 'loaded-at', hidden: true });
    this.savedStatus = el('span', { class: 'saved-status', role: 'status', 'aria-live': 'polite' });
    const toolbar = el('div', { class: 'toolbar' }, this.editButton, refresh, open, this.savedStatus, this.loadedAt);
    this.editNotice = el('p', { class: 'edit-notice', role: 'alert', hidden: true });
    this.editArea = el('div', { class: 'edit-area', hidden: true });
    this.pageStatus = el('p', { class: 'page-status', role: 'status', 'aria-live': 'polite' });

    // Before the first task: the panel's name.
    this.placeholder = el('h1', { class: 'heading' }, s.heading);

    // The task: its header and facts are built for each task; the sections stay.
    this.taskHeader = el('header', { class: 'task-header' });
    this.facts = el('dl', { class: 'facts' });
    this.description = el('div', { class: 'rich description-text' });
    this.descriptionSection = el(
      'section',
      { class: 'section', 'aria-labelledby': 'description-heading' },
      el('h2', { class: 'subheading', id: 'description-heading' }, s.description),
      this.description,
    );
    this.fields = el('dl', { class: 'fields' });
    this.fieldsSection = el(
      'section',
      { class: 'section', 'aria-labelledby': 'fields-heading', hidden: true },
      el('h2', { class: 'subheading', id: 'fields-heading' }, s.formFields),
      this.fields,
    );
    this.comments = el('div', { class: 'comment-list' });

    // The comment box
    this.box = el('textarea', {
      id: 'comment-box',
      class: 'input textarea',
      rows: 4,
      maxlength: COMMENT_MAX_LENGTH,
      'aria-required': 'true',
      'aria-describedby': 'comment-message',
    });
    this.box.value = draft;
    this.box.addEventListener('input', () => {
      app.typed(this.box.value);
      // "Required" goes once there is something to post.
      if (this.fieldMessage.dataset['kind'] === 'blank' && this.box.value.trim() !== '') this.setFieldMessage('', undefined);
    });
    this.box.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        app.addComment(this.box.value);
      }
    });
    this.fieldMessage = el('p', { class: 'field-message', id: 'comment-message', hidden: true });
    this.addButton = el('button', { type: 'button', class: 'button primary', id: 'add-comment' }, s.addComment);
    this.addButton.addEventListener('click', () => app.addComment(this.box.value));
    this.commentStatus = el('p', { class: 'comment-status', role: 'status', 'aria-live': 'polite' });
    const form = el(
      'div',
      { class: 'comment-form' },
      el('label', { for: 'comment-box', class: 'label' }, s.comment),
      this.box,
      this.fieldMessage,
      el('div', { class: 'actions' }, this.addButton, this.commentStatus),
    );
    const commentsSection = el(
      'section',
      { class: 'section', 'aria-labelledby': 'comments-heading' },
      el('h2', { class: 'subheading', id: 'comments-heading' }, s.comments),
      this.comments,
      form,
    );
    this.task = el(
      'article',
      { class: 'task', 'aria-labelledby': 'task-title', hidden: true },
      this.taskHeader,
      this.editNotice,
      this.editArea,
      this.facts,
      this.descriptionSection,
      this.fieldsSection,
      commentsSection,
    );

    // Not available: the message, and Sign In when signing in helps.
    this.unavailableMessage = el('p', { class: 'unavailable-message', role: 'alert' });
    this.signIn = el('button', { type: 'button', class: 'button primary', id: 'sign-in', hidden: true }, s.signIn);
    this.signIn.addEventListener('click', () => app.send({ type: 'signIn' }));
    this.unavailable = el('section', { class: 'unavailable', 'aria-labelledby': 'unavailable-heading', hidden: true }, el('h1', { class: 'heading', id: 'unavailable-heading' }, s.unavailable), this.unavailableMessage, el('div', { class: 'actions' }, this.signIn));

    this.root = el('div', { class: 'page' }, toolbar, this.pageStatus, this.placeholder, this.task, this.unavailable);
  }

  // -------------------------------------------------------------------------------------------------
  // The task

  /** Loading: said in the status line; a task shown stays (busy) until the new one comes. */
  showLoading(): void {
    setText(this.pageStatus, this.s.loading);
    if (this.shown) {
      this.task.setAttribute('aria-busy', 'true');
    } else {
      this.hideUnavailable();
      this.placeholder.hidden = false;
    }
  }

  showTask(task: TaskView): void {
    const s = this.s;
    setText(this.pageStatus, '');
    this.hideUnavailable();
    this.placeholder.hidden = true;

    this.taskHeader.replaceChildren(el('h1', { class: 'heading title', id: 'task-title' }, task.title));

    const facts = document.createDocumentFragment();
    const fact = (term: string, value: Node | string, muted = false): void => {
      facts.appendChild(el('dt', {}, term));
      facts.appendChild(el('dd', { class: muted ? 'muted' : undefined }, value));
    };
    fact(s.status, el('span', { class: `badge state-${task.state}` }, task.status));
    fact(s.taskType, task.taskType);
    // A task without a deadline has no deadline row (Tallyfy's tasks have one).
    if (task.deadline !== '') fact(s.deadline, task.deadline);
    fact(s.assignees, task.assignees.length === 0 ? s.nobody : task.assignees.join(', '), task.assignees.length === 0);
    if (task.tags.length > 0) fact(s.tags, task.tags.join(', '));
    if (task.process !== undefined && task.process !== '') fact(s.process, task.process);
    this.facts.replaceChildren(facts);

    const description = richText(task.description, document);
    if (description.childNodes.length === 0) this.description.replaceChildren(el('p', { class: 'muted' }, s.noDescription));
    else this.description.replaceChildren(description);

    const fields = document.createDocumentFragment();
    for (const field of task.fields) {
      const term = el('dt', {}, field.label);
      if (field.required) term.appendChild(el('span', { class: 'required' }, s.required));
      fields.appendChild(term);
      fields.appendChild(field.value === '' ? el('dd', { class: 'muted' }, s.noValue) : el('dd', { class: 'value' }, field.value));
      if (field.about !== '') fields.appendChild(el('dd', { class: 'field-about' }, field.about));
    }
    this.fields.replaceChildren(fields);
    this.fieldsSection.hidden = task.fields.length === 0;

    if (task.comments.length === 0) {
      this.comments.replaceChildren(el('p', { class: 'muted' }, s.noComments));
    } else {
      const list = el('ol', { class: 'comments' });
      for (const comment of task.comments) {
        const by = comment.at === '' ? comment.author : fill(s.commentBy, { author: comment.author, at: comment.at });
        list.appendChild(el('li', { class: 'comment' }, el('h3', { class: 'comment-by' }, by), el('div', { class: 'rich' }, richText(comment.html, document))));
      }
      this.comments.replaceChildren(list);
    }

    setText(this.loadedAt, s.loadedAt.includes('{when}') ? fill(s.loadedAt, { when: task.loadedAt }) : `${s.loadedAt} ${task.loadedAt}`);
    this.loadedAt.hidden = false;
    this.task.removeAttribute('aria-busy');
    this.task.hidden = false;
    this.shown = true;
    this.showReading(this.edit === undefined);
  }

  /** The task's facts, description and fields (reading), or the edit form in their place. */
  private showReading(reading: boolean): void {
    this.facts.hidden = !reading;
    this.descriptionSection.hidden = !reading;
    this.fieldsSection.hidden = !reading || this.fields.childElementCount === 0;
    this.editArea.hidden = reading;
    this.editButton.hidden = !reading || !this.shown;
    if (!reading) this.editNotice.hidden = true;
  }

  // -------------------------------------------------------------------------------------------------
  // Edit

  showEdit(form: FormStrings, session: EditSession, descriptionHtml: string): void {
    setText(this.savedStatus, '');
    this.edit = new EditUi(this.app, this.s, form, session, descriptionHtml);
    this.editArea.replaceChildren(this.edit.root);
    this.edit.render(session);
    this.showReading(false);
  }

  /** Out of Edit (Cancel, or saved): the task as last read shows again, and the focus goes back to Edit. */
  leaveEdit(): void {
    this.edit = undefined;
    clear(this.editArea);
    this.showReading(true);
    this.editButton.focus();
  }

  editSaved(): void {
    this.leaveEdit();
    setText(this.savedStatus, this.s.saved);
  }

  cannotEdit(why: 'completed' | 'archived'): void {
    setText(this.editNotice, why === 'completed' ? this.s.completedNoEdit : this.s.archivedNoEdit);
    this.editNotice.hidden = false;
  }

  /** The task cannot be shown: nothing of it stays, only why, and Sign In when that helps. */
  showUnavailable(message: string, signIn: boolean): void {
    setText(this.pageStatus, '');
    this.clearTask();
    this.placeholder.hidden = true;
    setText(this.unavailableMessage, message);
    this.signIn.hidden = !signIn;
    this.unavailable.hidden = false;
  }

  private hideUnavailable(): void {
    this.unavailable.hidden = true;
    setText(this.unavailableMessage, '');
    this.signIn.hidden = true;
  }

  private clearTask(): void {
    // The focus in a part of the task that goes is lost: it moves to the page's first control.
    const hadFocus = this.task.contains(document.activeElement);
    this.edit = undefined;
    clear(this.editArea);
    this.editArea.hidden = true;
    this.editNotice.hidden = true;
    this.editButton.hidden = true;
    this.task.hidden = true;
    this.task.removeAttribute('aria-busy');
    clear(this.taskHeader);
    clear(this.facts);
    clear(this.description);
    clear(this.fields);
    clear(this.comments);
    this.loadedAt.hidden = true;
    setText(this.loadedAt, '');
    this.shown = false;
    if (hadFocus) this.root.querySelector<HTMLElement>('button:not([hidden])')?.focus();
  }

  // -------------------------------------------------------------------------------------------------
  // The comment box

  /** "Add comment" with nothing typed: nothing is sent, and the field says it needs text. */
  commentBlank(): void {
    this.setFieldMessage(this.s.required, 'blank');
    this.box.focus();
  }

  commentSending(): void {
    this.setFieldMessage('', undefined);
    this.setBusy(true);
    setText(this.commentStatus, '');
  }

  commentPosting(): void {
    this.setBusy(true);
    setText(this.commentStatus, this.s.posting);
  }

  commentPosted(): void {
    this.box.value = '';
    this.setFieldMessage('', undefined);
    this.setBusy(false);
    setText(this.commentStatus, this.s.posted);
    this.refocus();
  }

  /** Not posted (`invalid`) or maybe posted: the text stays, with the message at the field. */
  commentFailed(message: string, invalid: boolean): void {
    this.setBusy(false);
    setText(this.commentStatus, '');
    this.setFieldMessage(message, invalid ? 'failed' : 'unknown');
    this.refocus();
  }

  commentIdle(): void {
    this.setBusy(false);
    setText(this.commentStatus, '');
  }

  private setBusy(busy: boolean): void {
    if (busy && !this.addButton.disabled) this.returnFocus = document.activeElement === this.addButton;
    this.addButton.disabled = busy;
    this.box.readOnly = busy;
    setAttr(this.box, 'aria-busy', busy ? 'true' : undefined);
  }

  /** The message under the box: `blank` and `failed` mark the box invalid, `unknown` only tells. */
  private setFieldMessage(text: string, kind: 'blank' | 'failed' | 'unknown' | undefined): void {
    setText(this.fieldMessage, text);
    this.fieldMessage.hidden = text === '';
    if (kind === undefined) delete this.fieldMessage.dataset['kind'];
    else this.fieldMessage.dataset['kind'] = kind;
    setAttr(this.box, 'aria-invalid', kind === 'blank' || kind === 'failed' ? 'true' : undefined);
  }

  /** The button was disabled under the focus: the focus goes back to the box (unless it went elsewhere). */
  private refocus(): void {
    const focused = document.activeElement;
    if (this.returnFocus && (focused === null || focused === document.body || focused === this.addButton)) this.box.focus();
    this.returnFocus = false;
  }
}
