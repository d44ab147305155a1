// Typed failures of the Tallyfy API and the parsing of its error bodies. Messages are short,
// user-facing English; anything the server said that could carry internals stays in the log.

export type TallyfyErrorKind =
  | 'signed-out'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'outcome-unknown'
  | 'configuration'
  | 'bad-response'
  | 'request-failed';

/**
 * The `code` of a 429 from one of Tallyfy's hourly caps (comments: 120 an hour per organization), as
 * opposed to the short throttling of bursts: waiting a few seconds does not help.
 */
export const HOURLY_CAP_CODE = 'RATE_LIMIT_EXCEEDED';

/** The key of `fieldErrors` for messages that belong to no field. */
export const FORM_ERROR_KEY = '_form';

export type FieldErrors = Record<string, string[]>;

export interface TallyfyErrorDetails {
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly fieldErrors?: FieldErrors | undefined;
  readonly retryAfterSeconds?: number | undefined;
  /** A short server message judged safe to show (no SQL, paths or stack text), e.g. why a 403 refused. */
  readonly serverMessage?: string | undefined;
  /** A server error code such as `RESOURCE_NOT_FOUND` or `RATE_LIMIT_EXCEEDED`. */
  readonly code?: string | undefined;
  /** `message` was written for the user, in their language (by the editor); otherwise it says what happened, for logs. */
  readonly forUser?: boolean | undefined;
  readonly cause?: unknown;
}

export class TallyfyError extends Error {
  override readonly name = 'TallyfyError';
  readonly kind: TallyfyErrorKind;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly serverMessage: string | undefined;
  readonly code: string | undefined;
  readonly forUser: boolean;

