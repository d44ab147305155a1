// A remembered scan against a fresh one: documents in the table's languages take random edits (characters
// and lines inserted and deleted, comment and string delimiters among them), and after each the remembered
// answers (every TODO, the TODOs at a line, the lexer state at every line start) equal those of a scan of
// the whole document made afresh.

import assert from 'node:assert/strict';
import { DocumentScan, findAllTodos, findTodosInRange, scanKey, type ScannedText, type TextChange, type TodoRange } from '../../../src/core/todo';
import { lexLine } from '../../../src/core/todo/lexer';
import { type LexState, sameState, syntaxFor } from '../../../src/core/todo/syntax';
import { CASES } from './cases';
import { KEYWORDS, summary } from './helpers';

/** A deterministic generator (LCG). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A document as an editor holds it: lines, one line end, a version; edits reported as VS Code reports them. */
class EditedDocument implements ScannedText {
  version = 1;
  constructor(
    public lines: string[],
    private readonly eol: string,
  ) {}
  get lineCount(): number {
    return this.lines.length;
  }
  get eolLength(): number {
    return this.eol.length;
  }
  lineAt(line: number): string {
    return this.lines[line] as string;
  }
  offsetAt(line: number): number {
    let offset = 0;
    for (let i = 0; i < line && i < this.lines.length; i++) offset += (this.lines[i] as string).length + this.eol.length;
    return offset;
  }
  lineOf(offset: number): number {
    let start = 0;
    for (let i = 0; i < this.lines.length; i++) {
      const next = start + (this.lines[i] as string).length + this.eol.length;
      if (offset < next) return i;
      start = next;
    }
    return this.lines.length - 1;
  }
  textOf(from: number, to: number): string {
    return this.lines.slice(from, to).join(this.eol) + (to < this.lines.length ? this.eol : '');
  }
  get text(): string {
    return this.lines.join(this.eol);
  }
  /** Replaces [start, end) (line, character) with `text` (lines joined by `\n`); returns the change as VS Code reports it. */
  replace(range: TodoRange, text: string): TextChange {
    const { start, end } = range;
    const rangeOffset = this.offsetAt(start.line) + start.character;
    const rangeLength = this.offsetAt(end.line) + end.character - rangeOffset;
    const before = (this.lines[start.line] as string).slice(0, start.character);
    const after = (this.lines[end.line] as string).slice(end.character);
    const inserted = text.split('\n');
    inserted[0] = before + inserted[0];
    inserted[inserted.length - 1] += after;
    this.lines.splice(start.line, end.line - start.line + 1, ...inserted);
    return { range, rangeOffset, rangeLength, text: text.split('\n').join(this.eol) };
  }
}

/** The state at every line start, lexing every line from the document's start. */
function freshStates(language: string, lines: readonly string[]): LexState[] {
  const syntax = syntaxFor(language);
  const out: LexState[] = [syntax.start];
  let state = syntax.start;
  for (const line of lines) {
    state = lexLine(syntax, line, 0, line.length, state);
    out.push(state);
  }
  return out;
}

const PIECES = [
  '/*', '*/', '//', '#', '--', '"', "'", '`', '"""', "'''", '<!--', '-->', '{-', '-}', '(*', '*)', '<<EOF', 'EOF', '<?php', '?>',
  '<script>', '</script>', '[[', ']]', '--[[', '=begin', '=end', '%', ';', '${', '}', '\\', 'r#"', '"#', '```', '{#', '#}', '@"', '$$',
  ' TODO: fix ', ' FIXME(ann): b ', ' * @todo c', '  ', 'x = 1', 'foo()', 'tallyfy:0123456789abcdef0123456789abcdef', '\n', '\n', '\n  ',
];

function randomText(rnd: () => number, pieces: number): string {
  let s = '';
  for (let i = 0; i < pieces; i++) s += PIECES[Math.floor(rnd() * PIECES.length)] as string;
  return s;
}

/** What an edit inserts: nothing, a few pieces, or a paste of several lines. */
function randomInsert(rnd: () => number): string {
  const kind = rnd();
  if (kind < 0.35) return '';
  if (kind < 0.85) return randomText(rnd, 1 + Math.floor(rnd() * 3));
  return randomText(rnd, 4 + Math.floor(rnd() * 20));
}

/** A random range of the document: a point, part of a line, or across lines. */
function randomRange(rnd: () => number, doc: EditedDocument): TodoRange {
  const line = Math.floor(rnd() * doc.lineCount);
  const character = Math.floor(rnd() * ((doc.lines[line] as string).length + 1));
  const start = { line, character };
  const kind = rnd();
  if (kind < 0.45) return { start, end: start };
  const endLine = kind < 0.8 ? line : Math.min(doc.lineCount - 1, line + 1 + Math.floor(rnd() * 4));
  const endLength = (doc.lines[endLine] as string).length;
  const endCharacter = endLine === line ? Math.min(endLength, character + 1 + Math.floor(rnd() * 6)) : Math.floor(rnd() * (endLength + 1));
  return { start, end: { line: endLine, character: endCharacter } };
}

const LANGUAGES = [...new Set(CASES.map((c) => c.lang))];
const EDITS = 10_000;

