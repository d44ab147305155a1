// A local stand-in for the Tallyfy API, faithful to the contract and quirks described in the project's
// API notes: header checks, one accepted token, 422 bodies in both documented forms, owners.users as
// ids or objects, several date forms, pagination links in every form, and injectable faults. It also
// keeps processes (runs), comments with Tallyfy's hourly cap, and form field values, and renders a task's
// relations (`run`, `threads`, `form_fields`) only when `with=` names them.
//
// Control it in-process (the methods of the returned object) or over HTTP under `/__control/...`, so a
// test in another process (an extension host, a browser-driven test) can drive it too.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createSeed, DEFAULT_ORG_ID, type SeedData, type SeedUser } from './seed';

export { DEFAULT_ORG_ID, OTHER_ORG_ID } from './seed';
export type { SeedData } from './seed';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Defaults to 127.0.0.1. */
  readonly host?: string;
  /** The one token accepted; random by default. */
  readonly token?: string;
  /** The main organization's id (32-char hex); a fixed default. */
  readonly orgId?: string;
  /** Start with a few example tasks (for manual use). */
  readonly demoTasks?: boolean;
}

export type FaultKind = 'rate-limit' | 'status' | 'slow' | 'late' | 'drop' | 'unauthorized';

/** A fault for the next `count` API requests matching `method` and `path`. */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** How many matching requests it applies to. Default 1. */
  readonly count?: number;
  /** e.g. `POST`; any method when absent. */
  readonly method?: string;
  /**
   * Path under the API base, without query: exact, or a glob where `*` is one path segment and `**`
   * anything (e.g. `/organizations/*\/tasks`). Any path when absent.
   */
  readonly path?: string;
  /** `rate-limit`: Retry-After in seconds (default 1); omitted when null. */
  readonly retryAfter?: number | null;
  /** `rate-limit`: send Retry-After as an HTTP date instead of seconds. */
  readonly retryAfterAsDate?: boolean;
  /** `status`: the status to answer (default 500). */
  readonly status?: number;
  /** `status` and `rate-limit`: the body to answer; a default (per status) otherwise. */
  readonly body?: unknown;
  /**
   * `slow`: wait this long, then handle the request normally. `late`: handle it at once (the answer
   * says how things were when it was asked), deliver the answer this much later, as a slow network
   * would; without `delayMs`, when `releaseLate` is called.
   */
  readonly delayMs?: number;
  /** `status` and `drop`: perform the request first, then fail (the change happened). */
  readonly commit?: boolean;
}

export interface RecordedRequest {
  readonly seq: number;
  readonly method: string;
  /** Path under the API base, without query (e.g. `/organizations/…/tasks`). */
  readonly path: string;
  readonly query: Record<string, string>;
  /** The raw request target, query included. */
  readonly url: string;
  /** Every header as received (lower-case names). */
  readonly headers: Record<string, string>;
  readonly bodyText: string;
  /** The body parsed as JSON, or undefined. */
  readonly body: unknown;
  /** The fault applied to it, if any. */
  readonly fault?: FaultKind;
  readonly at: string;
}

export type ValidationForm = 'error-flag' | 'laravel' | 'alternate';
export type OwnersForm = 'ids' | 'objects' | 'alternate';
export type DateForm = 'z' | 'offset' | 'millis' | 'space' | 'alternate';
export type LinksForm = 'auto' | 'object' | 'nulls' | 'empty-array' | 'missing';

export interface SandboxBehavior {
  /** 422 body: `{ error: true, errors: {nested} }`, `{ message, errors: {"a.b.0": [...]} }`, or alternate. */
  readonly validationForm: ValidationForm;
  /** `owners.users` in task answers: ids, `{ id, full_name, profile_pic }` objects, or alternate per answer. */
  readonly ownersForm: OwnersForm;
  /** Dates in answers: `…Z`, `…+00:00`, `….000Z`, `YYYY-MM-DD HH:MM:SS`, or alternate per answer. */
  readonly dateForm: DateForm;
  /** `meta.pagination.links`: `auto` (present keys only, `[]` when none), or one fixed form. */
  readonly linksForm: LinksForm;
  /** Leave `total_pages` out of `meta.pagination` (clients must fall back to links). */
  readonly omitTotalPages: boolean;
}

export const DEFAULT_BEHAVIOR: SandboxBehavior = {
  validationForm: 'alternate',
  ownersForm: 'alternate',
  dateForm: 'alternate',
  linksForm: 'auto',
  omitTotalPages: false,
};

/** A task as the sandbox stores it (API field names; dates as ISO strings with milliseconds). */
export interface SandboxTask {
  id: string;
  orgId: string;
  increment_id: number;
  title: string;
  summary: string | null;
  task_type: string;
  status: string;
  is_oneoff: boolean;
  owners: { users: number[]; guests: string[]; groups: string[] };
  deadline: string;
  started_at: string | null;
  created_at: string;
  last_updated: string;
  completed_at: string | null;
  archived_at: string | null;
  run_id: string | null;
  step_id: string | null;
  tags: string[];
  is_approved: boolean | null;
  /** Other create fields, kept as sent (max_assignable, webhook, booleans, form_fields, …). */
  extra: Record<string, unknown>;
}

export type SandboxTaskInput = Partial<Omit<SandboxTask, 'id' | 'increment_id'>> & { title: string; id?: string };

/** A process (Tallyfy's "run"). A process task is a task with its `run_id` and `is_oneoff: false`. */
export interface SandboxRun {
  id: string;
  name: string;
}

export interface SandboxRunInput {
  /** 32-char hex; random when absent. */
  id?: string;
  name: string;
}

/** A comment (Tallyfy's "thread") on a task, as stored: `content` is kept as sent (Tallyfy stores HTML). */
export interface SandboxComment {
  id: string;
  content: string;
  author_id: number;
  /** ISO with milliseconds. */
  created_at: string;
  label: string;
}

export interface SandboxCommentInput {
  content: string;
  /** The token's user when absent. */
  authorId?: number;
  /** Now when absent; any date `Date` reads. */
  createdAt?: string;
  /** `comment` when absent. */
  label?: string;
}

/** The labels a comment may carry (Tallyfy's comment route). */
export const COMMENT_LABELS = ['comment', 'problem', 'resolve', 'improvement', 'advice'] as const;

/** Comments the API takes per organization and hour; the next one answers 429 `RATE_LIMIT_EXCEEDED`. */
export const COMMENTS_PER_HOUR = 120;

export interface SandboxControl {
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Delivers the answers `late` faults hold; how many there were. */
  releaseLate(): number;
  /** Resolves once a `late` fault holds an answer back (at once when one already does). */
  whenLateHeld(): Promise<void>;
  /** Resolves once `condition` (on the tasks, read through this control) holds: checked now and after each request handled. */
  whenTasks(condition: () => boolean): Promise<void>;
  /** Faults not used up yet, with their remaining counts. */
  faults(): FaultSpec[];
  requests(filter?: { method?: string; path?: string }): RecordedRequest[];
  clearRequests(): void;
  tasks(orgId?: string): SandboxTask[];
  task(id: string): SandboxTask | undefined;
  addTask(input: SandboxTaskInput): SandboxTask;
  updateTask(id: string, patch: Partial<Omit<SandboxTask, 'id'>>): SandboxTask;
  /** Sets `status`; `completed` also sets `completed_at`, anything else clears it. */
  setTaskStatus(id: string, status: string): SandboxTask;
  removeTask(id: string): boolean;
  runs(): SandboxRun[];
  /** Stores a process; an existing id is replaced. */
  addRun(input: SandboxRunInput): SandboxRun;
  /** A task's comments in the order they were stored (none for an unknown task). */
  comments(taskId: string): SandboxComment[];
  /** A comment made in Tallyfy (not through the API: it does not count towards the hourly cap). */
  addComment(taskId: string, input: SandboxCommentInput): SandboxComment;
  /**
   * Fills in one of the task's form fields (`extra.form_fields`, found by id, else by label) as someone
   * would in Tallyfy; `undefined` empties it again. Returns the field as `with=form_fields` renders it.
   */
  setFieldValue(taskId: string, field: string, value: unknown): Record<string, unknown>;
  behavior(): SandboxBehavior;
  configure(patch: Partial<SandboxBehavior>): SandboxBehavior;
  /** Resolves once no API request is being handled (e.g. after a slow fault the client gave up on). */
  settled(): Promise<void>;
  /** Back to the start: no tasks (or the demo tasks), runs, comments or field values, no faults, empty log, default behavior. */
  reset(): void;
}

