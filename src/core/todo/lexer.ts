// The line lexer: tells comments from strings and code on one line, starting from the state the line
// starts in (code, inside a block comment, a multi-line string, a heredoc, an embedded region), and gives
// the state the line ends in. It reports each comment piece on the line as a Segment; tokens and grammar
// are not its business.

import { isBlankCode, isWordCode } from './chars';
import {
  type Finder,
  blockEnd,
  charLiteralLength,
  computedOpener,
  directFinder,
  endsFence,
  endsHeredoc,
  findIgnoreCase,
  findIn,
  heredocOpener,
  placeAllows,
  regexAllowed,
  regexEnd,
  runLength,
  stringEnd,
} from './delimiters';
import { indexOfIn } from './references';
import {
  type BlockCommentRule,
  type CommentMarker,
  type EmbedRule,
  type HeredocRule,
  type LexState,
  type LineCommentRule,
  type Mode,
  type Rule,
  type StringRule,
  type Syntax,
  codeState,
} from './syntax';

/** One comment piece on one line. Offsets are into the lexed text. */
export interface Segment {
  readonly marker: CommentMarker;
  /** Where the marker starts; for a block comment that began on an earlier line, the line's start. */
  readonly markerStart: number;
  /** Right after the marker; for a block comment that began on an earlier line, the line's start. */
  readonly textStart: number;
  /** Before the closer, or the line's end. */
  readonly textEnd: number;
  /** The marker is on this line. */
  readonly opened: boolean;
  /** The comment ends on this line (always so for line comments). */
  readonly closed: boolean;
}

/** Lexes one line with a lexer of its own (see `Lexer.line`). */
export function lexLine(syntax: Syntax, text: string, from: number, to: number, state: LexState, segments: Segment[] | null = null): LexState {
  return new Lexer(syntax).line(text, from, to, state, segments);
}

/** Lexing a region stopped before the line's end: at an embedded region's opener, or at the region's closer. */
class RegionExit {
  constructor(
    /** Where lexing goes on. */
    readonly at: number,
    /** The embedded region that starts there; -1 when the current region ended (at its closer). */
    readonly enters: number,
  ) {}
}

/** What trying a rule at a character gave: where code goes on, the state the line ends in, a region exit, or no match. */
type Step = number | LexState | RegionExit | undefined;

/** A lexer for the lines of one syntax; what it keeps between calls is only the line it is lexing. */
export class Lexer {
  // The line being lexed (set by `line`).
  private text = '';
  private lineStart = 0;
  private lineEnd = 0;
  private segments: Segment[] | null = null;
  /** The terminator of a heredoc opened on this line: the next line starts inside it. */
  private heredoc = '';

  constructor(
    readonly syntax: Syntax,
    /** Finds closers; a scan of one long text in order gives a remembering one. */
    private readonly finder: Finder = directFinder,
  ) {}

  /**
   * Lexes one line, [from, to) of `text` (the whole document, or just the line with from = 0), starting in
   * `state`; returns the state at the line's end. Comment pieces are added to `segments` when it is given.
   */
  line(text: string, from: number, to: number, state: LexState, segments: Segment[] | null = null): LexState {
    this.text = text;
    this.lineStart = from;
    this.lineEnd = to;
    this.segments = segments;
    this.heredoc = '';
    return this.regions(state);
  }

  /** Lexes the line through the host and any embedded regions on it. */
  private regions(state: LexState): LexState {
    let at = this.lineStart;
    let current = state;
    // A line can enter and leave embedded regions several times; 64 is far beyond any real line.
    for (let regions = 0; regions < 64; regions++) {
      if (current.mode === 0) {
        const host = this.region(0, at, this.lineEnd, current, '');
        if (!(host instanceof RegionExit)) return host;
        const region = this.syntax.regions[host.enters];
        if (region === undefined) return this.syntax.start;
        at = host.at;
        current = codeState(this.syntax, region.mode);
        continue;
      }
      const region = this.syntax.regions[current.mode - 1];
      if (region === undefined) return this.syntax.start;
      let closerAt = -1;
      let limit = this.lineEnd;
      if (region.closeAnywhere) {
        closerAt = findIgnoreCase(this.finder, this.text, region.closer, at, this.lineEnd);
        if (closerAt >= 0) limit = closerAt;
      }
      const inner = this.region(current.mode, at, limit, current, region.closeAnywhere ? '' : region.closer);
      if (inner instanceof RegionExit) closerAt = inner.at;
      else if (closerAt < 0) return inner;
      at = closerAt + region.closer.length;
      current = this.syntax.start;
    }
    return current;
  }

