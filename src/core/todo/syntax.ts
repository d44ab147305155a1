// A language's comment and string rules (languages.ts) compiled for the lexer. A document has one or more
// modes: the host language, and each language embedded in it (`<script>` in HTML, `<?php … ?>`). Per mode:
// the rules that can start at each character, and the constructs a line can end inside (a block comment,
// a multi-line string, a heredoc, a Markdown fence). The lexer's state at a line boundary names the mode
// and the construct; the states without a closer of their own are shared objects, so most comparisons
// are a pointer comparison.

import {
  type BlockCommentSpec,
  type HeredocStyle,
  type LanguageSpec,
  type LineCommentSpec,
  type Place,
  type StringKind,
  type StringSpec,
  languageSpec,
} from './languages';

/** The lexer's state at a line boundary. Compare states with `sameState`. */
export interface LexState {
  /** 0 in the host language; i + 1 inside the document's i-th embedded region. */
  readonly mode: number;
  /** 0 in code; else the mode's construct (1-based) that the line starts inside. */
  readonly construct: number;
  /** How deep inside a nested block comment (1 just inside); 0 outside one. */
  readonly depth: number;
  /** The closer its opener fixed (`"##` of a Rust raw string, a heredoc's terminator); '' otherwise. */
  readonly closer: string;
}

export function sameState(a: LexState, b: LexState): boolean {
  return a === b || (a.mode === b.mode && a.construct === b.construct && a.depth === b.depth && a.closer === b.closer);
}

/** The marker a comment piece was opened with, as the TODO parser needs it. */
export interface CommentMarker {
  readonly text: string;
  readonly block: boolean;
  /** The marker has no letters: a continuation line must carry it exactly. */
  readonly plain: boolean;
}

// ---- Rules: what can start at a character in code ----

interface RuleOpener {
  /** Lower-cased when `ignoreCase`. For computed openers (raw strings, Lua long brackets): their first character. */
  readonly opener: string;
  readonly ignoreCase: boolean;
}

export interface LineCommentRule extends RuleOpener {
  readonly kind: 'lineComment';
  readonly place: Place;
  /** With place `word`: characters besides blanks after which a word starts. */
  readonly wordStartsAfter: string;
  readonly notAfter: string;
  readonly notBefore: string;
  readonly wordEnd: boolean;
  readonly dashRun: boolean;
  readonly marker: CommentMarker;
}

export interface BlockCommentRule extends RuleOpener {
  readonly kind: 'blockComment';
  readonly place: Place;
  readonly notBefore: string;
  readonly wordEnd: boolean;
  readonly construct: number;
  readonly closer: string;
  /** Lua: the opener is followed by a long bracket `[==[` that fixes the closer `]==]`. */
  readonly longBracket: boolean;
  readonly marker: CommentMarker;
}

export interface StringRule extends RuleOpener {
  readonly kind: 'string';
  readonly form: StringKind;
  readonly notAfter: string;
  /** The opener does not count right after a word character. */
  readonly notAfterWord: boolean;
  readonly closer: string;
  /** The escape character's code, or -1. */
  readonly escape: number;
  readonly doubled: boolean;
  readonly closeAt: Place;
  readonly multiline: boolean;
  /** The construct a string left open at a line's end goes on in; 0 when it ends with its line. */
  readonly construct: number;
}

export interface RegexRule extends RuleOpener {
  readonly kind: 'regex';
}

export interface HeredocRule extends RuleOpener {
  readonly kind: 'heredoc';
  readonly style: HeredocStyle;
}

export interface EmbedRule extends RuleOpener {
  readonly kind: 'embed';
  /** Index into `Syntax.regions`. */
  readonly region: number;
}

export type Rule = LineCommentRule | BlockCommentRule | StringRule | RegexRule | HeredocRule | EmbedRule;

// ---- Constructs: what a line can end inside ----

export interface BlockCommentConstruct {
  readonly kind: 'blockComment';
  readonly opener: string;
  /** '' when the opener fixes the closer (kept in the state). */
  readonly closer: string;
  readonly nested: boolean;
  readonly closeAt: Place;
  readonly marker: CommentMarker;
}

export interface StringConstruct {
  readonly kind: 'string';
  /** '' when the opener fixes the closer (kept in the state). */
  readonly closer: string;
  readonly escape: number;
  readonly doubled: boolean;
  readonly closeAt: Place;
}

/** A heredoc (its terminator is in the state) or a Markdown fence (its fence is in the state). */
export interface LineClosedConstruct {
  readonly kind: 'heredoc' | 'fence';
}

