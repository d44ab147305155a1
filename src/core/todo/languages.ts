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
}

// ---- Building blocks ----

const SLASH: LineCommentSpec = { open: '//' };
const C_BLOCK: BlockCommentSpec = { open: '/*', close: '*/' };
const C_BLOCK_NESTED: BlockCommentSpec = { open: '/*', close: '*/', nested: true };
const DQ: StringSpec = { open: '"', escape: '\\' };
const SQ: StringSpec = { open: "'", escape: '\\' };
const DQ_ML: StringSpec = { open: '"', escape: '\\', multiline: true };
const SQ_ML: StringSpec = { open: "'", escape: '\\', multiline: true };
const CHAR: StringSpec = { open: "'", kind: 'char' };
const TRIPLE_DQ: StringSpec = { open: '"""', escape: '\\', multiline: true };
const TRIPLE_SQ: StringSpec = { open: "'''", escape: '\\', multiline: true };
const HTML_COMMENT: BlockCommentSpec = { open: '<!--', close: '-->' };

const cLike = (extra?: Partial<LanguageSpec>): LanguageSpec => ({
  line: [SLASH],
  block: [C_BLOCK],
  strings: [DQ, { open: "'", escape: '\\', notAfter: '\\w' }],
  ...extra,
});

const JS: LanguageSpec = {
  line: [SLASH],
  block: [C_BLOCK],
  strings: [DQ, SQ, { open: '`', escape: '\\', multiline: true }],
  regex: true,
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
};

/**
 * A triple-quoted string that begins its line is a bare string statement, as docstrings are: documentation,
 * read like a block comment (`"""TODO: implement."""`). One anywhere else is a string.
 */
const DOCSTRINGS: readonly BlockCommentSpec[] = ['"""', "'''", 'r"""', "r'''", 'R"""', "R'''"].map((open) => ({
  open,
  close: open.slice(-3),
  at: 'line',
}));

const PYTHON: LanguageSpec = {
  line: ['#'],
  block: DOCSTRINGS,
  strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
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
};

const XML: LanguageSpec = {
  block: [HTML_COMMENT],
  strings: [{ open: '<![CDATA[', close: ']]>', multiline: true }],
};

const MARKDOWN: LanguageSpec = {
  block: [HTML_COMMENT],
  strings: [
    { open: '`', kind: 'fence', multiline: true },
    { open: '~', kind: 'fence', multiline: true },
    { open: '`' },
  ],
};

/** MDX: Markdown whose comments are JSX expressions, `{/* … *\/}`; in plain Markdown that is text. */
const MDX: LanguageSpec = { ...MARKDOWN, block: [{ open: '{/*', close: '*/}' }, HTML_COMMENT] };

/** Org: `# ` lines (not `#+KEYWORD` lines) and `#+begin_comment` … `#+end_comment` blocks. */
const ORG: LanguageSpec = {
  line: [{ open: '#', at: 'line', notBefore: '+' }],
  block: [
    { open: '#+begin_comment', close: '#+end_comment', at: 'line', closeAt: 'line' },
    { open: '#+BEGIN_COMMENT', close: '#+END_COMMENT', at: 'line', closeAt: 'line' },
  ],
};

const HASKELL: LanguageSpec = {
  line: [{ open: '--', dashRun: true, notBefore: '!#$%&*+./<=>?@\\^|~:' }],
  block: [{ open: '{-', close: '-}', nested: true }],
  strings: [DQ, CHAR],
};

const OCAML: LanguageSpec = {
  block: [{ open: '(*', close: '*)', nested: true, notBefore: ')' }],
  strings: [{ open: '{', kind: 'ocamlQuoted', multiline: true }, DQ_ML, CHAR],
};

const FSHARP: LanguageSpec = {
  line: [SLASH],
  block: [{ open: '(*', close: '*)', nested: true, notBefore: ')' }],
  strings: [
    { open: '"""', multiline: true },
    { open: '@"', close: '"', doubled: true, multiline: true },
    DQ_ML,
    CHAR,
  ],
};

const LUA: LanguageSpec = {
  line: ['--'],
  block: [{ open: '--', close: '', lua: true }],
  strings: [{ open: '[', kind: 'luaLong', multiline: true }, DQ, SQ],
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
};

