// The Tallyfy API client: pure TypeScript on the global fetch, no editor dependency.
import { parseTaskComment, type TaskComment } from './details';
import { TallyfyError, type FieldErrors } from './errors';
import { segment, Transport, type ApiRequest, type Logger, type QueryValue, type TransportOptions } from './http';
import {
  hasMorePages,
  parseCurrentUser,
  parseGroup,
  parseGuest,
  parseMember,
  parseOrganization,
  parsePagination,
  parseTag,
  parseTask,
  validateCreateTaskInput,
  validateProcessTaskUpdateInput,
  validateUpdateTaskInput,
  type CurrentUser,
  type Group,
  type Guest,
  type Member,
  type Organization,
  type Pagination,
  type Tag,
  type Task,
} from './schema';

export type TallyfyClientOptions = TransportOptions;

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface PageOptions extends CallOptions {
  /** 1-based page to read; ignored with `all`. */
  readonly page?: number | undefined;
  /** Items per page (the API's default is 10, its maximum 100; `all` uses 100 unless set). */
  readonly perPage?: number | undefined;
  /** Follow every page and return all items. */
  readonly all?: boolean | undefined;
  /** Safety stop for `all`. Default 50 pages. */
  readonly maxPages?: number | undefined;
}

export interface SearchOptions extends PageOptions {
  /** Search text (`q`). */
  readonly q?: string | undefined;
}

/** Which routes a task takes: a process task (with a run id) goes through its run's. */
export interface TaskKind {
  readonly runId?: string | undefined;
}

export interface ListTasksOptions extends PageOptions {
  /** Only one-off tasks (`is_oneoff=true`). Default true. */
  readonly isOneoff?: boolean | undefined;
  /** Created on these days (`created=YYYY-MM-DD:YYYY-MM-DD`, both included). */
  readonly createdBetween?: { readonly from: string; readonly to: string } | undefined;
  /** `sort`: `newest` (newest created first), `deadline`, or `-deadline`. Without it, no order is promised. */
  readonly sort?: 'newest' | 'deadline' | '-deadline' | undefined;
}

export interface ListMyTasksOptions extends PageOptions {
  /**
   * `status`: `active` (not completed), `completed`, or `overdue` (open, past the deadline). Tallyfy
   * may answer a value it does not know with every task, so only these are offered.
   */
  readonly status?: 'active' | 'completed' | 'overdue' | undefined;
  /** `sort`: `deadline`, `-deadline`, or `newest` (newest created first). Without it, no order is promised. */
  readonly sort?: 'deadline' | '-deadline' | 'newest' | undefined;
  /** Relations to include in each task (`with=`, e.g. `['run']`). */
  readonly with?: readonly string[] | undefined;
}

export interface Page<T> {
  readonly items: T[];
  /** The last page's pagination, when the answer had one. */
  readonly pagination?: Pagination;
  /** Items dropped because they could not be read. */
  readonly skipped: number;
}

const PER_PAGE_MAX = 100;
const DEFAULT_MAX_PAGES = 50;

export class TallyfyClient {
  private readonly transport: Transport;
  private readonly log: Logger | undefined;

  constructor(options: TallyfyClientOptions) {
    this.transport = new Transport(options);
    this.log = options.logger;
  }

  /** The normalized base URL, or undefined when it is refused (see {@link baseUrlProblem}). */
  get baseUrl(): string | undefined {
    const check = this.transport.baseUrlCheck;
    return check.ok ? check.url : undefined;
  }

  /** Why the base URL is refused, or undefined when it is fine. */
  get baseUrlProblem(): string | undefined {
    const check = this.transport.baseUrlCheck;
    return check.ok ? undefined : check.reason;
  }

  /** `GET /me`: the token's user. Also the way to check a token. */
  async me(options: CallOptions = {}): Promise<CurrentUser> {
    const body = await this.get('/me', undefined, options);
    const user = parseCurrentUser(dataOf(body));
    if (user === undefined) {
      throw new TallyfyError('bad-response');
    }
    return user;
  }

  /** `GET /me/organizations`: every organization of the user (all pages). */
  async organizations(options: CallOptions = {}): Promise<Organization[]> {
    const page = await this.list('/me/organizations', {}, parseOrganization, { ...options, all: true });
    return page.items;
  }