export type Construct = BlockCommentConstruct | StringConstruct | LineClosedConstruct;

export interface Mode {
  /** Per ASCII code: the rules whose opener starts with it, longest opener first; undefined for none. */
  readonly rulesAt: readonly (readonly Rule[] | undefined)[];
  /** Per ASCII code: 1 when the lexer must look at the character (a rule starts with it, an escape, the region's closer). */
  readonly stops: Uint8Array;
  readonly constructs: readonly Construct[];
  /** A backslash escapes the next character in code. */
  readonly codeEscape: boolean;
  /** The heredoc construct (1-based); 0 when the language has none. */
  readonly heredoc: number;
  /** Substrings one of which every line that opens a multi-line construct from code holds. */
  readonly openerNeedles: readonly string[];
}

/** A region in another language inside the host: `<script>` … `</script`. Opener and closer are lower-case. */
export interface EmbeddedRegion {
  readonly opener: string;
  readonly closer: string;
  /** The region's mode. */
  readonly mode: number;
  /** The opener is a tag: the region starts after the tag's `>`. */
  readonly tag: boolean;
  /** The closer ends the region wherever it is, even in a string or comment. */
  readonly closeAnywhere: boolean;
}

/**
 * A block comment whose opener and closer alone decide the state, so that a whole-text scan can pass a line
 * holding only blanks and an opener, or only a closer and blanks, without lexing it: not nested, a fixed
 * closer allowed anywhere, and an opener that is the first rule for its first character with no condition
 * but its place.
 */
export interface SimpleBlock {
  readonly opener: string;
  readonly closer: string;
  readonly construct: number;
  /** The opener counts only at a line's start. */
  readonly atLineStart: boolean;
  /** The state after a line that opens the comment and does not close it. */
  readonly inside: LexState;
}

export interface Syntax {
  readonly id: string;
  readonly modes: readonly Mode[];
  readonly regions: readonly EmbeddedRegion[];
  /** The state at a document's start. */
  readonly start: LexState;
  /** Some construct can span lines. */
  readonly multiline: boolean;
  /** The host's simple block comments (none when the host embeds other languages), and the same by construct. */
  readonly simpleBlocks: readonly SimpleBlock[];
  readonly simpleBlockOf: readonly (SimpleBlock | undefined)[];
  readonly states: StateTable;
  /** Per state (see `changeNeedles`), memoised. */
  readonly needles: Map<LexState | string, ChangeNeedles>;
}

// ---- States ----

/** Hands out the states of one syntax, sharing every state without a closer of its own. */
export class StateTable {
  private readonly shared = new Map<number, LexState>();

  state(mode: number, construct: number, depth: number, closer: string): LexState {
    if (closer !== '' || depth > 255 || construct > 1023) return Object.freeze({ mode, construct, depth, closer });
    const key = (mode * 1024 + construct) * 256 + depth;
    let state = this.shared.get(key);
    if (state === undefined) {
      state = Object.freeze({ mode, construct, depth, closer });
      this.shared.set(key, state);
    }
    return state;
  }
}

/** The state in code of a mode. */
export function codeState(syntax: Syntax, mode: number): LexState {
  return mode === 0 ? syntax.start : syntax.states.state(mode, 0, 0, '');
}

/** A key for a state in a Map: the state itself when it is a shared one, else its fields. */
export function stateKey(state: LexState): LexState | string {
  return state.closer === '' ? state : `${state.mode}/${state.construct}/${state.closer}`;
}

// ---- Compiling ----

const syntaxes = new Map<string, Syntax>();

/** The compiled syntax for a language id (unknown ids get the fallback). Compiled once per id. */
export function syntaxFor(languageId: string): Syntax {
  let syntax = syntaxes.get(languageId);
  if (syntax === undefined) {
    syntax = compileSyntax(languageId, languageSpec(languageId));
    syntaxes.set(languageId, syntax);
  }
  return syntax;
}

export function compileSyntax(id: string, spec: LanguageSpec): Syntax {
  const regions: EmbeddedRegion[] = (spec.embeds ?? []).map((e, i) => ({
    opener: e.open.toLowerCase(),
    closer: e.close.toLowerCase(),
    mode: i + 1,
    tag: e.tag === true,
    closeAnywhere: e.closeAnywhere === true,
  }));
  const host = compileMode(spec, regions);
  const modes = [host, ...(spec.embeds ?? []).map((e) => compileMode(e.spec, [], e.closeAnywhere === true ? '' : e.close))];
  const states = new StateTable();
  const start = states.state(0, 0, 0, '');
  const simpleBlocks = regions.length > 0 ? [] : simpleBlocksOf(host, states);
  const simpleBlockOf: (SimpleBlock | undefined)[] = [];
  for (const block of simpleBlocks) simpleBlockOf[block.construct] = block;
  return {
    id,
    modes,
    regions,
    start,
    multiline: regions.length > 0 || modes.some((m) => m.constructs.length > 0),
    simpleBlocks,
    simpleBlockOf,
    states,
    needles: new Map(),
  };
}

