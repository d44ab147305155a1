import assert from 'node:assert/strict';
import { AlreadyLinked, BulkRun, type BulkWork, type RowState } from '../../../src/core/bulk';
import { TallyfyError } from '../../../src/core/tallyfy';

/** A create that the test settles by hand, one per key. */
function harness(overrides: Partial<BulkWork> = {}) {
  const states = new Map<string, RowState[]>();
  const pending = new Map<string, { resolve: (id: string) => void; reject: (error: unknown) => void }>();
  const sent: string[] = [];
  const settled: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const work: BulkWork = {
    create: (key) =>
      new Promise<string>((resolve, reject) => {
        sent.push(key);
        inFlight++;
        peak = Math.max(peak, inFlight);
        pending.set(key, {
          resolve: (id) => {
            inFlight--;
            resolve(id);
          },
          reject: (error) => {
            inFlight--;
            reject(error);
          },
        });
      }),
    link: () => Promise.resolve(true),
    describe: (error) => (error instanceof Error ? error.message : String(error)),
    ...overrides,
  };
  const sleeps: number[] = [];
  const run = new BulkRun(work, {
    onRow: (key, state) => states.set(key, [...(states.get(key) ?? []), state]),
    onSettled: (key) => settled.push(key),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  const last = (key: string): RowState | undefined => states.get(key)?.at(-1);
  /** Waits until `key` has been sent (the limiter hands slots over asynchronously). */
  const whenSent = async (key: string): Promise<void> => {
    while (!pending.has(key)) await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, states, pending, sent, settled, last, whenSent, sleeps, peak: () => peak };
}

const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `k${i}`);

describe('BulkRun', () => {
  it('sends at most four at once and settles every row once', async () => {
    const h = harness();
    const done = h.run.start(keys(10));
    for (const key of keys(10)) {
      await h.whenSent(key);
      h.pending.get(key)?.resolve(`task-${key}`);
    }
    assert.deepEqual(await done, { kind: 'done' });
    assert.equal(h.peak(), 4);
    assert.equal(h.sent.length, 10);
    assert.deepEqual([...h.settled].sort(), keys(10).sort());
    assert.deepEqual(h.last('k3'), { kind: 'created', taskId: 'task-k3', written: true });
  });

  it('a failure stops nothing else; an unknown outcome is never sent again', async () => {
    const h = harness();
    const done = h.run.start(keys(3));
    await h.whenSent('k0');
    h.pending.get('k0')?.reject(new TallyfyError('validation', 'Title is required.', { status: 422 }));
    await h.whenSent('k1');
    h.pending.get('k1')?.reject(new TallyfyError('outcome-unknown', undefined));
    await h.whenSent('k2');
    h.pending.get('k2')?.resolve('t2');
    assert.deepEqual(await done, { kind: 'done' });
    assert.equal(h.last('k0')?.kind, 'failed');
    assert.equal(h.last('k1')?.kind, 'unknown');
    assert.equal(h.last('k2')?.kind, 'created');
    assert.deepEqual(h.sent, ['k0', 'k1', 'k2']);
  });

  it('an unknown outcome that Tallyfy shows was not made becomes failed (retryable by the user)', async () => {
    const h = harness({ settleUnknown: () => Promise.resolve('not-created') });
    const done = h.run.start(['a']);
    await h.whenSent('a');
    h.pending.get('a')?.reject(new TallyfyError('outcome-unknown', undefined, { status: 500 }));
    await done;
    assert.equal(h.last('a')?.kind, 'failed');
    assert.equal(h.sent.length, 1);
  });

  it('after a 429 pauses every request for Retry-After and sends the refused row again', async () => {
    const h = harness();
    const done = h.run.start(['a', 'b']);
    await h.whenSent('a');
    await h.whenSent('b');
    h.pending.get('a')?.reject(new TallyfyError('rate-limited', undefined, { status: 429, retryAfterSeconds: 2 }));
    h.pending.delete('a');
    await h.whenSent('a');
    h.pending.get('a')?.resolve('ta');
    h.pending.get('b')?.resolve('tb');
    assert.deepEqual(await done, { kind: 'done' });
    assert.deepEqual(h.sent, ['a', 'b', 'a']);
    assert.ok(h.sleeps.some((ms) => ms > 1_000 && ms <= 2_000), `slept ${h.sleeps.join(', ')}`);
    assert.equal(h.last('a')?.kind, 'created');
  });

  it('cancel sends nothing more, keeps what is in flight, and puts the rest back to ready', async () => {
    const h = harness();
    const done = h.run.start(keys(6));
    await h.whenSent('k3');
    h.run.cancel();
    for (const key of keys(4)) h.pending.get(key)?.resolve(`t-${key}`);
    assert.deepEqual(await done, { kind: 'cancelled' });
    assert.deepEqual(h.sent, keys(4));
    assert.equal(h.last('k0')?.kind, 'created');
    assert.deepEqual(h.last('k4'), { kind: 'ready' });
    assert.deepEqual(h.last('k5'), { kind: 'ready' });
  });

  it('a 401 stops the run: the rows not sent fail with the reason and stay for a retry', async () => {
    const h = harness();
    const done = h.run.start(keys(6));
    await h.whenSent('k3');
    h.pending.get('k0')?.reject(new TallyfyError('unauthorized', 'Sign in again.', { status: 401 }));
    for (const key of ['k1', 'k2', 'k3']) h.pending.get(key)?.resolve(`t-${key}`);
    const end = await done;
    assert.equal(end.kind, 'stopped');
    assert.equal(h.sent.length, 4);
    assert.deepEqual(h.last('k5'), { kind: 'failed', message: 'Sign in again.' });
    assert.equal(h.last('k1')?.kind, 'created');
  });

  it('a link that fails leaves the task created, its reference not written', async () => {
    const h = harness({ link: () => Promise.reject(new Error('edit refused')) });
    const done = h.run.start(['a']);
    await h.whenSent('a');
    h.pending.get('a')?.resolve('ta');
    await done;
    assert.deepEqual(h.last('a'), { kind: 'created', taskId: 'ta', written: false });
  });

  it('a TODO linked since the review is shown linked, and nothing is sent for it', async () => {
    const h = harness();
    const done = h.run.start(['a']);
    await h.whenSent('a');
    h.pending.get('a')?.reject(new AlreadyLinked('t-other'));
    await done;
    assert.deepEqual(h.last('a'), { kind: 'linked', taskId: 't-other' });
  });
});
