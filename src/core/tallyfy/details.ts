// What a task answer carries when `with=` asks for it: its process (`run`), its comments (`threads`)
// and its form fields (`form_fields`), read from `Task.raw`; and a form field's captured value as text.
// Tallyfy wraps each relation in `{ data }`; these read it wrapped or bare. Pure and defensive: an odd
// shape gives nothing (or an empty text), never an exception.
import { normalizeApiDate } from './dates';
import { parseTaskUser } from './schema';

/** The process (Tallyfy's "run") a task belongs to. */
export interface TaskProcess {
  readonly id: string;
  /** The process's name; its id when the answer has none. */
  readonly name: string;
}

/** A comment (Tallyfy's "thread") on a task. */
export interface TaskComment {
  readonly id: string;
  /** HTML as Tallyfy stores it (mentions come back as `<strong>` and the like): show it as text, never as markup. */
  readonly content: string;
  readonly authorId?: number;
  /** Only when the answer embeds the author (`user` or `author`). */
  readonly authorName?: string;
  /** UTC ISO, `2025-07-15T17:00:00Z`. */
  readonly createdAt?: string;
  /** `comment`, `problem`, `resolve`, `improvement` or `advice`. */
  readonly label?: string;
}

/** A form field of a task, with the value captured in it. */
export interface TaskFormField {
  readonly id?: string;
  readonly label: string;
  /** Tallyfy's `field_type` (`text`, `date`, `dropdown`, …); empty when the answer has none. */
  readonly fieldType: string;
  readonly required: boolean;
  /** A dropdown's, multiselect's or radio's options, by their text, in the answer's order. */
  readonly options: readonly string[];
  /** A table's columns, by their label. */
  readonly columns: readonly string[];
  /** As captured (text, a number, an option object, a list, a table…); null when nothing is. */
  readonly value: unknown;
}

export interface FormFieldTextOptions {
  /** The field's type: the value of a `date` field is shown through `formatDate`. */
  readonly fieldType?: string | undefined;
  /** Words for a yes/no value, in the reader's language; `true` and `false` otherwise. */
  readonly booleans?: { readonly yes: string; readonly no: string } | undefined;
}

/** The process of a task answer (`run.data`), or undefined when it was not asked for or there is none. */
export function taskProcess(raw: unknown): TaskProcess | undefined {
  const run = asRecord(unwrap(asRecord(raw)?.['run']));
  const id = idText(run?.['id']);
  if (run === undefined || id === undefined) return undefined;
  return { id, name: nonEmptyText(run['name']) ?? id };
}

/**
 * The comments of a task answer (`threads.data`), oldest first by `created_at`, then in the answer's
 * order (Tallyfy promises none); undated ones last. Entries without an id or a content string are left out.
 */