function simpleBlocksOf(host: Mode, states: StateTable): SimpleBlock[] {
  const out: SimpleBlock[] = [];
  for (const rules of host.rulesAt) {
    const rule = rules?.[0];
    if (rule?.kind !== 'blockComment' || rule.longBracket || rule.notBefore !== '' || rule.wordEnd || rule.ignoreCase) continue;
    const construct = host.constructs[rule.construct - 1];
    if (construct?.kind !== 'blockComment' || construct.nested || construct.closer === '' || construct.closeAt !== 'any') continue;
    out.push({
      opener: rule.opener,
      closer: construct.closer,
      construct: rule.construct,
      atLineStart: rule.place === 'col0',
      inside: states.state(0, rule.construct, 1, ''),
    });
  }
  return out;
}

/** Builds a mode's rules and constructs; `stop` is the closer of the region it is embedded as, if any. */
function compileMode(spec: LanguageSpec, regions: readonly EmbeddedRegion[], stop = ''): Mode {
  const constructs: Construct[] = [];
  const openerNeedles = new Set<string>();
  const addConstruct = (c: Construct): number => constructs.push(c);
  const rules: Rule[] = [
    ...(spec.block ?? []).map((b) => blockCommentRule(b, addConstruct, openerNeedles)),
    ...(spec.line ?? []).map(lineCommentRule),
    ...(spec.strings ?? []).map((s) => stringRule(s, addConstruct, openerNeedles)),
  ];
  if (spec.regex === true) rules.push({ kind: 'regex', opener: '/', ignoreCase: false });
  let heredoc = 0;
  if (spec.heredoc !== undefined) {
    heredoc = addConstruct({ kind: 'heredoc' });
    rules.push({ kind: 'heredoc', opener: '<<', ignoreCase: false, style: spec.heredoc });
    openerNeedles.add('<<');
  }
  regions.forEach((r, region) => rules.push({ kind: 'embed', opener: r.opener, ignoreCase: true, region }));

  const rulesAt = ruleTable(rules);
  const stops = new Uint8Array(128);
  rulesAt.forEach((list, code) => {
    if (list !== undefined) stops[code] = 1;
  });
  if (spec.codeEscape === true) stops[92] = 1;
  if (stop !== '') stops[stop.charCodeAt(0)] = 1;
  return { rulesAt, stops, constructs, codeEscape: spec.codeEscape === true, heredoc, openerNeedles: [...openerNeedles] };
}

/** Rules by the ASCII code of their first character: longer openers first, then as declared (comments before strings). */
function ruleTable(rules: readonly Rule[]): (readonly Rule[] | undefined)[] {
  const table: (Rule[] | undefined)[] = new Array<Rule[] | undefined>(128).fill(undefined);
  const ordered = rules.map((rule, index) => ({ rule, index }));
  ordered.sort((a, b) => b.rule.opener.length - a.rule.opener.length || a.index - b.index);
  for (const { rule } of ordered) {
    const codes = rule.ignoreCase ? [rule.opener.toLowerCase().charCodeAt(0), rule.opener.toUpperCase().charCodeAt(0)] : [rule.opener.charCodeAt(0)];
    for (const code of new Set(codes)) {
      if (code < 128) (table[code] ??= []).push(rule);
    }
  }
  return table;
}

function blockCommentRule(b: BlockCommentSpec, addConstruct: (c: Construct) => number, needles: Set<string>): BlockCommentRule {
  const longBracket = b.lua === true;
  const marker: CommentMarker = { text: longBracket ? `${b.open}[[` : b.open, block: true, plain: true };
  const construct = addConstruct({
    kind: 'blockComment',
    opener: b.open,
    closer: longBracket ? '' : b.close,
    nested: b.nested === true,
    closeAt: b.closeAt ?? 'any',
    marker,
  });
  needles.add(longBracket ? `${b.open}[` : b.open);
  return {
    kind: 'blockComment',
    opener: b.open,
    ignoreCase: false,
    place: b.at ?? 'any',
    notBefore: b.notBefore ?? '',
    wordEnd: b.wordEnd === true,
    construct,
    closer: b.close,
    longBracket,
    marker,
  };
}

