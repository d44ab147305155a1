// Comment and string syntax per VS Code language id. Extensions cannot read the editor's tokens, so the
// detector carries just enough of each language's lexical rules to tell comments from strings and code.
// The rules are deliberately shallow: they describe where comments and strings start and end, not grammar.

/** Where a marker counts: anywhere outside strings, at a word start, or as the first non-blank of a line. */
export type Place = 'any' | 'word' | 'line' | 'col0';

export interface LineCommentSpec {
  readonly open: string;
  readonly at?: Place;
  /** With `at: 'word'`: characters besides blanks after which a word starts (shell: `;&|()`). */
  readonly after?: string;
  /** The marker does not count right after one of these characters (Perl `$#`, Erlang `$%`). */
  readonly notAfter?: string;
  /** The marker does not count right before one of these characters (PHP `#[`). */
  readonly notBefore?: string;
  readonly ignoreCase?: boolean;
  /** The marker must end a word (`REM` but not `REMOVE`). */
  readonly wordEnd?: boolean;
  /** Haskell: more dashes may follow, and a symbol after the dashes makes an operator (`-->`), not a comment. */
  readonly dashRun?: boolean;
}

export interface BlockCommentSpec {
  readonly open: string;
  readonly close: string;
  readonly nested?: boolean;
  readonly at?: Place;
  readonly closeAt?: Place;
  /** The opener does not count right before one of these characters (F# `(*)` is an operator). */
  readonly notBefore?: string;
  /** The opener must end a word (`=begin` but not `=beginning`). */
  readonly wordEnd?: boolean;
  /** The closer cannot appear in code, so seeing it there shows a comment was open (used when looking back). */
  readonly distinct?: boolean;
  /** Lua long comments: the opener (`--`) is followed by `[==[`, and the closer (`]==]`) depends on it. */
  readonly lua?: boolean;
}

/**
 * - plain: fixed opener and closer.
 * - char: a character literal (`'a'`, `'\n'`); a lone quote (Rust lifetime, OCaml type variable) is code.
 * - rustRaw: `r"…"`, `r#"…"#`, `br##"…"##`.   cppRaw: `R"tag(…)tag"`.   swiftRaw: `#"…"#`, `##"""…"""##`.
 * - quotes: three or more double quotes, closed by as many (C# raw strings).
 * - luaLong: `[[…]]`, `[==[…]==]`.   dollar: PostgreSQL `$$…$$`, `$tag$…$tag$`.
 * - ocamlQuoted: `{|…|}`, `{id|…|id}`.   fence: a Markdown code fence (``` or ~~~), closed by a bare fence.
 */
export type StringKind =
  | 'plain'
  | 'char'
  | 'rustRaw'
  | 'cppRaw'
  | 'swiftRaw'
  | 'quotes'
  | 'luaLong'
  | 'dollar'
  | 'ocamlQuoted'
  | 'fence';

export interface StringSpec {
  readonly open: string;
  /** Defaults to the opener. */
  readonly close?: string;
  /** The escape character (`\\`, PowerShell's backquote); none when absent. */
  readonly escape?: string;
  /** A doubled closer stands for itself (`'it''s'` in SQL, `"say ""hi"""` in VB and C# verbatim strings). */
  readonly doubled?: boolean;
  readonly multiline?: boolean;
  /** The opener does not count right after one of these characters; `\w` stands for any word character. */
  readonly notAfter?: string;
  readonly kind?: StringKind;
  readonly ignoreCase?: boolean;
  /** The closer counts only at the start of a line (PowerShell here-strings). */
  readonly closeAt?: Place;
}

export type HeredocStyle = 'shell' | 'ruby' | 'perl' | 'php' | 'hcl';

/** A region in another language inside a host document: `<script>` in HTML, `<?php … ?>` in PHP. */
export interface EmbedSpec {
  /** Matched case-insensitively. */
  readonly open: string;
  readonly close: string;
  readonly spec: LanguageSpec;
  /** The opener is a tag: the region starts after the tag's `>`. */
  readonly tag?: boolean;
  /** The closer ends the region wherever it is, even inside a string or comment (HTML `</script`). */
  readonly closeAnywhere?: boolean;
}

