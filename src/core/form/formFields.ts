// The task form's "Form fields": what the assignee fills in on completion, as the form holds them (one
// row per field, each with a key of its own that follows it through moves), the edits the form makes to
// the list (add, change, move, remove), and the rows as the create-task input sends them.
import { takesColumns, takesOptions, type FormFieldInput, type FormFieldType } from '../tallyfy/schema';
import { fieldTypeLabel, fill, type FormStrings } from './strings';

/** One row of "Form fields", as typed. */
export interface FormFieldDraft {
  /** Names the row in this form (its controls, its errors) wherever it moves; never sent. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** A dropdown's, multiselect's or radio's options as typed, one per line (kept when the type changes). */
  options: string;
  /** A table's columns as typed, one per line. */
  columns: string;
}

/** The parts of a row that errors are shown next to; `row` holds what belongs to no control of it. */
export const FORM_FIELD_PARTS = ['label', 'type', 'options', 'columns', 'row'] as const;
export type FormFieldPart = (typeof FORM_FIELD_PARTS)[number];

/** The error key of a row's part: `formFields.<key>.<part>`. */
export type FormFieldRowKey = `formFields.${string}.${FormFieldPart}`;

export function rowKey(key: string, part: FormFieldPart): FormFieldRowKey {
  return `formFields.${key}.${part}`;
}

/** Whether `name` is the error key of a row's part. */
export function isRowKey(name: string): name is FormFieldRowKey {
  return /^formFields\.[A-Za-z0-9]+\.(label|type|options|columns|row)$/.test(name);
}

/** The lines of a list typed one item per line: trimmed, blank ones left out. */
export function listLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A key no row of `fields` has: `f` and the next number. */
export function nextFieldKey(fields: readonly FormFieldDraft[]): string {
  const taken = fields.map((field) => Number(/^f(\d+)$/.exec(field.key)?.[1] ?? 0));
  return `f${Math.max(0, ...taken) + 1}`;
}

/** The list with a new, empty text field at its end (its key: `nextFieldKey`). */
export function addFormField(fields: readonly FormFieldDraft[]): FormFieldDraft[] {
  return [...fields, { key: nextFieldKey(fields), label: '', type: 'text', required: false, options: '', columns: '' }];
}

export function changeFormField(fields: readonly FormFieldDraft[], key: string, patch: Partial<Omit<FormFieldDraft, 'key'>>): FormFieldDraft[] {
  return fields.map((field) => (field.key === key ? { ...field, ...patch } : field));
}

/** The list with the row moved one place up (-1) or down (1); as it was at either end. */
export function moveFormField(fields: readonly FormFieldDraft[], key: string, by: -1 | 1): FormFieldDraft[] {
  const from = fields.findIndex((field) => field.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= fields.length) return [...fields];
  const out = [...fields];
  const [moved] = out.splice(from, 1);
  if (moved !== undefined) out.splice(to, 0, moved);
  return out;
}

export function removeFormField(fields: readonly FormFieldDraft[], key: string): FormFieldDraft[] {
  return fields.filter((field) => field.key !== key);
}

/**
 * The rows as the create-task input has them: the label as typed (the schema trims it), the type,
 * `required`, and the options or columns the type takes, one per non-blank line. Not yet validated.
 */
export function formFieldsInput(fields: readonly FormFieldDraft[]): FormFieldInput[] {
  return fields.map((field) => {
    const input: FormFieldInput = { label: field.label, field_type: field.type, required: field.required };
    if (takesOptions(field.type)) input.options = listLines(field.options).map((text) => ({ text }));
    if (takesColumns(field.type)) input.columns = listLines(field.columns).map((label) => ({ label }));
    return input;
  });
}

export type PreviewStrings = Pick<FormStrings, 'previewField' | 'previewFieldRequired' | 'previewNoLabel' | 'previewChoices' | `fieldType.${FormFieldType}`>;

/**
 * The form fields as "What will be sent" lists them, one line each: the label (trimmed), the type, whether
 * it is required, and the options or columns that will be sent.
 */
export function formFieldsPreview(fields: readonly FormFieldDraft[], strings: PreviewStrings): string[] {
  const sent = formFieldsInput(fields);
  return fields.map((draft, index) => {
    const field = sent[index];
    const label = draft.label.trim() === '' ? strings.previewNoLabel : draft.label.trim();
    const text = fill(draft.required ? strings.previewFieldRequired : strings.previewField, { label, type: fieldTypeLabel(strings, draft.type) });
    const choices = [...(field?.options ?? []).map((option) => option.text), ...(field?.columns ?? []).map((column) => column.label)];
    return choices.length === 0 ? text : fill(strings.previewChoices, { field: text, choices: choices.join(', ') });
  });
}