const RUBY: LanguageSpec = {
  line: [{ open: '#', notAfter: '?$' }],
  block: [{ open: '=begin', close: '=end', at: 'col0', closeAt: 'col0', wordEnd: true }],
  strings: [DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
  heredoc: 'ruby',
};

const POD_OPENERS = ['=pod', '=head1', '=head2', '=head3', '=head4', '=over', '=item', '=begin', '=for', '=encoding'];
const PERL: LanguageSpec = {
  line: [{ open: '#', notAfter: '$' }],
  block: POD_OPENERS.map((open) => ({ open, close: '=cut', at: 'col0', closeAt: 'col0', wordEnd: true }) as const),
  strings: [DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
  heredoc: 'perl',
};

const POWERSHELL: LanguageSpec = {
  line: [{ open: '#', at: 'word', after: ';|&(){}' }],
  block: [{ open: '<#', close: '#>' }],
  strings: [
    { open: '@"', close: '"@', multiline: true, closeAt: 'col0' },
    { open: "@'", close: "'@", multiline: true, closeAt: 'col0' },
    { open: '"', escape: '`', doubled: true, multiline: true },
    { open: "'", doubled: true, multiline: true },
  ],
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
};

const R_LANG: LanguageSpec = { line: ['#'], strings: [DQ_ML, SQ_ML, { open: '`' }] };

const JULIA: LanguageSpec = {
  line: ['#'],
  block: [{ open: '#=', close: '=#', nested: true }],
  strings: [TRIPLE_DQ, DQ_ML, { open: "'", kind: 'char', notAfter: "\\w)]}'." }, { open: '`', escape: '\\' }],
};

const MATLAB: LanguageSpec = {
  line: ['%'],
  block: [{ open: '%{', close: '%}', at: 'line', closeAt: 'line' }],
  strings: [
    { open: "'", doubled: true, notAfter: "\\w)]}'." },
    { open: '"', doubled: true },
  ],
};

const LATEX: LanguageSpec = {
  line: ['%'],
  block: [{ open: '\\begin{comment}', close: '\\end{comment}' }],
  codeEscape: true,
};

const ERLANG: LanguageSpec = {
  line: [{ open: '%', notAfter: '$' }],
  strings: [DQ_ML, { open: "'", escape: '\\' }],
};

const ELIXIR: LanguageSpec = {
  line: [{ open: '#', notAfter: '?' }],
  strings: [TRIPLE_DQ, TRIPLE_SQ, DQ_ML, SQ_ML],
};

const CLOJURE: LanguageSpec = {
  line: [{ open: ';', notAfter: '\\' }],
  strings: [DQ_ML],
};

const LISP: LanguageSpec = {
  line: [{ open: ';', notAfter: '\\' }],
  block: [{ open: '#|', close: '|#', nested: true }],
  strings: [DQ_ML],
};

const COFFEE: LanguageSpec = {
  line: ['#'],
  block: [{ open: '###', close: '###', notBefore: '#' }],
  strings: [TRIPLE_DQ, TRIPLE_SQ, DQ_ML, SQ_ML, { open: '`', escape: '\\', multiline: true }],
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
};

const INI: LanguageSpec = { line: [{ open: ';', at: 'line' }, { open: '#', at: 'line' }] };
const PROPERTIES: LanguageSpec = { line: [{ open: '#', at: 'line' }, { open: '!', at: 'line' }] };
const HASH_LINE: LanguageSpec = { line: [{ open: '#', at: 'line' }] };
const HASH_WORD: LanguageSpec = { line: [{ open: '#', at: 'word' }], strings: [{ open: '"', escape: '\\' }, { open: "'", notAfter: '\\w' }] };

const DOCKERFILE: LanguageSpec = {
  line: [{ open: '#', at: 'word', after: ';&|()' }],
  strings: [DQ, { open: "'", notAfter: '\\w' }],
  heredoc: 'shell',
};

const MAKEFILE: LanguageSpec = {
  line: ['#'],
  strings: [
    { open: '"', escape: '\\', notAfter: '\\w' },
    { open: "'", notAfter: '\\w' },
  ],
  codeEscape: true,
};

const CMAKE: LanguageSpec = {
  line: ['#'],
  block: [{ open: '#', close: '', lua: true }],
  strings: [DQ_ML, { open: '[', kind: 'luaLong', multiline: true }],
};

const HCL: LanguageSpec = {
  line: ['#', SLASH],
  block: [C_BLOCK],
  strings: [DQ],
  heredoc: 'hcl',
};

const NIM: LanguageSpec = {
  line: ['#'],
  block: [{ open: '#[', close: ']#', nested: true }],
  strings: [TRIPLE_DQ, DQ, CHAR],
};

const PASCAL: LanguageSpec = {
  line: [SLASH],
  block: [
    { open: '(*', close: '*)' },
    { open: '{', close: '}' },
  ],
  strings: [{ open: "'", doubled: true }],
};

const ADA_LIKE: LanguageSpec = { line: ['--'], strings: [{ open: '"', doubled: true }, CHAR] };
const FORTRAN: LanguageSpec = { line: ['!'], strings: [{ open: '"', doubled: true }, { open: "'", doubled: true }] };

/** ABAP: `*` in the first column comments the line, `"` the rest of one; '…' and `…` double their quote, |…| escapes. */
const ABAP: LanguageSpec = {
  line: [{ open: '*', at: 'col0' }, '"'],
  strings: [
    { open: "'", doubled: true },
    { open: '`', doubled: true },
    { open: '|', escape: '\\' },
  ],
};

const CRYSTAL: LanguageSpec = { line: [{ open: '#', notAfter: '?$' }], strings: [DQ_ML, CHAR] };
const GDSCRIPT: LanguageSpec = { line: ['#'], strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ] };

/** AutoHotkey: `;` after a blank or at a line's start, `/* … *\/` from a line's start. */
const AUTOHOTKEY: LanguageSpec = {
  line: [{ open: ';', at: 'word' }],
  block: [{ open: '/*', close: '*/', at: 'line' }],
  strings: [{ open: '"', escape: '`', doubled: true }],
};

/** AL (Business Central): C-style comments, 'text' with doubled quotes, "quoted identifiers". */
const AL: LanguageSpec = cLike({ strings: [{ open: "'", doubled: true }, { open: '"' }] });

const GRAPHQL: LanguageSpec = { line: ['#'], strings: [TRIPLE_DQ, DQ] };

const NIX: LanguageSpec = {
  line: ['#'],
  block: [C_BLOCK],
  strings: [{ open: "''", close: "''", multiline: true }, DQ_ML],
};

const HANDLEBARS: LanguageSpec = {
  block: [
    { open: '{{!--', close: '--}}' },
    { open: '{{!', close: '}}' },
    HTML_COMMENT,
  ],
  embeds: HTML.embeds ?? [],
};

/** Twig templates: `{# … #}` and HTML's own comments, scripts and styles. */
const TWIG: LanguageSpec = {
  block: [{ open: '{#', close: '#}' }, HTML_COMMENT],
  embeds: HTML.embeds ?? [],
};

/** Liquid templates: `{% comment %} … {% endcomment %}`, the inline `{% # … %}`, and HTML's comments. */
const LIQUID: LanguageSpec = {
  block: [
    { open: '{% comment %}', close: '{% endcomment %}' },
    { open: '{%- comment -%}', close: '{%- endcomment -%}' },
    { open: '{%- #', close: '%}' },
    { open: '{% #', close: '%}' },
    HTML_COMMENT,
  ],
  embeds: HTML.embeds ?? [],
};

const RAZOR: LanguageSpec = {
  block: [{ open: '@*', close: '*@' }, HTML_COMMENT],
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
};

const VUE: LanguageSpec = {
  block: [HTML_COMMENT],
  embeds: HTML.embeds ?? [],
};

/** No comment syntax at all: detection finds nothing. */
export const NO_COMMENTS: LanguageSpec = {};

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
  block: [{ open: '/*', close: '*/', at: 'word' }, HTML_COMMENT],
  strings: [DQ, { open: "'", escape: '\\', notAfter: '\\w' }],
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
  d: cLike({ block: [C_BLOCK, { open: '/+', close: '+/', nested: true }], strings: [{ open: '`', multiline: true }, DQ_ML, CHAR] }),
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
  move: cLike(),
  al: AL,
  proto: cLike(),
  proto3: cLike(),
  prisma: { line: [SLASH], strings: [DQ] },
  verilog: cLike(),
  systemverilog: cLike(),
  zig: { line: [SLASH], strings: [DQ, CHAR] },
  apex: JAVA,
  php: PHP_HOST,
  python: PYTHON,
  starlark: PYTHON,
  bazel: PYTHON,
  gdscript: GDSCRIPT,
  ruby: RUBY,
  perl: PERL,
  perl6: PERL,
  raku: PERL,
  shellscript: SHELL,
  shell: SHELL,
  bash: SHELL,
  zsh: SHELL,
  fish: { line: [{ open: '#', at: 'word', after: ';&|()' }], strings: [DQ_ML, SQ_ML] },
  powershell: POWERSHELL,
  bat: BAT,
  lua: LUA,
  sql: SQL,
  plsql: SQL,
  r: R_LANG,
  julia: JULIA,
  haskell: HASKELL,
  agda: HASKELL,
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
  mdx: MDX,
  rmd: MARKDOWN,
  quarto: MARKDOWN,
  org: ORG,
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
  abap: ABAP,
  crystal: CRYSTAL,
  autohotkey: AUTOHOTKEY,
  ahk: AUTOHOTKEY,
  ahk2: AUTOHOTKEY,
  'fortran-modern': FORTRAN,
  graphql: GRAPHQL,
  nix: NIX,
  handlebars: HANDLEBARS,
  twig: TWIG,
  'html.twig': TWIG,
  liquid: LIQUID,
  razor: RAZOR,
  aspnetcorerazor: RAZOR,
  jade: PUG,
  pug: PUG,
  plaintext: NO_COMMENTS,
  diff: NO_COMMENTS,
  log: NO_COMMENTS,
  'search-result': NO_COMMENTS,
};

/** The spec for a language id: the table's entry, or FALLBACK for an unknown id. */
export function languageSpec(languageId: string): LanguageSpec {
  return Object.prototype.hasOwnProperty.call(LANGUAGES, languageId) ? (LANGUAGES[languageId] as LanguageSpec) : FALLBACK;
}