export interface LanguageSpec {
  readonly line?: readonly (string | LineCommentSpec)[];
  readonly block?: readonly BlockCommentSpec[];
  readonly strings?: readonly StringSpec[];
  /** JavaScript-style regular expression literals (`/a"b/`), told from division by the preceding token. */
  readonly regex?: boolean;
  readonly heredoc?: HeredocStyle;
  readonly embeds?: readonly EmbedSpec[];
  /** A backslash escapes the next character in code (LaTeX `\%`, Makefile `\#`). */
  readonly codeEscape?: boolean;
  /**
   * Lines that, starting at column 0, are almost surely code (not inside a string or comment): where the
   * look-back of a position query may start. See `detect.ts`.
   */
  readonly anchors?: RegExp;
}

// ---- Building blocks ----

const SLASH: LineCommentSpec = { open: '//' };
const C_BLOCK: BlockCommentSpec = { open: '/*', close: '*/', distinct: true };
const C_BLOCK_NESTED: BlockCommentSpec = { open: '/*', close: '*/', nested: true, distinct: true };
const DQ: StringSpec = { open: '"', escape: '\\' };
const SQ: StringSpec = { open: "'", escape: '\\' };
const DQ_ML: StringSpec = { open: '"', escape: '\\', multiline: true };
const SQ_ML: StringSpec = { open: "'", escape: '\\', multiline: true };
const CHAR: StringSpec = { open: "'", kind: 'char' };
const TRIPLE_DQ: StringSpec = { open: '"""', escape: '\\', multiline: true };
const TRIPLE_SQ: StringSpec = { open: "'''", escape: '\\', multiline: true };
const HTML_COMMENT: BlockCommentSpec = { open: '<!--', close: '-->', distinct: true };

