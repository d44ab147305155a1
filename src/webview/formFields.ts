// The task form's "Form fields": one group per field (its label, type, "Required", and the options or
// columns its type takes) with buttons to move it up or down and to remove it, and a button to add one.
// Every control has a visible label and answers the keyboard; after a move or a removal the focus stays
// with the field (or goes to its neighbour, or to "Add form field") and a status line says what happened.
// The rows are kept by key, so typing in one never rebuilds it (the caret stays where it is).
import {
  addFormField,
  changeFormField,
  moveFormField,
  removeFormField,
  rowKey,
  type FormFieldDraft,
  type FormFieldPart,
} from '../core/form/formFields';
import { fieldTypeLabel, fill, type FormStrings } from '../core/form/strings';
import type { FormErrors, FormField } from '../core/form/values';
import { FORM_FIELD_TYPES, takesColumns, takesOptions, type FormFieldType } from '../core/tallyfy/schema';
import { el, setAttr, setText } from './dom';
import { errorNode, input, setValue } from './fields';

export interface FormFieldsHost {
  /** The rows as the form holds them now. */
  fields(): readonly FormFieldDraft[];
  /** The rows after a change of `part` (a row's part, or `formFields` for the list itself). */
  change(part: FormField, fields: FormFieldDraft[]): void;
  /** The rows after the one with `key` was removed. */
  remove(key: string, fields: FormFieldDraft[]): void;
  blur(part: FormField): void;
}

const isFieldType = (value: string): value is FormFieldType => (FORM_FIELD_TYPES as readonly string[]).includes(value);

/** The controls of one field. */
class Row {
  readonly root: HTMLFieldSetElement;
  readonly legend: HTMLLegendElement;
  readonly label: HTMLInputElement;
  readonly type: HTMLSelectElement;
  readonly required: HTMLInputElement;
  readonly options: HTMLTextAreaElement;
  readonly columns: HTMLTextAreaElement;
  readonly up: HTMLButtonElement;
  readonly down: HTMLButtonElement;
  readonly remove: HTMLButtonElement;
  private readonly optionsField: HTMLElement;
  private readonly columnsField: HTMLElement;
  /** Each part's error line and the control it marks invalid. */
  private readonly errors: ReadonlyArray<readonly [FormFieldPart, HTMLElement, HTMLElement | undefined]>;

  constructor(readonly key: string, s: FormStrings, editor: FormFieldsEditor, host: FormFieldsHost) {
    const id = (part: string): string => `ff-${key}-${part}`;
    const set = (part: FormFieldPart, patch: Partial<Omit<FormFieldDraft, 'key'>>): void =>
      host.change(rowKey(key, part), changeFormField(host.fields(), key, patch));
    const blur = (part: FormFieldPart) => (): void => host.blur(rowKey(key, part));
    const errorOf = (part: FormFieldPart): HTMLDivElement => errorNode(id(part));

    this.label = input(id('label'), 'text', { autocomplete: 'off', 'aria-describedby': `${id('label')}-error` });
    this.label.addEventListener('input', () => set('label', { label: this.label.value }));
    this.label.addEventListener('blur', blur('label'));

    this.type = el('select', { id: id('type'), class: 'select', 'aria-describedby': `${id('type')}-error` });
    for (const type of FORM_FIELD_TYPES) this.type.appendChild(el('option', { value: type }, fieldTypeLabel(s, type)));
    this.type.addEventListener('change', () => {
      if (isFieldType(this.type.value)) set('type', { type: this.type.value });
    });
    this.type.addEventListener('blur', blur('type'));

    this.required = el('input', { type: 'checkbox', id: id('required'), class: 'checkbox' });
    this.required.addEventListener('change', () => set('row', { required: this.required.checked }));

    this.options = el('textarea', { id: id('options'), class: 'input textarea', rows: 3, 'aria-describedby': `${id('options')}-error` });
    this.options.addEventListener('input', () => set('options', { options: this.options.value }));
    this.options.addEventListener('blur', blur('options'));
    this.columns = el('textarea', { id: id('columns'), class: 'input textarea', rows: 3, 'aria-describedby': `${id('columns')}-error` });
    this.columns.addEventListener('input', () => set('columns', { columns: this.columns.value }));
    this.columns.addEventListener('blur', blur('columns'));

    this.up = el('button', { type: 'button', class: 'button secondary small' }, s.formFieldMoveUp);
    this.up.addEventListener('click', () => editor.move(key, -1));
    this.down = el('button', { type: 'button', class: 'button secondary small' }, s.formFieldMoveDown);
    this.down.addEventListener('click', () => editor.move(key, 1));
    this.remove = el('button', { type: 'button', class: 'button secondary small' }, s.formFieldRemove);
    this.remove.addEventListener('click', () => editor.remove(key));

    const labelError = errorOf('label');
    const typeError = errorOf('type');
    const optionsError = errorOf('options');
    const columnsError = errorOf('columns');
    const rowError = errorOf('row');
    this.errors = [
      ['label', labelError, this.label],
      ['type', typeError, this.type],
      ['options', optionsError, this.options],
      ['columns', columnsError, this.columns],
      ['row', rowError, undefined],
    ];
    this.optionsField = el('div', { class: 'stack form-field-list-input' }, el('label', { for: id('options'), class: 'label' }, s.formFieldOptions), this.options, optionsError);
    this.columnsField = el('div', { class: 'stack form-field-list-input' }, el('label', { for: id('columns'), class: 'label' }, s.formFieldColumns), this.columns, columnsError);
    this.legend = el('legend', { class: 'form-field-legend' });
    this.root = el(
      'fieldset',
      { class: 'form-field', id: `ff-${key}` },
      this.legend,
      el(
        'div',
        { class: 'row form-field-main' },
        el('div', { class: 'stack grow' }, el('label', { for: id('label'), class: 'label' }, s.formFieldLabel), this.label, labelError),
        el('div', { class: 'stack' }, el('label', { for: id('type'), class: 'label' }, s.formFieldType), this.type, typeError),
      ),
      el('div', { class: 'checkbox-row' }, this.required, el('label', { for: id('required') }, s.formFieldRequired)),
      this.optionsField,
      this.columnsField,
      rowError,
      el('div', { class: 'row form-field-actions' }, this.up, this.down, this.remove),
    );
  }