  /**
   * `POST /organizations/{org}/tasks`. Validates first: invalid input throws a `validation` error with
   * `fieldErrors` and sends nothing. Never resent when the outcome is unknown.
   */
  async createTask(orgId: string, input: unknown, options: CallOptions = {}): Promise<Task> {
    const body = validBody(validateCreateTaskInput(input));
    const response = await this.transport.send({
      method: 'POST',
      path: `${this.orgPath(orgId)}/tasks`,
      body,
      mode: 'create',
      signal: options.signal,
    });
    const task = parseTask(dataOf(response.body, false));
    if (task === undefined) {
      this.log?.warn(`The ${response.status} answer to a task creation could not be read as a task.`);
      throw new TallyfyError(
        'outcome-unknown',
        'Tallyfy accepted the task but its answer could not be read. Refresh the task list before trying again.',
        { status: response.status, requestId: response.requestId },
      );
    }
    return task;
  }

  /**
   * `GET /organizations/{org}/tasks/{id}`, or `…/runs/{run}/tasks/{id}` for a process task (with `?with=`
   * when given, e.g. `['summary', 'tags']`).
   */
  async getTask(orgId: string, taskId: string, options: CallOptions & TaskKind & { readonly with?: readonly string[] } = {}): Promise<Task> {
    const include = withText(options.with);
    const query = include === undefined ? undefined : { with: include };
    const body = await this.get(`${this.kindPath(orgId, options)}/tasks/${segment(taskId, 'task id')}`, query, options);
    return requireTask(body);
  }

  /**
   * `PUT /organizations/{org}/tasks/{id}` with `title`, `deadline`, `owners` (the whole list: it
   * replaces the task's) and `summary` when given; or `…/runs/{run}/tasks/{id}` for a process task, with
   * those of them given (each optional there). Validates first: invalid input throws a `validation`
   * error with `fieldErrors` and sends nothing. A write: never resent when its outcome is unknown.
   * Returns the task as the answer has it.
   */
  async updateTask(orgId: string, taskId: string, input: unknown, options: CallOptions & TaskKind = {}): Promise<Task> {
    const body = validBody(options.runId?.trim() ? validateProcessTaskUpdateInput(input) : validateUpdateTaskInput(input));
    const response = await this.transport.send({
      method: 'PUT',
      path: `${this.kindPath(orgId, options)}/tasks/${segment(taskId, 'task id')}`,
      body,
      mode: 'write',
      signal: options.signal,
    });
    return requireTask(response.body);
  }

  /** `GET /organizations/{org}/tasks?is_oneoff=true&page=&per_page=`. */
  listTasks(orgId: string, options: ListTasksOptions = {}): Promise<Page<Task>> {
    const query: Record<string, QueryValue> = {};
    if (options.isOneoff ?? true) query['is_oneoff'] = 'true';
    if (options.createdBetween) query['created'] = `${options.createdBetween.from}:${options.createdBetween.to}`;
    if (options.sort) query['sort'] = options.sort;
    return this.list(`${this.orgPath(orgId)}/tasks`, query, parseTask, options);
  }

  /** `GET /organizations/{org}/me/tasks?status=&sort=&with=&page=&per_page=`: tasks assigned to the token's user. */
  listMyTasks(orgId: string, options: ListMyTasksOptions = {}): Promise<Page<Task>> {
    const query: Record<string, QueryValue> = {};
    if (options.status) query['status'] = options.status;
    if (options.sort) query['sort'] = options.sort;
    const include = withText(options.with);
    if (include !== undefined) query['with'] = include;
    return this.list(`${this.orgPath(orgId)}/me/tasks`, query, parseTask, options);
  }

  /**
   * `POST /organizations/{org}/tasks/{id}/comment { content }`, for one-off and process tasks alike.
   * `content` goes as given: Tallyfy stores it as HTML, and only `@[user id]` markup in it notifies
   * anyone. Blank content throws a `validation` error with a field error on `content` and sends nothing.
   * A create (Tallyfy has no idempotency key): never resent when its outcome is unknown, so a lost
   * answer is an `outcome-unknown` error; read the task's threads before posting again. Past Tallyfy's
   * 120 comments an hour per organization, a `rate-limited` error for which `isHourlyCap` is true, at
   * once. Returns the comment when the answer carries one.
   */
  async commentOnTask(orgId: string, taskId: string, content: string, options: CallOptions = {}): Promise<TaskComment | undefined> {
    const path = `${this.taskPath(orgId, taskId)}/comment`;
    if (typeof content !== 'string' || content.trim() === '') {
      throw new TallyfyError('validation', 'The comment is empty; nothing was sent.', { fieldErrors: { content: ['Comment is required.'] } });
    }
    const response = await this.transport.send({ method: 'POST', path, body: { content }, mode: 'create', signal: options.signal });
    const comment = parseTaskComment(dataOf(response.body, false));
    if (comment === undefined) {
      this.log?.warn(`The ${response.status} answer to a comment could not be read as a comment.`);
    }
    return comment;
  }

