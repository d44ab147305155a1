import assert from 'node:assert/strict';
import { CancelledError, Limiter } from '../../../src/core/tasks/limiter';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('request limiter', () => {
  it('runs at most N at once, in the order asked', async () => {
    const limiter = new Limiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    assert.deepEqual(started, [0, 1]);
    assert.equal(limiter.running, 2);
    gates[1]!.resolve();
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
    assert.equal(limiter.peak, 2);
    assert.equal(limiter.running, 0);
  });

  it('frees the slot when an operation fails', async () => {
    const limiter = new Limiter(1);
    await assert.rejects(limiter.run(async () => Promise.reject(new Error('no'))), /no/);
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });

  it('holds new operations during a pause, and counts pauses', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const limiter = new Limiter(4, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    limiter.pauseFor(5_000);
    assert.equal(limiter.pauses, 1);
    await limiter.run(async () => undefined);
    assert.deepEqual(waits, [5_000]);
    await limiter.run(async () => undefined);
    assert.deepEqual(waits, [5_000], 'the pause is over');
  });

  it('rejects waiting and later operations once the signal aborts', async () => {
    const controller = new AbortController();
    const limiter = new Limiter(1, { signal: controller.signal });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const waiting = Array.from({ length: 20 }, () => limiter.run(async () => 'ran'));
    controller.abort();
    for (const run of waiting) await assert.rejects(run, CancelledError);
    await assert.rejects(limiter.run(async () => 'late'), CancelledError);
    gate.resolve();
    await first;
    assert.equal(limiter.running, 0);
  });
});
