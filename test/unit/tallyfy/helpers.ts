// Shared set-up for the client tests: a real sandbox on 127.0.0.1 and a client pointed at it.
import { createServer } from 'node:net';
import { TallyfyClient, type TallyfyClientOptions } from '../../../src/core/tallyfy/client';
import type { Logger } from '../../../src/core/tallyfy/http';
import type { CreateTaskInput } from '../../../src/core/tallyfy/schema';
import { startSandbox, type Sandbox } from '../../sandbox/server';

export interface LogLine {
  readonly level: keyof Logger;
  readonly message: string;
}

export interface TestClient {
  readonly client: TallyfyClient;
  readonly logs: LogLine[];
  /** Every back-off/Retry-After wait the client asked for, in ms. */
  readonly sleeps: number[];
}

export function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: keyof Logger) => (message: string) => void lines.push({ level, message });
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A client on the sandbox whose waits are recorded and skipped (still honouring cancellation). */
export function makeClient(sandbox: Sandbox, overrides: Partial<TallyfyClientOptions> = {}): TestClient {
  const logs: LogLine[] = [];
  const sleeps: number[] = [];
  const client = new TallyfyClient({
    baseUrl: sandbox.url,
    getToken: async () => sandbox.token,
    userAgent: 'tallyfy-todo-tests/0.0.0',
    timeoutMs: 2_000,
    logger: recordingLogger(logs),
    random: () => 0.5,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
    ...overrides,
  });
  return { client, logs, sleeps };
}

/** Starts a sandbox for a suite and resets it before each test. */
export function useSandbox(): { readonly current: Sandbox } {
  const holder: { current: Sandbox } = { current: undefined as unknown as Sandbox };
  before(async () => {
    holder.current = await startSandbox();
  });
  beforeEach(() => {
    holder.current.reset();
  });
  after(async () => {
    await holder.current.close();
  });
  return holder;
}

export const DAY_MS = 86_400_000;

export function validInput(overrides: Partial<Record<keyof CreateTaskInput, unknown>> = {}): Record<string, unknown> {
  return {
    title: 'Fix the flaky upload test',
    task_type: 'task',
    owners: { users: [1001], guests: [], groups: [] },
    deadline: new Date(Date.now() + 3 * DAY_MS),
    ...overrides,
  };
}

/** A port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `fn` and returns the error it rejects with (fails when it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected a rejection.');
}