const CODE_ANCHORS =
  /^(?:export|import|from|function|class|def|async|fn|pub|impl|mod|use|struct|enum|trait|interface|package|func|public|private|protected|internal|static|namespace|using|module|object|sealed|abstract|data|fun|val|var|let|const|type|sub|require|include|library|void|int|unsigned|template|typedef|extern|#include|#import|#define|#pragma|@interface|@implementation|@end)\b/;
const PY_ANCHORS = /^(?:(?:def|class|import|from|async)\b|if __name__|@[A-Za-z_])/;
const SHELL_ANCHORS = /^(?:function\s|[A-Za-z_][\w-]*\s*\(\)\s*\{|if\s|for\s|while\s|case\s|export\s|source\s|set\s|readonly\s|declare\s|local\s)/;
const RUBY_ANCHORS = /^(?:def|class|module|require|require_relative|include|extend|private|protected|public)\b/;
const LUA_ANCHORS = /^(?:function|local|return|require)\b/;
const MARKUP_ANCHORS = /^<(?!!--)[A-Za-z/!?]/;
const MD_ANCHORS = /^#{1,6} \S/;

const cLike = (extra?: Partial<LanguageSpec>): LanguageSpec => ({
  line: [SLASH],
  block: [C_BLOCK],
  strings: [DQ, { open: "'", escape: '\\', notAfter: '\\w' }],
  anchors: CODE_ANCHORS,
  ...extra,
});

const JS: LanguageSpec = {
  line: [SLASH],
  block: [C_BLOCK],
  strings: [DQ, SQ, { open: '`', escape: '\\', multiline: true }],
  regex: true,
  anchors: CODE_ANCHORS,
};

const CPP = cLike({
  strings: [
    { open: 'R"', kind: 'cppRaw', multiline: true },
    DQ,
    { open: "'", escape: '\\', notAfter: '\\w' },
  ],
});

const CSHARP = cLike({
  strings: [
    { open: '"""', kind: 'quotes', multiline: true },
    { open: '@"', close: '"', doubled: true, multiline: true },
    { open: '@$"', close: '"', doubled: true, multiline: true },
    DQ,
    { open: "'", escape: '\\', notAfter: '\\w' },
  ],
});

const JAVA = cLike({ strings: [TRIPLE_DQ, DQ, { open: "'", escape: '\\', notAfter: '\\w' }] });
const KOTLIN = cLike({ block: [C_BLOCK_NESTED], strings: [{ open: '"""', multiline: true }, DQ, CHAR] });
const SCALA = cLike({ block: [C_BLOCK_NESTED], strings: [{ open: '"""', multiline: true }, DQ, CHAR] });
const SWIFT = cLike({
  block: [C_BLOCK_NESTED],
  strings: [{ open: '#', kind: 'swiftRaw', multiline: true }, TRIPLE_DQ, DQ],
});
const GO = cLike({ strings: [{ open: '`', multiline: true }, DQ, CHAR] });
const RUST = cLike({
  block: [C_BLOCK_NESTED],
  strings: [
    { open: 'r', kind: 'rustRaw', multiline: true },
    { open: 'b', kind: 'rustRaw', multiline: true },
    DQ_ML,
    CHAR,
  ],
});
const DART = cLike({
  block: [C_BLOCK_NESTED],
  strings: [
    { open: "r'''", close: "'''", multiline: true, notAfter: '\\w' },
    { open: 'r"""', close: '"""', multiline: true, notAfter: '\\w' },
    { open: "r'", close: "'", notAfter: '\\w' },
    { open: 'r"', close: '"', notAfter: '\\w' },
    TRIPLE_SQ,
    TRIPLE_DQ,
    DQ,
    SQ,
  ],
});
const GROOVY = cLike({ strings: [TRIPLE_SQ, TRIPLE_DQ, DQ, SQ] });
const PHP: LanguageSpec = {
  line: [SLASH, { open: '#', notBefore: '[' }],
  block: [C_BLOCK],
  strings: [DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
  heredoc: 'php',
  anchors: CODE_ANCHORS,
};

const PYTHON: LanguageSpec = {
  line: ['#'],
  strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
  anchors: PY_ANCHORS,
};

const SHELL: LanguageSpec = {
  line: [{ open: '#', at: 'word', after: ';&|()' }],
  strings: [
    { open: "$'", close: "'", escape: '\\', multiline: true },
    { open: "'", multiline: true },
    DQ_ML,
    { open: '`', escape: '\\', multiline: true },
  ],
  heredoc: 'shell',
  anchors: SHELL_ANCHORS,
};

const CSS: LanguageSpec = {
  block: [C_BLOCK],
  strings: [DQ, SQ, { open: 'url(', close: ')', ignoreCase: true }],
};
const SCSS: LanguageSpec = { ...CSS, line: [SLASH] };

const HTML: LanguageSpec = {
  block: [HTML_COMMENT],
  embeds: [
    { open: '<script', close: '</script', spec: JS, tag: true, closeAnywhere: true },
    { open: '<style', close: '</style', spec: CSS, tag: true, closeAnywhere: true },
  ],
  anchors: MARKUP_ANCHORS,
};

const XML: LanguageSpec = {
  block: [HTML_COMMENT],
  strings: [{ open: '<![CDATA[', close: ']]>', multiline: true }],
  anchors: MARKUP_ANCHORS,
};

const MARKDOWN: LanguageSpec = {
  block: [HTML_COMMENT],
  strings: [
    { open: '`', kind: 'fence', multiline: true },
    { open: '~', kind: 'fence', multiline: true },
    { open: '`' },
  ],
  anchors: MD_ANCHORS,
};

const HASKELL: LanguageSpec = {
  line: [{ open: '--', dashRun: true, notBefore: '!#$%&*+./<=>?@\\^|~:' }],
  block: [{ open: '{-', close: '-}', nested: true, distinct: true }],
  strings: [DQ, CHAR],
  anchors: /^(?:module|import|data|type|newtype|class|instance|[a-z][\w']*\s*::)/,
};

const OCAML: LanguageSpec = {
  block: [{ open: '(*', close: '*)', nested: true, notBefore: ')', distinct: true }],
  strings: [{ open: '{', kind: 'ocamlQuoted', multiline: true }, DQ_ML, CHAR],
  anchors: /^(?:let|type|module|open|exception|external|class)\b/,
};

const FSHARP: LanguageSpec = {
  line: [SLASH],
  block: [{ open: '(*', close: '*)', nested: true, notBefore: ')', distinct: true }],
  strings: [
    { open: '"""', multiline: true },
    { open: '@"', close: '"', doubled: true, multiline: true },
    DQ_ML,
    CHAR,
  ],
  anchors: /^(?:(?:let|type|module|open|namespace|exception)\b|\[<)/,
};

const LUA: LanguageSpec = {
  line: ['--'],
  block: [{ open: '--', close: '', lua: true }],
  strings: [{ open: '[', kind: 'luaLong', multiline: true }, DQ, SQ],
  anchors: LUA_ANCHORS,
};

const SQL: LanguageSpec = {
  line: ['--'],
  block: [C_BLOCK],
  strings: [
    { open: '$', kind: 'dollar', multiline: true },
    { open: "'", doubled: true, multiline: true },
    { open: '"', doubled: true, multiline: true },
    { open: '`', doubled: true },
  ],
  anchors: /^(?:select|insert|update|delete|create|alter|drop|with|begin|commit|grant|SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|BEGIN|COMMIT|GRANT)\b/,
};

const RUBY: LanguageSpec = {
  line: [{ open: '#', notAfter: '?$' }],
  block: [{ open: '=begin', close: '=end', at: 'col0', closeAt: 'col0', wordEnd: true, distinct: true }],
  strings: [DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
  heredoc: 'ruby',
  anchors: RUBY_ANCHORS,
};

const POD_OPENERS = ['=pod', '=head1', '=head2', '=head3', '=head4', '=over', '=item', '=begin', '=for', '=encoding'];
const PERL: LanguageSpec = {
  line: [{ open: '#', notAfter: '$' }],
  block: POD_OPENERS.map((open) => ({ open, close: '=cut', at: 'col0', closeAt: 'col0', wordEnd: true }) as const),
  strings: [DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
  heredoc: 'perl',
  anchors: /^(?:sub|package|use|my|our|require|BEGIN|END)\b/,
};

const POWERSHELL: LanguageSpec = {
  line: [{ open: '#', at: 'word', after: ';|&(){}' }],
  block: [{ open: '<#', close: '#>', distinct: true }],
  strings: [
    { open: '@"', close: '"@', multiline: true, closeAt: 'col0' },
    { open: "@'", close: "'@", multiline: true, closeAt: 'col0' },
    { open: '"', escape: '`', doubled: true, multiline: true },
    { open: "'", doubled: true, multiline: true },
  ],
  anchors: /^(?:function|param|filter|workflow|class|enum|using|Import-Module|Set-StrictMode)\b/i,
};

const BAT: LanguageSpec = {
  line: [
    { open: 'rem', at: 'line', ignoreCase: true, wordEnd: true },
    { open: '@rem', at: 'line', ignoreCase: true, wordEnd: true },
    { open: '::', at: 'line' },
  ],
  strings: [{ open: '"' }],
};

const VB: LanguageSpec = {
  line: ["'", { open: 'rem', at: 'line', ignoreCase: true, wordEnd: true }],
  strings: [{ open: '"', doubled: true }],
  anchors: /^(?:Imports|Namespace|Module|Class|Public|Private|Friend|Sub|Function|Option)\b/i,
};

const R_LANG: LanguageSpec = { line: ['#'], strings: [DQ_ML, SQ_ML, { open: '`' }], anchors: /^[A-Za-z_.][\w.]*\s*(?:<-|=)\s*function\b|^library\(/ };

const JULIA: LanguageSpec = {
  line: ['#'],
  block: [{ open: '#=', close: '=#', nested: true, distinct: true }],
  strings: [TRIPLE_DQ, DQ_ML, { open: "'", kind: 'char', notAfter: "\\w)]}'." }, { open: '`', escape: '\\' }],
  anchors: /^(?:function|module|using|import|struct|mutable|abstract|macro|const|export)\b/,
};

const MATLAB: LanguageSpec = {
  line: ['%'],
  block: [{ open: '%{', close: '%}', at: 'line', closeAt: 'line' }],
  strings: [
    { open: "'", doubled: true, notAfter: "\\w)]}'." },
    { open: '"', doubled: true },
  ],
  anchors: /^(?:function|classdef)\b/,
};

const LATEX: LanguageSpec = {
  line: ['%'],
  block: [{ open: '\\begin{comment}', close: '\\end{comment}' }],
  codeEscape: true,
  anchors: /^\\(?:section|subsection|chapter|begin\{document\}|documentclass|usepackage)\b/,
};

const ERLANG: LanguageSpec = {
  line: [{ open: '%', notAfter: '$' }],
  strings: [DQ_ML, { open: "'", escape: '\\' }],
  anchors: /^(?:-module|-export|-include|-define|-record|[a-z]\w*\()/,
};

const ELIXIR: LanguageSpec = {
  line: [{ open: '#', notAfter: '?' }],
  strings: [TRIPLE_DQ, TRIPLE_SQ, DQ_ML, SQ_ML],
  anchors: /^(?:defmodule|defprotocol|defimpl|import|alias|require|use)\b/,
};

const CLOJURE: LanguageSpec = {
  line: [{ open: ';', notAfter: '\\' }],
  strings: [DQ_ML],
  anchors: /^\((?:ns|def|defn|defmacro|defprotocol|defrecord|deftype|defmulti|defmethod)\b/,
};

const LISP: LanguageSpec = {
  line: [{ open: ';', notAfter: '\\' }],
  block: [{ open: '#|', close: '|#', nested: true, distinct: true }],
  strings: [DQ_ML],
  anchors: /^\((?:define|defun|defmacro|defvar|defparameter|defclass|require|module|import)\b/,
};

const COFFEE: LanguageSpec = {
  line: ['#'],
  block: [{ open: '###', close: '###', notBefore: '#' }],
  strings: [TRIPLE_DQ, TRIPLE_SQ, DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
  anchors: /^(?:class|module\.exports|exports|[A-Za-z_$][\w$]*\s*=\s*(?:\(|->|=>))/,
};

const YAML: LanguageSpec = {
  line: [{ open: '#', at: 'word' }],
  strings: [
    { open: "'", doubled: true, notAfter: '\\w' },
    { open: '"', escape: '\\', notAfter: '\\w' },
  ],
};

const TOML: LanguageSpec = {
  line: ['#'],
  strings: [{ open: '"""', escape: '\\', multiline: true }, { open: "'''", multiline: true }, DQ, { open: "'" }],
  anchors: /^\[/,
};

const INI: LanguageSpec = { line: [{ open: ';', at: 'line' }, { open: '#', at: 'line' }] };
const PROPERTIES: LanguageSpec = { line: [{ open: '#', at: 'line' }, { open: '!', at: 'line' }] };
const HASH_LINE: LanguageSpec = { line: [{ open: '#', at: 'line' }] };
const HASH_WORD: LanguageSpec = { line: [{ open: '#', at: 'word' }], strings: [{ open: '"', escape: '\\' }, { open: "'", notAfter: '\\w' }] };

const DOCKERFILE: LanguageSpec = {
  line: [{ open: '#', at: 'word', after: ';&|()' }],
  strings: [DQ, { open: "'", notAfter: '\\w' }],
  heredoc: 'shell',
  anchors: /^(?:FROM|RUN|CMD|COPY|ADD|ENV|ARG|WORKDIR|ENTRYPOINT|EXPOSE|LABEL|USER|VOLUME)\b/i,
};

const MAKEFILE: LanguageSpec = {
  line: ['#'],
  strings: [
    { open: '"', escape: '\\', notAfter: '\\w' },
    { open: "'", notAfter: '\\w' },
  ],
  codeEscape: true,
  anchors: /^(?:[\w./-]+\s*:(?!=)|[A-Z_]+\s*[:?+]?=|include\b|\.PHONY|ifeq|ifneq|ifdef|ifndef|endif|define\b)/,
};

const CMAKE: LanguageSpec = {
  line: ['#'],
  block: [{ open: '#', close: '', lua: true }],
  strings: [DQ_ML, { open: '[', kind: 'luaLong', multiline: true }],
  anchors: /^(?:cmake_minimum_required|project|add_\w+|set|include|function|macro|if|foreach|target_\w+|find_package)\s*\(/i,
};

const HCL: LanguageSpec = {
  line: ['#', SLASH],
  block: [C_BLOCK],
  strings: [DQ],
  heredoc: 'hcl',
  anchors: /^(?:resource|data|variable|output|module|provider|locals|terraform)\b/,
};

const NIM: LanguageSpec = {
  line: ['#'],
  block: [{ open: '#[', close: ']#', nested: true, distinct: true }],
  strings: [TRIPLE_DQ, DQ, CHAR],
  anchors: /^(?:proc|func|method|iterator|template|macro|type|import|from|include|var|let|const)\b/,
};

const PASCAL: LanguageSpec = {
  line: [SLASH],
  block: [
    { open: '(*', close: '*)', distinct: true },
    { open: '{', close: '}' },
  ],
  strings: [{ open: "'", doubled: true }],
  anchors: /^(?:program|unit|uses|interface|implementation|procedure|function|type|var|const|begin)\b/i,
};

const ADA_LIKE: LanguageSpec = { line: ['--'], strings: [{ open: '"', doubled: true }, CHAR] };
const FORTRAN: LanguageSpec = { line: ['!'], strings: [{ open: '"', doubled: true }, { open: "'", doubled: true }] };

const GRAPHQL: LanguageSpec = { line: ['#'], strings: [TRIPLE_DQ, DQ] };

const NIX: LanguageSpec = {
  line: ['#'],
  block: [C_BLOCK],
  strings: [{ open: "''", close: "''", multiline: true }, DQ_ML],
};

const HANDLEBARS: LanguageSpec = {
  block: [
    { open: '{{!--', close: '--}}', distinct: true },
    { open: '{{!', close: '}}' },
    HTML_COMMENT,
  ],
  embeds: HTML.embeds ?? [],
  anchors: MARKUP_ANCHORS,
};

const RAZOR: LanguageSpec = {
  block: [{ open: '@*', close: '*@', distinct: true }, HTML_COMMENT],
  anchors: MARKUP_ANCHORS,
};

const PUG: LanguageSpec = { line: [{ open: '//', at: 'line' }] };
const BIBTEX: LanguageSpec = { line: [{ open: '%', at: 'line' }] };

const PHP_HOST: LanguageSpec = {
  block: [HTML_COMMENT],
  embeds: [
    { open: '<?php', close: '?>', spec: PHP },
    { open: '<?=', close: '?>', spec: PHP },
    ...(HTML.embeds ?? []),
  ],
  anchors: MARKUP_ANCHORS,
};

const VUE: LanguageSpec = {
  block: [HTML_COMMENT],
  embeds: HTML.embeds ?? [],
  anchors: MARKUP_ANCHORS,
};

/** No comment syntax at all: detection finds nothing. */
const NONE: LanguageSpec = {};

/**
 * For language ids not in the table: only forms that mean a comment in nearly every language that has them.
 * `//` and `#` count at a word start (so `http://x` and `a#b` are not comments), `--`, `;` and `%` only as
 * the first non-blank of a line, `/* … *\/` only when its opener starts a word (so a shell glob `build/*`
 * opens nothing), and `<!-- -->` anywhere. Quotes make single-line strings.
 */
export const FALLBACK: LanguageSpec = {
  line: [
    { open: '//', at: 'word' },
    { open: '#', at: 'word' },
    { open: '--', at: 'line' },
    { open: ';', at: 'line' },
    { open: '%', at: 'line' },
  ],
  block: [{ open: '/*', close: '*/', at: 'word', distinct: true }, HTML_COMMENT],
  strings: [DQ, { open: "'", escape: '\\', notAfter: '\\w' }],
  anchors: CODE_ANCHORS,
};

export const LANGUAGES: Readonly<Record<string, LanguageSpec>> = {
  javascript: JS,
  typescript: JS,
  javascriptreact: JS,
  typescriptreact: JS,
  'vue-javascript': JS,
  json: cLike({ strings: [DQ] }),
  jsonc: cLike({ strings: [DQ] }),
  json5: cLike({ strings: [DQ, SQ] }),
  snippets: cLike({ strings: [DQ] }),
  c: CPP,
  cpp: CPP,
  'cuda-cpp': CPP,
  'objective-c': CPP,
  'objective-cpp': CPP,
  hlsl: CPP,
  glsl: CPP,
  shaderlab: CPP,
  arduino: CPP,
  d: cLike({ block: [C_BLOCK, { open: '/+', close: '+/', nested: true, distinct: true }], strings: [{ open: '`', multiline: true }, DQ_ML, CHAR] }),
  csharp: CSHARP,
  java: JAVA,
  kotlin: KOTLIN,
  scala: SCALA,
  swift: SWIFT,
  go: GO,
  rust: RUST,
  dart: DART,
  groovy: GROOVY,
  solidity: cLike(),
  proto: cLike(),
  proto3: cLike(),
  prisma: { line: [SLASH], strings: [DQ] },
  verilog: cLike(),
  systemverilog: cLike(),
  zig: { line: [SLASH], strings: [DQ, CHAR], anchors: CODE_ANCHORS },
  apex: JAVA,
  php: PHP_HOST,
  python: PYTHON,
  ruby: RUBY,
  perl: PERL,
  perl6: PERL,
  raku: PERL,
  shellscript: SHELL,
  shell: SHELL,
  bash: SHELL,
  zsh: SHELL,
  fish: { line: [{ open: '#', at: 'word', after: ';&|()' }], strings: [DQ_ML, SQ_ML], anchors: SHELL_ANCHORS },
  powershell: POWERSHELL,
  bat: BAT,
  lua: LUA,
  sql: SQL,
  plsql: SQL,
  r: R_LANG,
  julia: JULIA,
  haskell: HASKELL,
  elm: HASKELL,
  purescript: HASKELL,
  ocaml: OCAML,
  reason: cLike({ strings: [DQ_ML, CHAR] }),
  fsharp: FSHARP,
  vb: VB,
  html: HTML,
  vue: VUE,
  svelte: VUE,
  'vue-html': HTML,
  xml: XML,
  xsl: XML,
  svg: XML,
  markdown: MARKDOWN,
  mdx: MARKDOWN,
  css: CSS,
  scss: SCSS,
  less: SCSS,
  sass: SCSS,
  stylus: SCSS,
  yaml: YAML,
  dockercompose: YAML,
  'github-actions-workflow': YAML,
  toml: TOML,
  dockerfile: DOCKERFILE,
  makefile: MAKEFILE,
  cmake: CMAKE,
  ini: INI,
  properties: PROPERTIES,
  dotenv: HASH_WORD,
  ignore: HASH_LINE,
  'git-commit': HASH_LINE,
  'git-rebase': HASH_LINE,
  'pip-requirements': HASH_WORD,
  terraform: HCL,
  hcl: HCL,
  coffeescript: COFFEE,
  clojure: CLOJURE,
  lisp: LISP,
  scheme: LISP,
  racket: LISP,
  'emacs-lisp': LISP,
  latex: LATEX,
  tex: LATEX,
  bibtex: BIBTEX,
  matlab: MATLAB,
  octave: { ...MATLAB, line: ['%', '#'] },
  erlang: ERLANG,
  elixir: ELIXIR,
  nim: NIM,
  pascal: PASCAL,
  ada: ADA_LIKE,
  vhdl: ADA_LIKE,
  fortran: FORTRAN,
  'fortran-modern': FORTRAN,
  graphql: GRAPHQL,
  nix: NIX,
  handlebars: HANDLEBARS,
  razor: RAZOR,
  aspnetcorerazor: RAZOR,
  jade: PUG,
  pug: PUG,
  plaintext: NONE,
  diff: NONE,
  log: NONE,
  'search-result': NONE,
};

/** The spec for a language id: the table's entry, or FALLBACK for an unknown id. */
export function languageSpec(languageId: string): LanguageSpec {
  return Object.prototype.hasOwnProperty.call(LANGUAGES, languageId) ? (LANGUAGES[languageId] as LanguageSpec) : FALLBACK;
}
