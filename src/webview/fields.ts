// The controls the task form and a task's Edit share: the title with its counter, the deadline with its
// presets, the assignees picker, and the error line under each. Both pages build them here, so they
// look, validate and answer the keyboard the same; what a change does is the page's.
import { localZone, presetDeadline, type DeadlinePreset } from '../core/form/dates';
import {
  addAssignee,
  assigneeSuggestions,
  chosenAssignees,
  looksLikeEmail,
  removeAssignee,
  titleCounter,
  type FormOptions,
} from '../core/form/model';
import type { MemberOption, SearchKind } from '../core/form/protocol';
import { fill, type FormStrings } from '../core/form/strings';
import type { FormAssignees, FormErrors } from '../core/form/values';
import { el, setText, setAttr } from './dom';
import { Picker } from './picker';

/** A control's error line and the controls it marks invalid. */
export interface FieldParts {
  readonly error: HTMLElement;
  readonly controls: readonly HTMLElement[];
}

export function input(id: string, type: string, props: Record<string, string> = {}): HTMLInputElement {
  return el('input', { class: 'input', ...props, id, type });
}

export function errorNode(field: string): HTMLDivElement {
  return el('div', { class: 'error', id: `${field}-error`, hidden: true });
}

/** Sets a control's value only when it differs, so the caret does not jump while typing. */
export function setValue(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  if (control.value !== value) control.value = value;
}

/** Shows each control's messages on its error line and marks its controls invalid (or valid again). */
export function showErrors(fields: ReadonlyMap<string, FieldParts>, errors: FormErrors): void {
  for (const [field, parts] of fields) {
    const text = errors[field as keyof FormErrors]?.join(' ') ?? '';
    setText(parts.error, text);
    parts.error.hidden = text === '';
    for (const control of parts.controls) setAttr(control, 'aria-invalid', text === '' ? undefined : 'true');
  }
}

export type TitleStrings = Pick<FormStrings, 'title' | 'titleCount'>;

/** The title: a text box with its live "count / max" counter. */
export class TitleControl {
  readonly input = input('title', 'text', { autocomplete: 'off', 'aria-describedby': 'title-count title-error' });
  readonly error = errorNode('title');
  readonly root: HTMLElement;
  private readonly counter = el('span', { id: 'title-count', class: 'counter' });

  constructor(private readonly s: TitleStrings, on: { change(title: string): void; blur(): void }) {
    this.input.addEventListener('input', () => on.change(this.input.value));
    this.input.addEventListener('blur', () => on.blur());
    this.root = el(
      'div',
      { class: 'field', 'data-field': 'title' },
      el('label', { for: 'title', class: 'label' }, s.title),
      this.input,
      el('div', { class: 'field-meta' }, this.counter),
      this.error,
    );
  }

  get parts(): FieldParts {
    return { error: this.error, controls: [this.input] };
  }

  render(title: string): void {
    setValue(this.input, title);
    const counter = titleCounter(title, this.s);
    setText(this.counter, counter.text);
    this.counter.classList.toggle('over', counter.over);
  }
}

export type DeadlineStrings = Pick<FormStrings, 'deadline' | 'deadlineTime' | 'presetToday' | 'presetTomorrow' | 'presetNextWeek'>;

/** The deadline: a date, a time, and presets (today 17:00, tomorrow, next week). */
export class DeadlineControl {
  readonly date = input('deadline', 'date', { 'aria-describedby': 'deadline-error' });
  readonly time = input('deadline-time', 'time', { 'aria-describedby': 'deadline-error' });
  readonly error = errorNode('deadline');
  readonly root: HTMLElement;

  constructor(s: DeadlineStrings, on: { change(date: string, time: string): void; blur(): void }) {
    const changed = (): void => on.change(this.date.value, this.time.value);
    for (const node of [this.date, this.time]) {
      node.addEventListener('input', changed);
      node.addEventListener('change', changed);
      node.addEventListener('blur', () => on.blur());
    }
    const preset = (name: DeadlinePreset, label: string): HTMLButtonElement => {
      const button = el('button', { type: 'button', class: 'button secondary small' }, label);
      button.addEventListener('click', () => {
        const local = presetDeadline(name, new Date(), localZone);
        on.change(local.date, local.time);
      });
      return button;
    };
    this.root = el(
      'div',
      { class: 'field', 'data-field': 'deadline' },
      el('label', { for: 'deadline', class: 'label' }, s.deadline),
      el(
        'div',
        { class: 'row' },
        this.date,
        el('label', { for: 'deadline-time', class: 'inline-label' }, s.deadlineTime),
        this.time,
        el('div', { class: 'presets' }, preset('today', s.presetToday), preset('tomorrow', s.presetTomorrow), preset('nextWeek', s.presetNextWeek)),
      ),
      this.error,
    );
  }

  get parts(): FieldParts {
    return { error: this.error, controls: [this.date, this.time] };
  }

  render(date: string, time: string): void {
    setValue(this.date, date);
    setValue(this.time, time);
  }
}

export type AssigneeStrings = Pick<
  FormStrings,
  'assignees' | 'assigneesHelp' | 'assigneesSelected' | 'suggestions' | 'noMatches' | 'remove' | 'you' | 'group' | 'guest' | 'member' | 'addGuest'
>;

export interface AssigneeSource {
  options(): FormOptions;
  me(): MemberOption | undefined;
  assignees(): FormAssignees;
  change(assignees: FormAssignees): void;
  search(kinds: readonly SearchKind[], q: string): void;
  blur(): void;
}

/** The assignees: members and groups searched as typed, an email added as a guest. */
export function assigneesPicker(s: AssigneeStrings, source: AssigneeSource): Picker {
  return new Picker({
    id: 'assignees',
    label: s.assignees,
    help: s.assigneesHelp,
    selectedLabel: s.assigneesSelected,
    listLabel: s.suggestions,
    noMatches: s.noMatches,
    removeLabel: (name) => fill(s.remove, { name }),
    suggestions: (q) => assigneeSuggestions(q, source.options(), source.assignees(), s, source.me()),
    chosen: () => chosenAssignees(source.assignees(), source.options(), s, source.me()),
    onAdd: (choice) => source.change(addAssignee(source.assignees(), choice)),
    onRemove: (choice) => source.change(removeAssignee(source.assignees(), choice)),
    onQuery: (q) => source.search(looksLikeEmail(q) ? ['members', 'guests'] : ['members', 'groups', 'guests'], q),
    fromText: (text) => (looksLikeEmail(text) ? { kind: 'guest', value: text.trim(), label: text.trim() } : undefined),
    onBlur: () => source.blur(),
  });
}
