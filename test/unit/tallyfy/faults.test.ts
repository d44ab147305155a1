import assert from 'node:assert/strict';
import { TallyfyClient } from '../../../src/core/tallyfy/client';
import { isTallyfyError } from '../../../src/core/tallyfy/errors';
import { closedPort, makeClient, rejection, useSandbox, validInput } from './helpers';

const TASKS_PATH = '/organizations/*/tasks';

describe('tallyfy client faults and retries', () => {
  const sandbox = useSandbox();
  const org = (): string => sandbox.current.orgId;

  describe('429', () => {
    it('waits Retry-After seconds, then succeeds', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 7, count: 2 });
      const me = await client.me();
      assert.equal(me.id, 1001);
      assert.deepEqual(sleeps, [7000, 7000]);
      assert.equal(sandbox.current.requests().length, 3);
    });

    it('reads Retry-After as an HTTP date', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 20, retryAfterAsDate: true });
      await client.me();
      assert.equal(sleeps.length, 1);
      assert.ok(sleeps[0] !== undefined && sleeps[0] >= 18_000 && sleeps[0] <= 21_000, String(sleeps[0]));
    });

    it('backs off with jitter when Retry-After is missing', async () => {
      const { client, sleeps } = makeClient(sandbox.current, { random: () => 0 });
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: null, count: 2 });
      await client.me();
      assert.deepEqual(sleeps, [250, 500]);
    });

    it('gives up after the bounded tries with the wait to show', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 5, count: 10 });
      const error = await rejection(() => client.listTasks(org()));
      assert.ok(isTallyfyError(error, 'rate-limited'));
      assert.equal(error.retryAfterSeconds, 5);
      assert.equal(error.status, 429);
      assert.match(error.message, /5 seconds/);
      assert.equal(sandbox.current.requests().length, 3);
      assert.equal(sleeps.length, 2);
    });

    it('does not wait beyond the cap', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 3600 });
      const error = await rejection(() => client.me());
      assert.ok(isTallyfyError(error, 'rate-limited'));
      assert.equal(error.retryAfterSeconds, 3600);
      assert.deepEqual(sleeps, []);
      assert.equal(sandbox.current.requests().length, 1);
    });

    it('retries a create refused with 429 and creates exactly one task', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 1, method: 'POST', path: TASKS_PATH });
      const task = await client.createTask(org(), validInput());
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 2);
      assert.deepEqual(sandbox.current.tasks().map((t) => t.id), [task.id]);
    });
  });

  describe('5xx', () => {
    it('retries a GET after 500, then succeeds', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      sandbox.current.addTask({ title: 'existing' });
      sandbox.current.injectFault({ kind: 'status', status: 500, method: 'GET', path: TASKS_PATH });
      const page = await client.listTasks(org());
      assert.equal(page.items.length, 1);
      assert.equal(sandbox.current.requests().length, 2);
      assert.deepEqual(sleeps, [375]);
    });

    it('retries 502, 503 and 504 on GET with growing back-off, then reports a server error', async () => {
      const { client, sleeps, logs } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'status', status: 502 });
      sandbox.current.injectFault({ kind: 'status', status: 503 });
      sandbox.current.injectFault({ kind: 'status', status: 504 });
      const error = await rejection(() => client.me());
      assert.ok(isTallyfyError(error, 'server'));
      assert.equal(error.status, 504);
      assert.deepEqual(sleeps, [375, 750]);
      assert.equal(sandbox.current.requests().length, 3);
      assert.ok(logs.some((l) => l.level === 'warn' && l.message.includes('503')));
    });

    it('keeps server internals out of the message but in the log', async () => {
      const { client, logs } = makeClient(sandbox.current, { retry: { maxAttempts: 1 } });
      sandbox.current.injectFault({ kind: 'status', status: 500 });
      const error = await rejection(() => client.me());
      assert.ok(isTallyfyError(error, 'server'));
      assert.doesNotMatch(error.message, /SQL|\/var\//);
      assert.equal(error.serverMessage, undefined);
      assert.ok(logs.some((l) => l.message.includes('SQLSTATE')));
    });

    it('does not retry a 500 on complete (not idempotent)', async () => {
      const { client } = makeClient(sandbox.current);
      const task = sandbox.current.addTask({ title: 't' });
      sandbox.current.injectFault({ kind: 'status', status: 503, method: 'POST' });
      const error = await rejection(() => client.completeTask(org(), task.id));
      assert.ok(isTallyfyError(error, 'server'));
      assert.equal(sandbox.current.requests().length, 1);
    });

    it('reports outcome-unknown for a 500 on create after the task was made, without resending', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'status', status: 500, method: 'POST', path: TASKS_PATH, commit: true });
      const error = await rejection(() => client.createTask(org(), validInput()));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.equal(error.status, 500);
      assert.match(error.message, /may or may not have been made/);
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      assert.equal(sandbox.current.tasks().length, 1);
    });

    it('reports outcome-unknown for a 503 on create that made nothing, without resending', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'status', status: 503, method: 'POST', path: TASKS_PATH });
      const error = await rejection(() => client.createTask(org(), validInput()));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      assert.equal(sandbox.current.tasks().length, 0);
    });
  });

  describe('time-outs and dropped connections', () => {
    it('times out a slow GET', async () => {
      const { client } = makeClient(sandbox.current, { timeoutMs: 100 });
      sandbox.current.injectFault({ kind: 'slow', delayMs: 200 });
      const error = await rejection(() => client.me());
      assert.ok(isTallyfyError(error, 'timeout'));
      assert.equal(sandbox.current.requests().length, 1);
      await sandbox.current.settled();
    });

    it('reports outcome-unknown when a create times out, and never sends it twice', async () => {
      const { client } = makeClient(sandbox.current, { timeoutMs: 100 });
      sandbox.current.injectFault({ kind: 'slow', delayMs: 200, method: 'POST', path: TASKS_PATH });
      const error = await rejection(() => client.createTask(org(), validInput()));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.match(error.message, /did not answer in time/);
      await sandbox.current.settled();
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      assert.equal(sandbox.current.tasks().length, 1, 'the server went on to create it: exactly one, no duplicate');
    });

    it('reports outcome-unknown when the connection drops during a create', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'drop', method: 'POST', path: TASKS_PATH, commit: true });
      const error = await rejection(() => client.createTask(org(), validInput()));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      assert.equal(sandbox.current.tasks().length, 1);
    });

    it('reports outcome-unknown when the connection drops before the create is handled', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'drop', method: 'POST', path: TASKS_PATH });
      const error = await rejection(() => client.createTask(org(), validInput()));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      assert.equal(sandbox.current.tasks().length, 0);
    });

    it('retries a GET whose connection dropped', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'drop', method: 'GET' });
      const me = await client.me();
      assert.equal(me.id, 1001);
      assert.equal(sandbox.current.requests().length, 2);
      assert.equal(sleeps.length, 1);
    });

    it('reports a network error (not outcome-unknown) when nothing listens, retrying only GETs', async () => {
      const port = await closedPort();
      const { client, sleeps } = makeClient(sandbox.current, { baseUrl: `http://127.0.0.1:${port}/api` });
      const read = await rejection(() => client.me());
      assert.ok(isTallyfyError(read, 'network'));
      assert.equal(sleeps.length, 2, 'GET tried 3 times');
      const create = await rejection(() => client.createTask(org(), validInput()));
      assert.ok(isTallyfyError(create, 'network'), 'a refused connection proves the create was not sent');
      assert.equal(sleeps.length, 2, 'the create was not retried');
    });
  });

  describe('4xx', () => {
    it('maps 401 to unauthorized and never retries', async () => {
      const { client } = makeClient(sandbox.current, { getToken: async () => 'revoked-token' });
      const error = await rejection(() => client.me());
      assert.ok(isTallyfyError(error, 'unauthorized'));
      assert.equal(error.message, 'Tallyfy refused the token (HTTP 401).');
      assert.equal(error.status, 401);
      assert.match(error.requestId ?? '', /^sbx-/);
      assert.equal(sandbox.current.requests().length, 1);
    });

    it('maps an injected 401 the same way', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'unauthorized' });
      assert.ok(isTallyfyError(await rejection(() => client.listTags(org())), 'unauthorized'));
    });

    it('maps 403 to forbidden without blaming the token, keeping a safe server message', async () => {
      const { client } = makeClient(sandbox.current);
      const error = await rejection(() => client.listTasks('0'.repeat(32)));
      assert.ok(isTallyfyError(error, 'forbidden'));
      assert.doesNotMatch(error.message, /token|sign in/i);
      assert.equal(error.serverMessage, 'You do not have permission to access this organization.');
    });

    it('maps 404 to not-found with the code', async () => {
      const { client } = makeClient(sandbox.current);
      const error = await rejection(() => client.getTask(org(), 'f'.repeat(32)));
      assert.ok(isTallyfyError(error, 'not-found'));
      assert.equal(error.code, 'RESOURCE_NOT_FOUND');
    });

    for (const validationForm of ['error-flag', 'laravel'] as const) {
      it(`maps a 422 in the ${validationForm} form to field paths`, async () => {
        const { client } = makeClient(sandbox.current);
        sandbox.current.configure({ validationForm });
        const error = await rejection(() =>
          client.createTask(org(), validInput({ owners: { users: [1001, 99999] }, tags: ['f'.repeat(32)] })),
        );
        assert.ok(isTallyfyError(error, 'validation'));
        assert.equal(error.status, 422);
        assert.deepEqual(Object.keys(error.fieldErrors ?? {}).sort(), ['owners.users.1', 'tags.0']);
        assert.match(error.fieldErrors?.['owners.users.1']?.[0] ?? '', /owners\.users\.1 is invalid/);
        assert.equal(sandbox.current.tasks().length, 0);
        assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      });
    }
  });

  describe('cancellation', () => {
    it('sends nothing when already cancelled', async () => {
      const { client } = makeClient(sandbox.current);
      const error = await rejection(() => client.me({ signal: AbortSignal.abort() }));
      assert.ok(isTallyfyError(error, 'cancelled'));
      assert.equal(sandbox.current.requests().length, 0);
    });

    it('cancels a GET in flight', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'slow', delayMs: 150 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const error = await rejection(() => client.listTasks(org(), { signal: controller.signal }));
      assert.ok(isTallyfyError(error, 'cancelled'));
      await sandbox.current.settled();
    });

    it('cancels the wait for Retry-After', async () => {
      const client = new TallyfyClient({ baseUrl: sandbox.current.url, getToken: async () => sandbox.current.token, userAgent: 't' });
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 30 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = await rejection(() => client.me({ signal: controller.signal }));
      assert.ok(isTallyfyError(error, 'cancelled'));
      assert.ok(Date.now() - started < 2000);
      assert.equal(sandbox.current.requests().length, 1);
    });

    it('says the outcome is unknown when a create is cancelled in flight', async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.injectFault({ kind: 'slow', delayMs: 150, method: 'POST' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const error = await rejection(() => client.createTask(org(), validInput(), { signal: controller.signal }));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.match(error.message, /cancelled/);
      await sandbox.current.settled();
      assert.equal(sandbox.current.tasks().length, 1);
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
    });
  });
});
