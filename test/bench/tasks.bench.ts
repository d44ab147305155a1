// Bench for the tasks view and the refresh. Run: npx tsx --expose-gc test/bench/tasks.bench.ts
//
// 1. Tree model: 10,000 records (3 workspace folders, 600 files, some without a TODO) → time to the
//    first level of the tree (goal: under 50 ms), heap used by the records and by the built model (goal:
//    under 20 MB), the time to open one file group and to describe every row.
// 2. Refresh: 1,000 records against the local sandbox over HTTP, with a burst of 429s injected after the
//    first page; some tasks archived (not listed) and some removed (404). Prints records updated,
//    records per successful response, and the requests sent vs the fewest that could do.
// Figures only: nothing here passes or fails on time.
import type { TaskRecord } from '../../src/core/records/record';
import { TallyfyClient } from '../../src/core/tallyfy/client';
import { refreshRecords, type TaskReader } from '../../src/core/tasks/refresh';
import { TaskTreeModel, type SourceLocation, type TaskNode } from '../../src/core/tasks/treeModel';
import { startSandbox } from '../sandbox/server';

const DAY = 86_400_000;
const STATUSES = ['not-started', 'in-progress', 'completed', 'active'];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** `count` deterministic records: 3 folders × 200 files, one in 10 without a TODO, one in 50 deleted. */
export function generateRecords(count: number, seed = 11): TaskRecord[] {
  const rnd = random(seed);
  const now = Date.parse('2030-06-10T12:00:00Z');
  const out: TaskRecord[] = [];
  for (let i = 0; i < count; i++) {
    const id = (i.toString(16).padStart(8, '0') + Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0')).repeat(2);
    const folder = ['api', 'web', 'tools'][i % 3];
    const file = `src/module${Math.floor(rnd() * 20)}/file${Math.floor(rnd() * 10)}.ts`;
    const record: TaskRecord = {
      id,
      incrementId: i + 1,
      title: `Fix the ${['parser', 'cache', 'retry', 'upload'][i % 4]} edge case number ${i}`,
      taskType: 'task',
      status: STATUSES[Math.floor(rnd() * STATUSES.length)] ?? 'not-started',
      deadline: new Date(now + Math.floor((rnd() - 0.3) * 30 * DAY)).toISOString(),
      assignees: ['Ada Lovelace', 'Grace Hopper'].slice(0, 1 + (i % 2)),
      orgId: '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f',
      baseUrl: 'https://go.tallyfy.com/api',
      createdAt: new Date(now - Math.floor(rnd() * 300 * DAY)).toISOString(),
      lastSyncedAt: new Date(now - Math.floor(rnd() * DAY)).toISOString(),
    };
    if (i % 10 !== 0) record.source = { uri: `file:///${folder}/${file}`, line: Math.floor(rnd() * 500), reference: `tallyfy:${id}` };
    if (i % 50 === 0) record.deleted = true;
    out.push(record);
  }
  return out;
}

function locate(uri: string): SourceLocation {
  const path = uri.slice('file:///'.length);
  const cut = path.indexOf('/');
  return { folder: path.slice(0, cut), relativePath: path.slice(cut + 1) };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export interface TasksBenchFigures {
  readonly records: number;
  readonly gcExposed: boolean;
  readonly recordsHeapMb: number;
  readonly modelHeapMb: number;
  readonly firstLevelMs: number;
  readonly firstLevelFlatMs: number;
  readonly rootCount: number;
  readonly openGroupMs: number;
  readonly describeAllMs: number;
  readonly refresh: RefreshBenchFigures;
}

export interface RefreshBenchFigures {
  readonly records: number;
  readonly updated: number;
  readonly deleted: number;
  readonly failed: number;
  readonly unchanged: number;
  readonly listPages: number;
  readonly singleRequests: number;
  readonly sentByRefresh: number;
  readonly httpRequests: number;
  readonly successfulResponses: number;
  readonly refused429: number;
  readonly minimumRequests: number;
  readonly recordsPerSuccessfulResponse: number;
  readonly peakInFlight: number;
  readonly ms: number;
}

async function benchRefresh(): Promise<RefreshBenchFigures> {
  const sandbox = await startSandbox();
  try {
    const COUNT = 1_000;
    const ARCHIVED = 20;
    const REMOVED = 10;
    const tasks = Array.from({ length: COUNT }, (_, i) => sandbox.addTask({ title: `Bench task ${i}` }));
    // Other people's tasks in the organization, listed too.
    for (let i = 0; i < 150; i++) sandbox.addTask({ title: `Someone else's task ${i}` });
    const records: TaskRecord[] = tasks.map((task) => ({
      id: task.id,
      title: 'stale',
      taskType: 'task',
      status: 'not-started',
      assignees: [],
      orgId: task.orgId,
      baseUrl: sandbox.url,
      createdAt: task.created_at,
    }));
    for (const task of tasks.slice(0, 100)) sandbox.setTaskStatus(task.id, 'completed');
    for (const task of tasks.slice(100, 100 + ARCHIVED)) sandbox.updateTask(task.id, { archived_at: new Date().toISOString() });
    for (const task of tasks.slice(200, 200 + REMOVED)) sandbox.removeTask(task.id);
    sandbox.clearRequests();

    const client = new TallyfyClient({ baseUrl: sandbox.url, getToken: async () => sandbox.token, userAgent: 'tallyfy-todo-bench/0.0.0' });
    let lists = 0;
    let inFlight = 0;
    let peak = 0;
    const track = async <T>(fn: () => Promise<T>): Promise<T> => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await fn();
      } finally {
        inFlight--;
      }
    };
    const reader: TaskReader = {
      listTasks: (orgId, options) =>
        track(async () => {
          const page = await client.listTasks(orgId, options);
          // After the first page: a burst of 429s (Retry-After 1 s), more than the client retries.
          if (++lists === 1) sandbox.injectFault({ kind: 'rate-limit', retryAfter: 1, count: 9, path: '/organizations/*/tasks' });
          return page;
        }),
      getTask: (orgId, id, options) => track(() => client.getTask(orgId, id, options)),
    };
    const started = performance.now();
    const result = await refreshRecords(records, { clientFor: () => reader });
    const ms = performance.now() - started;
    const sent = sandbox.requests();
    const listed = COUNT + 150 - ARCHIVED - REMOVED;
    const minimumRequests = Math.ceil(listed / 100) + ARCHIVED + REMOVED;
    const successful = sent.filter((r) => r.fault === undefined).length;
    return {
      records: COUNT,
      updated: result.summary.updated,
      deleted: result.summary.deleted,
      failed: result.summary.failed.length,
      unchanged: result.records.filter((r) => r.lastSyncedAt === undefined && r.deleted !== true).length,
      listPages: result.summary.requests.pages,
      singleRequests: result.summary.requests.gets,
      sentByRefresh: result.summary.requests.total,
      httpRequests: sent.length,
      successfulResponses: successful,
      refused429: sent.filter((r) => r.fault === 'rate-limit').length,
      minimumRequests,
      recordsPerSuccessfulResponse: (result.summary.updated + result.summary.deleted) / Math.max(1, successful),
      peakInFlight: peak,
      ms,
    };
  } finally {
    await sandbox.close();
  }
}