export function taskComments(raw: unknown): TaskComment[] {
  const comments = listOf(asRecord(raw)?.['threads'], parseTaskComment);
  return comments
    .map((comment, index) => ({ comment, index, at: comment.createdAt === undefined ? Infinity : Date.parse(comment.createdAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ comment }) => comment);
}

/**
 * One comment as Tallyfy answers it (a thread, or the `data` of a comment's creation). The author is
 * `author_id`, else `user_id`, else an embedded `user` or `author` (`{ id, full_name }`, bare or in
 * `{ data }`), whose name is kept when it is the same person. Undefined without an id or content.
 */
export function parseTaskComment(value: unknown): TaskComment | undefined {
  const thread = asRecord(value);
  const id = idText(thread?.['id']);
  const content = thread?.['content'];
  if (thread === undefined || id === undefined || typeof content !== 'string') return undefined;
  const embedded = parseTaskUser(unwrap(thread['user'])) ?? parseTaskUser(unwrap(thread['author']));
  const authorId = parseTaskUser(thread['author_id'])?.id ?? parseTaskUser(thread['user_id'])?.id ?? embedded?.id;
  const authorName = embedded !== undefined && embedded.id === authorId ? embedded.fullName : undefined;
  return withoutUndefined({
    id,
    content,
    authorId,
    authorName,
    createdAt: normalizeApiDate(thread['created_at']),
    label: nonEmptyText(thread['label']),
  });
}

/** The form fields of a task answer (`form_fields.data`, or a bare list), in the answer's order. */
export function taskFormFields(raw: unknown): TaskFormField[] {
  return listOf(asRecord(raw)?.['form_fields'], parseFormField);
}

function parseFormField(value: unknown): TaskFormField | undefined {
  const field = asRecord(value);
  if (field === undefined) return undefined;
  const id = idText(field['id']);
  const label = nonEmptyText(field['label']) ?? '';
  if (id === undefined && label === '') return undefined;
  return withoutUndefined({
    id,
    label,
    fieldType: nonEmptyText(field['field_type']) ?? '',
    required: field['required'] === true,
    options: listOf(field['options'], (item) => choiceText(item, ['text', 'label', 'value'])),
    columns: listOf(field['columns'], (item) => choiceText(item, ['label', 'text', 'name'])),
    value: field['value'] ?? null,
  });
}

/** An option's or a column's text: itself when it is text, else its first text member of `keys`. */
function choiceText(item: unknown, keys: readonly string[]): string | undefined {
  if (typeof item === 'string') return nonEmptyText(item);
  const record = asRecord(item);
  for (const key of keys) {
    const text = nonEmptyText(record?.[key]);
    if (text !== undefined) return text;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// A captured value as text

/** How deep a value is read; deeper parts are left out. */
const MAX_DEPTH = 5;

/** The members an option object (a dropdown's, a radio's) is shown by, in this order. */
const OPTION_KEYS = ['text', 'label', 'value'] as const;

interface TextRules {
  readonly formatDate: (iso: string) => string;
  readonly isDate: boolean;
  readonly yes: string;
  readonly no: string;
}

/**
 * A form field's captured value as display text: text as it is (a `date` field's date through
 * `formatDate`, which gets a UTC ISO string), numbers, yes/no words, an option object by its `text`,
 * `label` or `value`, a list joined with ", ", a table (rows of objects or lists) as rows joined with
 * "; " and cells with ", ". Nothing captured (null, undefined, blank) is ''.
 */
export function formFieldText(value: unknown, formatDate: (iso: string) => string, options: FormFieldTextOptions = {}): string {
  const rules: TextRules = {
    formatDate,
    isDate: options.fieldType === 'date',
    yes: options.booleans?.yes ?? 'true',
    no: options.booleans?.no ?? 'false',
  };
  return textOf(value, rules, 0);
}

function textOf(value: unknown, rules: TextRules, depth: number): string {
  if (depth > MAX_DEPTH || value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim() === '' ? '' : rules.isDate ? dateText(value, rules.formatDate) : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? rules.yes : rules.no;
  if (Array.isArray(value)) return listText(value, rules, depth);
  const record = asRecord(value);
  return record === undefined ? '' : isOption(record) ? optionText(record, rules, depth) : rowText(record, rules, depth);
}

/** A date through `formatDate`; text that is no date, or a `formatDate` that fails, as it is. */
function dateText(text: string, formatDate: (iso: string) => string): string {
  const iso = normalizeApiDate(text);
  if (iso === undefined) return text;
  try {
    return formatDate(iso);
  } catch {
    return text;
  }
}

function isOption(record: Record<string, unknown>): boolean {
  return OPTION_KEYS.some((key) => key in record);
}

function optionText(record: Record<string, unknown>, rules: TextRules, depth: number): string {
  for (const key of OPTION_KEYS) {
    const text = textOf(record[key], rules, depth + 1);
    if (text !== '') return text;
  }
  return '';
}

/**
 * A list of choices joined with ", ", or, when an item is a row (a list, or an object that is no
 * option), a table: rows joined with "; ". An option marked `selected: false` is one not chosen.
 */
function listText(items: readonly unknown[], rules: TextRules, depth: number): string {
  const chosen = items.filter((item) => asRecord(item)?.['selected'] !== false);
  if (chosen.some(isRow)) return joined(chosen.map((item) => rowText(item, rules, depth + 1)), '; ');
  return joined(chosen.map((item) => textOf(item, rules, depth + 1)), ', ');
}

function isRow(item: unknown): boolean {
  const record = asRecord(item);
  return Array.isArray(item) || (record !== undefined && !isOption(record));
}

/** A table row (a list of cells, or an object of them by column) with its cells joined with ", ". */
function rowText(row: unknown, rules: TextRules, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  const record = asRecord(row);
  const cells = Array.isArray(row) ? row : record !== undefined && !isOption(record) ? Object.values(record) : [row];
  return joined(cells.map((cell) => textOf(cell, rules, depth + 1)), ', ');
}

function joined(parts: readonly string[], separator: string): string {
  return parts.filter((part) => part !== '').join(separator);
}

// ---------------------------------------------------------------------------------------------------
// Reading answers

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A relation's content: the `data` of `{ data }`, as Tallyfy wraps an included relation, else the value itself. */
function unwrap(value: unknown): unknown {
  const record = asRecord(value);
  return record !== undefined && 'data' in record ? record['data'] : value;
}

function listOf<T>(value: unknown, parse: (item: unknown) => T | undefined): T[] {
  const items = unwrap(value);
  if (!Array.isArray(items)) return [];
  const out: T[] = [];
  for (const item of items) {
    const parsed = parse(item);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Drops the keys whose value is undefined (for exact optional properties). */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== undefined) out[key] = inner;
  }
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
