// Bench for the TODO detector. Run: npx tsx test/bench/todo.bench.ts
//
// 1. Whole-document scan: one pass of /\b(TODO|FIXME|HACK|XXX|BUG)\b/g over a generated 200,000-line
//    TypeScript file vs findAllTodos over the same text (goal: at most 2x), given as a document (text plus
//    the editor's positionAt, see BenchDocument), as plain text, and as lines; for ordinary code and for a
//    TODO-dense file.
// 2. Position query: findTodoAt at line 100,000 of that file vs at line 10 of a 20-line file (goal: the
//    cost does not grow with the file), plus a few sizes in between.
// Figures are medians of several runs (the two sides of a ratio alternate, so machine noise hits both).
// No assertions: timing depends on the machine. `runTodoBench()` prints the figures and returns them.

import { findAllTodos, findTodoAt } from '../../src/core/todo';
import type { LineSource, TextDocumentLike } from '../../src/core/todo';

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

/** Mean microseconds per call of `f` over a batch, median of `runs` batches. */
function microsPerCall(f: () => unknown, batch: number, runs: number): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) f();
    samples.push(((now() - t0) * 1000) / batch);
  }
  return median(samples);
}

function lineSource(lines: readonly string[]): LineSource {
  return { lineCount: lines.length, lineAt: (i) => lines[i] ?? '' };
}

export interface ScanFigures {
  readonly lines: number;
  readonly characters: number;
  /** Share of lines that hold a keyword as a substring, a `/*` or `*\/`, or a backquote. */
  readonly candidateLines: number;
  readonly baselineMatches: number;
  readonly todosFound: number;
  /** One pass of /\b(TODO|FIXME|HACK|XXX|BUG)\b/g over the text, median ms. */
  readonly baselineMs: number;
  /** findAllTodos(text), median ms. */
  readonly findAllTextMs: number;
  /** findAllTodos(lines), median ms. */
  readonly findAllLinesMs: number;
  /**
   * findAllTodos(document) after a one-line edit in the middle, as when the editor asks again while the user
   * types: the document (see BenchDocument) keeps its line index and recomputes the sums from the edited
   * line on. Median ms.
   */
  readonly findAllDocumentMs: number;
  /** findAllTodos(document) on a document whose line index is not built yet (it builds it). Median ms. */
  readonly findAllNewDocumentMs: number;
  /** findAllTodos(text) / baseline. */
  readonly ratioText: number;
  readonly ratioLines: number;
  /** findAllTodos(document) / baseline (goal ≤ 2 for the typical file). */
  readonly ratioDocument: number;
}

export interface TodoBenchFigures {
  /** The 200,000-line file of ordinary code (TYPICAL_MIX): the goal applies here. */
  readonly typical: ScanFigures;
  /** The same length in DENSE_MIX (a TODO every ninth line): a stress figure, no goal. */
  readonly dense: ScanFigures;
  /** findTodoAt at line 100,000 of the typical 200,000-line file, microseconds per call. */
  readonly positionLargeUs: number;
  /** findTodoAt at line 10 of a 20-line file, microseconds per call. */
  readonly positionSmallUs: number;
  /** Per file size (lines): findTodoAt in the middle, microseconds per call. */
  readonly positionBySize: Readonly<Record<string, number>>;
}

/**
 * A stand-in for a VS Code TextDocument as the extension host keeps it: the lines, and a line index (line
 * lengths with prefix sums) built on the first positionAt and then kept for the document's life, edits
 * updating the length of the edited lines and invalidating the sums from there on, which the next positionAt
 * recomputes. `edit(line)` makes a new version by an edit of one line, as typing does.
 */
class BenchDocument implements TextDocumentLike {
  private lengths: Uint32Array | undefined;
  private sums: Uint32Array | undefined;
  /** Sums below this line are valid. */
  private valid = 0;
  constructor(
    private readonly lines: readonly string[],
    private readonly text: string,
  ) {}
  getText(): string {
    return this.text;
  }
  edit(line: number): void {
    if (this.lengths !== undefined) {
      this.lengths[line] = (this.lines[line] as string).length + 1;
      this.valid = Math.min(this.valid, line);
    }
  }
  positionAt(offset: number): { line: number; character: number } {
    if (this.lengths === undefined) {
      this.lengths = new Uint32Array(this.lines.length);
      for (let i = 0; i < this.lines.length; i++) this.lengths[i] = (this.lines[i] as string).length + 1;
      this.sums = new Uint32Array(this.lines.length);
      this.valid = 0;
    }
    const sums = this.sums as Uint32Array;
    const lengths = this.lengths;
    if (this.valid < sums.length) {
      let s = this.valid === 0 ? 0 : (sums[this.valid - 1] as number);
      for (let i = this.valid; i < sums.length; i++) {
        s += lengths[i] as number;
        sums[i] = s;
      }
      this.valid = sums.length;
    }
    // The first line whose end (exclusive) is past the offset.
    let lo = 0;
    let hi = sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sums[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo, character: offset - (lo === 0 ? 0 : (sums[lo - 1] as number)) };
  }
}