  /** Lexes [from, to) in one mode from `state`; `stop` is the region's closer when it ends only in code (PHP `?>`). */
  private region(modeIndex: number, from: number, to: number, state: LexState, stop: string): LexState | RegionExit {
    const mode = this.syntax.modes[modeIndex] as Mode;
    const text = this.text;
    let i = from;
    if (state.construct !== 0) {
      const resumed = this.resume(modeIndex, mode, from, to, state);
      if (typeof resumed !== 'number') return resumed;
      i = resumed;
    }
    this.heredoc = '';
    const stops = mode.stops;
    const stopFirst = stop === '' ? -1 : stop.charCodeAt(0);
    /** The last significant character, to tell a regular expression from a division. */
    let last = this.lineStart - 1;
    scan: while (i < to) {
      const ch = text.charCodeAt(i);
      if (ch >= 128 || stops[ch] === 0) {
        if (ch > 32) last = i;
        i++;
        continue;
      }
      if (ch === stopFirst && text.startsWith(stop, i)) return new RegionExit(i, -1);
      if (ch === 92 && mode.codeEscape) {
        last = i + 1;
        i += 2;
        continue;
      }
      const rules = mode.rulesAt[ch];
      if (rules !== undefined) {
        for (let r = 0; r < rules.length; r++) {
          const rule = rules[r] as Rule;
          const step = this.tryRule(rule, modeIndex, mode, i, to, stop, last);
          if (step === undefined) continue;
          if (typeof step !== 'number') return step;
          if (rule.kind !== 'blockComment') last = step - 1;
          i = step;
          continue scan;
        }
      }
      if (!isBlankCode(ch)) last = i;
      i++;
    }
    return this.endOfLine(modeIndex, mode);
  }

  private tryRule(rule: Rule, modeIndex: number, mode: Mode, i: number, to: number, stop: string, last: number): Step {
    switch (rule.kind) {
      case 'lineComment':
        return this.lineComment(rule, modeIndex, mode, i, to, stop);
      case 'blockComment':
        return this.blockComment(rule, modeIndex, mode, i, to);
      case 'string':
        return this.string(rule, modeIndex, mode, i, to);
      case 'regex':
        return this.regex(i, to, last);
      case 'heredoc':
        return this.heredocOpener(rule, i, to);
      case 'embed':
        return modeIndex === 0 ? this.embedOpener(rule, i, to) : undefined;
    }
  }

  /** The state the line ends in when it ends in code: inside a heredoc opened on it, else code. */
  private endOfLine(modeIndex: number, mode: Mode): LexState {
    if (this.heredoc === '') return codeState(this.syntax, modeIndex);
    const terminator = this.heredoc;
    this.heredoc = '';
    return this.syntax.states.state(modeIndex, mode.heredoc, 0, terminator);
  }

  /** Continues the construct the line starts in: where code resumes, or the state the line ends in when it does not. */
  private resume(modeIndex: number, mode: Mode, from: number, to: number, state: LexState): number | LexState {
    const construct = mode.constructs[state.construct - 1];
    const text = this.text;
    switch (construct?.kind) {
      case undefined:
        return from;
      case 'blockComment': {
        const closer = construct.closer === '' ? state.closer : construct.closer;
        const end = blockEnd(this.finder, construct, closer, text, from, to, this.lineStart, state.depth);
        const closed = end.closerAt >= 0;
        this.segments?.push({ marker: construct.marker, markerStart: from, textStart: from, textEnd: closed ? end.closerAt : to, opened: false, closed });
        if (closed) return end.end;
        return end.depth === state.depth ? state : this.syntax.states.state(modeIndex, state.construct, end.depth, state.closer);
      }
      case 'string': {
        const how = construct.closer === '' ? { closer: state.closer, escape: -1, doubled: false, closeAt: 'any' as const } : construct;
        const end = stringEnd(this.finder, text, from, to, this.lineStart, how);
        return end < 0 ? state : end;
      }
      case 'heredoc':
        return endsHeredoc(text, from, to, state.closer) ? to : state;
      case 'fence':
        return endsFence(text, from, to, state.closer) ? to : state;
    }
  }

  private opens(rule: Rule, i: number): boolean {
    if (!rule.ignoreCase) return this.text.startsWith(rule.opener, i);
    return this.text.slice(i, i + rule.opener.length).toLowerCase() === rule.opener;
  }

  /** A line comment at i ends the line (or the region, at its closer). */
  private lineComment(rule: LineCommentRule, modeIndex: number, mode: Mode, i: number, to: number, stop: string): Step {
    const text = this.text;
    if (!this.opens(rule, i) || !placeAllows(rule.place, text, i, this.lineStart, rule.wordStartsAfter)) return undefined;
    if (rule.notAfter !== '' && i > this.lineStart && rule.notAfter.includes(text[i - 1] as string)) return undefined;
    const textStart = i + rule.opener.length;
    let e = textStart;
    if (rule.dashRun) while (e < to && text.charCodeAt(e) === 45) e++;
    if (e < to && rule.notBefore !== '' && rule.notBefore.includes(text[e] as string)) return undefined;
    if (rule.wordEnd && e < to && isWordCode(text.charCodeAt(e))) return undefined;
    const stopAt = stop === '' ? -1 : findIn(this.finder, text, stop, textStart, to);
    const textEnd = stopAt >= 0 ? stopAt : to;
    this.segments?.push({ marker: rule.marker, markerStart: i, textStart, textEnd, opened: true, closed: true });
    return stopAt >= 0 ? new RegionExit(stopAt, -1) : this.endOfLine(modeIndex, mode);
  }