  /**
   * `POST /organizations/{org}/completed-tasks { task_id, is_approved? }`, or `…/runs/{run}/completed-tasks`
   * for a process task. `isApproved` is required by Tallyfy for approval tasks. Not idempotent: only a
   * 429 is retried. Returns the task when the answer carries it.
   */
  async completeTask(
    orgId: string,
    taskId: string,
    options: CallOptions & TaskKind & { readonly isApproved?: boolean | undefined } = {},
  ): Promise<Task | undefined> {
    segment(taskId, 'task id');
    const body: Record<string, unknown> = { task_id: taskId.trim() };
    if (options.isApproved !== undefined) body['is_approved'] = options.isApproved;
    const response = await this.transport.send({
      method: 'POST',
      path: `${this.kindPath(orgId, options)}/completed-tasks`,
      body,
      mode: 'write',
      signal: options.signal,
    });
    return optionalTask(response.body);
  }

  /** `DELETE /organizations/{org}/completed-tasks/{id}` (`…/runs/{run}/…` for a process task): reopen a completed task. */
  async reopenTask(orgId: string, taskId: string, options: CallOptions & TaskKind = {}): Promise<Task | undefined> {
    const response = await this.write('DELETE', `${this.kindPath(orgId, options)}/completed-tasks/${segment(taskId, 'task id')}`, options);
    return optionalTask(response.body);
  }

  /** `DELETE /organizations/{org}/tasks/{id}`: archive (restorable). */
  async archiveTask(orgId: string, taskId: string, options: CallOptions = {}): Promise<void> {
    await this.write('DELETE', this.taskPath(orgId, taskId), options);
  }

  /** `PUT /organizations/{org}/tasks/{id}/restore`: undo an archive. */
  async restoreTask(orgId: string, taskId: string, options: CallOptions = {}): Promise<Task | undefined> {
    const response = await this.write('PUT', `${this.taskPath(orgId, taskId)}/restore`, options);
    return optionalTask(response.body);
  }

  /** `DELETE /organizations/{org}/tasks/{id}/delete`: delete forever, cannot be undone. */
  async deleteTask(orgId: string, taskId: string, options: CallOptions = {}): Promise<void> {
    await this.write('DELETE', `${this.taskPath(orgId, taskId)}/delete`, options);
  }

  /** `GET /organizations/{org}/users?q=&page=&per_page=`: members. */
  listUsers(orgId: string, options: SearchOptions = {}): Promise<Page<Member>> {
    return this.list(`${this.orgPath(orgId)}/users`, searchQuery(options), parseMember, options);
  }

  /** `GET /organizations/{org}/users-list`: every member, light and unpaged. */
  async listUsersLight(orgId: string, options: CallOptions = {}): Promise<Member[]> {
    const page = await this.list(`${this.orgPath(orgId)}/users-list`, {}, parseMember, { ...options, all: true });
    return page.items;
  }

  /** `GET /organizations/{org}/groups?q=&page=&per_page=`. */
  listGroups(orgId: string, options: SearchOptions = {}): Promise<Page<Group>> {
    return this.list(`${this.orgPath(orgId)}/groups`, searchQuery(options), parseGroup, options);
  }

  /** `GET /organizations/{org}/guests?q=&page=&per_page=`. */
  listGuests(orgId: string, options: SearchOptions = {}): Promise<Page<Guest>> {
    return this.list(`${this.orgPath(orgId)}/guests`, searchQuery(options), parseGuest, options);
  }

  /** `GET /organizations/{org}/tags?q=&page=&per_page=`. */
  listTags(orgId: string, options: SearchOptions = {}): Promise<Page<Tag>> {
    return this.list(`${this.orgPath(orgId)}/tags`, searchQuery(options), parseTag, options);
  }

  // -------------------------------------------------------------------------------------------------

  private orgPath(orgId: string): string {
    return `/organizations/${segment(orgId, 'organization id')}`;
  }

  /** The organization's path, or its run's for a process task. */
  private kindPath(orgId: string, kind: TaskKind): string {
    const run = kind.runId?.trim();
    return run ? `${this.orgPath(orgId)}/runs/${segment(run, 'run id')}` : this.orgPath(orgId);
  }