function measureScan(lines: readonly string[], runs: number): ScanFigures {
  const text = lines.join('\n');
  // Warm up both sides, then alternate them so that machine noise hits both alike.
  for (let i = 0; i < 3; i++) {
    baselinePass(text);
    findAllTodos(text, 'typescript', KEYWORDS);
    findAllTodos(lines, 'typescript', KEYWORDS);
  }
  const base: number[] = [];
  const viaText: number[] = [];
  const viaLines: number[] = [];
  const viaDocument: number[] = [];
  const viaNewDocument: number[] = [];
  const doc = new BenchDocument(lines, text);
  const middle = lines.length >> 1;
  let baselineMatches = 0;
  let todosFound = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = now();
    baselineMatches = baselinePass(text);
    base.push(now() - t0);
    t0 = now();
    todosFound = findAllTodos(text, 'typescript', KEYWORDS).length;
    viaText.push(now() - t0);
    t0 = now();
    findAllTodos(lines, 'typescript', KEYWORDS);
    viaLines.push(now() - t0);
    doc.edit(middle);
    t0 = now();
    findAllTodos(doc, 'typescript', KEYWORDS);
    viaDocument.push(now() - t0);
    const fresh = new BenchDocument(lines, text);
    t0 = now();
    findAllTodos(fresh, 'typescript', KEYWORDS);
    viaNewDocument.push(now() - t0);
  }
  const candidate = /TODO|FIXME|HACK|XXX|BUG|@todo|\/\*|\*\/|`/;
  const baselineMs = median(base);
  const findAllTextMs = median(viaText);
  const findAllLinesMs = median(viaLines);
  const findAllDocumentMs = median(viaDocument);
  const findAllNewDocumentMs = median(viaNewDocument);
  return {
    lines: lines.length,
    characters: text.length,
    candidateLines: lines.filter((l) => candidate.test(l)).length / lines.length,
    baselineMatches,
    todosFound,
    baselineMs,
    findAllTextMs,
    findAllLinesMs,
    findAllDocumentMs,
    findAllNewDocumentMs,
    ratioText: findAllTextMs / baselineMs,
    ratioLines: findAllLinesMs / baselineMs,
    ratioDocument: findAllDocumentMs / baselineMs,
  };
}

/** Runs the bench; prints the figures unless `quiet`, and returns them. */
export async function runTodoBench(options: { lines?: number; runs?: number; quiet?: boolean } = {}): Promise<TodoBenchFigures> {
  const count = options.lines ?? 200_000;
  const runs = options.runs ?? 21;
  const middle = Math.floor(count / 2);
  const lines = generateMixedFile(count, middle);
  const typical = measureScan(lines, runs);
  const dense = measureScan(generateMixedFile(count, middle, DENSE_MIX), runs);

  const at = (src: LineSource, line: number) => () => findTodoAt(src, 'typescript', KEYWORDS, { line, character: 6 });
  const expectTodo = (src: LineSource, line: number) => {
    if (at(src, line)() === undefined) throw new Error(`no TODO found at line ${line}`);
  };
  const big = lineSource(lines);
  const small = lineSource(generateMixedFile(20, 10));
  for (let i = 0; i < 500; i++) {
    at(big, middle - 250 + i)();
    at(small, 10)();
  }
  expectTodo(big, middle);
  expectTodo(small, 10);
  const positionLargeUs = microsPerCall(at(big, middle), 200, runs);
  const positionSmallUs = microsPerCall(at(small, 10), 200, runs);
  const positionBySize: Record<string, number> = {};
  for (const size of [20, 2_000, 20_000, 200_000]) {
    const src = size === count ? big : lineSource(generateMixedFile(size, Math.floor(size / 2)));
    expectTodo(src, Math.floor(size / 2));
    positionBySize[String(size)] = microsPerCall(at(src, Math.floor(size / 2)), 200, runs);
  }
  const figures: TodoBenchFigures = { typical, dense, positionLargeUs, positionSmallUs, positionBySize };
  if (options.quiet !== true) print(figures);
  return figures;
}

function print(f: TodoBenchFigures): void {
  const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);
  const us = (x: number) => `${x.toFixed(1)} us`.padStart(10);
  for (const [name, s] of [
    ['typical', f.typical],
    ['dense (stress, no goal)', f.dense],
  ] as const) {
    console.log(
      `${name} file: ${s.lines} lines, ${s.characters} characters, ${(s.candidateLines * 100).toFixed(1)}% candidate lines; ` +
        `regex matches ${s.baselineMatches}, TODOs found ${s.todosFound}`,
    );
    console.log(`  regex pass /\\b(TODO|FIXME|HACK|XXX|BUG)\\b/g ${ms(s.baselineMs)}`);
    console.log(`  findAllTodos(document)                    ${ms(s.findAllDocumentMs)}   ratio ${s.ratioDocument.toFixed(2)}x${name === 'typical' ? ' (goal <= 2x)' : ''}`);
    console.log(`  findAllTodos(new document)                ${ms(s.findAllNewDocumentMs)}   ratio ${(s.findAllNewDocumentMs / s.baselineMs).toFixed(2)}x (builds the line index)`);
    console.log(`  findAllTodos(text)                        ${ms(s.findAllTextMs)}   ratio ${s.ratioText.toFixed(2)}x (counts newlines itself)`);
    console.log(`  findAllTodos(lines)                       ${ms(s.findAllLinesMs)}   ratio ${s.ratioLines.toFixed(2)}x`);
  }
  console.log(`findTodoAt, line 100,000 of 200,000         ${us(f.positionLargeUs)}`);
  console.log(`findTodoAt, line 10 of 20                   ${us(f.positionSmallUs)}   (goal: the two about the same)`);
  for (const [size, t] of Object.entries(f.positionBySize)) console.log(`findTodoAt, middle of ${size.padStart(7)} lines       ${us(t)}`);
}

if (require.main === module) {
  runTodoBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
