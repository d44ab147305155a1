// Bench for the TODO detector (`npm run bench -- todo`), on the code as it ships: src/core/todo bundled by
// esbuild as the extension's build bundles it (calls between its modules cost what they cost there). A
// generated 200,000-line TypeScript file, read through a document that keeps its lines and line index as
// VS Code's does. Each figure is the median of 5 runs, and the floor, one pass of the keywords regex over
// the same text, is measured in the same runs, alternately (a run takes the median of 5 of each):
// 1. Whole document: a remembered scan's first answer of every TODO, against the floor (goal: at most 3x).
// 2. After a one-character edit in the middle: bringing every TODO up to date (goal: at most 2 % of a whole
//    scan; a run's figure is the mean of 200 such edits, typed and deleted); an edit that opens a block
//    comment: the lines lexed again, to where the comment closes.
// 3. The first position query at line 100,000 of an unscanned document (goal: at most 0.6x a whole scan);
//    any later query (goal: at most 20 us).
// 4. What the scan of the file keeps: its line states, and with its TODOs (goal: the states at most 4 MB).
// No assertions: timing depends on the machine. `runTodoBench()` prints the figures and returns them.

import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as Detector from '../../src/core/todo';
import type { ScannedText, TextChange } from '../../src/core/todo';
import { REPO_ROOT } from '../harness/codeServer';

const KEYWORDS = ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG'];
const BASELINE = /\b(TODO|FIXME|HACK|XXX|BUG)\b/g;

/** A small deterministic generator (LCG), so every run sees the same file. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const WORDS = ['report', 'cache', 'user', 'order', 'invoice', 'retry', 'parser', 'token', 'queue', 'index', 'limit', 'session'];

/** How often each kind of line appears in a function body (weights; see generateMixedFile). */
export interface Mix {
  readonly statement: number;
  readonly ifReturn: number;
  readonly todoString: number;
  readonly todoIdentifier: number;
  readonly todoComment: number;
  readonly trailingFixme: number;
  readonly plainComment: number;
  readonly inlineBlock: number;
  readonly template: number;
  readonly regex: number;
  readonly blank: number;
  readonly returnLine: number;
  /** Chance that a function gets a JSDoc block, and that the block holds an @todo. */
  readonly jsdoc: number;
  readonly jsdocTodo: number;
}

/** Ordinary code: about one TODO per 450 lines, a JSDoc block on half the functions, a few templates. */
export const TYPICAL_MIX: Mix = {
  statement: 40,
  ifReturn: 10,
  todoString: 0.1,
  todoIdentifier: 0.1,
  todoComment: 0.25,
  trailingFixme: 0.05,
  plainComment: 7,
  inlineBlock: 0.2,
  template: 0.5,
  regex: 0.5,
  blank: 14,
  returnLine: 16,
  jsdoc: 0.5,
  jsdocTodo: 0.05,
};

/** A stress mix: about one line in nine is a TODO, a quarter of the lines need lexing. */
export const DENSE_MIX: Mix = {
  statement: 30,
  ifReturn: 10,
  todoString: 5,
  todoIdentifier: 5,
  todoComment: 7,
  trailingFixme: 3,
  plainComment: 5,
  inlineBlock: 3,
  template: 2,
  regex: 2,
  blank: 8,
  returnLine: 20,
  jsdoc: 0.35,
  jsdocTodo: 0.5,
};

/**
 * A deterministic TypeScript file of `count` lines: functions whose bodies mix statements, strings that
 * contain TODO (not comments), identifiers like todoList and TODO_MAX, line comments with TODOs (some with
 * a continuation line), trailing FIXMEs, inline block comments, regex literals, multi-line template
 * literals holding `// TODO` text, and JSDoc blocks, some with @todo. Line `todoLine` is a `// TODO:`.
 */
