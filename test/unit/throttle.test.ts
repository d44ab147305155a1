import assert from 'node:assert/strict';
import { throttled, type Timers } from '../../src/editor/throttle';

/** A clock the test moves by hand. */
function manualTimers(): Timers & { tick(): void; pending: number } {
  let queue: Array<() => void> = [];
  return {
    set: (callback) => queue.push(callback),
    clear: () => (queue = []),
    tick() {
      const due = queue;
      queue = [];
      for (const callback of due) callback();
    },
    get pending() {
      return queue.length;
    },
  };
}

describe('throttled', () => {
  it('calls at once, then once more after the pause for every burst, the last call never lost', () => {
    const timers = manualTimers();
    let calls = 0;
    const call = throttled(() => calls++, 250, timers);
    call();
    assert.equal(calls, 1);
    for (let i = 0; i < 100; i++) call();
    assert.equal(calls, 1);
    timers.tick();
    assert.equal(calls, 2);
    timers.tick();
    assert.equal(calls, 2, 'nothing more without a call');
    assert.equal(timers.pending, 0);
    call();
    assert.equal(calls, 3, 'after a quiet pause, at once again');
  });

  it('calls nothing after dispose', () => {
    const timers = manualTimers();
    let calls = 0;
    const call = throttled(() => calls++, 250, timers);
    call();
    call();
    call.dispose();
    timers.tick();
    assert.equal(calls, 1);
  });
});