  private taskPath(orgId: string, taskId: string): string {
    return `${this.orgPath(orgId)}/tasks/${segment(taskId, 'task id')}`;
  }

  private async get(path: string, query: Readonly<Record<string, QueryValue>> | undefined, options: CallOptions): Promise<unknown> {
    const request: ApiRequest = { method: 'GET', path, mode: 'read', signal: options.signal, ...(query ? { query } : {}) };
    const response = await this.transport.send(request);
    return response.body;
  }

  private write(method: 'PUT' | 'DELETE', path: string, options: CallOptions) {
    return this.transport.send({ method, path, mode: 'write', signal: options.signal });
  }

  /**
   * Reads one page, or every page with `all`: the next page number is counted here (links are never
   * followed, so the token cannot be sent elsewhere). Stops at current_page >= total_pages, else when
   * there is no `links.next`, and at `maxPages`.
   */
  private async list<T>(
    path: string,
    baseQuery: Readonly<Record<string, QueryValue>>,
    parse: (value: unknown) => T | undefined,
    options: PageOptions,
  ): Promise<Page<T>> {
    const all = options.all === true;
    const perPage = clampPerPage(options.perPage ?? (all ? PER_PAGE_MAX : undefined));
    const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
    let page = all ? 1 : Math.max(1, Math.floor(options.page ?? 1));
    const items: T[] = [];
    let skipped = 0;
    let pagination: Pagination | undefined;
    for (let fetched = 0; ; fetched++) {
      const query: Record<string, QueryValue> = { ...baseQuery, page, per_page: perPage };
      const body = await this.get(path, query, options);
      const data = dataOf(body);
      if (!Array.isArray(data)) {
        this.log?.warn(`Expected a list from GET ${path}.`);
        throw new TallyfyError('bad-response');
      }
      const pageInfo = parsePagination((body as Record<string, unknown>)['meta']);
      const current = pageInfo?.currentPage;
      if (all && fetched > 0 && current !== undefined && current < page) {
        // The server ignored the page number: its items were already read.
        this.log?.warn(`GET ${path} answered page ${current} when page ${page} was asked for; stopped reading.`);
        break;
      }
      pagination = pageInfo;
      for (const raw of data) {
        const item = parse(raw);
        if (item === undefined) skipped++;
        else items.push(item);
      }
      if (!all || !hasMorePages(pagination) || data.length === 0) break;
      if (fetched + 1 >= maxPages) {
        this.log?.warn(`Stopped reading ${path} after ${maxPages} pages.`);
        break;
      }
      page = (current ?? page) + 1;
    }
    if (skipped > 0) {
      this.log?.warn(`Skipped ${skipped} unreadable item(s) from GET ${path}.`);
    }
    return pagination === undefined ? { items, skipped } : { items, pagination, skipped };
  }
}

/** The body a validation allowed; a refused input throws a `validation` error with its field errors (nothing is sent). */
function validBody<T>(validation: { readonly ok: true; readonly body: T } | { readonly ok: false; readonly fieldErrors: FieldErrors }): T {
  if (!validation.ok) {
    throw new TallyfyError('validation', 'The task input has invalid values; nothing was sent.', { fieldErrors: validation.fieldErrors });
  }
  return validation.body;
}

function clampPerPage(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.min(PER_PAGE_MAX, Math.max(1, Math.floor(value)));
}

/** The `with=` value for these relations (comma-separated), or undefined for none. */
function withText(names: readonly string[] | undefined): string | undefined {
  const list = (names ?? []).map((name) => name.trim()).filter((name) => name !== '');
  return list.length === 0 ? undefined : list.join(',');
}

function searchQuery(options: SearchOptions): Record<string, QueryValue> {
  const q = options.q?.trim();
  return q === undefined || q === '' ? {} : { q };
}

/** The `data` member of an answer; with `strict`, an answer without one is refused. */
function dataOf(body: unknown, strict = true): unknown {
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
    return (body as { data: unknown }).data;
  }
  if (strict) {
    throw new TallyfyError('bad-response');
  }
  return body;
}

function requireTask(body: unknown): Task {
  const task = parseTask(dataOf(body));
  if (task === undefined) {
    throw new TallyfyError('bad-response');
  }
  return task;
}

function optionalTask(body: unknown): Task | undefined {
  if (body === undefined) return undefined;
  return parseTask(dataOf(body, false));
}