  /** A block comment at i: where code goes on after its closer, or the state inside it at the line's end. */
  private blockComment(rule: BlockCommentRule, modeIndex: number, mode: Mode, i: number, to: number): Step {
    const text = this.text;
    if (!text.startsWith(rule.opener, i) || !placeAllows(rule.place, text, i, this.lineStart)) return undefined;
    let textStart = i + rule.opener.length;
    if (textStart < to && rule.notBefore !== '' && rule.notBefore.includes(text[textStart] as string)) return undefined;
    if (rule.wordEnd && textStart < to && isWordCode(text.charCodeAt(textStart))) return undefined;
    let closer = rule.closer;
    if (rule.longBracket) {
      const bracket = computedOpener('luaLong', text, textStart, to);
      if (bracket === undefined) return undefined;
      closer = bracket.closer;
      textStart = bracket.end;
    }
    const construct = mode.constructs[rule.construct - 1];
    if (construct?.kind !== 'blockComment') return undefined;
    const end = blockEnd(this.finder, construct, closer, text, textStart, to, this.lineStart, 1);
    const closed = end.closerAt >= 0;
    this.segments?.push({ marker: rule.marker, markerStart: i, textStart, textEnd: closed ? end.closerAt : to, opened: true, closed });
    if (closed) return end.end;
    this.heredoc = '';
    return this.syntax.states.state(modeIndex, rule.construct, end.depth, rule.longBracket ? closer : '');
  }

  /** A string at i: where code goes on after it, or the state the line ends in. */
  private string(rule: StringRule, modeIndex: number, mode: Mode, i: number, to: number): Step {
    const text = this.text;
    if (!this.opens(rule, i)) return undefined;
    if (i > this.lineStart && (rule.notAfter !== '' || rule.notAfterWord)) {
      const before = text.charCodeAt(i - 1);
      if ((rule.notAfterWord && isWordCode(before)) || rule.notAfter.includes(text[i - 1] as string)) return undefined;
    }
    switch (rule.form) {
      case 'plain': {
        const end = stringEnd(this.finder, text, i + rule.opener.length, to, this.lineStart, rule);
        if (end >= 0) return end;
        // Unterminated: a multi-line string goes on; any other takes the rest of the line.
        return rule.multiline ? this.openedConstruct(modeIndex, rule.construct, '') : this.endOfLine(modeIndex, mode);
      }
      case 'char': {
        const length = charLiteralLength(text, i, to);
        return length === 0 ? undefined : i + length;
      }
      case 'fence': {
        if (!placeAllows('line', text, i, this.lineStart)) return undefined;
        const ch = text.charCodeAt(i);
        const n = runLength(text, to, i, ch);
        if (n < 3 || (ch === 96 && text.slice(i + n, to).includes('`'))) return undefined;
        return this.openedConstruct(modeIndex, rule.construct, text.slice(i, i + n));
      }
      default: {
        const opener = computedOpener(rule.form, text, i, to);
        if (opener === undefined) return undefined;
        const end = stringEnd(this.finder, text, opener.end, to, this.lineStart, { closer: opener.closer, escape: -1, doubled: false, closeAt: 'any' });
        if (end >= 0) return end;
        return rule.multiline ? this.openedConstruct(modeIndex, rule.construct, opener.closer) : this.endOfLine(modeIndex, mode);
      }
    }
  }

  /** The line ends inside a construct opened on it (a heredoc opened before it is dropped). */
  private openedConstruct(modeIndex: number, construct: number, closer: string): LexState {
    this.heredoc = '';
    return this.syntax.states.state(modeIndex, construct, 0, closer);
  }

  /** A regular expression literal at i, where one can start (`last` is the line's last significant character before it). */
  private regex(i: number, to: number, last: number): Step {
    if (!regexAllowed(this.text, last, this.lineStart)) return undefined;
    const end = regexEnd(this.text, i + 1, to);
    return end < 0 ? undefined : end;
  }

  /** A heredoc opener at i: the next line starts inside the first heredoc opened on this one. */
  private heredocOpener(rule: HeredocRule, i: number, to: number): Step {
    if (!this.text.startsWith('<<', i)) return undefined;
    const opener = heredocOpener(rule.style, this.text, i, to);
    if (opener === undefined) return undefined;
    if (this.heredoc === '') this.heredoc = opener.terminator;
    return opener.end;
  }

  /** An embedded region's opener at i (`<script …>`): lexing goes on in the region after it. */
  private embedOpener(rule: EmbedRule, i: number, to: number): Step {
    if (!this.opens(rule, i)) return undefined;
    const region = this.syntax.regions[rule.region];
    if (region === undefined) return undefined;
    let at = i + rule.opener.length;
    if (region.tag) {
      const next = this.text.charCodeAt(at);
      if (at < to && !(isBlankCode(next) || next === 62 || next === 47)) return undefined;
      const gt = indexOfIn(this.text, '>', at, to);
      at = gt >= 0 ? gt + 1 : to;
    }
    this.heredoc = '';
    return new RegionExit(at, rule.region);
  }
}
