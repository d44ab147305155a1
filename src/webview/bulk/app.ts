// The "Create Tallyfy tasks" review in the page: one row per TODO, the shared defaults and the run. The
// extension owns the rows; the page shows them, filters and sorts them (page-only), and turns clicks and
// keys into messages. Rows are built once per `init` (the first screen's at once, the rest in chunks over
// the next tasks) and updated in place by key afterwards; a filter or a sort only moves the row nodes.
import {
  parseToReview,
  REVIEW_READY_MARK,
  type BulkDefaults,
  type BulkStrings,
  type FromReviewMessage,
  type ReviewInit,
  type RowView,
  type RunView,
  type ToReviewMessage,
} from '../../core/bulk/protocol';
import { TASK_TYPES, type TaskType } from '../../core/tallyfy/schema';
import { clear, debounce, el, setAttr, setText } from '../dom';
import { countRows, isSelectableState, placeText, visibleRows, type RowSort } from '../../core/bulk/review';
import { fill } from '../../core/template';
import { createLabel, duplicateText, moveIndex, progressText, stateMessage, stateText, summaryText, youLabel } from './view';

/** The part of `acquireVsCodeApi()` the review uses. */
export interface HostApi {
  postMessage(message: FromReviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/**
 * What the page keeps with `setState`; the rows come back with the extension's `init`. The review's id
 * is how the extension finds the review again after a reload.
 */
interface SavedPage {
  readonly reviewId?: string;
  readonly filter: string;
  readonly sort: RowSort;
  readonly scroll: number;
}

type Member = ReviewInit['members'][number];
type Tag = ReviewInit['tags'][number];

const TITLE_DELAY_MS = 250;
/** Rows per group in the list: the browser lays out and paints only the groups on screen. */
const CHUNK_ROWS = 50;
/** Rows built before the page first shows: more than a screen holds. */
const FIRST_ROWS = 100;
/** Rows built per task after the first screen: short tasks, few of them. */
const BUILD_ROWS = 400;
const SCROLL_DELAY_MS = 150;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function savedPage(value: unknown): SavedPage {
  const saved = (value !== null && typeof value === 'object' ? value : {}) as Partial<Record<keyof SavedPage, unknown>>;
  return {
    ...(typeof saved.reviewId === 'string' ? { reviewId: saved.reviewId.slice(0, 100) } : {}),
    filter: typeof saved.filter === 'string' ? saved.filter.slice(0, 1_000) : '',
    sort: saved.sort === 'title' ? 'title' : 'file',
    scroll: typeof saved.scroll === 'number' && Number.isFinite(saved.scroll) && saved.scroll > 0 ? saved.scroll : 0,
  };
}

export class ReviewApp {
  private rows: RowView[] = [];
  private readonly index = new Map<string, number>();
  private run: RunView = { phase: 'review', done: 0, total: 0 };
  private defaults: BulkDefaults | undefined;
  private me: Member | undefined;
  private members: readonly Member[] = [];
  private tags: readonly Tag[] = [];
  private reviewId: string | undefined;
  private filter: string;
  private sort: RowSort;
  private scroll: number;
  private ui: ReviewUi | undefined;
  /** The rows the filter lets through, in the sort's order, as of the last `init`, filter or sort. */
  private view: readonly RowView[] = [];
  /** Keys of the rows not built yet, in the order they are built: the view's first, then the hidden ones. */
  private unbuilt: string[] = [];
  /** The next frame or task of building the rows; a new `init` cancels it. */
  private buildStep: (() => void) | undefined;
  private marked = false;
  private scrollPending: boolean;
  /** Titles typed and not sent yet, by row key. */
  private readonly typed = new Map<string, string>();
  private readonly titleSenders = new Map<string, ReturnType<typeof debounce<[string]>>>();
  private readonly persistScroll = debounce(() => {
    this.scroll = Math.round(window.scrollY);
    this.persist();
  }, SCROLL_DELAY_MS);

  constructor(
    private readonly host: HostApi,
    private readonly root: HTMLElement,
  ) {
    const saved = savedPage(host.getState());
    this.reviewId = saved.reviewId;
    this.filter = saved.filter;
    this.sort = saved.sort;
    this.scroll = saved.scroll;
    this.scrollPending = saved.scroll > 0;
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    window.addEventListener('scroll', () => {
      // A page still waiting for its rows to scroll back is not where the user left it.
      if (this.ui !== undefined && !this.scrollPending) this.persistScroll();
    }, { passive: true });
    this.post({ type: 'ready' });
  }

  /** Handles one incoming message; anything that is not a valid message is dropped. */
  receive(data: unknown): void {
    const message = parseToReview(data);
    if (message !== undefined) this.handle(message);
  }

  private handle(message: ToReviewMessage): void {
    switch (message.type) {
      case 'init':
        this.begin(message);
        break;
      case 'rows':
        this.updateRows(message.rows);
        break;
      case 'run':
        this.run = message.run;
        this.ui?.renderStatus(this.rows, this.run);
        break;
      case 'options':
        this.me = message.me;
        this.members = message.members;
        this.tags = message.tags;
        this.renderOptions();
        break;
    }
  }

  private begin(init: ReviewInit): void {
    const focus = this.ui?.focusedPlace();
    this.cancelBuild();
    // The new page is shorter until all its rows are in: the place it was scrolled to waits for them.
    if (this.ui !== undefined && window.scrollY > 0) {
      this.scroll = Math.round(window.scrollY);
      this.scrollPending = true;
    }
    this.reviewId = init.reviewId;
    this.persist();
    this.rows = [...init.rows];
    this.index.clear();
    this.rows.forEach((row, i) => this.index.set(row.key, i));
    // What was typed in the old rows is sent before they go.
    for (const sender of this.titleSenders.values()) sender.flush();
    this.titleSenders.clear();
    this.typed.clear();
    this.run = init.run;
    this.defaults = init.defaults;
    this.me = init.me;
    this.members = init.members;
    this.tags = init.tags;
    this.ui = new ReviewUi(this, init.strings, init.scope, this.filter, this.sort);
    this.view = visibleRows(this.rows, this.filter, this.sort);
    this.queueRows();
    // The first screen's rows (and the focused one's, to restore the focus) are built and filled while
    // out of the document, then put in at once; the rest follow from the next frame on.
    const focused = focus === undefined ? -1 : this.view.findIndex((row) => row.key === focus.key);
    this.buildRows(Math.max(FIRST_ROWS, focused + 1));
    this.renderOptions();
    this.showView();
    this.ui.renderStatus(this.rows, this.run);
    this.root.replaceChildren(this.ui.root);
    this.root.removeAttribute('aria-busy');
    if (focus !== undefined) this.ui.restoreFocus(focus);
    this.restoreScroll();
    this.afterFirstFrame();
  }

  /** Every row is to be built: the rows shown first, in the view's order, then those the filter hides. */
  private queueRows(): void {
    const shown = new Set(this.view.map((row) => row.key));
    this.unbuilt = [...this.view, ...this.rows.filter((row) => !shown.has(row.key))].map((row) => row.key);
  }

  /**
   * Marks the first showing of the rows in the frame that paints them (as the benchmark's reference page
   * does), then builds the rest, a chunk per task so that the page answers in between.
   */
  private afterFirstFrame(): void {
    const frame = requestAnimationFrame(() => {
      if (!this.marked) {
        this.marked = true;
        performance.mark(REVIEW_READY_MARK);
      }
      this.buildLater();
    });
    this.buildStep = () => cancelAnimationFrame(frame);
  }

  /** Builds the next chunk of rows in a task of its own, and so on until none is left. */
  private buildLater(): void {
    if (this.unbuilt.length === 0) {
      this.buildStep = undefined;
      this.restoreScroll();
      return;
    }
    const timer = setTimeout(() => {
      this.buildRows(BUILD_ROWS);
      this.showView();
      this.buildLater();
    }, 0);
    this.buildStep = () => clearTimeout(timer);
  }

  private cancelBuild(): void {
    this.buildStep?.();
    this.buildStep = undefined;
  }

  /** Builds the next `count` rows of the queue, each with its newest state. */
  private buildRows(count: number): void {
    const rows: RowView[] = [];
    for (const key of this.unbuilt.splice(0, count)) {
      const row = this.row(key);
      if (row !== undefined) rows.push(row);
    }
    this.ui?.buildRows(rows);
  }

  /** Scrolls to where the page was, once every row is in (before, the place may be out of reach). */
  private restoreScroll(): void {
    if (!this.scrollPending || this.unbuilt.length > 0) return;
    this.scrollPending = false;
    window.scrollTo(0, this.scroll);
  }

  /**
   * New states (or titles) of some rows; rows the page does not know are ignored. A row not built yet
   * only changes in `rows`: it is built from there.
   */
  private updateRows(rows: readonly RowView[]): void {
    for (const incoming of rows) {
      const at = this.index.get(incoming.key);
      const current = at === undefined ? undefined : this.rows[at];
      if (at === undefined || current === undefined) continue;
      // While the user types a title the page's text wins over an older echo of it.
      const editing = this.typed.has(incoming.key) || this.ui?.isEditing(incoming.key) === true;
      const row = editing ? { ...incoming, title: current.title } : incoming;
      this.rows[at] = row;
      this.ui?.updateRow(row);
    }
    this.ui?.renderStatus(this.rows, this.run);
  }

  private renderOptions(): void {
    if (this.defaults !== undefined) this.ui?.renderOptions(this.me, this.members, this.tags, this.defaults);
  }

  /** Shows the rows the filter lets through, in the sort's order. */
  private applyView(): void {
    this.view = visibleRows(this.rows, this.filter, this.sort);
    // The rows not built yet were queued in the old order: the new one gets them all at once.
    if (!this.showAll()) this.showView();
  }

  private showView(): void {
    this.ui?.show(this.view, this.rows.length);
  }

  private persist(): void {
    const page: SavedPage = {
      ...(this.reviewId === undefined ? {} : { reviewId: this.reviewId }),
      filter: this.filter,
      sort: this.sort,
      scroll: this.scroll,
    };
    this.host.setState(page);
  }

  private post(message: FromReviewMessage): void {
    this.host.postMessage(message);
  }

  private replace(row: RowView): void {
    const at = this.index.get(row.key);
    if (at === undefined) return;
    this.rows[at] = row;
    this.ui?.updateRow(row);
  }

  // -------------------------------------------------------------------------------------------------
  // Used by the UI

  row(key: string): RowView | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.rows[at];
  }

  /**
   * Builds the rows not built yet at once and shows them, for what needs them all now (a filter, a sort,
   * End); says whether there were any. A chunk still pending then finds nothing left to build.
   */
  showAll(): boolean {
    if (this.unbuilt.length === 0) return false;
    this.buildRows(this.unbuilt.length);
    this.showView();
    this.restoreScroll();
    return true;
  }

  /** A checkbox changed: the row shows it at once, and the extension hears of it. */
  toggle(key: string, checked: boolean): void {
    const row = this.row(key);
    if (row === undefined || !isSelectableState(row.state)) return;
    if (row.checked !== checked) this.replace({ ...row, checked });
    this.ui?.renderStatus(this.rows, this.run);
    this.post({ type: 'check', keys: [key], checked });
  }

  /** "Select all" / "Select none": the rows shown that can be checked. */
  selectShown(checked: boolean): void {
    const keys: string[] = [];
    for (const row of visibleRows(this.rows, this.filter, this.sort)) {
      if (!isSelectableState(row.state)) continue;
      keys.push(row.key);
      if (row.checked !== checked) this.replace({ ...row, checked });
    }
    if (keys.length === 0) return;
    this.ui?.renderStatus(this.rows, this.run);
    this.post({ type: 'check', keys, checked });
  }

  editTitle(key: string, title: string): void {
    const row = this.row(key);
    if (row === undefined || !isSelectableState(row.state)) return;
    this.replace({ ...row, title });
    this.typed.set(key, title);
    let sender = this.titleSenders.get(key);
    if (sender === undefined) {
      sender = debounce((text: string) => {
        this.typed.delete(key);
        this.post({ type: 'title', key, title: text });
      }, TITLE_DELAY_MS);
      this.titleSenders.set(key, sender);
    }
    sender(title);
  }

  flushTitle(key: string): void {
    this.titleSenders.get(key)?.flush();
  }

  setFilter(filter: string): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.persist();
    this.applyView();
  }

