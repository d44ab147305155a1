// Shared set-up for the tasks tests: record builders, a client on the sandbox whose waits are skipped,
// and a reader wrapper that measures requests in flight.
import { TallyfyClient, type TallyfyClientOptions } from '../../../src/core/tallyfy/client';
import type { TaskRecord } from '../../../src/core/records/record';
import type { TaskReader } from '../../../src/core/tasks/refresh';
import type { Sandbox, SandboxTask } from '../../sandbox/server';

export const ORG = '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f';
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

let counter = 0;

/** A record with a unique id unless one is given. */
export function record(overrides: Partial<TaskRecord> = {}): TaskRecord {
  counter++;
  const id = overrides.id ?? `${counter.toString(16).padStart(8, '0')}aaaabbbbccccddddeeeeffff`;
  return {
    id,
    title: `Task ${counter}`,
    taskType: 'task',
    status: 'not-started',
    assignees: ['Ada Lovelace'],
    orgId: ORG,
    baseUrl: 'https://go.tallyfy.com/api',
    createdAt: '2030-01-01T10:00:00Z',
    ...overrides,
  };
}

/** A stale local record of a sandbox task (old title and status, never synced). */
export function staleRecordOf(task: SandboxTask, sandbox: Sandbox, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: task.id,
    title: 'old title',
    taskType: 'task',
    status: 'not-started',
    assignees: ['Ada Lovelace'],
    orgId: task.orgId,
    baseUrl: sandbox.url,
    createdAt: task.created_at,
    source: { uri: 'file:///project/src/a.ts', line: 3, reference: `tallyfy:${task.id}` },
    ...overrides,
  };
}

export interface SkippedWaits {
  readonly client: TallyfyClient;
  /** Every wait the client asked for, in ms. */
  readonly sleeps: number[];
}

/** A client on the sandbox whose Retry-After and back-off waits return at once (cancellation still honoured). */
export function sandboxClient(sandbox: Sandbox, overrides: Partial<TallyfyClientOptions> = {}): SkippedWaits {
  const sleeps: number[] = [];
  const client = new TallyfyClient({
    baseUrl: sandbox.url,
    getToken: async () => sandbox.token,
    userAgent: 'tallyfy-todo-tests/0.0.0',
    timeoutMs: 5_000,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
    ...overrides,
  });
  return { client, sleeps };
}

/** A fake sleep that returns at once and records the waits. */
export function instantSleep(waits: number[]): (ms: number, signal?: AbortSignal) => Promise<void> {
  return async (ms, signal) => {
    waits.push(ms);
    if (signal?.aborted) throw signal.reason;
  };
}

export interface Metered extends TaskReader {
  readonly peak: number;
  readonly calls: { list: number; get: number };
}

/** Wraps a reader to count calls and the most in flight at once (across every wrapper sharing `shared`). */
export function metered(reader: TaskReader, shared: { inFlight: number; peak: number } = { inFlight: 0, peak: 0 }): Metered {
  const calls = { list: 0, get: 0 };
  const track = async <T>(fn: () => Promise<T>): Promise<T> => {
    shared.inFlight++;
    shared.peak = Math.max(shared.peak, shared.inFlight);
    try {
      return await fn();
    } finally {
      shared.inFlight--;
    }
  };
  return {
    get peak() {
      return shared.peak;
    },
    calls,
    listTasks: (orgId, options) => {
      calls.list++;
      return track(() => reader.listTasks(orgId, options));
    },
    getTask: (orgId, taskId, options) => {
      calls.get++;
      return track(() => reader.getTask(orgId, taskId, options));
    },
  };
}

/** Shared with the client's tests: a sandbox per suite, reset before each test; a port nothing listens on. */
export { closedPort, useSandbox } from '../tallyfy/helpers';