function lineCommentRule(raw: string | LineCommentSpec): LineCommentRule {
  const l: LineCommentSpec = typeof raw === 'string' ? { open: raw } : raw;
  const ignoreCase = l.ignoreCase === true;
  return {
    kind: 'lineComment',
    opener: ignoreCase ? l.open.toLowerCase() : l.open,
    ignoreCase,
    place: l.at ?? 'any',
    wordStartsAfter: l.after ?? '',
    notAfter: l.notAfter ?? '',
    notBefore: l.notBefore ?? '',
    wordEnd: l.wordEnd === true,
    dashRun: l.dashRun === true,
    marker: { text: l.open, block: false, plain: !ignoreCase },
  };
}

/** Substrings that open each kind of string with a computed opener (for `Mode.openerNeedles`). */
const COMPUTED_OPENER_NEEDLES: Partial<Record<StringKind, readonly string[]>> = {
  rustRaw: ['r"', 'r#'],
  cppRaw: ['R"'],
  swiftRaw: ['#"', '##'],
  quotes: ['"""'],
  luaLong: ['[[', '[='],
  dollar: ['$'],
  ocamlQuoted: ['{'],
  fence: ['```', '~~~'],
};

function stringRule(s: StringSpec, addConstruct: (c: Construct) => number, needles: Set<string>): StringRule {
  const form = s.kind ?? 'plain';
  const multiline = s.multiline === true;
  const ignoreCase = s.ignoreCase === true;
  const closer = s.close ?? s.open;
  const escape = s.escape === undefined ? -1 : s.escape.charCodeAt(0);
  let construct = 0;
  if (multiline && form !== 'char') {
    construct = addConstruct(
      form === 'fence'
        ? { kind: 'fence' }
        : { kind: 'string', closer: form === 'plain' ? closer : '', escape: form === 'plain' ? escape : -1, doubled: s.doubled === true, closeAt: s.closeAt ?? 'any' },
    );
    for (const needle of COMPUTED_OPENER_NEEDLES[form] ?? [s.open]) needles.add(needle);
  }
  return {
    kind: 'string',
    opener: ignoreCase ? s.open.toLowerCase() : s.open,
    ignoreCase,
    form,
    notAfter: (s.notAfter ?? '').replace('\\w', ''),
    notAfterWord: (s.notAfter ?? '').includes('\\w'),
    closer,
    escape,
    doubled: s.doubled === true,
    closeAt: s.closeAt ?? 'any',
    multiline,
    construct,
  };
}

// ---- What can change a state ----

export interface ChangeNeedles {
  /** Every line that can change the state holds one of these; null: any line can (heredocs and fences end on a line of their own). */
  readonly needles: readonly string[] | null;
  /** A TODO can start in this state (code or a comment, not a string). */
  readonly keywords: boolean;
}

/** The substrings a line must hold to change `state`, memoised per syntax. */
export function changeNeedles(syntax: Syntax, state: LexState): ChangeNeedles {
  const key = stateKey(state);
  let found = syntax.needles.get(key);
  if (found === undefined) {
    found = computeChangeNeedles(syntax, state);
    if (syntax.needles.size < 256) syntax.needles.set(key, found);
  }
  return found;
}

function computeChangeNeedles(syntax: Syntax, state: LexState): ChangeNeedles {
  const mode = syntax.modes[state.mode];
  if (mode === undefined) return { needles: null, keywords: true };
  const found = state.construct === 0 ? undefined : mode.constructs[state.construct - 1];
  if (found?.kind === 'heredoc' || found?.kind === 'fence') return { needles: null, keywords: true };
  const construct = found as BlockCommentConstruct | StringConstruct | undefined;
  const list: string[] = [];
  if (construct === undefined) {
    list.push(...mode.openerNeedles);
    if (state.mode === 0) for (const r of syntax.regions) list.push(r.opener, r.opener.toUpperCase());
  } else {
    list.push(construct.closer === '' ? state.closer : construct.closer);
    if (construct.kind === 'blockComment' && construct.nested) list.push(construct.opener);
  }
  const region = state.mode > 0 ? syntax.regions[state.mode - 1] : undefined;
  if (region !== undefined && (region.closeAnywhere || construct === undefined)) list.push(region.closer, region.closer.toUpperCase());
  return { needles: [...new Set(list)].filter((n) => n !== ''), keywords: construct === undefined || construct.kind === 'blockComment' };
}