  render(field: FormFieldDraft, position: number, count: number, s: FormStrings, errors: FormErrors): void {
    setText(this.legend, fill(s.formFieldLegend, { n: position + 1 }));
    setValue(this.label, field.label);
    if (this.type.value !== field.type) this.type.value = field.type;
    this.required.checked = field.required;
    setValue(this.options, field.options);
    setValue(this.columns, field.columns);
    this.optionsField.hidden = !takesOptions(field.type);
    this.columnsField.hidden = !takesColumns(field.type);
    this.up.disabled = position === 0;
    this.down.disabled = position === count - 1;
    for (const [part, error, control] of this.errors) {
      const text = errors[rowKey(this.key, part)]?.join(' ') ?? '';
      setText(error, text);
      error.hidden = text === '';
      if (control !== undefined) setAttr(control, 'aria-invalid', text === '' ? undefined : 'true');
    }
  }

  control(part: FormFieldPart): HTMLElement {
    switch (part) {
      case 'type':
        return this.type;
      case 'options':
        return this.options;
      case 'columns':
        return this.columns;
      case 'label':
      case 'row':
        return this.label;
    }
  }
}

/** "Form fields", in the form's Advanced section. */
export class FormFieldsEditor {
  readonly root: HTMLElement;
  /** The list's own error line (what belongs to no row). */
  readonly errorNode = errorNode('formFields');
  private readonly list = el('div', { class: 'form-field-list' });
  private readonly add: HTMLButtonElement;
  private readonly status = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  private readonly rows = new Map<string, Row>();

  constructor(private readonly s: FormStrings, private readonly host: FormFieldsHost) {
    this.add = el('button', { type: 'button', class: 'button secondary small', id: 'add-form-field' }, s.addFormField);
    this.add.addEventListener('click', () => {
      const fields = addFormField(host.fields());
      host.change('formFields', fields);
      const added = fields.at(-1);
      if (added !== undefined) this.rows.get(added.key)?.label.focus();
    });
    this.root = el(
      'div',
      { class: 'field form-fields', 'data-field': 'formFields', role: 'group', 'aria-labelledby': 'formFields-label', 'aria-describedby': 'formFields-help' },
      el('div', { class: 'label', id: 'formFields-label' }, s.formFields),
      el('div', { class: 'help', id: 'formFields-help' }, s.formFieldsHelp),
      this.list,
      el('div', { class: 'row' }, this.add),
      this.errorNode,
      this.status,
    );
  }

  /** Shows the rows in their order (a row is built once, then only updated) with their errors. */
  render(fields: readonly FormFieldDraft[], errors: FormErrors): void {
    const keys = new Set(fields.map((field) => field.key));
    for (const [key, row] of this.rows) {
      if (keys.has(key)) continue;
      row.root.remove();
      this.rows.delete(key);
    }
    fields.forEach((field, position) => {
      let row = this.rows.get(field.key);
      if (row === undefined) {
        row = new Row(field.key, this.s, this, this.host);
        this.rows.set(field.key, row);
      }
      // Only a row out of place is moved, before the one there: the row just moved keeps its focus.
      const here = this.list.children[position];
      if (here !== row.root) this.list.insertBefore(row.root, here ?? null);
      row.render(field, position, fields.length, this.s, errors);
    });
  }

  /** Moves a row one place up or down, keeping the focus on its buttons (the other one at either end). */
  move(key: string, by: -1 | 1): void {
    const fields = moveFormField(this.host.fields(), key, by);
    this.host.change('formFields', fields);
    const row = this.rows.get(key);
    if (row === undefined) return;
    const pressed = by < 0 ? row.up : row.down;
    (pressed.disabled ? (by < 0 ? row.down : row.up) : pressed).focus();
    const position = fields.findIndex((field) => field.key === key);
    this.say(fill(this.s.formFieldMoved, { n: position + 1, count: fields.length }));
  }

  /** Removes a row; the focus goes to the next row's label, else the previous one's, else "Add form field". */
  remove(key: string): void {
    const before = this.host.fields();
    const index = before.findIndex((field) => field.key === key);
    const fields = removeFormField(before, key);
    this.host.remove(key, fields);
    const next = fields[Math.min(index, fields.length - 1)];
    (next === undefined ? this.add : this.rows.get(next.key)?.label ?? this.add).focus();
    this.say(this.s.formFieldRemoved);
  }

  /** Focuses the control of a row's part (`formFields.<key>.<part>`), or "Add form field" for the list. */
  focus(part: FormField): void {
    const match = /^formFields\.([^.]+)\.([a-z]+)$/.exec(part);
    const row = match === null ? undefined : this.rows.get(match[1] ?? '');
    if (row === undefined) {
      this.add.focus();
      return;
    }
    row.control(match?.[2] as FormFieldPart).focus();
  }

  private say(text: string): void {
    // The same words again (a second move down) are said again: the line is emptied first.
    this.status.textContent = '';
    setText(this.status, text);
  }
}