  constructor(kind: TallyfyErrorKind, message?: string, details: TallyfyErrorDetails = {}) {
    super(message ?? defaultMessage(kind, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.requestId = details.requestId;
    this.fieldErrors = details.fieldErrors;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.serverMessage = details.serverMessage;
    this.code = details.code;
    this.forUser = details.forUser === true;
  }
}

/**
 * True for a TallyfyError, also one made by another copy of this module (another extension, or a test
 * bundle, calling the public API), where `instanceof` would say no.
 */
export function isTallyfyError(value: unknown, kind?: TallyfyErrorKind): value is TallyfyError {
  const isOne =
    value instanceof TallyfyError ||
    (value instanceof Error && value.name === 'TallyfyError' && typeof (value as { kind?: unknown }).kind === 'string');
  return isOne && (kind === undefined || (value as TallyfyError).kind === kind);
}

/**
 * True for a `rate-limited` error from an hourly cap ({@link HOURLY_CAP_CODE}): the transport does not
 * retry it, and `retryAfterSeconds` (when Tallyfy sent one) says when the cap lets the next one through,
 * which can be most of an hour away. Say so rather than "try again".
 */
export function isHourlyCap(value: unknown): value is TallyfyError {
  return isTallyfyError(value, 'rate-limited') && value.code === HOURLY_CAP_CODE;
}

/**
 * What happened, in plain English, for logs and for the callers of the public API. What the user reads,
 * with what to do about it, the editor says in their language (src/editor/errors.ts).
 */
export function defaultMessage(kind: TallyfyErrorKind, details: TallyfyErrorDetails = {}): string {
  const http = (fallback: number): string => `HTTP ${details.status ?? fallback}`;
  switch (kind) {
    case 'signed-out':
      return 'Not signed in to Tallyfy: no token is stored.';
    case 'unauthorized':
      return `Tallyfy refused the token (${http(401)}).`;
    case 'forbidden':
      return `Tallyfy refused the request (${http(403)}).`;
    case 'not-found':
      return `Tallyfy found no such item (${http(404)}).`;
    case 'validation':
      return `Tallyfy refused some values (${http(422)}).`;
    case 'conflict':
      return `Tallyfy refused the change: the item changed meanwhile (${http(409)}).`;
    case 'rate-limited':
      if (details.code === HOURLY_CAP_CODE) {
        return details.retryAfterSeconds !== undefined && details.retryAfterSeconds > 0
          ? `Tallyfy's hourly limit for this action is reached (${http(429)}); the next one is taken in ${formatWait(details.retryAfterSeconds)}.`
          : `Tallyfy's hourly limit for this action is reached (${http(429)}).`;
      }
      return details.retryAfterSeconds !== undefined && details.retryAfterSeconds > 0
        ? `Too many requests to Tallyfy (${http(429)}); it asks to wait ${formatWait(details.retryAfterSeconds)}.`
        : `Too many requests to Tallyfy (${http(429)}).`;
    case 'server':
      return `Tallyfy failed to answer (${http(500)}).`;
    case 'network':
      return 'Tallyfy could not be reached.';
    case 'timeout':
      return 'Tallyfy did not answer in time.';
    case 'cancelled':
      return 'The request was cancelled.';
    case 'outcome-unknown':
      return 'The connection failed before Tallyfy confirmed the write: it may or may not have been made.';
    case 'configuration':
      return 'The Tallyfy connection settings are not valid.';
    case 'bad-response':
      return 'Tallyfy sent an answer that could not be read.';
    case 'request-failed':
      return `Tallyfy refused the request (${http(400)}).`;
  }
}

function formatWait(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 90) {
    return whole === 1 ? '1 second' : `${whole} seconds`;
  }
  const minutes = Math.ceil(whole / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Reads `Retry-After`: delta seconds (`"30"`) or an HTTP date. Returns seconds from `now` (never
 * negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const text = value.trim();
  if (text === '') {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  const at = Date.parse(text);
  if (!Number.isFinite(at)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const INTERNALS_PATTERN =
  /SQLSTATE|\bselect\s.+\sfrom\b|\binsert\s+into\b|\bupdate\s+\S+\s+set\b|\bdelete\s+from\b|exception|stack\s*trace|#\d+\s|\.php\b|\/(?:var|usr|home|srv|app)\/|\bat\s+\S+\s*\(|\bline\s+\d+\b|\bnull given\b|Undefined (?:index|variable|offset)/i;

/**
 * A server message fit to show the user, or undefined: one line, at most 200 characters, and nothing
 * that looks like SQL, file paths or a stack trace.
 */
export function safeServerMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim();
  if (text === '' || text.length > 200 || /[\r\n]/.test(text) || INTERNALS_PATTERN.test(text)) {
    return undefined;
  }
  return text;
}

/**
 * Flattens the `errors` member of a 422 body to dotted field paths. Values may be a string, a list of
 * strings, or nested objects/lists (`{ owners: { users: { 0: ["…"] } } }` → `owners.users.0`).
 * Messages that look like server internals are replaced by a neutral one.
 */
export function flattenFieldErrors(errors: unknown, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: string, message: string): void => {
    const key = path === '' ? FORM_ERROR_KEY : path;
    const clean = safeServerMessage(message) ?? 'This value was not accepted.';
    (out[key] ??= []).push(clean);
  };
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      add(path, value);
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      add(path, String(value));
    } else if (Array.isArray(value)) {
      const allLeaves = value.every((item) => typeof item === 'string' || typeof item === 'number');
      value.forEach((item, index) => walk(item, allLeaves ? path : join(path, String(index))));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        walk(inner, join(path, key));
      }
    }
  };
  walk(errors, prefix);
  return out;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export interface ParsedErrorBody {
  readonly message?: string;
  readonly code?: string;
  readonly fieldErrors?: FieldErrors;
}

/**
 * Reads any documented error body: `{ message }`, `{ error: true, message, code }`,
 * `{ error: true, errors: {…} }`, `{ message, errors: {…} }` and `{ error: { code, message, details } }`.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return typeof body === 'string' && body.trim() !== '' ? { message: body.trim() } : {};
  }
  const record = body as Record<string, unknown>;
  let message = typeof record['message'] === 'string' ? record['message'] : undefined;
  let code = typeof record['code'] === 'string' ? record['code'] : undefined;
  let fieldErrors: FieldErrors | undefined;
  const nested = record['error'];
  if (nested !== null && typeof nested === 'object' && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    message ??= typeof inner['message'] === 'string' ? inner['message'] : undefined;
    code ??= typeof inner['code'] === 'string' ? inner['code'] : undefined;
    const details = inner['details'] ?? inner['errors'];
    if (details !== undefined && details !== null && typeof details === 'object') {
      fieldErrors = flattenFieldErrors(details);
    }
  } else if (typeof nested === 'string' && message === undefined) {
    message = nested;
  }
  if (record['errors'] !== undefined && record['errors'] !== null) {
    fieldErrors = { ...fieldErrors, ...flattenFieldErrors(record['errors']) };
  }
  const out: { message?: string; code?: string; fieldErrors?: FieldErrors } = {};
  if (message !== undefined) out.message = message;
  if (code !== undefined) out.code = code;
  if (fieldErrors !== undefined) out.fieldErrors = fieldErrors;
  return out;
}