export async function runTasksBench(): Promise<TasksBenchFigures> {
  const COUNT = 10_000;
  const before = heap();
  let records: TaskRecord[] | undefined = generateRecords(COUNT);
  const recordsHeap = heap() - before;

  // Memory of a built model with every group opened (the worst case), averaged over a few kept at once.
  const MODELS = 5;
  const beforeModel = heap();
  let kept: TaskTreeModel[] | undefined = [];
  for (let i = 0; i < MODELS; i++) {
    const model = new TaskTreeModel({ locate, now: () => Date.parse('2030-06-10T12:00:00Z') }, records);
    for (const root of model.roots()) for (const file of model.children(root)) model.children(file);
    kept.push(model);
  }
  const modelHeap = (heap() - beforeModel) / MODELS;
  kept = undefined;

  const firstLevel: number[] = [];
  const firstLevelFlat: number[] = [];
  const openGroup: number[] = [];
  const describeAll: number[] = [];
  let rootCount = 0;
  for (let run = 0; run < 9; run++) {
    const model = new TaskTreeModel({ locate, now: () => Date.parse('2030-06-10T12:00:00Z') }, records);
    let t = performance.now();
    rootCount = model.roots().length;
    firstLevel.push(performance.now() - t);

    const folder = model.roots()[0];
    const file = model.children(folder)[0];
    t = performance.now();
    model.children(file);
    openGroup.push(performance.now() - t);

    t = performance.now();
    for (const root of model.roots()) {
      for (const fileNode of model.children(root)) {
        const rows = root.kind === 'no-source' ? [fileNode] : model.children(fileNode);
        for (const row of rows) if (row.kind === 'task') model.item(row as TaskNode);
      }
    }
    describeAll.push(performance.now() - t);

    const flat = new TaskTreeModel({ locate, grouping: 'flat' }, records);
    t = performance.now();
    flat.roots();
    firstLevelFlat.push(performance.now() - t);
  }
  records = undefined;

  const refresh = await benchRefresh();
  return {
    records: COUNT,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    recordsHeapMb: recordsHeap / 1024 / 1024,
    modelHeapMb: modelHeap / 1024 / 1024,
    firstLevelMs: median(firstLevel),
    firstLevelFlatMs: median(firstLevelFlat),
    rootCount,
    openGroupMs: median(openGroup),
    describeAllMs: median(describeAll),
    refresh,
  };
}

export function printTasksBench(f: TasksBenchFigures): void {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const mb = (x: number) => `${x.toFixed(1)} MB`;
  console.log(`tree: ${f.records} records${f.gcExposed ? '' : ' (run with --expose-gc for steady heap figures)'}`);
  console.log(`  first level, by folder and file      ${ms(f.firstLevelMs)} (goal < 50 ms), ${f.rootCount} nodes`);
  console.log(`  first level, flat                    ${ms(f.firstLevelFlatMs)}`);
  console.log(`  open one file group                  ${ms(f.openGroupMs)}`);
  console.log(`  describe every row                   ${ms(f.describeAllMs)}`);
  console.log(`  heap: records ${mb(f.recordsHeapMb)}, model fully expanded ${mb(f.modelHeapMb)}, together ${mb(f.recordsHeapMb + f.modelHeapMb)} (goal < 20 MB)`);
  const r = f.refresh;
  console.log(`refresh: ${r.records} records over HTTP with a burst of 429s, in ${ms(r.ms)}`);
  console.log(`  updated ${r.updated}, marked deleted ${r.deleted}, failed ${r.failed}, left untouched ${r.unchanged}`);
  console.log(`  sent by the refresh: ${r.listPages} list pages + ${r.singleRequests} single requests = ${r.sentByRefresh}`);
  console.log(`  HTTP requests: ${r.httpRequests} = ${r.successfulResponses} answered + ${r.refused429} refused with 429`);
  console.log(`  fewest possible without 429s: ${r.minimumRequests}; records per answered request: ${r.recordsPerSuccessfulResponse.toFixed(1)}`);
  console.log(`  most requests in flight: ${r.peakInFlight}`);
}

if (require.main === module) {
  runTasksBench().then(printTasksBench, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
