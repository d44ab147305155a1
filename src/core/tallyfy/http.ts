// One request to the Tallyfy API with the project's policy: headers, token only to allowed hosts,
// per-attempt time-out, caller cancellation, bounded retries, and typed errors.
import { checkBaseUrl, type BaseUrlCheck } from './baseUrl';
import { HOURLY_CAP_CODE, parseErrorBody, parseRetryAfter, safeServerMessage, TallyfyError } from './errors';

/** Plain message functions; the token never reaches them. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryPolicy {
  /** Tries in all, first one included. Default 3. */
  readonly maxAttempts?: number;
  /** A 429 asking to wait longer than this is not retried (nor is an hourly cap's, at all). Default 60. */
  readonly maxRetryAfterSeconds?: number;
  /** First back-off delay before jitter. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Largest back-off delay. Default 8000 ms. */
  readonly maxDelayMs?: number;
}

export interface TransportOptions {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly userAgent: string;
  /** Time-out of each attempt. Default 30 000 ms. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  readonly sleep?: Sleep;
  /** Source of jitter in [0, 1). */
  readonly random?: () => number;
  /** Clock for Retry-After dates. */
  readonly now?: () => number;
  readonly retry?: RetryPolicy;
}

/**
 * `read`: GET, safe to repeat. `create`: a POST that creates something and must never be sent twice
 * unless the server refused it. `write`: any other change; only 429 is retried.
 */
export type RequestMode = 'read' | 'create' | 'write';

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base URL, starting with `/`, segments already encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly mode: RequestMode;
  readonly signal?: AbortSignal | undefined;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | undefined;
}

const RETRYABLE_READ_STATUSES = new Set([500, 502, 503, 504]);

// Connection errors that prove the request never left this machine, so a create is known not to exist.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class Transport {
  readonly baseUrlCheck: BaseUrlCheck;
  private readonly options: TransportOptions;
  private readonly log: Logger;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxRetryAfterSeconds: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: TransportOptions) {
    this.options = options;
    this.baseUrlCheck = checkBaseUrl(options.baseUrl);
    this.log = options.logger ?? silentLogger;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 3);
    this.maxRetryAfterSeconds = options.retry?.maxRetryAfterSeconds ?? 60;
    this.baseDelayMs = options.retry?.baseDelayMs ?? 500;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 8_000;
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const check = this.baseUrlCheck;
    if (!check.ok) {
      throw new TallyfyError('configuration', check.reason);
    }
    const signal = request.signal;
    throwIfCancelled(signal);
    let token: string | undefined;
    try {
      token = await this.options.getToken();
    } catch (error) {
      this.log.warn(`Could not read the Tallyfy token: ${describe(error)}`);
      token = undefined;
    }
    throwIfCancelled(signal);
    if (token === undefined || token.trim() === '') {
      throw new TallyfyError('signed-out');
    }
    if (!/^[\x21-\x7e]+$/.test(token.trim())) {
      // A header cannot carry it; Tallyfy would never accept it either.
      throw new TallyfyError('unauthorized', 'The saved Tallyfy token holds characters no header can carry.');
    }
    const url = buildUrl(check.url, request.path, request.query);
    const label = `${request.method} ${request.path}${queryText(request.query)}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.trim()}`,
      Accept: 'application/json',
      'X-Tallyfy-Client': 'APIClient',
      'User-Agent': this.options.userAgent,
    };
    const hasBody = request.body !== undefined;
    if (hasBody) {
      headers['Content-Type'] = 'application/json';
    }
    const bodyText = hasBody ? JSON.stringify(request.body) : undefined;

    for (let attempt = 1; ; attempt++) {
      const timeoutSignal = AbortSignal.timeout(this.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeoutSignal]) : timeoutSignal;
      const started = this.now();
      this.log.debug(`→ ${label}${attempt > 1 ? ` (try ${attempt} of ${this.maxAttempts})` : ''}`);
      let status: number;
      let text: string;
      let requestId: string | undefined;
      let retryAfterHeader: string | null;
      try {
        const response = await fetch(url, {
          method: request.method,
          headers,
          ...(bodyText === undefined ? {} : { body: bodyText }),
          signal: combined,
          redirect: 'manual',
        });
        status = response.status;
        requestId = response.headers.get('x-request-id') ?? undefined;
        retryAfterHeader = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        const failure = this.classifyFailure(error, request, signal, timeoutSignal, label);
        if (failure.retry && attempt < this.maxAttempts) {
          await this.wait(this.backoffMs(attempt), signal);
          continue;
        }
        throw failure.error;
      }
      const elapsed = this.now() - started;
      const idText = requestId === undefined ? '' : ` [X-Request-Id ${requestId}]`;
      this.log.debug(`← ${status} ${label} (${elapsed} ms)${idText}`);

      if (status >= 200 && status < 300) {
        return { status, body: parseJson(text, status, requestId, label, this.log), requestId };
      }

      const body = tryParseJson(text);
      const parsed = parseErrorBody(body ?? text);
      this.log.warn(`Tallyfy answered ${status} to ${label}${idText}: ${truncate(text.trim() === '' ? '(empty body)' : text, 2000)}`);

      if (status === 429) {
        const retryAfter = parseRetryAfter(retryAfterHeader, this.now());
        // An hourly cap fails at once: its slot can be most of an hour away, and retrying before then
        // (without a Retry-After, after a back-off) only spends another request against the cap.
        const hourlyCap = parsed.code === HOURLY_CAP_CODE;
        const canWait = !hourlyCap && (retryAfter === undefined || retryAfter <= this.maxRetryAfterSeconds);
        if (attempt < this.maxAttempts && canWait) {
          const waitMs = retryAfter === undefined ? this.backoffMs(attempt) : Math.ceil(retryAfter * 1000);
          this.log.info(`Rate limited by Tallyfy; waiting ${Math.round(waitMs / 100) / 10} s before trying ${label} again.`);
          await this.wait(waitMs, signal);
          continue;
        }
        throw new TallyfyError('rate-limited', undefined, {
          status,
          requestId,
          retryAfterSeconds: retryAfter,
          code: parsed.code,
        });
      }
      if (status >= 500) {
        if (request.mode === 'create') {
          throw new TallyfyError('outcome-unknown', undefined, { status, requestId });
        }
        if (request.mode === 'read' && RETRYABLE_READ_STATUSES.has(status) && attempt < this.maxAttempts) {
          await this.wait(this.backoffMs(attempt), signal);
          continue;
        }
        throw new TallyfyError('server', undefined, { status, requestId });
      }
      throw errorForStatus(status, parsed, requestId);
    }
  }

  private classifyFailure(
    error: unknown,
    request: ApiRequest,
    callerSignal: AbortSignal | undefined,
    timeoutSignal: AbortSignal,
    label: string,
  ): { error: TallyfyError; retry: boolean } {
    const creating = request.mode === 'create';
    if (callerSignal?.aborted) {
      this.log.info(`Cancelled: ${label}`);
      if (creating) {
        return {
          error: new TallyfyError(
            'outcome-unknown',
            'The request was cancelled after it was sent: the task may or may not have been created.',
            { cause: error },
          ),
          retry: false,
        };
      }
      return { error: new TallyfyError('cancelled', undefined, { cause: error }), retry: false };
    }
    if (timeoutSignal.aborted) {
      this.log.warn(`No answer within ${this.timeoutMs} ms: ${label}`);
      if (creating) {
        return {
          error: new TallyfyError(
            'outcome-unknown',
            'Tallyfy did not answer in time: the task may or may not have been created.',
            { cause: error },
          ),
          retry: false,
        };
      }
      return { error: new TallyfyError('timeout', undefined, { cause: error }), retry: false };
    }
    const code = errorCode(error);
    this.log.warn(`Network error on ${label}: ${describe(error)}${code === undefined ? '' : ` (${code})`}`);
    const notSent = code !== undefined && NOT_SENT_CODES.has(code);
    if (creating && !notSent) {
      return { error: new TallyfyError('outcome-unknown', undefined, { cause: error }), retry: false };
    }
    return { error: new TallyfyError('network', undefined, { cause: error }), retry: request.mode === 'read' };
  }

  private backoffMs(attempt: number): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exponential * (0.5 + this.random() * 0.5));
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) {
        throw new TallyfyError('cancelled', undefined, { cause: error });
      }
      throw error;
    }
    throwIfCancelled(signal);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new TallyfyError('cancelled');
  }
}