describe('TODO detection: a remembered scan stays exact through edits', () => {
  it(`${EDITS} random edits over ${LANGUAGES.length} languages: every answer equals a fresh scan`, function () {
    this.timeout(120_000);
    const rnd = random(20261207);
    const perLanguage = Math.ceil(EDITS / LANGUAGES.length);
    let edits = 0;
    for (const language of LANGUAGES) {
      const eol = rnd() < 0.25 ? '\r\n' : '\n';
      const doc = new EditedDocument(randomText(rnd, 20 + Math.floor(rnd() * 200)).split('\n'), eol);
      const scan = new DocumentScan(scanKey(language, KEYWORDS), language, KEYWORDS, doc.version);
      for (let n = 0; n < perLanguage && edits < EDITS; n++, edits++) {
        const changes: TextChange[] = [doc.replace(randomRange(rnd, doc), randomInsert(rnd))];
        if (rnd() < 0.25) changes.push(doc.replace(randomRange(rnd, doc), randomInsert(rnd)));
        doc.version++;
        scan.applyChanges(changes, doc.version);
        const label = `${language}, edit ${n}:\n${doc.text}`;
        const check = rnd();
        if (check < 0.4) {
          // A query at some lines (the scan may stop short of the end).
          const first = Math.floor(rnd() * doc.lineCount);
          const last = Math.min(doc.lineCount - 1, first + Math.floor(rnd() * 3));
          const at = { start: { line: first, character: 0 }, end: { line: last, character: 1 } };
          assert.deepEqual(scan.touching(doc, first, last).map(summary), findTodosInRange(doc.lines, language, KEYWORDS, at).map(summary), `${label}\nat lines ${first}-${last}`);
        } else if (check < 0.7) {
          assert.deepEqual(scan.all(doc).map(summary), findAllTodos(doc.lines, language, KEYWORDS).map(summary), label);
          const states = freshStates(language, doc.lines);
          for (let line = 0; line < doc.lineCount; line++) {
            assert.ok(sameState(scan.stateAt(doc, line), states[line] as LexState), `${label}\nstate at line ${line}`);
          }
        }
        // Else: no query; the next edit comes on top of this one.
      }
    }
    assert.equal(edits, EDITS);
  });

  it('lexes after an edit only until the state meets the remembered one', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 100 === 50 ? `run(); // TODO: item ${i}` : `const v${i} = ${i};`));
    const doc = new EditedDocument(lines, '\n');
    const scan = new DocumentScan(scanKey('typescript', KEYWORDS), 'typescript', KEYWORDS, doc.version);
    assert.equal(scan.all(doc).length, 30);
    let reads = 0;
    const counted: ScannedText = {
      get version() {
        return doc.version;
      },
      get lineCount() {
        return doc.lineCount;
      },
      eolLength: 1,
      lineAt: (line) => {
        reads++;
        return doc.lineAt(line);
      },
      offsetAt: (line) => doc.offsetAt(line),
      lineOf: (offset) => doc.lineOf(offset),
      textOf: (from, to) => {
        reads += to - from;
        return doc.textOf(from, to);
      },
    };
    // One character in the middle: the line and the one after it.
    const change = doc.replace({ start: { line: 1500, character: 6 }, end: { line: 1500, character: 6 } }, 'x');
    scan.applyChanges([change], ++doc.version);
    assert.equal(scan.all(counted).length, 30);
    assert.ok(reads <= 3, `read ${reads} lines`);
    // Opening a block comment: lexed to where it closes, not further.
    reads = 0;
    scan.applyChanges([doc.replace({ start: { line: 1000, character: 0 }, end: { line: 1000, character: 0 } }, '/* ')], ++doc.version);
    scan.applyChanges([doc.replace({ start: { line: 1200, character: 0 }, end: { line: 1200, character: 0 } }, '*/ ')], ++doc.version);
    assert.equal(scan.all(counted).length, 28);
    assert.ok(reads <= 205, `read ${reads} lines`);
    assert.deepEqual(scan.all(doc).map(summary), findAllTodos(doc.lines, 'typescript', KEYWORDS).map(summary));
  });

  it('drops the TODOs of a comment whose opener an edit deleted, though their lines did not change', () => {
    const doc = new EditedDocument(['a();', '/*', ' * b', ' TODO: inside', '*/', 'c();'], '\n');
    const scan = new DocumentScan(scanKey('typescript', KEYWORDS), 'typescript', KEYWORDS, doc.version);
    assert.deepEqual(scan.all(doc).map((t) => t.title), ['inside']);
    scan.applyChanges([doc.replace({ start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, '')], ++doc.version);
    assert.deepEqual(scan.all(doc).map((t) => t.title), []);
  });

  it('scans an unscanned document only as far as a query needs', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? `# TODO: item ${i}` : `x${i} = ${i}`));
    const doc = new EditedDocument(lines, '\n');
    const scan = new DocumentScan(scanKey('python', KEYWORDS), 'python', KEYWORDS, doc.version);
    assert.equal(scan.touching(doc, 100, 100)[0]?.title, 'item 100');
    assert.ok(scan.size.frontier <= 101 + 60, `scanned to ${scan.size.frontier}`);
    assert.equal(scan.all(doc).length, 500);
    assert.equal(scan.size.frontier, 5000);
  });

  it('starts over when asked about a version it was not told of', () => {
    const doc = new EditedDocument(['// TODO: one'], '\n');
    const scan = new DocumentScan(scanKey('typescript', KEYWORDS), 'typescript', KEYWORDS, doc.version);
    assert.equal(scan.all(doc)[0]?.title, 'one');
    const change = doc.replace({ start: { line: 0, character: 9 }, end: { line: 0, character: 12 } }, 'two');
    doc.version++;
    assert.equal(scan.all(doc)[0]?.title, 'two');
    // The change, told afterwards, is already in what the scan read.
    scan.applyChanges([change], doc.version);
    assert.equal(scan.all(doc)[0]?.title, 'two');
  });
});
