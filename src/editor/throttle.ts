/** The timer functions (tests pass their own clock). */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: never): void;
}

/**
 * Calls `fn` at once, then at most once per `ms` while calls keep coming (the last call is never lost):
 * for work over every record that a run of hundreds of changes would otherwise repeat for each.
 */
export function throttled(fn: () => void, ms: number, timers: Timers = { set: setTimeout, clear: clearTimeout }): { (): void; dispose(): void } {
  let timer: unknown;
  let pending = false;
  const call = (): void => {
    if (timer !== undefined) {
      pending = true;
      return;
    }
    fn();
    timer = timers.set(() => {
      timer = undefined;
      if (pending) {
        pending = false;
        call();
      }
    }, ms);
  };
  call.dispose = (): void => {
    if (timer !== undefined) timers.clear(timer as never);
    timer = undefined;
    pending = false;
  };
  return call;
}