export function generateMixedFile(count: number, todoLine = -1, mix: Mix = TYPICAL_MIX, seed = 7): string[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const w = () => pick(WORDS);
  const out: string[] = [];
  // Lines go out in groups (a statement, a comment with its continuation, a template literal); the TODO
  // for `todoLine` goes between two groups, never inside a template literal or a doc block.
  const push = (...group: string[]) => {
    if (todoLine >= out.length && todoLine < out.length + group.length) {
      while (out.length < todoLine) out.push('');
      out.push('  // TODO: Prepare the Q3 report');
    }
    out.push(...group);
  };
  const kinds: [number, () => void][] = [
    [mix.statement, () => push(`  const ${w()}Value = compute${w()}(input, ${Math.floor(rnd() * 100)}) + options.${w()};`)],
    [mix.ifReturn, () => push(`  if (${w()}.length > ${Math.floor(rnd() * 10)}) return { ok: false, reason: '${w()} too long' };`)],
    [mix.todoString, () => push(`  const message = "TODO: ${w()} is not a comment, just text";`)],
    [mix.todoIdentifier, () => push(`  let todoList = [...${w()}Items]; const TODO_MAX = 10; // keeps the ${w()} short`)],
    [
      mix.todoComment,
      () => {
        const todo = `  // TODO: Handle the ${w()} ${w()} case`;
        if (rnd() < 0.5) push(todo, `  //   so that the ${w()} stays consistent`);
        else push(todo);
      },
    ],
    [mix.trailingFixme, () => push(`  ${w()}.push(${w()}); // FIXME(alice): ${w()} can be null here`)],
    [mix.plainComment, () => push(`  // The ${w()} below is cached per ${w()}; see docs/${w()}.md`)],
    [mix.inlineBlock, () => push(`  /* HACK: ${w()} until the ${w()} API is fixed */ const ${w()}Flag = true;`)],
    [
      mix.template,
      () =>
        push(
          '  const template = `',
          `    // TODO: this is inside a template literal (${w()})`,
          `    <div class="${w()}">\${input}</div>`,
          '  `;',
        ),
    ],
    [mix.regex, () => push(`  const pattern = /${w()}\\/[a-z]*/g; // XXX check ${w()}`)],
    [mix.blank, () => push('')],
    [mix.returnLine, () => push(`  return ${w()}(${w()}, input);`)],
  ];
  const total = kinds.reduce((t, [weight]) => t + weight, 0);
  const line = () => {
    let r = rnd() * total;
    for (const [weight, emit] of kinds) {
      r -= weight;
      if (r < 0) return emit();
    }
  };
  let fn = 0;
  while (out.length < count) {
    if (rnd() < mix.jsdoc) {
      const doc = ['/**', ` * Computes the ${w()} for a ${w()}.`];
      if (rnd() < mix.jsdocTodo) doc.push(` * @todo Cache the ${w()} result`, ` *   per ${w()}`);
      doc.push(` * @param input the ${w()}`, ` * @returns the ${w()}`, ' */');
      push(...doc);
    }
    push(`export function ${w()}${fn++}(input: ${pick(['string', 'number', 'Item[]'])}, options: Options = {}): Result {`);
    const body = 8 + Math.floor(rnd() * 20);
    for (let i = 0; i < body; i++) line();
    push('}', '');
  }
  out.length = count;
  return out;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function baselinePass(text: string): number {
  BASELINE.lastIndex = 0;
  let n = 0;
  while (BASELINE.exec(text) !== null) n++;
  return n;
}

/** src/core/todo as the extension's build bundles it, loaded once. */
function shippedDetector(): typeof Detector {
  const dir = mkdtempSync(join(tmpdir(), 'tallyfy-todo-bench-'));
  try {
    const outfile = join(dir, 'detector.js');
    buildSync({ entryPoints: [join(REPO_ROOT, 'src', 'core', 'todo', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, outfile, logLevel: 'warning' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as typeof Detector;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A document as VS Code's extension host keeps it: its lines, and a line index (prefix sums of the line
 * lengths) that an edit invalidates from the edited line on and the next look-up brings up to date. Its
 * whole text is kept too, so that reading a range costs a slice (the bench measures the scan, not how a
 * host joins lines). `insert` and `delete` make a new version as typing does, and report the change as VS
 * Code does.
 */
class BenchDocument implements ScannedText {
  version = 1;
  readonly eolLength = 1;
  private sums: Float64Array;
  /** Sums below this line are up to date. */
  private valid = 0;
  private text: string | undefined;
  constructor(private readonly lines: string[]) {
    this.sums = new Float64Array(lines.length + 1);
  }
  get lineCount(): number {
    return this.lines.length;
  }
  lineAt(line: number): string {
    return this.lines[line] as string;
  }
  offsetAt(line: number): number {
    const to = Math.min(line, this.lines.length);
    for (; this.valid < to; this.valid++) this.sums[this.valid + 1] = (this.sums[this.valid] as number) + (this.lines[this.valid] as string).length + 1;
    return this.sums[to] as number;
  }
  lineOf(offset: number): number {
    this.offsetAt(this.lines.length);
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.sums[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  textOf(from: number, to: number): string {
    this.text ??= this.lines.join('\n');
    const end = to >= this.lines.length ? this.text.length : this.offsetAt(to);
    return this.text.slice(this.offsetAt(from), end);
  }
  /**
   * The text joined and the line index brought up to date, before a timing that reads them (VS Code joins
   * the lines for whoever asks for the text, and brings the index up to date at its first look-up).
   */
  settle(): void {
    this.text ??= this.lines.join('\n');
    this.offsetAt(this.lines.length);
  }

  /** Inserts `text` (no line break) at a position. */
  insert(line: number, character: number, text: string): TextChange {
    const rangeOffset = this.offsetAt(line) + character;
    const old = this.lines[line] as string;
    this.lines[line] = old.slice(0, character) + text + old.slice(character);
    this.valid = Math.min(this.valid, line);
    this.text = undefined;
    this.version++;
    const at = { line, character };
    return { range: { start: at, end: at }, rangeOffset, rangeLength: 0, text };
  }
  /** Deletes `length` characters at a position on one line. */
  delete(line: number, character: number, length: number): TextChange {
    const rangeOffset = this.offsetAt(line) + character;
    const old = this.lines[line] as string;
    this.lines[line] = old.slice(0, character) + old.slice(character + length);
    this.valid = Math.min(this.valid, line);
    this.text = undefined;
    this.version++;
    return { range: { start: { line, character }, end: { line, character: character + length } }, rangeOffset, rangeLength: length, text: '' };
  }
}

/** Microseconds per call of `f`, over `calls` calls. */
function microsPerCall(f: (i: number) => unknown, calls: number): number {
  const t0 = now();
  for (let i = 0; i < calls; i++) f(i);
  return ((now() - t0) * 1000) / calls;
}

/** Heap bytes held after `make` (kept alive by the caller), measured around a full garbage collection. */
function heapHeldBy<T>(make: () => T): { readonly bytes: number; readonly value: T } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const value = make();
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, value };
}

export interface TodoBenchFigures {
  readonly lines: number;
  readonly characters: number;
  readonly todos: number;
  /** One pass of the keywords regex, median ms. */
  readonly floorMs: number;
  /** A new remembered scan's all(), median ms. */
  readonly wholeMs: number;
  /** A one-character edit in the middle, then all(): the mean of a run's edits, median of the runs, ms. */
  readonly editMs: number;
  /** An edit opening a block comment in the middle, then all(), median ms, and the lines it lexed. */
  readonly commentEditMs: number;
  readonly commentEditLines: number;
  /** Where that comment closes, in lines after the edit. */
  readonly commentSpan: number;
  /** The first query at line 100,000 of an unscanned document, median ms. */
  readonly firstQueryMs: number;
  /** Later queries at random lines, microseconds each (median of the runs' means). */
  readonly laterQueryUs: number;
  /** Heap the scan keeps: its line states (offsets and states), and the whole scan with its TODOs. */
  readonly statesBytes: number;
  readonly scanBytes: number;
  readonly transitions: number;
}

const RUNS = 5;
/** One-character edits per run (each timed; the run's figure is their mean). */
const EDITS = 200;

interface Setup {
  readonly detector: typeof Detector;
  readonly document: BenchDocument;
  readonly text: string;
  readonly middle: number;
  fresh(): Detector.DocumentScan;
}

/** Runs the bench; prints the figures unless `quiet`, and returns them. */
export async function runTodoBench(options: { lines?: number; quiet?: boolean } = {}): Promise<TodoBenchFigures> {
  const detector = shippedDetector();
  const count = options.lines ?? 200_000;
  const middle = Math.floor(count / 2);
  const lines = generateMixedFile(count, middle);
  const document = new BenchDocument([...lines]);
  const key = detector.scanKey('typescript', KEYWORDS);
  const setup: Setup = { detector, document, text: lines.join('\n'), middle, fresh: () => new detector.DocumentScan(key, 'typescript', KEYWORDS, document.version) };
  // Warm up every path (edits come in pairs that leave the document as it was).
  for (let i = 0; i < 20; i++) {
    baselinePass(setup.text);
    document.settle();
    setup.fresh().all(document);
    setup.fresh().touching(document, middle, middle);
  }
  typeOneCharacter(setup, setup.fresh(), 10 * EDITS);
  const runs = Array.from({ length: RUNS }, (_, r) => measureRun(setup, r));
  const pick = (f: (run: RunFigures) => number): number => median(runs.map(f));
  document.settle();
  const kept = heapHeldBy(() => {
    const scan = setup.fresh();
    scan.all(document);
    return scan;
  });
  const { transitions } = kept.value.size;
  const last = runs[runs.length - 1] as RunFigures;
  const figures: TodoBenchFigures = {
    lines: count,
    characters: setup.text.length,
    todos: last.todos,
    floorMs: pick((run) => run.floorMs),
    wholeMs: pick((run) => run.wholeMs),
    editMs: pick((run) => run.editMs),
    commentEditMs: pick((run) => run.commentEditMs),
    commentEditLines: last.commentEditLines,
    commentSpan: lines.slice(middle + 7).findIndex((line) => line.includes('*/')) + 1,
    firstQueryMs: pick((run) => run.firstQueryMs),
    laterQueryUs: pick((run) => run.laterQueryUs),
    // Two arrays of one element per line whose state changes: an offset and a state (a pointer to a shared state).
    statesBytes: transitions * 16,
    scanBytes: kept.bytes,
    transitions,
  };
  if (options.quiet !== true) print(figures);
  return figures;
}

/** One run's figures (a run measures all but the heap). */
type RunFigures = Pick<TodoBenchFigures, 'todos' | 'floorMs' | 'wholeMs' | 'editMs' | 'commentEditMs' | 'commentEditLines' | 'firstQueryMs' | 'laterQueryUs'>;

function timed<T>(f: () => T): { readonly ms: number; readonly value: T } {
  const t0 = now();
  const value = f();
  return { ms: now() - t0, value };
}

/** Scans of the whole document and first queries per run, alternating with passes of the floor (the run's figure is their median). */
const SCANS = 5;

function measureRun(setup: Setup, run: number): RunFigures {
  const { document, middle } = setup;
  document.settle();
  const floor: number[] = [];
  const whole: number[] = [];
  const firstQuery: number[] = [];
  let todos = 0;
  for (let i = 0; i < SCANS; i++) {
    floor.push(timed(() => baselinePass(setup.text)).ms);
    const all = timed(() => setup.fresh().all(document).length);
    whole.push(all.ms);
    todos = all.value;
    const first = timed(() => setup.fresh().touching(document, middle, middle));
    if (first.value[0]?.title !== 'Prepare the Q3 report') throw new Error(`no TODO found at line ${middle}`);
    firstQuery.push(first.ms);
  }
  const scan = setup.fresh();
  const editMs = typeOneCharacter(setup, scan, EDITS);

  // A block comment opened in the middle: lexed again to where it closes.
  const opened = document.insert(middle + 7, 0, '/* ');
  const counting = countingReads(document);
  const commentEditMs = timed(() => {
    scan.applyChanges([opened], document.version);
    scan.all(counting.document);
  }).ms;
  scan.applyChanges([document.delete(middle + 7, 0, 3)], document.version);

  const rnd = random(run + 1);
  const laterQueryUs = microsPerCall(() => {
    const line = Math.floor(rnd() * document.lineCount);
    return scan.touching(document, line, line);
  }, 10_000);
  return {
    todos,
    floorMs: median(floor),
    wholeMs: median(whole),
    editMs,
    commentEditMs,
    commentEditLines: counting.reads(),
    firstQueryMs: median(firstQuery),
    laterQueryUs,
  };
}

/**
 * `edits` one-character edits in the middle of the document (a character typed, then deleted), each taken
 * in by `scan` and followed by every TODO; the mean ms per edit.
 */
function typeOneCharacter(setup: Setup, scan: Detector.DocumentScan, edits: number): number {
  const { document } = setup;
  const at = setup.middle + 3;
  scan.all(document);
  let total = 0;
  for (let i = 0; i < edits; i++) {
    const change = i % 2 === 0 ? document.insert(at, 2, 'x') : document.delete(at, 2, 1);
    const t0 = now();
    scan.applyChanges([change], document.version);
    scan.all(document);
    total += now() - t0;
  }
  return total / edits;
}

/** The document, with a count of the lines read one by one (the lexing again after an edit reads so). */
function countingReads(document: BenchDocument): { readonly document: ScannedText; reads(): number } {
  let reads = 0;
  const counted: ScannedText = {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    eolLength: document.eolLength,
    lineAt: (line) => {
      reads++;
      return document.lineAt(line);
    },
    offsetAt: (line) => document.offsetAt(line),
    lineOf: (offset) => document.lineOf(offset),
    textOf: (from, to) => document.textOf(from, to),
  };
  return { document: counted, reads: () => reads };
}

function print(f: TodoBenchFigures): void {
  const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);
  const mb = (x: number) => `${(x / 1024 / 1024).toFixed(2)} MB`;
  console.log(`TypeScript file: ${f.lines} lines, ${f.characters} characters, ${f.todos} TODOs; medians of ${RUNS} runs`);
  console.log(`  floor: one pass of /\\b(TODO|FIXME|HACK|XXX|BUG)\\b/g       ${ms(f.floorMs)}`);
  console.log(`  whole document, every TODO (a new scan)              ${ms(f.wholeMs)}   ${(f.wholeMs / f.floorMs).toFixed(2)}x the floor (goal <= 3x)`);
  console.log(`  one-character edit in the middle, every TODO again   ${ms(f.editMs)}   ${((f.editMs / f.wholeMs) * 100).toFixed(2)} % of a whole scan (goal <= 2 %)`);
  console.log(
    `  an edit opening a block comment, every TODO again    ${ms(f.commentEditMs)}   ${f.commentEditLines} lines lexed again; the comment closes ${f.commentSpan} lines down`,
  );
  console.log(`  first query at line ${f.lines / 2}, unscanned             ${ms(f.firstQueryMs)}   ${(f.firstQueryMs / f.wholeMs).toFixed(2)}x a whole scan (goal <= 0.6x)`);
  console.log(`  a later query at any line                            ${`${f.laterQueryUs.toFixed(2)} us`.padStart(10)}   (goal <= 20 us)`);
  console.log(`  kept by the scan: line states ${mb(f.statesBytes)} (${f.transitions} changes of state; goal <= 4 MB), with its TODOs ${mb(f.scanBytes)}`);
}

if (require.main === module) {
  runTodoBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