function errorForStatus(
  status: number,
  parsed: ReturnType<typeof parseErrorBody>,
  requestId: string | undefined,
): TallyfyError {
  const serverMessage = safeServerMessage(parsed.message);
  const details = { status, requestId, serverMessage, code: parsed.code };
  switch (status) {
    case 401:
      return new TallyfyError('unauthorized', undefined, details);
    case 403:
      return new TallyfyError('forbidden', undefined, details);
    case 404:
      return new TallyfyError('not-found', undefined, details);
    case 409:
      return new TallyfyError('conflict', undefined, details);
    case 400:
    case 422:
      return new TallyfyError('validation', undefined, { ...details, fieldErrors: parsed.fieldErrors ?? {} });
    default:
      if (status >= 300 && status < 400) {
        return new TallyfyError(
          'request-failed',
          'Tallyfy answered with a redirect, which is not followed. Check the API base URL.',
          details,
        );
      }
      return new TallyfyError('request-failed', undefined, details);
  }
}

export function buildUrl(baseUrl: string, path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const text = queryText(query);
  return `${baseUrl}${path.startsWith('/') ? path : `/${path}`}${text}`;
}

function queryText(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Encodes one path segment (an organization or task id). Refuses empty ids. */
export function segment(value: string, what: string): string {
  const text = value.trim();
  if (text === '') {
    throw new TallyfyError('configuration', `The ${what} is missing.`);
  }
  return encodeURIComponent(text);
}

function tryParseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseJson(text: string, status: number, requestId: string | undefined, label: string, log: Logger): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    log.warn(`Unreadable JSON in the ${status} answer to ${label}: ${truncate(text, 500)}`);
    throw new TallyfyError('bad-response', undefined, { status, requestId });
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
