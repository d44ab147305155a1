// The clocks the bundles read when their code starts and ends running (the first and last statements
// esbuild.mjs gives the start-up bundle and each part): milliseconds by the clock, and by the thread's
// CPU time where Node has it (process.threadCpuUsage, Node 23.9+), which other work on a busy machine
// does not inflate.

/** What a bundle's clock statement holds: `[performance.now(), process.threadCpuUsage?.()]`. */
export type ClockReading = readonly [number, { readonly user: number; readonly system: number } | undefined];

/** A stretch of time, by the clock and (when known) by the thread's CPU. */
export interface Spent {
  readonly ms: number;
  readonly cpuMs: number | undefined;
}

export function readClock(): ClockReading {
  const thread = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  return [performance.now(), thread?.call(process)];
}

export function spent(from: ClockReading, to: ClockReading): Spent {
  const [start, startCpu] = from;
  const [end, endCpu] = to;
  const cpuMs = startCpu && endCpu ? (endCpu.user + endCpu.system - startCpu.user - startCpu.system) / 1000 : undefined;
  return { ms: end - start, cpuMs };
}

export function sum(a: Spent, b: Spent): Spent {
  return { ms: a.ms + b.ms, cpuMs: a.cpuMs === undefined || b.cpuMs === undefined ? undefined : a.cpuMs + b.cpuMs };
}

/** "12.30 ms (CPU 8.10 ms)", for the log. */
export function describeSpent(value: Spent): string {
  return `${value.ms.toFixed(2)} ms${value.cpuMs === undefined ? '' : ` (CPU ${value.cpuMs.toFixed(2)} ms)`}`;
}
