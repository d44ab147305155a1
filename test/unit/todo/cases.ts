// The detection table: one case per row. `src` marks the cursor with ‸ (or a selection with « and »), and
// `expect` is the TODO found there, or null when there is none. Lines are joined with \n.

export const ID = '0123456789abcdef0123456789abcdef';
export const ID2 = 'fedcba9876543210fedcba9876543210';

export interface Expected {
  readonly keyword: string;
  readonly title: string;
  readonly description?: string;
  readonly authors?: readonly string[];
  readonly references?: readonly string[];
  readonly docTag?: boolean;
  /** First and last line of the TODO (0-based), when worth checking. */
  readonly lines?: readonly [number, number];
}

export interface Case {
  readonly lang: string;
  readonly src: string | readonly string[];
  readonly expect: Expected | null;
  readonly note?: string;
  readonly keywords?: readonly string[];
}

const todo = (title: string, more: Partial<Expected> = {}): Expected => ({ keyword: 'TODO', title, ...more });
const kw = (keyword: string, title: string, more: Partial<Expected> = {}): Expected => ({ keyword, title, ...more });

export const CASES: readonly Case[] = [
  // ---- TypeScript / JavaScript ----
  { lang: 'typescript', src: '// TODO: Prepare Q3 report‸', expect: todo('Prepare Q3 report') },
  { lang: 'typescript', src: '‸// TODO(alice): Prepare Q3 report', expect: todo('Prepare Q3 report', { authors: ['alice'] }) },
  { lang: 'typescript', src: '// TODO(alice, bob): Prepare‸', expect: todo('Prepare', { authors: ['alice', 'bob'] }) },
  { lang: 'typescript', src: '// TODO - Prepare the release‸', expect: todo('Prepare the release') },
  { lang: 'typescript', src: '// TODO Prepare the release‸', expect: todo('Prepare the release') },
  { lang: 'typescript', src: '//TODO:Prepare‸', expect: todo('Prepare') },
  { lang: 'typescript', src: '// TODO (alice): spaced tag list‸', expect: todo('spaced tag list', { authors: ['alice'] }) },
  { lang: 'typescript', src: '// TODO (maybe) later‸', expect: todo('(maybe) later'), note: 'parentheses after a blank stay in the title' },
  { lang: 'typescript', src: '// TODO:‸', expect: todo('') },
  { lang: 'typescript', src: '// FIXME: crash on empty input‸', expect: kw('FIXME', 'crash on empty input') },
  { lang: 'typescript', src: '// HACK: work around the SDK‸', expect: kw('HACK', 'work around the SDK') },
  { lang: 'typescript', src: '// XXX: revisit‸', expect: kw('XXX', 'revisit') },
  { lang: 'typescript', src: '// BUG: off by one‸', expect: kw('BUG', 'off by one') },
  { lang: 'typescript', src: '// todo: lower case is not a keyword‸', expect: null },
  { lang: 'typescript', src: '// TODONOW: not a whole word‸', expect: null },
  { lang: 'typescript', src: '// see TODO.md for the list‸', expect: null },
  { lang: 'typescript', src: '// TODO.md lists them‸', expect: null },
  { lang: 'typescript', src: '// autodocumentation TODO later‸', expect: null },
  { lang: 'typescript', src: 'let todoList = [];‸', expect: null },
  { lang: 'typescript', src: 'const TODO_MAX = 3;‸', expect: null },
  { lang: 'typescript', src: 'const s = "// TODO: not a comment";‸', expect: null },
  { lang: 'typescript', src: "const s = '// TODO: not a comment';‸", expect: null },
  { lang: 'typescript', src: 'const s = "a \\" // TODO: still in the string";‸', expect: null },
  { lang: 'typescript', src: ['const t = `', '  // TODO: inside a template‸', '`;'], expect: null },
  { lang: 'typescript', src: ['const t = `${a}', '`; // TODO: after the template‸'], expect: todo('after the template') },
  { lang: 'typescript', src: 'const re = /\\/\\/ TODO/g;‸', expect: null, note: 'regex literal' },
  { lang: 'typescript', src: 'const re = /"/; // TODO: after a regex with a quote‸', expect: todo('after a regex with a quote') },
  { lang: 'typescript', src: 'const half = a / 2; // TODO: division‸', expect: todo('division') },
  { lang: 'typescript', src: 'run(); // FIXME: trailing comment‸', expect: kw('FIXME', 'trailing comment') },
  { lang: 'typescript', src: '/* HACK: inline block */ ‸run();', expect: kw('HACK', 'inline block'), note: 'cursor on the code of the line' },
  { lang: 'typescript', src: '/* TODO: first */ /* FIXME: ‸second */', expect: kw('FIXME', 'second') },
  { lang: 'typescript', src: '/* TODO: fix this **/‸', expect: todo('fix this') },
  { lang: 'typescript', src: '/** @todo Fix the cache */‸', expect: todo('Fix the cache', { docTag: true }) },
  { lang: 'typescript', src: '// @TODO upper-case tag‸', expect: todo('upper-case tag', { docTag: true }) },
  {
    lang: 'typescript',
    src: ['/**', ' * Computes things.', ' * @todo Cache the result‸', ' *   per user', ' * @param x the input', ' */'],
    expect: todo('Cache the result', { docTag: true, description: 'per user', lines: [2, 3] }),
  },
  {
    lang: 'typescript',
    src: ['/*', ' * TODO: Prepare the report', ' * with the Q3 numbers‸', ' *', ' * Unrelated.', ' */'],
    expect: todo('Prepare the report', { description: 'with the Q3 numbers', lines: [1, 2] }),
  },
  {
    lang: 'typescript',
    src: ['/* TODO: multi', '   line without stars‸', '*/'],
    expect: todo('multi', { description: 'line without stars', lines: [0, 1] }),
  },
  {
    lang: 'typescript',
    src: ['// TODO: Prepare Q3 report', '//   collect the numbers‸', '//   and send them', '// Unrelated comment'],
    expect: todo('Prepare Q3 report', { description: 'collect the numbers\nand send them', lines: [0, 2] }),
  },
  {
    lang: 'typescript',
    src: ['// TODO: Prepare Q3 report', '// Unrelated comment‸'],
    expect: null,
    note: 'a following comment not indented under the keyword is not a continuation',
  },
  {
    lang: 'typescript',
    src: ['// TODO: first', '//   more', '//', '//   not continued‸'],
    expect: null,
    note: 'a blank comment line ends the continuation',
  },
  {
    lang: 'typescript',
    src: ['// TODO: first', '//   FIXME: second‸'],
    expect: kw('FIXME', 'second'),
  },
  {
    lang: 'typescript',
    src: ['run(); // TODO: trailing', '       //   continued‸'],
    expect: todo('trailing', { description: 'continued' }),
  },
  { lang: 'typescript', src: ['// TODO: a', '/// b‸'], expect: null, note: 'another comment style does not continue' },
  {
    lang: 'typescript',
    src: `// TODO(alice, tallyfy:${ID}): Prepare‸`,
    expect: todo('Prepare', { authors: ['alice'], references: [ID] }),
  },
  { lang: 'typescript', src: `// TODO: Prepare (tallyfy:${ID})‸`, expect: todo('Prepare', { references: [ID] }) },
  {
    lang: 'typescript',
    src: ['// TODO: Prepare', `//   see tallyfy:${ID2}‸`],
    expect: todo('Prepare', { description: 'see', references: [ID2] }),
  },
  { lang: 'javascript', src: '#!/usr/bin/env node\n// TODO: after a shebang‸', expect: todo('after a shebang') },
  { lang: 'javascriptreact', src: 'const a = <div>{/* TODO: jsx comment */}</div>;‸', expect: todo('jsx comment') },
  { lang: 'typescriptreact', src: 'return <p title="// TODO no">x</p>;‸', expect: null },

  // ---- Python ----
  { lang: 'python', src: '# TODO: python‸', expect: todo('python') },
  { lang: 'python', src: 'x = 1  # FIXME: trailing‸', expect: kw('FIXME', 'trailing') },
  { lang: 'python', src: 's = "# TODO: no"‸', expect: null },
  { lang: 'python', src: 's = f"{x} # TODO: no"‸', expect: null },
  { lang: 'python', src: ['s = """', '# TODO: inside a string‸', '"""'], expect: null },
  { lang: 'python', src: ['def f():', '    """TODO: a docstring stub‸', '    """'], expect: todo('a docstring stub'), note: 'a docstring is documentation' },
  { lang: 'python', src: ["s = '''", "'''", '# TODO: after the string‸'], expect: todo('after the string') },
  {
    lang: 'python',
    src: ['# TODO: Prepare', '#   the numbers‸'],
    expect: todo('Prepare', { description: 'the numbers' }),
  },

  // ---- Shell ----
  { lang: 'shellscript', src: '# TODO: shell‸', expect: todo('shell') },
  { lang: 'shellscript', src: 'echo "# TODO: no"‸', expect: null },
  { lang: 'shellscript', src: "echo '# TODO: no'‸", expect: null },
  { lang: 'shellscript', src: 'echo $# # TODO: counts arguments‸', expect: todo('counts arguments') },
  { lang: 'shellscript', src: 'cp build/* dist/ # TODO: glob then comment‸', expect: todo('glob then comment') },
  { lang: 'shellscript', src: 'rm -rf build/*TODO*‸', expect: null, note: '/* is not a comment in shell' },
  { lang: 'shellscript', src: 'a=b#TODO‸', expect: null, note: '# starts a comment only at a word start' },
  { lang: 'shellscript', src: ['cat <<EOF', '# TODO: in a heredoc‸', 'EOF'], expect: null },
  { lang: 'shellscript', src: ['cat <<EOF', 'x', 'EOF', '# TODO: after the heredoc‸'], expect: todo('after the heredoc') },
  { lang: 'shellscript', src: ['echo "multi', '# TODO: still quoted‸', '"'], expect: null },

  // ---- C / C++ / Objective-C ----
  { lang: 'c', src: '#include "todo.h"‸', expect: null },
  { lang: 'c', src: '#include <TODO.h>‸', expect: null },
  { lang: 'c', src: '// TODO: c‸', expect: todo('c') },
  { lang: 'c', src: 'int x; /* FIXME: c block */‸', expect: kw('FIXME', 'c block') },
  { lang: 'c', src: "char q = '\"'; // TODO: after a char literal‸", expect: todo('after a char literal') },
  { lang: 'c', src: 'printf("/* TODO */");‸', expect: null },
  { lang: 'c', src: '#define LIMIT 3 // TODO: macro comment‸', expect: todo('macro comment') },
  { lang: 'c', src: ['/* a /* b */', ' TODO: not nested in C‸', '*/'], expect: null },
  { lang: 'cpp', src: 'auto s = R"(// TODO: raw)";‸', expect: null },
  { lang: 'cpp', src: ['auto s = R"x(', '// TODO: raw string‸', ')x";'], expect: null },
  { lang: 'cpp', src: 'int n = 1\'000\'000; // TODO: digit separators‸', expect: todo('digit separators') },
  { lang: 'objective-c', src: '// TODO: objc‸', expect: todo('objc') },

  // ---- C#, Java, Kotlin, Go, Rust, Swift, Dart, Groovy ----
  { lang: 'csharp', src: '// TODO: csharp‸', expect: todo('csharp') },
  { lang: 'csharp', src: '/// TODO: doc comment‸', expect: todo('doc comment') },
  { lang: 'csharp', src: ['var s = @"', '// TODO: verbatim ""quoted""‸', '";'], expect: null },
  { lang: 'csharp', src: ['var s = """', '// TODO: raw‸', '""";'], expect: null },
  { lang: 'csharp', src: "var c = '\\''; // TODO: after a char‸", expect: todo('after a char') },
  { lang: 'java', src: ['String s = """', '// TODO: text block‸', '""";'], expect: null },
  { lang: 'java', src: '/** @todo java doc */‸', expect: todo('java doc', { docTag: true }) },
  { lang: 'kotlin', src: ['/* a /* b */', ' TODO: still in the outer comment‸', '*/'], expect: todo('still in the outer comment') },
  { lang: 'go', src: ['s := `', '// TODO: raw string‸', '`'], expect: null },
  { lang: 'go', src: '// TODO(bob): go‸', expect: todo('go', { authors: ['bob'] }) },
  { lang: 'rust', src: ['let s = r#"', '// TODO: raw "quoted"‸', '"#;'], expect: null },
  { lang: 'rust', src: '/// TODO: outer doc‸', expect: todo('outer doc') },
  { lang: 'rust', src: '//! TODO: inner doc‸', expect: todo('inner doc') },
  { lang: 'rust', src: "fn f<'a>(x: &'a str) {} // TODO: lifetimes‸", expect: todo('lifetimes') },
  { lang: 'rust', src: "let q = '\"'; // TODO: char then comment‸", expect: todo('char then comment') },
  { lang: 'rust', src: ['let s = "multi', '// TODO: rust strings span lines‸', '";'], expect: null },
  { lang: 'swift', src: ['let s = #"', '// TODO: raw‸', '"#'], expect: null },
  { lang: 'swift', src: '// TODO: swift‸', expect: todo('swift') },
  { lang: 'dart', src: "var p = r'C:\\'; // TODO: raw string‸", expect: todo('raw string') },
  { lang: 'groovy', src: "def s = '''\n// TODO: no‸\n'''", expect: null },

  // ---- PHP, Ruby, Perl, Lua ----
  { lang: 'php', src: '<?php // TODO: php‸', expect: todo('php') },
  { lang: 'php', src: '<?php\n# FIXME: hash comment‸', expect: kw('FIXME', 'hash comment') },
  { lang: 'php', src: '<?php\n#[Attribute] // TODO: after an attribute‸', expect: todo('after an attribute') },
  { lang: 'php', src: '<p>TODO: page text</p>‸', expect: null },
  { lang: 'php', src: '<!-- TODO: html in php -->‸', expect: todo('html in php') },
  { lang: 'php', src: ['<?php', '$s = <<<EOT', '// TODO: heredoc‸', 'EOT;'], expect: null },
  { lang: 'php', src: ['<?php echo 1; ?>', '<p>// TODO: text‸</p>'], expect: null },
  { lang: 'ruby', src: '# TODO: ruby‸', expect: todo('ruby') },
  { lang: 'ruby', src: ['=begin', 'TODO: in a block comment‸', '=end'], expect: todo('in a block comment') },
  { lang: 'ruby', src: 's = "#{x} # TODO: no"‸', expect: null },
  { lang: 'ruby', src: ['s = <<~EOS', '  # TODO: heredoc‸', 'EOS'], expect: null },
  { lang: 'perl', src: 'my $n = $#list; # TODO: perl‸', expect: todo('perl') },
  { lang: 'perl', src: 'print "# TODO: no";‸', expect: null },
  { lang: 'lua', src: '-- TODO: lua‸', expect: todo('lua') },
  { lang: 'lua', src: '--[[ TODO: long comment ]]‸', expect: todo('long comment') },
  { lang: 'lua', src: ['local s = [==[', '-- TODO: long string‸', ']==]'], expect: null },

  // ---- SQL, Haskell, F#, OCaml, Erlang, Elixir, R, Julia, MATLAB, Clojure, LaTeX ----
  { lang: 'sql', src: 'SELECT 1; -- TODO: sql‸', expect: todo('sql') },
  { lang: 'sql', src: "SELECT 'it''s -- TODO: no';‸", expect: null },
  { lang: 'sql', src: '/* FIXME: sql block */‸', expect: kw('FIXME', 'sql block') },
  { lang: 'haskell', src: 'x --> y -- TODO: haskell‸', expect: todo('haskell') },
  { lang: 'haskell', src: 'a --> b‸', expect: null },
  { lang: 'haskell', src: ['{- TODO: block', '   continues‸ -}'], expect: todo('block', { description: 'continues' }) },
  { lang: 'fsharp', src: '(* TODO: fsharp *)‸', expect: todo('fsharp') },
  { lang: 'fsharp', src: 'let mul = (*) // TODO: after the operator‸', expect: todo('after the operator') },
  { lang: 'ocaml', src: '(* TODO: ocaml (* nested *) still *)‸', expect: todo('ocaml (* nested *) still') },
  { lang: 'erlang', src: 'C = $%, % TODO: erlang‸', expect: todo('erlang') },
  { lang: 'elixir', src: '# TODO: elixir‸', expect: todo('elixir') },
  { lang: 'r', src: 'x <- "# TODO: no" # FIXME: r‸', expect: kw('FIXME', 'r') },
  { lang: 'julia', src: '#= TODO: julia =#‸', expect: todo('julia') },
  { lang: 'matlab', src: "y = x'; % FIXME: after a transpose‸", expect: kw('FIXME', 'after a transpose') },
  { lang: 'clojure', src: '(println "; TODO: no") ; TODO: clojure‸', expect: todo('clojure') },
  { lang: 'latex', src: 'Up 50\\% TODO: not a comment‸', expect: null },
  { lang: 'latex', src: 'Text. % TODO: latex‸', expect: todo('latex') },

  // ---- PowerShell, Batch, VB ----
  { lang: 'powershell', src: '# TODO: powershell‸', expect: todo('powershell') },
  { lang: 'powershell', src: '<# TODO: block #>‸', expect: todo('block') },
  { lang: 'powershell', src: ['$s = @"', '# TODO: here-string‸', '"@'], expect: null },
  { lang: 'bat', src: 'REM TODO: batch‸', expect: todo('batch') },
  { lang: 'bat', src: ':: FIXME: label comment‸', expect: kw('FIXME', 'label comment') },
  { lang: 'bat', src: 'echo TODO: not a comment‸', expect: null },
  { lang: 'vb', src: "' TODO: vb‸", expect: todo('vb') },
  { lang: 'vb', src: 'Dim s = "\' TODO: no"‸', expect: null },
  { lang: 'vb', src: 'Rem TODO: old style‸', expect: todo('old style') },

  // ---- Markup and styles ----
  { lang: 'html', src: '<!-- TODO: html -->‸', expect: todo('html') },
  { lang: 'html', src: '<p>TODO: text is not a comment</p>‸', expect: null },
  { lang: 'html', src: '<a href="http://x.org">// TODO: no</a>‸', expect: null },
  { lang: 'html', src: '<script>// TODO: script‸</script>', expect: todo('script') },
  { lang: 'html', src: '<style>/* TODO: style */‸</style>', expect: todo('style') },
  { lang: 'html', src: ['<!--', '  TODO: Prepare the page', '  for the launch‸', '-->'], expect: todo('Prepare the page', { description: 'for the launch' }) },
  { lang: 'xml', src: '<!-- FIXME: xml -->‸', expect: kw('FIXME', 'xml') },
  { lang: 'xml', src: '<a><![CDATA[<!-- TODO: no -->]]></a>‸', expect: null },
  { lang: 'markdown', src: '<!-- TODO: markdown -->‸', expect: todo('markdown') },
  { lang: 'markdown', src: 'TODO: plain text‸', expect: null },
  { lang: 'markdown', src: '# TODO heading‸', expect: null },
  { lang: 'markdown', src: ['```html', '<!-- TODO: in a fence -->‸', '```'], expect: null },
  { lang: 'markdown', src: 'Use `<!-- TODO -->` like this.‸', expect: null },
  { lang: 'css', src: '/* TODO: css */‸', expect: todo('css') },
  { lang: 'css', src: 'a { content: "/* TODO: no */"; }‸', expect: null },
  { lang: 'scss', src: '// TODO: scss‸', expect: todo('scss') },
  { lang: 'less', src: 'a { background: url(//cdn.example.org/TODO.png); }‸', expect: null },

  // ---- Config formats ----
  { lang: 'yaml', src: '# TODO: yaml‸', expect: todo('yaml') },
  { lang: 'yaml', src: 'key: value # FIXME: trailing‸', expect: kw('FIXME', 'trailing') },
  { lang: 'yaml', src: 'key: "# TODO: no"‸', expect: null },
  { lang: 'yaml', src: 'key: a#TODO‸', expect: null },
  { lang: 'dockerfile', src: '# TODO: docker‸', expect: todo('docker') },
  { lang: 'dockerfile', src: 'RUN echo "# TODO: no"‸', expect: null },
  { lang: 'makefile', src: '# TODO: make‸', expect: todo('make') },
  { lang: 'makefile', src: 'X = a\\#TODO‸', expect: null },
  { lang: 'ini', src: '; TODO: ini‸', expect: todo('ini') },
  { lang: 'ini', src: 'key = value ; TODO no‸', expect: null },
  { lang: 'properties', src: '# TODO: properties‸', expect: todo('properties') },
  { lang: 'toml', src: 'key = "# TODO: no" # TODO: toml‸', expect: todo('toml') },
  { lang: 'coffeescript', src: '### TODO: coffee block ###‸', expect: todo('coffee block') },
  { lang: 'json', src: '{ "a": "// TODO: no" }‸', expect: null },
  { lang: 'jsonc', src: '{ "a": 1 } // TODO: jsonc‸', expect: todo('jsonc') },

  // ---- Unknown ids and plain text ----
  { lang: 'some-new-language', src: '// TODO: fallback‸', expect: todo('fallback') },
  { lang: 'some-new-language', src: 'see http://x.org/TODO‸', expect: null },
  { lang: 'some-new-language', src: 'url http://x.org # TODO: hash after a blank‸', expect: todo('hash after a blank') },
  { lang: 'some-new-language', src: 'cp build/* x TODO‸', expect: null },
  { lang: 'some-new-language', src: '-- TODO: dashes at the line start‸', expect: todo('dashes at the line start') },
  { lang: 'some-new-language', src: 'a -- TODO: mid-line dashes‸', expect: null },
  { lang: 'plaintext', src: 'TODO: buy milk‸', expect: null },

  // ---- Docstrings: a triple-quoted string that begins its line is documentation ----
  { lang: 'python', src: ['def run():', '    """TODO: implement."""‸', '    pass'], expect: todo('implement.') },
  {
    lang: 'python',
    src: ['def run():', '    """', '    Runs the job.', '', '    TODO: retry on failure‸', '    with a back-off', '    """'],
    expect: todo('retry on failure', { description: 'with a back-off', lines: [4, 5] }),
  },
  { lang: 'python', src: ["class Job:", "    '''TODO: a single-quoted docstring‸'''"], expect: todo('a single-quoted docstring') },
  { lang: 'python', src: ['x = """TODO: a string, not a docstring"""‸'], expect: null },
  { lang: 'python', src: ['run("""', 'TODO: an argument spanning lines‸', '""")'], expect: null },
  { lang: 'python', src: ['"""Module docs."""', 'x = 1  # TODO: after a docstring‸'], expect: todo('after a docstring') },
  { lang: 'starlark', src: ['def rule():', '    # TODO: Starlark reads as Python‸'], expect: todo('Starlark reads as Python') },

  // ---- Templates: Twig, Liquid, Handlebars ----
  { lang: 'twig', src: '{# TODO: a Twig comment #}‸', expect: todo('a Twig comment') },
  { lang: 'twig', src: ['{#', '  TODO: a long Twig comment‸', '  over lines', '#}'], expect: todo('a long Twig comment', { description: 'over lines' }) },
  { lang: 'twig', src: '<p>{{ "TODO: printed" }}</p>‸', expect: null },
  { lang: 'twig', src: '<!-- TODO: an HTML comment -->‸', expect: todo('an HTML comment') },
  { lang: 'liquid', src: '{% comment %} TODO: remove the loop {% endcomment %}‸', expect: todo('remove the loop') },
  { lang: 'liquid', src: ['{% comment %}', 'TODO: render the product‸', '{% render "product" %}', '{% endcomment %}'], expect: todo('render the product', { description: '{% render "product" %}' }) },
  { lang: 'liquid', src: '{% # TODO: an inline comment %}‸', expect: todo('an inline comment') },
  { lang: 'liquid', src: ['{% for i in (1..3) %}', ' # TODO: output text, not a comment‸', '{% endfor %}'], expect: null },

  // ---- MDX comments are JSX expressions; in Markdown they are text ----
  { lang: 'mdx', src: '{/* TODO: an MDX comment */}‸', expect: todo('an MDX comment') },
  { lang: 'mdx', src: ['{/*', '  TODO: over lines‸', '*/}'], expect: todo('over lines') },
  { lang: 'markdown', src: '{/* TODO: text in Markdown */}‸', expect: null },
  { lang: 'markdown', src: '- [ ] TODO: a task list item is text‸', expect: null },
  { lang: 'markdown', src: '[TODO] a bracketed word‸', expect: null },

  // ---- Org, Agda, ABAP ----
  { lang: 'org', src: '# TODO: an Org comment line‸', expect: todo('an Org comment line') },
  { lang: 'org', src: ['#+begin_comment', '  TODO: inside a comment block‸', '#+end_comment'], expect: todo('inside a comment block') },
  { lang: 'org', src: ['#+BEGIN_COMMENT', 'TODO: upper-case block‸', '#+END_COMMENT'], expect: todo('upper-case block') },
  { lang: 'org', src: '* TODO Buy milk‸', expect: null, note: "a heading's task keyword is not a comment" },
  { lang: 'org', src: '#+TITLE: TODO list‸', expect: null },
  { lang: 'agda', src: ['{- | Very complicated.', '', 'TODO: split it‸', '-}'], expect: todo('split it') },
  { lang: 'agda', src: '-- TODO: a line comment‸', expect: todo('a line comment') },
  { lang: 'abap', src: '* TODO: a comment line‸', expect: todo('a comment line') },
  { lang: 'abap', src: 'WRITE moo. " TODO: to the end of the line‸', expect: todo('to the end of the line') },
  { lang: 'abap', src: "WRITE 'a \" TODO: in a text literal'.‸", expect: null },
  { lang: 'abap', src: 'moo = 4. * TODO: a star after code multiplies‸', expect: null },

  // ---- Keywords ----
  { lang: 'typescript', src: '// NOTE: custom keyword‸', keywords: ['NOTE'], expect: kw('NOTE', 'custom keyword') },
  { lang: 'typescript', src: '// TODO: not configured‸', keywords: ['NOTE'], expect: null },
  { lang: 'typescript', src: '// TODO: anything‸', keywords: [], expect: null, note: 'an empty list turns detection off' },
  { lang: 'typescript', src: '// C++? escaped, not a pattern‸', keywords: ['C++?'], expect: kw('C++?', 'escaped, not a pattern') },
  { lang: 'typescript', src: '// CCC not the pattern C++?‸', keywords: ['C++?'], expect: null },
  { lang: 'typescript', src: '// .* matches nothing else‸', keywords: ['.*'], expect: kw('.*', 'matches nothing else') },
  { lang: 'typescript', src: '// anything‸', keywords: ['.*'], expect: null },
  { lang: 'typescript', src: '// TODOS: longest keyword wins‸', keywords: ['TODO', 'TODOS'], expect: kw('TODOS', 'longest keyword wins') },

  // ---- Selections ----
  { lang: 'typescript', src: ['run();', '«// TODO: Prepare', '//   the report»'], expect: todo('Prepare', { description: 'the report' }) },
  { lang: 'typescript', src: ['«run();', 'walk();»', '// TODO: below'], expect: null },
  { lang: 'typescript', src: ['«run();', '// TODO: inside»', 'walk();'], expect: todo('inside') },
  { lang: 'typescript', src: ['«run();', '»// TODO: only touched at character 0'], expect: null },
  { lang: 'python', src: ['x = 1', '# TODO: Prepare', '«#   the rep»ort'], expect: todo('Prepare', { description: 'the report' }) },
];