export interface Sandbox extends SandboxControl {
  /** The API base URL, e.g. `http://127.0.0.1:8765/api`. */
  readonly url: string;
  /** `http://127.0.0.1:8765`. */
  readonly origin: string;
  /** `http://127.0.0.1:8765/__control`. */
  readonly controlUrl: string;
  readonly port: number;
  /** The one token accepted. */
  readonly token: string;
  readonly orgId: string;
  readonly seed: SeedData;
  close(): Promise<void>;
}

interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const TASK_TYPES = ['task', 'approval', 'expiring', 'email', 'expiring_email'];
/**
 * The form field types Tallyfy's API takes (its `BaseCapture::$field_types`, as Tallyfy's MCP server
 * quotes it): `email` included, though Tallyfy's web app cannot show one.
 */
const FIELD_TYPES = ['text', 'textarea', 'email', 'date', 'dropdown', 'multiselect', 'radio', 'file', 'table', 'assignees_form'];
const HOUR_MS = 3_600_000;
const API_PREFIX = '/api';
const CONTROL_PREFIX = '/__control';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? `sandbox.${randomBytes(24).toString('hex')}`;
  const orgId = options.orgId ?? DEFAULT_ORG_ID;
  const seed = createSeed(orgId);
  const knownOrgs = new Set(seed.organizations.map((org) => org.id));

  let behavior: SandboxBehavior = { ...DEFAULT_BEHAVIOR };
  let faults: Array<FaultSpec & { remaining: number }> = [];
  let log: RecordedRequest[] = [];
  let tasks = new Map<string, SandboxTask>();
  let runs = new Map<string, SandboxRun>();
  /** Comments by task id, in the order stored. */
  let comments = new Map<string, SandboxComment[]>();
  /** Form field values by task id, then field id. */
  let fieldValues = new Map<string, Map<string, unknown>>();
  /** When the API's comment route let a request through, by organization (ms), for the hourly cap. */
  let commentHits = new Map<string, number[]>();
  let seq = 0;
  let incrementId = 0;
  let toggles = { validation: 0, owners: 0, dates: 0 };
  let inFlight = 0;
  let lateWaiters: Array<() => void> = [];
  let heldWatchers: Array<() => void> = [];
  /** Conditions on the tasks that tests wait for, checked after each request handled. */
  let taskWatchers: Array<{ condition: () => boolean; resolve: () => void }> = [];
  const checkTaskWatchers = (): void => {
    const waiting = taskWatchers;
    taskWatchers = [];
    for (const watcher of waiting) {
      if (watcher.condition()) watcher.resolve();
      else taskWatchers.push(watcher);
    }
  };
  let settleWaiters: Array<() => void> = [];
  const sockets = new Set<Socket>();

  // ---------------------------------------------------------------------------------------------
  // Tasks

  function now(): string {
    return new Date().toISOString();
  }

  function addTask(input: SandboxTaskInput): SandboxTask {
    const created = now();
    const task: SandboxTask = {
      id: input.id ?? randomBytes(16).toString('hex'),
      orgId: input.orgId ?? orgId,
      increment_id: ++incrementId,
      title: input.title,
      summary: input.summary ?? null,
      task_type: input.task_type ?? 'task',
      status: input.status ?? 'not-started',
      is_oneoff: input.is_oneoff ?? true,
      owners: input.owners ?? { users: [seed.user.id], guests: [], groups: [] },
      deadline: input.deadline ?? new Date(Date.now() + 7 * 86_400_000).toISOString(),
      started_at: input.started_at ?? null,
      created_at: input.created_at ?? created,
      last_updated: input.last_updated ?? created,
      completed_at: input.completed_at ?? (input.status === 'completed' ? created : null),
      archived_at: input.archived_at ?? null,
      run_id: input.run_id ?? null,
      step_id: input.step_id ?? null,
      tags: input.tags ?? [],
      is_approved: input.is_approved ?? null,
      extra: input.extra ?? {},
    };
    tasks.set(task.id, task);
    return task;
  }

  function requireStored(id: string): SandboxTask {
    const task = tasks.get(id);
    if (!task) throw new Error(`No sandbox task ${id}`);
    return task;
  }

  function seedDemoTasks(): void {
    const day = 86_400_000;
    addTask({ title: 'Rotate the staging API keys', deadline: new Date(Date.now() + 2 * day).toISOString() });
    addTask({
      title: 'Review the retry policy',
      task_type: 'approval',
      owners: { users: [1001, 1002], guests: [], groups: [] },
      status: 'in-progress',
    });
    addTask({ title: 'Remove the legacy importer', status: 'completed', owners: { users: [1003], guests: [], groups: [] } });
    // A process's step assigned to the user, with comments: "Assigned to Me" and the details panel.
    const release = addRun({ name: 'Release 4.2' });
    const signOff = addTask({ title: 'Sign off the release notes', run_id: release.id, is_oneoff: false, deadline: new Date(Date.now() - day).toISOString() });
    storeComment(signOff, { content: 'Draft is in the <strong>wiki</strong>.', authorId: 1002, createdAt: new Date(Date.now() - 2 * day).toISOString() });
    storeComment(signOff, { content: 'Reviewing it this afternoon.' });
  }

  function isCompleted(task: SandboxTask): boolean {
    return task.completed_at !== null || task.status === 'completed' || task.status === 'complete';
  }

  // ---------------------------------------------------------------------------------------------
  // Processes, comments, form fields

  function addRun(input: SandboxRunInput): SandboxRun {
    if (input === null || typeof input !== 'object' || typeof input.name !== 'string') throw new Error('A run needs a name.');
    if (input.id !== undefined && (typeof input.id !== 'string' || input.id.trim() === '')) throw new Error('A run id must be text.');
    const run: SandboxRun = { id: input.id ?? randomBytes(16).toString('hex'), name: input.name };
    runs.set(run.id, run);
    return run;
  }

  function storeComment(task: SandboxTask, input: SandboxCommentInput): SandboxComment {
    const comment: SandboxComment = {
      id: randomBytes(16).toString('hex'),
      content: input.content,
      author_id: input.authorId ?? seed.user.id,
      created_at: input.createdAt === undefined ? now() : new Date(input.createdAt).toISOString(),
      label: input.label ?? 'comment',
    };
    comments.set(task.id, [...(comments.get(task.id) ?? []), comment]);
    return comment;
  }

  /**
   * The task's form fields as a create sent them (`extra.form_fields`), objects only. Each gets a
   * 32-hex id the first time it is read, kept in the stored field, so its id is the same in every answer.
   */
  function formFieldsOf(task: SandboxTask): Array<Record<string, unknown>> {
    const fields = task.extra['form_fields'];
    if (!Array.isArray(fields)) return [];
    const objects = fields.filter((field): field is Record<string, unknown> => isObject(field));
    for (const field of objects) {
      const id = field['id'];
      if (!((typeof id === 'string' && id !== '') || typeof id === 'number')) field['id'] = randomBytes(16).toString('hex');
    }
    return objects;
  }

  function setFieldValue(taskId: string, key: string, value: unknown): Record<string, unknown> {
    const task = requireStored(taskId);
    const fields = formFieldsOf(task);
    const field = fields.find((f) => String(f['id']) === key) ?? fields.find((f) => f['label'] === key);
    if (!field) throw new Error(`Task ${taskId} has no form field ${key}.`);
    const values = fieldValues.get(task.id) ?? new Map<string, unknown>();
    if (value === undefined) values.delete(String(field['id']));
    else values.set(String(field['id']), structuredClone(value));
    fieldValues.set(task.id, values);
    return renderFormField(task, field);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  function pickForm<T extends string>(form: T | 'alternate', cycle: readonly T[], key: keyof typeof toggles): T {
    if (form !== 'alternate') return form;
    const value = cycle[toggles[key] % cycle.length] as T;
    toggles = { ...toggles, [key]: toggles[key] + 1 };
    return value;
  }

  function renderDate(iso: string | null, form: Exclude<DateForm, 'alternate'>): string | null {
    if (iso === null) return null;
    const millis = new Date(iso).toISOString();
    const plain = millis.replace(/\.\d{3}Z$/, 'Z');
    switch (form) {
      case 'z':
        return plain;
      case 'offset':
        return plain.replace(/Z$/, '+00:00');
      case 'millis':
        return millis;
      case 'space':
        return plain.replace('T', ' ').replace(/Z$/, '');
    }
  }

  /** The relations a `with=` query names (comma-separated). */
  function includesOf(query: Record<string, string>): ReadonlySet<string> {
    return new Set((query['with'] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''));
  }

  /**
   * A form field as `with=form_fields` renders it: its options and columns as the create sent them
   * (Tallyfy keeps what it was given: it does not check a task field's options), `[]` when none.
   */
  function renderFormField(task: SandboxTask, field: Record<string, unknown>): Record<string, unknown> {
    const id = field['id'];
    return {
      id,
      label: field['label'],
      field_type: field['field_type'],
      options: Array.isArray(field['options']) ? structuredClone(field['options']) : [],
      columns: Array.isArray(field['columns']) ? structuredClone(field['columns']) : [],
      value: fieldValues.get(task.id)?.get(String(id)) ?? null,
      required: field['required'],
    };
  }

  function renderThread(comment: SandboxComment, dateForm: Exclude<DateForm, 'alternate'>): Record<string, unknown> {
    return {
      id: comment.id,
      content: comment.content,
      author_id: comment.author_id,
      created_at: renderDate(comment.created_at, dateForm),
      label: comment.label,
    };
  }

  /**
   * The relations `with=` asked for, each wrapped in `{ data }` as Tallyfy wraps them. Threads come
   * newest first: Tallyfy promises no order, so a client that assumes oldest first fails here. A task
   * with no known process still carries `run` when it was asked for, as `{ data: null }`: the answer
   * then tells "asked, and there is none" from "not asked", and a client that reads `run.data.name`
   * without looking fails here rather than in Tallyfy.
   */
  function renderRelations(task: SandboxTask, include: ReadonlySet<string>, dateForm: Exclude<DateForm, 'alternate'>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (include.has('run')) {
      const run = task.run_id === null ? undefined : runs.get(task.run_id);
      out['run'] = { data: run ? { id: run.id, name: run.name } : null };
    }
    if (include.has('threads')) {
      const newestFirst = [...(comments.get(task.id) ?? [])].reverse().sort((a, b) => b.created_at.localeCompare(a.created_at));
      out['threads'] = { data: newestFirst.map((comment) => renderThread(comment, dateForm)) };
    }
    if (include.has('form_fields')) {
      out['form_fields'] = { data: formFieldsOf(task).map((field) => renderFormField(task, field)) };
    }
    return out;
  }

  /** A task answer; the relations in `include` (from `with=`) too, and no others. */
  function renderTask(task: SandboxTask, include: ReadonlySet<string> = new Set()): Record<string, unknown> {
    const dateForm = pickForm(behavior.dateForm, ['z', 'offset', 'millis', 'space'] as const, 'dates');
    // The form fields a create sent are a relation: rendered by `renderRelations`, only when asked for.
    const { form_fields: _formFields, ...extra } = task.extra;
    const ownersForm = pickForm(behavior.ownersForm, ['objects', 'ids'] as const, 'owners');
    const users =
      ownersForm === 'ids'
        ? [...task.owners.users]
        : task.owners.users.map((id) => {
            const member = seed.members.find((m) => m.id === id);
            return { id, full_name: member?.full_name ?? `User ${id}`, profile_pic: member?.profile_pic ?? null };
          });
    return {
      ...extra,
      id: task.id,
      increment_id: task.increment_id,
      title: task.title,
      summary: task.summary,
      run_id: task.run_id,
      step_id: task.step_id,
      status: task.status,
      task_type: task.task_type,
      is_oneoff: task.is_oneoff,
      owners: { users, guests: [...task.owners.guests], groups: [...task.owners.groups] },
      deadline: renderDate(task.deadline, dateForm),
      started_at: renderDate(task.started_at, dateForm),
      created_at: renderDate(task.created_at, dateForm),
      last_updated: renderDate(task.last_updated, dateForm),
      completed_at: renderDate(task.completed_at, dateForm),
      archived_at: renderDate(task.archived_at, dateForm),
      is_approved: task.is_approved,
      tags: [...task.tags],
      position: 0,
      everyone_must_complete: task.extra['everyone_must_complete'] ?? false,
      ...renderRelations(task, include, dateForm),
    };
  }

  function renderUser(user: SeedUser): Record<string, unknown> {
    return { ...user, created_at: '2024-01-02T03:04:05.000Z', last_login_at: null };
  }

  function paginate<T>(items: readonly T[], path: string, query: Record<string, string>): { data: T[]; meta: unknown } {
    const perPageRaw = Number(query['per_page']);
    const perPage = Number.isInteger(perPageRaw) && perPageRaw > 0 ? Math.min(100, perPageRaw) : 10;
    const pageRaw = Number(query['page']);
    const page = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const data = items.slice((page - 1) * perPage, page * perPage);
    const pageUrl = (n: number): string => {
      const params = new URLSearchParams({ ...query, page: String(n), per_page: String(perPage) });
      return `${origin()}${API_PREFIX}${path}?${params.toString()}`;
    };
    const next = page < totalPages ? pageUrl(page + 1) : null;
    const previous = page > 1 ? pageUrl(page - 1) : null;
    let links: unknown;
    switch (behavior.linksForm) {
      case 'auto': {
        const present: Record<string, string> = {};
        if (previous) present['previous'] = previous;
        if (next) present['next'] = next;
        links = Object.keys(present).length === 0 ? [] : present;
        break;
      }
      case 'object':
        links = { next, previous };
        break;
      case 'nulls':
        links = { next: null, previous: null };
        break;
      case 'empty-array':
        links = [];
        break;
      case 'missing':
        links = undefined;
        break;
    }
    const pagination: Record<string, unknown> = {
      total: items.length,
      count: data.length,
      per_page: perPage,
      current_page: page,
    };
    if (!behavior.omitTotalPages) pagination['total_pages'] = totalPages;
    if (links !== undefined) pagination['links'] = links;
    return { data, meta: { pagination } };
  }

  function search<T>(items: readonly T[], q: string | undefined, fields: (item: T) => Array<string | null | undefined>): T[] {
    const needle = q?.trim().toLowerCase();
    if (!needle) return [...items];
    return items.filter((item) => fields(item).some((field) => field?.toLowerCase().includes(needle)));
  }

  // ---------------------------------------------------------------------------------------------
  // Validation of creates (the server's own rules, written independently of the client's)

  function parseServerDate(value: unknown): number | undefined {
    if (typeof value !== 'string') return undefined;
    const text = value.trim();
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text)) {
      const t = Date.parse(`${text.replace(' ', 'T')}Z`);
      return Number.isFinite(t) ? t : undefined;
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
      const t = Date.parse(text);
      return Number.isFinite(t) ? t : undefined;
    }
    return undefined;
  }

  type Fail = (field: string, message: string) => void;

  /** Messages by field path, as a 422 carries them, and the function that adds one. */
  function errorList(): { errors: Record<string, string[]>; fail: Fail } {
    const errors: Record<string, string[]> = {};
    return { errors, fail: (field, message) => void (errors[field] ??= []).push(message) };
  }

  function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /** `title`: required, trimmed, at most 600 characters. */
  function readTitle(value: unknown, fail: Fail): string {
    const title = typeof value === 'string' ? value.trim() : '';
    if (title === '') fail('title', 'The title field is required.');
    else if ([...title].length > 600) fail('title', 'The title may not be greater than 600 characters.');
    return title;
  }

  /**
   * `owners`: `{ users: [active member ids], guests: [emails], groups: [group ids] }`, a missing list
   * being empty. With `assigneeRequired`, at least one of them must name someone.
   */
  function readOwners(value: unknown, fail: Fail, assigneeRequired: boolean): SandboxTask['owners'] {
    const owners: SandboxTask['owners'] = { users: [], guests: [], groups: [] };
    if (!isObject(value)) {
      fail('owners', 'The owners field is required.');
      return owners;
    }
    let invalid = false;
    const failItem: Fail = (field, message) => {
      invalid = true;
      fail(field, message);
    };
    const list = (key: string): unknown[] => {
      const items = value[key];
      if (items === undefined || items === null) return [];
      if (!Array.isArray(items)) {
        failItem(`owners.${key}`, `The owners.${key} must be an array.`);
        return [];
      }
      return items;
    };
    list('users').forEach((id, i) => {
      if (typeof id === 'number' && seed.members.some((m) => m.id === id && m.status !== 'disabled')) owners.users.push(id);
      else failItem(`owners.users.${i}`, `The selected owners.users.${i} is invalid.`);
    });
    list('guests').forEach((email, i) => {
      if (typeof email === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) owners.guests.push(email);
      else failItem(`owners.guests.${i}`, `The owners.guests.${i} must be a valid email address.`);
    });
    list('groups').forEach((id, i) => {
      if (typeof id === 'string' && seed.groups.some((g) => g.id === id)) owners.groups.push(id);
      else failItem(`owners.groups.${i}`, `The selected owners.groups.${i} is invalid.`);
    });
    if (assigneeRequired && !invalid && owners.users.length + owners.guests.length + owners.groups.length === 0) {
      fail('owners', 'At least one assignee is required.');
    }
    return owners;
  }

  /** `deadline`: required, a date the server reads. */
  function readDeadline(value: unknown, fail: Fail): number | undefined {
    const deadline = parseServerDate(value);
    if (value === undefined || value === null || value === '') fail('deadline', 'The deadline field is required.');
    else if (deadline === undefined) fail('deadline', 'The deadline is not a valid date.');
    return deadline;
  }

  function validateCreate(body: unknown): { errors: Record<string, string[]>; task?: SandboxTaskInput } {
    const { errors, fail } = errorList();
    if (!isObject(body)) {
      fail('title', 'The title field is required.');
      return { errors };
    }
    const b = body;
    const title = readTitle(b['title'], fail);
    const taskType = b['task_type'];
    if (typeof taskType !== 'string' || !TASK_TYPES.includes(taskType)) fail('task_type', 'The selected task type is invalid.');
    const { users, guests, groups } = readOwners(b['owners'], fail, true);
    const deadline = readDeadline(b['deadline'], fail);
    let startedAt: number | undefined;
    if (b['started_at'] !== undefined && b['started_at'] !== null) {
      startedAt = parseServerDate(b['started_at']);
      if (startedAt === undefined) fail('started_at', 'The started at is not a valid date.');
      else if (deadline !== undefined && startedAt > deadline) fail('started_at', 'The started at must be a date before or equal to deadline.');
    }
    const tags = b['tags'];
    if (tags !== undefined && tags !== null) {
      if (!Array.isArray(tags)) fail('tags', 'The tags must be an array.');
      else
        tags.forEach((id, i) => {
          if (typeof id !== 'string' || !seed.tags.some((t) => t.id === id)) fail(`tags.${i}`, `The selected tags.${i} is invalid.`);
        });
    }
    const max = b['max_assignable'];
    if (max !== undefined && max !== null && !(typeof max === 'number' && Number.isInteger(max) && max > 0)) {
      fail('max_assignable', 'The max assignable must be at least 1.');
    }
    const webhook = b['webhook'];
    if (webhook !== undefined && webhook !== null && !(typeof webhook === 'string' && /^https?:\/\/\S+$/.test(webhook))) {
      fail('webhook', 'The webhook format is invalid.');
    }
    for (const flag of [
      'separate_task_for_each_assignee',
      'everyone_must_complete',
      'can_complete_only_assignees',
      'prevent_guest_comment',
      'top_secret',
    ]) {
      if (b[flag] !== undefined && typeof b[flag] !== 'boolean') fail(flag, `The ${flag.replace(/_/g, ' ')} field must be true or false.`);
    }
    const formFields = b['form_fields'];
    if (formFields !== undefined && formFields !== null) {
      if (!Array.isArray(formFields)) fail('form_fields', 'The form fields must be an array.');
      else
        formFields.forEach((field: unknown, i) => {
          const f = (field ?? {}) as Record<string, unknown>;
          if (typeof f['label'] !== 'string' || f['label'] === '') fail(`form_fields.${i}.label`, 'The label field is required.');
          if (typeof f['field_type'] !== 'string' || f['field_type'] === '') fail(`form_fields.${i}.field_type`, 'The field type field is required.');
          else if (!FIELD_TYPES.includes(f['field_type'])) fail(`form_fields.${i}.field_type`, `The selected form_fields.${i}.field_type is invalid.`);
          if (typeof f['required'] !== 'boolean') fail(`form_fields.${i}.required`, 'The required field is required.');
        });
    }
    if (Object.keys(errors).length > 0) return { errors };
    const known = new Set(['title', 'task_type', 'owners', 'deadline', 'started_at', 'tags', 'summary', 'description', 'run_id']);
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(b)) {
      // A copy: the stored fields get their ids, and the request log keeps the body as it was sent.
      if (!known.has(key)) extra[key] = structuredClone(value);
    }
    const summary = typeof b['summary'] === 'string' ? b['summary'] : typeof b['description'] === 'string' ? b['description'] : null;
    return {
      errors,
      task: {
        title,
        task_type: taskType as string,
        owners: { users, guests, groups },
        deadline: new Date(deadline as number).toISOString(),
        started_at: startedAt === undefined ? null : new Date(startedAt).toISOString(),
        summary,
        run_id: typeof b['run_id'] === 'string' && b['run_id'] !== '' ? b['run_id'] : null,
        tags: Array.isArray(tags) ? (tags as string[]) : [],
        extra,
      },
    };
  }

  function validationBody(errors: Record<string, string[]>): unknown {
    const form = pickForm(behavior.validationForm, ['error-flag', 'laravel'] as const, 'validation');
    if (form === 'laravel') {
      return { message: 'The given data was invalid.', errors };
    }
    // Nested objects keyed by path segment; a single message as a plain string.
    const nested: Record<string, unknown> = {};
    for (const [path, messages] of Object.entries(errors)) {
      const parts = path.split('.');
      let node = nested;
      for (const part of parts.slice(0, -1)) {
        const next = node[part];
        if (next === undefined || typeof next !== 'object' || next === null || Array.isArray(next)) {
          node[part] = {};
        }
        node = node[part] as Record<string, unknown>;
      }
      const leaf = parts[parts.length - 1] ?? path;
      node[leaf] = messages.length === 1 ? messages[0] : messages;
    }
    return { error: true, errors: nested };
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  const notFoundEndpoint = (): HandlerResult => ({
    status: 404,
    body: { error: true, message: 'Endpoint not found.', code: 'ENDPOINT_NOT_FOUND' },
  });
  const notFoundResource = (what: string): HandlerResult => ({
    status: 404,
    body: { error: true, message: `${what} not found.`, code: 'RESOURCE_NOT_FOUND' },
  });

  function orgTask(org: string, id: string, includeArchived = true): SandboxTask | undefined {
    const task = tasks.get(id);
    if (!task || task.orgId !== org) return undefined;
    if (!includeArchived && task.archived_at !== null) return undefined;
    return task;
  }

  /** `created=YYYY-MM-DD` or `YYYY-MM-DD:YYYY-MM-DD` (inclusive), on the UTC day of `created_at`. */
  function createdWithin(range: string): (task: SandboxTask) => boolean {
    const [from = '', to = from] = range.split(':');
    return (task) => {
      const day = task.created_at.slice(0, 10);
      return day >= from && day <= to;
    };
  }

  /**
   * The documented `sort` values this stand-in knows: `newest` (created, newest first), `deadline`,
   * `-deadline`. Any other (`problems` among them) leaves the list as it is.
   */
  function sortTasks(list: SandboxTask[], sort: string): SandboxTask[] {
    const by = (key: (t: SandboxTask) => string, descending: boolean) =>
      [...list].sort((a, b) => (descending ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b))) || (descending ? b.increment_id - a.increment_id : a.increment_id - b.increment_id));
    switch (sort) {
      case 'newest':
        return by((t) => t.created_at, true);
      case 'deadline':
        return by((t) => t.deadline, false);
      case '-deadline':
        return by((t) => t.deadline, true);
      default:
        return list;
    }
  }

  /** `POST …/completed-tasks { task_id, is_approved? }` and `DELETE …/completed-tasks/{id}`, for the tasks `find` knows. */
  function completedTasks(method: string, rest: readonly string[], body: unknown, find: (id: string) => SandboxTask | undefined): HandlerResult {
    if (rest.length === 0 && method === 'POST') {
      const b = (body ?? {}) as Record<string, unknown>;
      const id = typeof b['task_id'] === 'string' ? b['task_id'] : '';
      if (id === '') return { status: 422, body: validationBody({ task_id: ['The task id field is required.'] }) };
      const task = find(id);
      if (!task) return notFoundResource('Task');
      if (task.completed_at !== null) {
        return { status: 422, body: { error: true, message: 'This task has already been completed.' } };
      }
      if (task.task_type === 'approval' && typeof b['is_approved'] !== 'boolean') {
        return { status: 422, body: validationBody({ is_approved: ['The is approved field is required for approval tasks.'] }) };
      }
      task.status = 'completed';
      task.completed_at = now();
      task.is_approved = typeof b['is_approved'] === 'boolean' ? b['is_approved'] : null;
      touch(task);
      return { status: 200, body: { data: renderTask(task) } };
    }
    if (rest.length === 1 && method === 'DELETE') {
      const task = find(rest[0] ?? '');
      if (!task) return notFoundResource('Task');
      if (task.completed_at === null) {
        return { status: 422, body: { error: true, message: 'This task is not completed.' } };
      }
      task.status = 'in-progress';
      task.completed_at = null;
      task.is_approved = null;
      touch(task);
      return { status: 200, body: { data: renderTask(task) } };
    }
    return notFoundEndpoint();
  }

  /**
   * `PUT …/tasks/{id}` (a one-off task) and `PUT …/runs/{run}/tasks/{id}` (a process task), for the
   * task found. As Tallyfy's "Update task" page (open-api code samples) says: a one-off task needs
   * `title`, `deadline` and `owners` on every update; for a process task every field is optional and
   * only those sent change (Tallyfy's CLI reassigns a process task with `{ owners }` alone); `owners`
   * replaces the whole list, and a list left out of it is emptied (Tallyfy's MCP server completes the
   * lists for that reason); `summary` replaces the description; a completed task cannot be updated
   * (a validation error). That page empties a task's assignees with three empty lists, so a process
   * task's `owners` may name no one; a one-off task's must name someone, as on a create. Other fields
   * are not kept here.
   */
  function updateTask(task: SandboxTask | undefined, body: unknown, kind: 'one-off' | 'process'): HandlerResult {
    if (!task) return notFoundResource('Task');
    const { errors, fail } = errorList();
    const b = isObject(body) ? body : {};
    const given = (key: string): boolean => kind === 'one-off' || b[key] !== undefined;
    const title = given('title') ? readTitle(b['title'], fail) : undefined;
    const deadline = given('deadline') ? readDeadline(b['deadline'], fail) : undefined;
    const owners = given('owners') ? readOwners(b['owners'], fail, kind === 'one-off') : undefined;
    const summary = b['summary'];
    if (summary !== undefined && summary !== null && typeof summary !== 'string') fail('summary', 'The summary must be a string.');
    if (Object.keys(errors).length > 0) return { status: 422, body: validationBody(errors) };
    if (task.completed_at !== null) {
      return { status: 422, body: { error: true, message: 'A completed task cannot be updated.' } };
    }
    if (title !== undefined) task.title = title;
    if (deadline !== undefined) task.deadline = new Date(deadline).toISOString();
    if (owners !== undefined) task.owners = owners;
    if (typeof summary === 'string') task.summary = summary;
    touch(task);
    return { status: 200, body: { data: renderTask(task) } };
  }

  function touch(task: SandboxTask): void {
    task.last_updated = now();
  }

  /**
   * `status` of `me/tasks`: `active` (not completed), `completed`, `overdue` (open, past its deadline).
   * Any other value (`due_soon` or `due-soon`, `hasproblem`, a typo) filters nothing: Tallyfy may answer
   * a value it does not know with every task, so a client must group and filter on its own side.
   */
  function myStatusFilter(status: string | undefined): (task: SandboxTask) => boolean {
    switch (status) {
      case 'active':
        return (task) => !isCompleted(task);
      case 'completed':
        return isCompleted;
      case 'overdue':
        return (task) => !isCompleted(task) && Date.parse(task.deadline) < Date.now();
      default:
        return () => true;
    }
  }

  /**
   * The hourly cap of the comment route, per organization: it lets 120 requests through in any hour
   * (each counts, whatever its answer) and answers the next with 429, `code: "RATE_LIMIT_EXCEEDED"`
   * and a Retry-After until the oldest of them leaves the hour. Undefined when the request may go on.
   */
  function commentCap(org: string): HandlerResult | undefined {
    const at = Date.now();
    const hits = (commentHits.get(org) ?? []).filter((hit) => hit > at - HOUR_MS);
    commentHits.set(org, hits);
    const oldest = hits[0];
    if (oldest !== undefined && hits.length >= COMMENTS_PER_HOUR) {
      return {
        status: 429,
        headers: { 'Retry-After': String(Math.max(1, Math.ceil((oldest + HOUR_MS - at) / 1000))) },
        body: { error: true, message: `You can post at most ${COMMENTS_PER_HOUR} comments an hour.`, code: 'RATE_LIMIT_EXCEEDED' },
      };
    }
    hits.push(at);
    return undefined;
  }

  /**
   * `POST …/tasks/{id}/comment { content, label?, state? }`, for one-off and process tasks alike (not
   * archived ones). `content` is stored as sent, by the token's user; `state` is not kept; the task
   * itself is left as it was. The answer is 201 with the new thread, as a task's creation answers (no
   * source says which 2xx a comment gets: the client reads any the same way).
   */
  function postComment(org: string, id: string, body: unknown): HandlerResult {
    const capped = commentCap(org);
    if (capped) return capped;
    const task = orgTask(org, id, false);
    if (!task) return notFoundResource('Task');
    const b = isObject(body) ? body : {};
    const { errors, fail } = errorList();
    const content = typeof b['content'] === 'string' ? b['content'] : '';
    if (content.trim() === '') fail('content', 'The content field is required.');
    const label = b['label'];
    const labelGiven = label !== undefined && label !== null;
    if (labelGiven && !(typeof label === 'string' && (COMMENT_LABELS as readonly string[]).includes(label))) {
      fail('label', 'The selected label is invalid.');
    }
    if (Object.keys(errors).length > 0) return { status: 422, body: validationBody(errors) };
    const comment = storeComment(task, labelGiven ? { content, label: String(label) } : { content });
    const dateForm = pickForm(behavior.dateForm, ['z', 'offset', 'millis', 'space'] as const, 'dates');
    return { status: 201, body: { data: renderThread(comment, dateForm) } };
  }

  /** A request under `/organizations/{org}/`: its organization, what follows the resource, and the rest. */
  interface OrgRequest {
    readonly org: string;
    readonly method: string;
    /** The path's segments after the resource (`tasks`, `runs`, …). */
    readonly rest: readonly string[];
    readonly path: string;
    readonly query: Record<string, string>;
    readonly body: unknown;
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown): HandlerResult {
    const parts = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
    if (parts[0] === 'me') return accountRoutes(method, parts.slice(1));
    if (parts[0] !== 'organizations' || parts.length < 3) return notFoundEndpoint();
    const org = parts[1] ?? '';
    if (!knownOrgs.has(org)) {
      return { status: 403, body: { error: true, message: 'You do not have permission to access this organization.' } };
    }
    const request: OrgRequest = { org, method, rest: parts.slice(3), path, query, body };
    switch (parts[2]) {
      case 'tasks':
        return taskRoutes(request);
      case 'me':
        return myTaskRoutes(request);
      case 'completed-tasks':
        // One-off tasks only: a process task is completed and reopened through its run's routes.
        return completedTasks(method, request.rest, body, (id) => oneOffTask(org, id));
      case 'runs':
        return runRoutes(request);
      default:
        return directoryRoutes(parts[2] ?? '', request);
    }
  }

  /** `GET /me` and `GET /me/organizations`. */
  function accountRoutes(method: string, rest: readonly string[]): HandlerResult {
    if (method === 'GET' && rest.length === 0) return { status: 200, body: { data: renderUser(seed.user) } };
    if (method === 'GET' && rest.length === 1 && rest[0] === 'organizations') {
      return { status: 200, body: { data: seed.organizations.map((org) => ({ ...org, created_at: '2024-01-01T00:00:00Z' })) } };
    }
    return notFoundEndpoint();
  }

  /**
   * The organization's tasks that lists show, oldest first unless `sort` says otherwise: Tallyfy promises
   * no default order, and a client that assumes newest first must fail here.
   */
  function orgTasks(org: string): SandboxTask[] {
    return [...tasks.values()].filter((t) => t.orgId === org && t.archived_at === null).sort((a, b) => a.increment_id - b.increment_id);
  }

  /** What the organization's routes that act on one-off tasks find: neither archived nor in a process. */
  function oneOffTask(org: string, id: string): SandboxTask | undefined {
    const task = orgTask(org, id, false);
    return task && task.run_id === null ? task : undefined;
  }

  /** A page of tasks as a list answers it, with the relations `with` asks for. */
  function taskPage(list: readonly SandboxTask[], request: OrgRequest): HandlerResult {
    const page = paginate(list, request.path, request.query);
    const include = includesOf(request.query);
    return { status: 200, body: { data: page.data.map((task) => renderTask(task, include)), meta: page.meta } };
  }

  /** `…/tasks`: list, create, and one task's get, update, comment, archive, restore and delete. */
  function taskRoutes(request: OrgRequest): HandlerResult {
    const { org, method, rest, query, body } = request;
    if (rest.length === 0 && method === 'GET') {
      let list = orgTasks(org);
      if (query['is_oneoff'] === 'true' || query['is_oneoff'] === '1') list = list.filter((t) => t.is_oneoff);
      if (query['status']) list = list.filter((t) => t.status === query['status']);
      if (query['created']) list = list.filter(createdWithin(query['created']));
      if (query['sort']) list = sortTasks(list, query['sort']);
      return taskPage(list, request);
    }
    if (rest.length === 0 && method === 'POST') {
      const { errors, task } = validateCreate(body);
      if (!task) return { status: 422, body: validationBody(errors) };
      const created = addTask({ ...task, orgId: org });
      return { status: 201, body: { data: renderTask(created) } };
    }
    const id = rest[0] ?? '';
    const action = rest.length === 2 ? rest[1] : undefined;
    if (rest.length === 1 && method === 'GET') {
      const task = orgTask(org, id);
      return task ? { status: 200, body: { data: renderTask(task, includesOf(query)) } } : notFoundResource('Task');
    }
    if (action === 'comment' && method === 'POST') return postComment(org, id, body);
    // One-off tasks only: an archived task is not found, and a process task takes its run's route.
    if (rest.length === 1 && method === 'PUT') return updateTask(oneOffTask(org, id), body, 'one-off');
    const task = orgTask(org, id);
    if (rest.length === 1 && method === 'DELETE') {
      if (!task) return notFoundResource('Task');
      task.archived_at = now();
      touch(task);
      return { status: 204 };
    }
    if (action === 'restore' && method === 'PUT') {
      if (!task) return notFoundResource('Task');
      task.archived_at = null;
      touch(task);
      return { status: 200, body: { data: renderTask(task) } };
    }
    if (action === 'delete' && method === 'DELETE') {
      if (!task) return notFoundResource('Task');
      tasks.delete(id);
      return { status: 204 };
    }
    return notFoundEndpoint();
  }

  /** `…/me/tasks`: the token user's tasks, their own or their groups'. */
  function myTaskRoutes(request: OrgRequest): HandlerResult {
    const { org, method, rest, query } = request;
    if (rest.length !== 1 || rest[0] !== 'tasks' || method !== 'GET') return notFoundEndpoint();
    const groupsOfMe = seed.groups.filter((g) => g.members.includes(seed.user.id)).map((g) => g.id);
    let list = orgTasks(org)
      .filter((t) => t.owners.users.includes(seed.user.id) || t.owners.groups.some((g) => groupsOfMe.includes(g)))
      .filter(myStatusFilter(query['status']));
    if (query['sort']) list = sortTasks(list, query['sort']);
    return taskPage(list, request);
  }

  /** `…/runs/{run}/tasks/{id}` (get, update) and `…/runs/{run}/completed-tasks`. */
  function runRoutes(request: OrgRequest): HandlerResult {
    const { org, method, rest, query, body } = request;
    const run = rest[0] ?? '';
    const inRun = (id: string): SandboxTask | undefined => {
      const task = orgTask(org, id, false);
      return task && task.run_id === run ? task : undefined;
    };
    if (rest[1] === 'completed-tasks') return completedTasks(method, rest.slice(2), body, inRun);
    if (rest[1] === 'tasks' && rest.length === 3 && method === 'GET') {
      const task = inRun(rest[2] ?? '');
      return task ? { status: 200, body: { data: renderTask(task, includesOf(query)) } } : notFoundResource('Task');
    }
    if (rest[1] === 'tasks' && rest.length === 3 && method === 'PUT') return updateTask(inRun(rest[2] ?? ''), body, 'process');
    return notFoundEndpoint();
  }

  /** The pickers' lists: members (`users`, `users-list`), groups, guests and tags. */
  function directoryRoutes(resource: string, request: OrgRequest): HandlerResult {
    const { method, rest, path, query } = request;
    if (resource === 'users' && rest.length === 1 && method === 'GET') {
      return { status: 403, body: { error: true, message: 'Only administrators can view a member.' } };
    }
    if (rest.length !== 0 || method !== 'GET') return notFoundEndpoint();
    switch (resource) {
      case 'users': {
        const page = paginate(search(seed.members, query['q'], (m) => [m.full_name, m.email, m.username]), path, query);
        return { status: 200, body: { data: page.data.map(renderUser), meta: page.meta } };
      }
      case 'users-list':
        return {
          status: 200,
          body: { data: seed.members.map((m) => ({ id: m.id, email: m.email, full_name: m.full_name, profile_pic: m.profile_pic, status: m.status })) },
        };
      case 'groups':
        return { status: 200, body: paginate(search(seed.groups, query['q'], (g) => [g.name, g.description]), path, query) };
      case 'guests':
        return { status: 200, body: paginate(search(seed.guests, query['q'], (g) => [g.email, g.first_name, g.last_name]), path, query) };
      case 'tags':
        return { status: 200, body: paginate(search(seed.tags, query['q'], (t) => [t.title]), path, query) };
      default:
        return notFoundEndpoint();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  function globToRegExp(glob: string): RegExp {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
      const ch = glob[i] ?? '';
      if (ch === '*' && glob[i + 1] === '*') {
        source += '.*';
        i++;
      } else if (ch === '*') {
        source += '[^/]*';
      } else {
        source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      }
    }
    return new RegExp(`^${source}/?$`);
  }

  function takeFault(method: string, path: string): FaultSpec | undefined {
    const index = faults.findIndex(
      (fault) =>
        fault.remaining > 0 &&
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.path === undefined || globToRegExp(fault.path).test(path)),
    );
    const fault = faults[index];
    if (fault === undefined) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  }

  function faultResult(fault: FaultSpec): HandlerResult {
    switch (fault.kind) {
      case 'rate-limit': {
        const seconds = fault.retryAfter === undefined ? 1 : fault.retryAfter;
        const headers: Record<string, string> = {};
        if (seconds !== null) {
          headers['Retry-After'] = fault.retryAfterAsDate
            ? new Date(Date.now() + seconds * 1000).toUTCString()
            : String(seconds);
        }
        return { status: 429, headers, body: fault.body ?? { message: 'Too Many Attempts.' } };
      }
      case 'unauthorized':
        return { status: 401, body: { message: 'Unauthenticated.' } };
      case 'status': {
        const status = fault.status ?? 500;
        const defaultBody =
          status === 500
            ? {
                error: true,
                message:
                  "SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry for key 'tasks_pkey' (SQL: insert into `tasks` ...) at /var/www/app/Http/Controllers/TaskController.php:212",
              }
            : status === 403
              ? { error: true, message: 'You do not have permission to perform this action.' }
              : { error: true, message: `Sandbox fault ${status}.` };
        return { status, body: fault.body ?? defaultBody };
      }
      case 'slow':
      case 'late':
      case 'drop':
        return { status: 500 };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP plumbing

  function send(res: ServerResponse, result: HandlerResult, extraHeaders: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    const headers: Record<string, string> = { ...extraHeaders, ...result.headers };
    if (result.body === undefined || result.status === 204) {
      res.writeHead(result.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(result.body);
    res.writeHead(result.status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function parseQuery(search: URLSearchParams): Record<string, string> {
    const query: Record<string, string> = {};
    for (const [key, value] of search) query[key] = value;
    return query;
  }

  function headersOf(req: IncomingMessage): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
  }

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const query = parseQuery(url.searchParams);
    const bodyText = await readBody(req);
    let body: unknown;
    let bodyIsJson = true;
    if (bodyText.trim() !== '') {
      try {
        body = JSON.parse(bodyText) as unknown;
      } catch {
        bodyIsJson = false;
      }
    }
    const headers = headersOf(req);
    const fault = takeFault(method, path);
    log.push({
      seq: ++seq,
      method,
      path,
      query,
      url: req.url ?? '',
      headers,
      bodyText,
      body,
      ...(fault ? { fault: fault.kind } : {}),
      at: now(),
    });
    const requestHeaders = { 'X-Request-Id': `sbx-${seq}` };

    if (fault?.kind === 'slow') {
      await sleep(fault.delayMs ?? 1000);
    } else if (fault?.kind === 'late') {
      // Handled now, delivered below.
    } else if (fault?.kind === 'drop' && !fault.commit) {
      req.socket.destroy();
      return;
    } else if (fault && !fault.commit) {
      send(res, faultResult(fault), requestHeaders);
      return;
    }

    let result: HandlerResult;
    if (headers['x-tallyfy-client'] !== 'APIClient') {
      result = notFoundEndpoint();
    } else if (headers['authorization'] !== `Bearer ${token}`) {
      result = { status: 401, body: { message: 'Unauthenticated.' } };
    } else if (bodyText.trim() !== '' && !(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      result = { status: 415, body: { error: true, message: 'Send JSON with Content-Type: application/json.' } };
    } else if (!bodyIsJson) {
      result = { status: 400, body: { error: true, message: 'The body is not valid JSON.' } };
    } else {
      try {
        result = route(method, path, query, body);
      } catch (error) {
        result = { status: 500, body: { error: true, message: String(error) } };
      }
      checkTaskWatchers();
    }

    if (fault?.kind === 'late') {
      if (fault.delayMs === undefined) {
        const released = new Promise<void>((resolve) => lateWaiters.push(resolve));
        const watchers = heldWatchers;
        heldWatchers = [];
        for (const resolve of watchers) resolve();
        await released;
      } else {
        await sleep(fault.delayMs);
      }
      send(res, result, requestHeaders);
      return;
    }
    if (fault?.commit && fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.commit) {
      send(res, faultResult(fault), requestHeaders);
      return;
    }
    send(res, result, requestHeaders);
  }

  /** `/__control/tasks/{id}/comments` (GET, POST) and `/__control/tasks/{id}/fields/{id or label}` (PUT `{ value }`). */
  function taskPartControl(method: string, id: string, part: string, key: string | undefined, body: unknown): HandlerResult {
    if (part === 'comments' && key === undefined && method === 'GET') return { status: 200, body: control.comments(id) };
    if (part === 'comments' && key === undefined && method === 'POST') {
      return { status: 201, body: control.addComment(id, body as SandboxCommentInput) };
    }
    if (part === 'fields' && key !== undefined && method === 'PUT') {
      const value = isObject(body) ? body['value'] : undefined;
      return { status: 200, body: control.setFieldValue(id, key, value) };
    }
    return { status: 404, body: { error: 'Unknown control endpoint.' } };
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type' };
    if (method === 'OPTIONS') {
      send(res, { status: 204 }, cors);
      return;
    }
    const parts = url.pathname.slice(CONTROL_PREFIX.length).split('/').filter((p) => p !== '').map(decodeURIComponent);
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      send(res, { status: 400, body: { error: 'The body is not valid JSON.' } }, cors);
      return;
    }
    const ok = (value: unknown): HandlerResult => ({ status: 200, body: value ?? {} });
    let result: HandlerResult;
    try {
      const [what, id, part, key] = parts;
      if (what === undefined && method === 'GET') {
        result = ok({ url: sandbox.url, token, orgId, seed, behavior });
      } else if (what === 'faults') {
        if (method === 'GET') result = ok(control.faults());
        else if (method === 'POST') {
          for (const fault of Array.isArray(body) ? body : [body]) control.injectFault(fault as FaultSpec);
          result = ok(control.faults());
        } else if (method === 'DELETE') {
          control.clearFaults();
          result = ok([]);
        } else result = { status: 405, body: { error: 'Method not allowed.' } };
      } else if (what === 'late' && method === 'POST') {
        result = ok({ released: control.releaseLate() });
      } else if (what === 'late' && method === 'GET') {
        // Answers once an answer is held back: a test waits for that state instead of polling for it.
        await control.whenLateHeld();
        result = ok({ held: true });
      } else if (what === 'requests') {
        if (method === 'GET') {
          const filter: { method?: string; path?: string } = {};
          const m = url.searchParams.get('method');
          const p = url.searchParams.get('path');
          if (m) filter.method = m;
          if (p) filter.path = p;
          result = ok(control.requests(filter));
        } else if (method === 'DELETE') {
          control.clearRequests();
          result = ok([]);
        } else result = { status: 405, body: { error: 'Method not allowed.' } };
      } else if (what === 'tasks' && id !== undefined && part !== undefined) {
        result = taskPartControl(method, id, part, key, body);
      } else if (what === 'runs') {
        if (id === undefined && method === 'GET') result = ok(control.runs());
        else if (id === undefined && method === 'POST') result = { status: 201, body: control.addRun(body as SandboxRunInput) };
        else result = { status: 405, body: { error: 'Method not allowed.' } };
      } else if (what === 'tasks') {
        if (id === undefined && method === 'GET') result = ok(control.tasks(url.searchParams.get('orgId') ?? undefined));
        else if (id === undefined && method === 'POST') result = { status: 201, body: control.addTask(body as SandboxTaskInput) };
        else if (id !== undefined && method === 'GET') {
          const task = control.task(id);
          result = task ? ok(task) : { status: 404, body: { error: 'No such task.' } };
        } else if (id !== undefined && (method === 'PATCH' || method === 'PUT')) {
          const patch = (body ?? {}) as Partial<SandboxTask>;
          const { status, ...others } = patch;
          let task = control.updateTask(id, others);
          if (typeof status === 'string') task = control.setTaskStatus(id, status);
          result = ok(task);
        } else if (id !== undefined && method === 'DELETE') {
          result = control.removeTask(id) ? { status: 204 } : { status: 404, body: { error: 'No such task.' } };
        } else result = { status: 405, body: { error: 'Method not allowed.' } };
      } else if (what === 'config') {
        if (method === 'GET') result = ok(control.behavior());
        else if (method === 'PUT' || method === 'POST' || method === 'PATCH') result = ok(control.configure((body ?? {}) as Partial<SandboxBehavior>));
        else result = { status: 405, body: { error: 'Method not allowed.' } };
      } else if (what === 'reset' && method === 'POST') {
        control.reset();
        result = ok({ reset: true });
      } else {
        result = { status: 404, body: { error: 'Unknown control endpoint.' } };
      }
    } catch (error) {
      result = { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
    }
    send(res, result, cors);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
    if (isApi) inFlight++;
    const work = isApi ? handleApi(req, res, url) : isControl ? handleControl(req, res, url) : Promise.resolve(send(res, notFoundEndpoint()));
    work
      .catch((error: unknown) => send(res, { status: 500, body: { error: true, message: String(error) } }))
      .finally(() => {
        if (!isApi) return;
        inFlight--;
        if (inFlight === 0) {
          const waiters = settleWaiters;
          settleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const origin = (): string => `http://${hostInUrl}:${address.port}`;

  const control: SandboxControl = {
    injectFault(fault) {
      const kinds: FaultKind[] = ['rate-limit', 'status', 'slow', 'late', 'drop', 'unauthorized'];
      if (fault === null || typeof fault !== 'object' || !kinds.includes(fault.kind)) {
        throw new Error(`A fault needs a kind: ${kinds.join(', ')}.`);
      }
      faults.push({ ...fault, remaining: Math.max(1, fault.count ?? 1) });
    },
    clearFaults() {
      faults = [];
    },
    releaseLate() {
      const waiters = lateWaiters;
      lateWaiters = [];
      for (const resolve of waiters) resolve();
      return waiters.length;
    },
    whenLateHeld() {
      return lateWaiters.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => heldWatchers.push(resolve));
    },
    whenTasks(condition) {
      if (condition()) return Promise.resolve();
      return new Promise<void>((resolve) => taskWatchers.push({ condition, resolve }));
    },
    faults() {
      return faults.map(({ remaining, ...fault }) => ({ ...fault, count: remaining }));
    },
    requests(filter = {}) {
      const pathPattern = filter.path === undefined ? undefined : globToRegExp(filter.path);
      return log.filter(
        (entry) =>
          (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
          (pathPattern === undefined || pathPattern.test(entry.path)),
      );
    },
    clearRequests() {
      log = [];
    },
    tasks(forOrg) {
      return [...tasks.values()]
        .filter((task) => forOrg === undefined || task.orgId === forOrg)
        .sort((a, b) => a.increment_id - b.increment_id)
        .map((task) => structuredClone(task));
    },
    task(id) {
      const task = tasks.get(id);
      return task ? structuredClone(task) : undefined;
    },
    addTask(input) {
      if (input === null || typeof input !== 'object' || typeof input.title !== 'string') {
        throw new Error('A task needs a title.');
      }
      // A copy: the sandbox writes into what it stores (form field ids), never into the caller's objects.
      return structuredClone(addTask(structuredClone(input)));
    },
    updateTask(id, patch) {
      const task = requireStored(id);
      Object.assign(task, patch, { id });
      return structuredClone(task);
    },
    setTaskStatus(id, status) {
      const task = requireStored(id);
      task.status = status;
      task.completed_at = status === 'completed' || status === 'complete' ? (task.completed_at ?? now()) : null;
      touch(task);
      return structuredClone(task);
    },
    removeTask(id) {
      return tasks.delete(id);
    },
    runs() {
      return [...runs.values()].map((run) => ({ ...run }));
    },
    addRun(input) {
      return { ...addRun(input) };
    },
    comments(taskId) {
      return (comments.get(taskId) ?? []).map((comment) => ({ ...comment }));
    },
    addComment(taskId, input) {
      if (input === null || typeof input !== 'object' || typeof input.content !== 'string') throw new Error('A comment needs content.');
      return { ...storeComment(requireStored(taskId), input) };
    },
    setFieldValue(taskId, field, value) {
      return structuredClone(setFieldValue(taskId, field, value));
    },
    behavior() {
      return { ...behavior };
    },
    configure(patch) {
      behavior = { ...behavior, ...patch };
      toggles = { validation: 0, owners: 0, dates: 0 };
      return { ...behavior };
    },
    settled() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => settleWaiters.push(resolve));
    },
    reset() {
      behavior = { ...DEFAULT_BEHAVIOR };
      faults = [];
      this.releaseLate();
      log = [];
      tasks = new Map();
      runs = new Map();
      comments = new Map();
      fieldValues = new Map();
      commentHits = new Map();
      incrementId = 0;
      toggles = { validation: 0, owners: 0, dates: 0 };
      if (options.demoTasks) seedDemoTasks();
    },
  };

  if (options.demoTasks) seedDemoTasks();

  const sandbox: Sandbox = {
    ...control,
    url: `${origin()}${API_PREFIX}`,
    origin: origin(),
    controlUrl: `${origin()}${CONTROL_PREFIX}`,
    port: address.port,
    token,
    orgId,
    seed,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return sandbox;
}
