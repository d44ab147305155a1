// The line-by-line scan, for a document read one line at a time (an editor's lines, after an edit): a line is
// lexed only when it holds a keyword, or something that can change the state it starts in (tested with one
// regular expression per state); every other line leaves the state as it is.

import { parseHead } from './commentLine';
import type { KeywordSet } from './keywords';
import { type Segment, Lexer } from './lexer';
import { type LexState, type Syntax, changeNeedles, stateKey } from './syntax';
import { SourceLines, TodoBuilder } from './todoBuilder';
import type { LineSource, TodoComment } from './types';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class LineScanner {
  private readonly segments: Segment[] = [];
  private readonly tests = new Map<LexState | string, RegExp | null>();
  private readonly lexer: Lexer;
  private readonly builder: TodoBuilder;

  constructor(
    readonly syntax: Syntax,
    readonly keywords: KeywordSet,
  ) {
    this.lexer = new Lexer(syntax);
    this.builder = new TodoBuilder(this.lexer, keywords);
  }

  /**
   * Lexes line `line` of `source`, whose text is `text`, from `state` when it can matter, reporting the TODOs
   * whose heads are on it (their continuation lines read from `source`); returns the state at its end.
   */
  line(source: LineSource, line: number, text: string, state: LexState, onTodo: (todo: TodoComment) => void): LexState {
    const test = this.testFor(state);
    if (test !== null && !test.test(text)) return state;
    const segments = this.segments;
    if (segments.length > 0) segments.length = 0;
    const after = this.lexer.line(text, 0, text.length, state, segments);
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s] as Segment;
      const head = parseHead(text, segment, this.keywords);
      if (head === undefined) continue;
      onTodo(this.builder.build({ line, text, base: 0, segment, head, after }, new SourceLines(source, line + 1)));
    }
    return after;
  }

  /** A regular expression every line that must be lexed in `state` matches; null: lex every line. */
  private testFor(state: LexState): RegExp | null {
    const key = stateKey(state);
    let test = this.tests.get(key);
    if (test === undefined) {
      const { needles, keywords } = changeNeedles(this.syntax, state);
      if (needles === null) test = null;
      else {
        const all = [...needles, ...(keywords ? this.keywords.needles : [])];
        test = all.length === 0 ? /(?!)/ : new RegExp(all.map(escapeRegExp).join('|'));
      }
      this.tests.set(key, test);
    }
    return test;
  }
}