  setSort(sort: RowSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.persist();
    this.applyView();
  }

  changeDefaults(change: { assignee?: number | undefined; deadline?: string; taskType?: TaskType; tags?: readonly string[] }): void {
    const current = this.defaults;
    if (current === undefined) return;
    const assignee = 'assignee' in change ? change.assignee : current.assignee;
    const deadline = change.deadline ?? current.deadline;
    if (!DATE.test(deadline)) return;
    const next: BulkDefaults = {
      ...(assignee === undefined ? {} : { assignee }),
      deadline,
      taskType: change.taskType ?? current.taskType,
      tags: [...(change.tags ?? current.tags)],
    };
    this.defaults = next;
    this.post({ type: 'defaults', defaults: next });
  }

  get currentDefaults(): BulkDefaults | undefined {
    return this.defaults;
  }

  create(): void {
    if (this.run.phase === 'running' || countRows(this.rows).checked === 0) return;
    // Titles still being typed go first, so the tasks get them.
    for (const sender of this.titleSenders.values()) sender.flush();
    this.post({ type: 'create' });
  }

  send(message: FromReviewMessage): void {
    this.post(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// The DOM

/** Where the focus was in the row list, to find it again after the rows are built anew. */
interface FocusPlace {
  readonly key: string;
  readonly column: number;
}

class ReviewUi {
  readonly root: HTMLDivElement;
  private readonly summary: HTMLElement;
  private readonly assignee: HTMLSelectElement;
  private readonly deadline: HTMLInputElement;
  private readonly taskType: HTMLSelectElement;
  private readonly tagList: HTMLSelectElement;
  private readonly noTags: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly body: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly signIn: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private readonly progressBar: HTMLProgressElement;
  private readonly progressLabel: HTMLElement;
  private readonly createButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly retryButton: HTMLButtonElement;
  private readonly template: HTMLElement;
  private readonly byKey = new Map<string, RowUi>();
  private readonly byNode = new WeakMap<Element, RowUi>();
  /** How many rows were built: each row's ids are numbered by it. */
  private built = 0;
  private shown: RowUi[] = [];
  private readonly chunks: HTMLElement[] = [];
  private active: RowUi | undefined;

  constructor(
    private readonly app: ReviewApp,
    private readonly s: BulkStrings,
    scope: string,
    filter: string,
    sort: RowSort,
  ) {
    // Header
    this.summary = el('p', { class: 'summary', id: 'summary' });
    const header = el(
      'header',
      { class: 'header' },
      el('h1', { class: 'heading', id: 'review-heading' }, s.heading),
      el('p', { class: 'scope' }, scope),
      this.summary,
    );

    // The shared defaults
    this.assignee = el('select', { id: 'assignee', class: 'select' });
    this.assignee.addEventListener('change', () => {
      const id = Number(this.assignee.value);
      app.changeDefaults({ assignee: this.assignee.value === '' || !Number.isInteger(id) || id <= 0 ? undefined : id });
    });
    this.deadline = el('input', { id: 'deadline', class: 'input', type: 'date', required: true });
    this.deadline.addEventListener('change', () => {
      if (DATE.test(this.deadline.value)) app.changeDefaults({ deadline: this.deadline.value });
    });
    this.deadline.addEventListener('blur', () => {
      // A cleared date is not sent; the field shows the deadline that holds.
      const held = app.currentDefaults?.deadline;
      if (!DATE.test(this.deadline.value) && held !== undefined) this.deadline.value = held;
    });
    this.taskType = el('select', { id: 'taskType', class: 'select' });
    for (const type of TASK_TYPES) this.taskType.appendChild(el('option', { value: type }, s[`taskType.${type}`]));
    this.taskType.addEventListener('change', () => {
      const type = TASK_TYPES.find((t) => t === this.taskType.value);
      if (type !== undefined) app.changeDefaults({ taskType: type });
    });
    this.tagList = el('select', { id: 'tags', class: 'select tags', multiple: true });
    this.tagList.addEventListener('change', () => app.changeDefaults({ tags: [...this.tagList.selectedOptions].map((o) => o.value) }));
    this.noTags = el('p', { class: 'muted', id: 'tags-none', hidden: true }, s.noTags);
    const field = (id: string, label: string, ...controls: HTMLElement[]): HTMLElement =>
      el('div', { class: 'field' }, el('label', { for: id, class: 'label' }, label), ...controls);
    const defaults = el(
      'section',
      { class: 'defaults', 'aria-labelledby': 'defaults-heading' },
      el('h2', { class: 'subheading', id: 'defaults-heading' }, s.defaults),
      el(
        'div',
        { class: 'fields' },
        field('assignee', s.assignees, this.assignee),
        field('deadline', s.deadline, this.deadline),
        field('taskType', s.taskType, this.taskType),
        field('tags', s.tags, this.tagList, this.noTags),
      ),
    );

    // Toolbar
    const selectAll = el('button', { type: 'button', class: 'button secondary small', id: 'select-all' }, s.selectAll);
    selectAll.addEventListener('click', () => app.selectShown(true));
    const selectNone = el('button', { type: 'button', class: 'button secondary small', id: 'select-none' }, s.selectNone);
    selectNone.addEventListener('click', () => app.selectShown(false));
    const filterBox = el('input', { id: 'filter', class: 'input filter', type: 'search', autocomplete: 'off', spellcheck: 'false' });
    filterBox.value = filter;
    filterBox.addEventListener('input', () => app.setFilter(filterBox.value));
    const sortBox = el('select', { id: 'sort', class: 'select' }, el('option', { value: 'file' }, s.sortFile), el('option', { value: 'title' }, s.sortTitle));
    sortBox.value = sort;
    sortBox.addEventListener('change', () => app.setSort(sortBox.value === 'title' ? 'title' : 'file'));
    const toolbar = el(
      'div',
      { class: 'toolbar' },
      selectAll,
      selectNone,
      el('label', { for: 'filter', class: 'inline-label' }, s.filter),
      filterBox,
      el('label', { for: 'sort', class: 'inline-label' }, s.sort),
      sortBox,
    );

    // The rows: a grid, one row per TODO. Only one row's controls are in the tab order; the arrow keys
    // move between rows.
    const headers = [s['column.select'], s.sortFile, s.sortTitle, s.assignees, s['column.state']];
    const headRow = el('div', { role: 'row', class: 'row head' });
    headers.forEach((label, i) => {
      // The checkbox column is too narrow for its header: screen readers still say it.
      const text = i === 0 ? el('span', { class: 'visually-hidden' }, label) : label;
      headRow.appendChild(el('div', { role: 'columnheader', class: `cell c${i}` }, text));
    });
    this.body = el('div', { role: 'rowgroup', class: 'rows' });
    this.grid = el('div', { role: 'grid', class: 'grid', 'aria-label': s.rows, 'aria-describedby': 'summary' }, el('div', { role: 'rowgroup', class: 'head-group' }, headRow), this.body);
    this.empty = el('p', { class: 'empty', role: 'status' });
    this.template = rowTemplate();
    this.listen();

    // Footer: the message, the progress and the buttons.
    this.alert = el('div', { class: 'alert', role: 'alert' });
    this.signIn = el('button', { type: 'button', class: 'button secondary', hidden: true }, s.signIn);
    this.signIn.addEventListener('click', () => app.send({ type: 'signIn' }));
    this.progressBar = el('progress', { class: 'bar', 'aria-labelledby': 'progress-label' });
    this.progressLabel = el('span', { id: 'progress-label' });
    this.progress = el('div', { class: 'progress', hidden: true }, this.progressBar, this.progressLabel);
    this.createButton = el('button', { type: 'button', class: 'button primary', id: 'create' });
    this.createButton.addEventListener('click', () => app.create());
    this.cancelButton = el('button', { type: 'button', class: 'button secondary', hidden: true }, s.cancel);
    this.cancelButton.addEventListener('click', () => app.send({ type: 'cancel' }));
    this.retryButton = el('button', { type: 'button', class: 'button secondary', hidden: true }, s.retryFailed);
    this.retryButton.addEventListener('click', () => app.send({ type: 'retryFailed' }));
    const footer = el(
      'footer',
      { class: 'footer' },
      el('div', { class: 'messages' }, this.alert, this.signIn),
      this.progress,
      el('div', { class: 'actions' }, this.createButton, this.cancelButton, this.retryButton),
    );

    this.root = el('div', { class: 'page' }, header, defaults, toolbar, this.grid, this.empty, footer);
  }

  /** One set of listeners for all rows. */
  private listen(): void {
    const rowOf = (target: EventTarget | null): RowUi | undefined => {
      const node = target instanceof Element ? target.closest('.row') : null;
      return node === null ? undefined : this.byNode.get(node);
    };
    this.body.addEventListener('click', (event) => {
      const row = rowOf(event.target);
      if (row === undefined) return;
      if (event.target === row.box && row.box.getAttribute('aria-disabled') === 'true') {
        event.preventDefault();
      } else if (event.target === row.reveal) {
        this.app.send({ type: 'reveal', key: row.key });
      } else if (row.check !== undefined && event.target === row.check) {
        this.app.send({ type: 'checkForTask', key: row.key });
      }
    });
    this.body.addEventListener('change', (event) => {
      const row = rowOf(event.target);
      if (row !== undefined && event.target === row.box) this.app.toggle(row.key, row.box.checked);
    });
    this.body.addEventListener('input', (event) => {
      const row = rowOf(event.target);
      if (row !== undefined && event.target === row.title && !row.title.readOnly) this.app.editTitle(row.key, row.title.value);
    });
    this.body.addEventListener('focusout', (event) => {
      const row = rowOf(event.target);
      if (row !== undefined && event.target === row.title) {
        this.app.flushTitle(row.key);
        row.titleLeft(this.s);
      }
    });
    this.body.addEventListener('focusin', (event) => {
      const row = rowOf(event.target);
      if (row !== undefined) this.activate(row);
    });
    this.body.addEventListener('keydown', (event) => this.onKey(event, rowOf(event.target)));
    this.body.addEventListener('mouseover', (event) => {
      const row = rowOf(event.target);
      if (row !== undefined && event.target === row.reveal && !row.reveal.hasAttribute('title')) row.tooltip(this.s);
    });
  }

  private onKey(event: KeyboardEvent, row: RowUi | undefined): void {
    if (row === undefined || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const controls = row.controls();
    const column = controls.indexOf(target);
    if (column < 0) return;
    const inText = target === row.title;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      if (inText || event.ctrlKey) return;
      const next = controls[column + (event.key === 'ArrowLeft' ? -1 : 1)];
      if (next !== undefined) {
        event.preventDefault();
        next.focus();
      }
      return;
    }
    // In the title, Home and End move the caret; Ctrl+Home and Ctrl+End go to the first and last row.
    if ((event.key === 'Home' || event.key === 'End') && inText !== event.ctrlKey) return;
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && event.ctrlKey) return;
    let to = moveIndex(event.key, row.position, this.shown.length);
    if (to === undefined) return;
    // The last row shown may not be the last row yet: End (or a step past it) gets the rest built first.
    if (to === this.shown.length - 1 && this.app.showAll()) to = moveIndex(event.key, row.position, this.shown.length) ?? to;
    event.preventDefault();
    this.focusRow(to, column);
  }

  private focusRow(position: number, column: number): void {
    const row = this.shown[position];
    if (row === undefined) return;
    const controls = row.controls();
    const control = controls[Math.min(column, controls.length - 1)];
    if (control === undefined) return;
    this.activate(row);
    control.focus();
  }

  /** The row whose controls are in the tab order. */
  private activate(row: RowUi | undefined): void {
    if (row === this.active) return;
    this.active?.setTabbable(false);
    this.active = row;
    row?.setTabbable(true);
    if (row !== undefined && !row.reveal.hasAttribute('title')) row.tooltip(this.s);
  }

  buildRows(rows: readonly RowView[]): void {
    // The nodes go into the page with `show`, in the order it is given.
    for (const row of rows) {
      const ui = new RowUi(this.template, row, `r${this.built++}`, this.s);
      this.byKey.set(row.key, ui);
      this.byNode.set(ui.node, ui);
    }
  }

  updateRow(row: RowView): void {
    const ui = this.byKey.get(row.key);
    if (ui === undefined) return;
    const hadFocus = ui.node.contains(document.activeElement);
    ui.update(row, this.s);
    // A control that went away (the check button of a row no longer unknown) hands the focus to the row.
    if (hadFocus && !ui.node.contains(document.activeElement)) ui.box.focus();
  }

  isEditing(key: string): boolean {
    const ui = this.byKey.get(key);
    return ui !== undefined && document.activeElement === ui.title;
  }

  /**
   * Puts the shown rows in order (moving only the nodes out of place) and takes the others out; rows not
   * built yet are left out until they are. The rows sit in groups of CHUNK_ROWS, each skipped by the
   * browser while off screen (see review.css).
   */
  show(rows: readonly RowView[], total: number): void {
    const next: RowUi[] = [];
    for (const row of rows) {
      const ui = this.byKey.get(row.key);
      if (ui !== undefined) next.push(ui);
    }
    for (const ui of this.shown) ui.position = -1;
    next.forEach((ui, i) => {
      ui.position = i;
    });
    const count = Math.ceil(next.length / CHUNK_ROWS);
    while (this.chunks.length < count) {
      const chunk = el('div', { class: 'chunk', role: 'none' });
      this.chunks.push(chunk);
      this.body.appendChild(chunk);
    }
    this.chunks.forEach((chunk, c) => {
      let cursor: ChildNode | null = chunk.firstChild;
      for (let i = c * CHUNK_ROWS; i < Math.min((c + 1) * CHUNK_ROWS, next.length); i++) {
        const node = (next[i] as RowUi).node;
        if (node === cursor) cursor = cursor.nextSibling;
        else chunk.insertBefore(node, cursor);
      }
      while (cursor !== null) {
        const after: ChildNode | null = cursor.nextSibling;
        cursor.remove();
        cursor = after;
      }
    });
    while (this.chunks.length > count) this.chunks.pop()?.remove();
    this.shown = next;
    if (this.active === undefined || this.active.position < 0) this.activate(next[0]);
    const text = total === 0 ? this.s.nothingFound : next.length === 0 ? this.s.noneShown : '';
    setText(this.empty, text);
    this.empty.hidden = text === '';
    this.grid.hidden = next.length === 0;
  }

  renderOptions(me: Member | undefined, members: readonly Member[], tags: readonly Tag[], defaults: BulkDefaults): void {
    clear(this.assignee);
    this.assignee.appendChild(el('option', { value: '' }, youLabel(this.s, me)));
    for (const member of members) {
      if (member.id === me?.id) continue;
      this.assignee.appendChild(el('option', { value: String(member.id) }, member.name));
    }
    this.assignee.value = defaults.assignee === undefined || defaults.assignee === me?.id ? '' : String(defaults.assignee);
    if (this.assignee.selectedIndex < 0) this.assignee.selectedIndex = 0;
    if (this.deadline.value !== defaults.deadline) this.deadline.value = defaults.deadline;
    this.taskType.value = defaults.taskType;

    clear(this.tagList);
    const chosen = new Set(defaults.tags);
    for (const tag of tags) {
      const option = el('option', { value: tag.id }, tag.title);
      option.selected = chosen.has(tag.id);
      this.tagList.appendChild(option);
    }
    this.tagList.size = Math.min(Math.max(tags.length, 2), 5);
    this.tagList.hidden = tags.length === 0;
    this.noTags.hidden = tags.length > 0;
  }

  renderStatus(rows: readonly RowView[], run: RunView): void {
    const counts = countRows(rows);
    setText(this.summary, summaryText(this.s, rows.length, counts));
    const running = run.phase === 'running';
    // Where the run stands, for styles and for anything that waits on the page (the end-to-end tests).
    if (document.body.dataset['phase'] !== run.phase) document.body.dataset['phase'] = run.phase;
    const count = counts.checked;
    setText(this.createButton, createLabel(this.s, count));
    this.createButton.disabled = count === 0 || running;
    this.progress.hidden = !running;
    if (running) {
      this.progressBar.max = Math.max(run.total, 1);
      this.progressBar.value = Math.min(run.done, run.total);
      setText(this.progressLabel, progressText(this.s, run));
    }
    this.cancelButton.hidden = !running;
    this.retryButton.hidden = running || counts.failed === 0;
    setText(this.alert, run.message ?? '');
    this.signIn.hidden = run.signIn !== true;
  }

  focusedPlace(): FocusPlace | undefined {
    const focused = document.activeElement;
    const node = focused instanceof Element ? focused.closest('.row') : null;
    const row = node === null ? undefined : this.byNode.get(node);
    if (row === undefined || !(focused instanceof HTMLElement)) return undefined;
    return { key: row.key, column: Math.max(row.controls().indexOf(focused), 0) };
  }

  restoreFocus(place: FocusPlace): void {
    const row = this.byKey.get(place.key);
    if (row !== undefined && row.position >= 0) this.focusRow(row.position, place.column);
  }
}

/** The nodes of one row, cloned for every row (much faster than building each). */
function rowTemplate(): HTMLElement {
  return el(
    'div',
    { role: 'row', class: 'row' },
    el('div', { role: 'gridcell', class: 'cell c0' }, el('input', { type: 'checkbox', class: 'checkbox', tabindex: -1 })),
    el('div', { role: 'gridcell', class: 'cell c1' }, el('button', { type: 'button', class: 'link', tabindex: -1 })),
    el('div', { role: 'gridcell', class: 'cell c2' }, el('input', { type: 'text', class: 'input title', autocomplete: 'off', tabindex: -1 })),
    el('div', { role: 'gridcell', class: 'cell c3 assignees' }),
    // The badges, the message and the check button are made when a row first needs them.
    el('div', { role: 'gridcell', class: 'cell c4 state' }),
  );
}

const PART_CLASSES = ['badge duplicate', 'badge kind', 'message'] as const;

class RowUi {
  readonly node: HTMLElement;
  readonly box: HTMLInputElement;
  readonly reveal: HTMLButtonElement;
  readonly title: HTMLInputElement;
  check: HTMLButtonElement | undefined;
  /** Index among the rows shown; -1 when the filter hides the row. */
  position = -1;
  private readonly assignees: HTMLElement;
  private readonly stateCell: HTMLElement;
  /** The state cell's parts, in order: duplicate badge, state badge, message (the check button follows). */
  private readonly parts: [HTMLElement | undefined, HTMLElement | undefined, HTMLElement | undefined] = [undefined, undefined, undefined];
  private tabbable = false;
  private described = false;
  private row: RowView | undefined;
  /** The title the labels name (kept while the title is being typed). */
  private labelled: string | undefined;

  constructor(template: HTMLElement, row: RowView, private readonly id: string, s: BulkStrings) {
    // Walks the clone by siblings: the template's shape is fixed (see rowTemplate).
    this.node = template.cloneNode(true) as HTMLElement;
    const check = this.node.firstElementChild as HTMLElement;
    const at = check.nextElementSibling as HTMLElement;
    const title = at.nextElementSibling as HTMLElement;
    this.assignees = title.nextElementSibling as HTMLElement;
    this.stateCell = this.assignees.nextElementSibling as HTMLElement;
    this.box = check.firstElementChild as HTMLInputElement;
    this.reveal = at.firstElementChild as HTMLButtonElement;
    this.title = title.firstElementChild as HTMLInputElement;
    this.update(row, s);
  }

  get key(): string {
    return this.row?.key ?? '';
  }

  update(row: RowView, s: BulkStrings): void {
    const old = this.row;
    this.row = row;
    const kind = row.state.kind;
    if ((old?.state.kind ?? 'ready') !== kind) this.node.setAttribute('data-state', kind);
    if (this.box.checked !== row.checked) this.box.checked = row.checked;
    const selectable = isSelectableState(row.state);
    if (old === undefined ? !selectable : isSelectableState(old.state) !== selectable) {
      setAttr(this.box, 'aria-disabled', selectable ? undefined : 'true');
      this.title.readOnly = !selectable;
    }
    // A title being typed keeps its text and its labels until it is left.
    const typing = old !== undefined && document.activeElement === this.title;
    if (!typing && this.labelled !== row.title) {
      this.labelled = row.title;
      this.box.setAttribute('aria-label', row.title);
      this.title.setAttribute('aria-label', fill(s.titleOf, { title: row.title }));
    }
    if (!typing && this.title.value !== row.title) this.title.value = row.title;
    if (old === undefined || old.path !== row.path || old.line !== row.line) {
      setText(this.reveal, placeText(row));
      if (this.reveal.hasAttribute('title')) this.tooltip(s);
    }
    if ((old?.assignees ?? '') !== (row.assignees ?? '')) setText(this.assignees, row.assignees ?? '');
    if (old?.duplicate !== row.duplicate) this.show(0, duplicateText(s, row.duplicate));
    if (old === undefined ? kind !== 'ready' : old.state !== row.state) {
      this.show(1, stateText(s, row.state));
      this.show(2, stateMessage(row.state));
    }
    if (kind === 'unknown') {
      if (this.check === undefined) {
        this.check = el('button', { type: 'button', class: 'button secondary small check', tabindex: this.tabbable ? 0 : -1 }, s.checkForTask);
        this.stateCell.appendChild(this.check);
      }
      this.check.hidden = false;
    } else if (this.check !== undefined) {
      this.check.hidden = true;
    }
  }

  /** The location's longer text, as the button's tooltip (set when the row is first pointed at or focused). */
  tooltip(s: BulkStrings): void {
    if (this.row !== undefined) this.reveal.title = fill(s.line, { line: this.row.line + 1, path: this.row.path });
  }

  /** Shows `text` in a part of the state cell, made when first needed, or hides the part when there is none. */
  private show(slot: 0 | 1 | 2, text: string | undefined): void {
    let node = this.parts[slot];
    if (text === undefined || text === '') {
      if (node !== undefined) node.hidden = true;
      return;
    }
    if (node === undefined) {
      node = el('span', { class: PART_CLASSES[slot] });
      const next = [...this.parts.slice(slot + 1), this.check].find((part) => part !== undefined) ?? null;
      this.stateCell.insertBefore(node, next);
      this.parts[slot] = node;
    }
    setText(node, text);
    node.hidden = false;
  }

  /** The title the user left: the labels follow it. */
  titleLeft(s: BulkStrings): void {
    if (this.row !== undefined) {
      this.labelled = undefined;
      this.update(this.row, s);
    }
  }

  /** The row's controls, left to right (the columns the arrow keys keep). */
  controls(): HTMLElement[] {
    const controls: HTMLElement[] = [this.box, this.reveal, this.title];
    if (this.check !== undefined && !this.check.hidden) controls.push(this.check);
    return controls;
  }

  /**
   * Puts the row's controls in the tab order, or takes them out. The row that gets the focus also gets
   * its description (where the TODO is, who gets the task, its state) for the checkbox: set only then,
   * so building 2,000 rows costs no more than it must.
   */
  setTabbable(on: boolean): void {
    this.tabbable = on;
    const index = on ? 0 : -1;
    this.box.tabIndex = index;
    this.reveal.tabIndex = index;
    this.title.tabIndex = index;
    if (this.check !== undefined) this.check.tabIndex = index;
    if (on && !this.described) {
      this.described = true;
      this.reveal.id = `${this.id}-at`;
      this.assignees.id = `${this.id}-to`;
      this.stateCell.id = `${this.id}-state`;
      this.box.setAttribute('aria-describedby', `${this.id}-at ${this.id}-to ${this.id}-state`);
    }
  }
}
