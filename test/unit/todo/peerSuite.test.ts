// The cases of the test files of the `todo-to-issue` GitHub Action (alstr/todo-to-issue-action,
// tests/test_new.diff: 40 files in about 35 languages), written afresh: each file as it would be opened in a
// VS Code with no language extensions, where most of these names are plain text, read with the language its
// name names. Each file lists the TODOs it must give, and the traps it must not.
//
// Where this suite expects fewer TODOs than that project does, it is on purpose:
// - `{/* … */}` in a `.md` file is text (a JSX comment means something only in MDX);
// - `# …` in a Liquid template's body is output text, not a comment;
// - in ABAP, `*` starts a comment only in the first column (`x = 4. * TODO` is not one).

import assert from 'node:assert/strict';
import { detectorLanguage, findAllTodos, languageForPath } from '../../../src/core/todo';
import { KEYWORDS } from './helpers';

interface PeerFile {
  readonly path: string;
  /** The language id VS Code gives the file without extensions; plain text when it knows none. */
  readonly vscodeLanguage: string;
  readonly lines: readonly string[];
  /** The titles of the TODOs found, in order. */
  readonly todos: readonly string[];
}

const FILES: readonly PeerFile[] = [
  {
    path: 'Inventory.java',
    vscodeLanguage: 'java',
    lines: ['package shop.stock;', '', 'public class Inventory {', '    // TODO: Split this class', '    //  by warehouse', '    // labels: cleanup', '', '    /*', '    TODO: Cache the totals', '    per day', '    */', '}'],
    todos: ['Split this class', 'Cache the totals'],
  },
  {
    path: 'order-page.php',
    vscodeLanguage: 'php',
    lines: ['<!DOCTYPE html>', '<html>', '<body>', '<!-- TODO: Show the order number -->', '<?php', "    echo 'Order';", '    // TODO: Load the order', '    //  from the session', '', '    # TODO: Escape the output', '', '    /*', '     * TODO: Format the total', '     * with the currency', '     */', '?>', '</body>', '</html>'],
    todos: ['Show the order number', 'Load the order', 'Escape the output', 'Format the total'],
  },
  {
    path: 'jobs.py',
    vscodeLanguage: 'python',
    lines: [
      'def run():',
      '    # TODO: Retry failed jobs',
      "    print('run')",
      '',
      '    # [TODO]: a bracketed word is no keyword',
      '',
      'def schedule(job):',
      '    """',
      '    TODO: Spread the jobs over the hour',
      '    so that they do not all start at once.',
      '    """',
      '    pass',
      '',
      'class Queue:',
      "    '''",
      '    TODO: Bound the queue',
      "    '''",
      '',
      '"""',
      'Documentation for the module, with no task in it.',
      '"""',
      "suffix = 'the word prefix holds no FIX'",
    ],
    todos: ['Retry failed jobs', 'Spread the jobs over the hour', 'Bound the queue'],
  },
  {
    path: 'Devices.hs',
    vscodeLanguage: 'plaintext',
    lines: ['-- | The devices every robot has.', '--', '-- TODO: Drop the default devices', '--   and build them on demand', 'defaults =', '  ["wheels", "gripper"]', '', '{- | Adds two numbers.', '', 'TODO: Check for overflow', '-}', 'add a b = a + b'],
    todos: ['Drop the default devices', 'Check for overflow'],
  },
  { path: 'greeting.cr', vscodeLanguage: 'plaintext', lines: ['# TODO: Greet by name', 'puts "Hello"', '', '# TODO: Say goodbye', '# on exit'], todos: ['Greet by name', 'Say goodbye'] },
  {
    path: 'greeting.rb',
    vscodeLanguage: 'ruby',
    lines: ['#!/usr/bin/ruby -w', '', '# TODO: Greet by name', 'puts "Hello"', '', '=begin', 'TODO: Say goodbye', 'on exit', '=end', '', '# TODO: Count the visitors'],
    todos: ['Greet by name', 'Say goodbye', 'Count the visitors'],
  },
  { path: 'action.yaml', vscodeLanguage: 'yaml', lines: ['name: "TODO board"', '# TODO: Describe the action', 'description: "Lists the TODO comments"', '# TODO: Declare the inputs', '#  before the first release'], todos: ['Describe the action', 'Declare the inputs'] },
  { path: 'config.toml', vscodeLanguage: 'plaintext', lines: ['name = "TODO board"', '# TODO: Describe the action', 'description = "Lists the TODO comments"', '# TODO: Declare the inputs'], todos: ['Describe the action', 'Declare the inputs'] },
  { path: 'report.prog.abap', vscodeLanguage: 'plaintext', lines: ['REPORT zdemo.', '', 'DATA total TYPE i VALUE 2.', 'WRITE total. " TODO Round the total', 'total = 4. * TODO not a comment after code'], todos: ['Round the total'] },
  { path: 'products.sql', vscodeLanguage: 'sql', lines: ['-- TODO Page the products:', 'SELECT * FROM products;'], todos: ['Page the products:'] },
  { path: 'paper.tex', vscodeLanguage: 'latex', lines: ['% TODO Add the authors', '\\begin{document}', '  \\begin{comment}', '     TODO Write the abstract', '  \\end{comment}', '\\end{document}'], todos: ['Add the authors', 'Write the abstract'] },
  { path: 'model.jl', vscodeLanguage: 'julia', lines: [' # TODO: Seed the generator', ' print("model")', ' #= TODO: Fit the model', '   on the full data', ' =#'], todos: ['Seed the generator', 'Fit the model'] },
  { path: 'rules.bzl', vscodeLanguage: 'plaintext', lines: ['def binary():', '    # TODO: Strip the symbols', "    print('binary')", '', '    # TODO: Cache the outputs', '    pass'], todos: ['Strip the symbols', 'Cache the outputs'] },
  { path: 'BUILD.bazel', vscodeLanguage: 'plaintext', lines: ['def library():', '    # TODO: Split the target', "    print('library')", '', '    # TODO: Add the tests', '    pass'], todos: ['Split the target', 'Add the tests'] },
  { path: 'hotkeys.ahk', vscodeLanguage: 'plaintext', lines: [' ; TODO: Move the hotkeys to a file', ' ; someday', ' #h::', ' RegRead, Hidden, HKEY_CURRENT_USER, Software\\Demo, Hidden'], todos: ['Move the hotkeys to a file'] },
  { path: 'card.hbs', vscodeLanguage: 'handlebars', lines: [' <!-- TODO: Show the avatar -->', ' {{!', '   TODO: Make a partial', '   for the footer', ' }}'], todos: ['Show the avatar', 'Make a partial'] },
  { path: 'notes.org', vscodeLanguage: 'plaintext', lines: [' # TODO: Tidy the notes', ' #+begin_src python', ' print("notes")', ' #+end_src', ' #+begin_comment', '  TODO: Link the sources', '   and the figures', ' #+end_comment'], todos: ['Tidy the notes', 'Link the sources'] },
  { path: 'card.scss', vscodeLanguage: 'scss', lines: ['// TODO: Use the theme colours', '.card {', '  font-weight: bold;', '  .title {', '    /* TODO: Check the contrast', '     * in dark themes', '     */', '    text-align: center;', '  }', '}'], todos: ['Use the theme colours', 'Check the contrast'] },
  { path: 'card.twig', vscodeLanguage: 'plaintext', lines: [' {# TODO: Show the price #}', ' {#', '   TODO:Show the stock', '   per warehouse', ' #}'], todos: ['Show the price', 'Show the stock'] },
  { path: 'guide.md', vscodeLanguage: 'markdown', lines: [' {/* text in Markdown, not a comment: TODO later */}', ' {/*', '   TODO: also text here', ' */}', " - [ ] TODO: a task list item, not a comment"], todos: [] },
  { path: 'guide.mdx', vscodeLanguage: 'plaintext', lines: [' {/* TODO: Add the screenshots */}', ' {/*', '   TODO:Explain the setup', '   step by step', ' */}', " - [ ] TODO: a task list item, not a comment"], todos: ['Add the screenshots', 'Explain the setup'] },
  { path: 'stats.r', vscodeLanguage: 'r', lines: ['summary <- function() {', '    # TODO: Drop the outliers', '    message("summary")', '', '    # TODO: Plot the residuals', '}'], todos: ['Drop the outliers', 'Plot the residuals'] },
  { path: 'report.rmd', vscodeLanguage: 'plaintext', lines: ['<!-- TODO: Knit to PDF -->'], todos: ['Knit to PDF'] },
  { path: 'report.qmd', vscodeLanguage: 'plaintext', lines: ['<!-- TODO: Render the slides -->'], todos: ['Render the slides'] },
  { path: 'greet.clj', vscodeLanguage: 'clojure', lines: ['(ns greet)', '', '(defn hello [name]', '  ;; TODO: Trim the name', '  (prn (str "hello " name))', '  ;; TODO: Greet in the user\'s language', '  (str "hello " name))'], todos: ['Trim the name', "Greet in the user's language"] },
  { path: 'level.gd', vscodeLanguage: 'plaintext', lines: ['# TODO Keep the players here', 'var _players := []', '', '# TODO Fade the music in', 'export var music_path: String'], todos: ['Keep the players here', 'Fade the music in'] },
  { path: 'devices.nix', vscodeLanguage: 'plaintext', lines: ['{', '  # TODO add the sensors', '  devices = [', '    "wheels"', '  ];', '  /*', '    TODO add the battery', '  */', '  sum = a: b: a + b;', '}'], todos: ['add the sensors', 'add the battery'] },
  { path: 'Page.xaml', vscodeLanguage: 'xml', lines: ['<!-- TODO: Bind the label -->', '<Label Text="name"/>', '<!-- TODO: Localise -->', '<Label Text="ok"/>'], todos: ['Bind the label', 'Localise'] },
  { path: 'kernel.cu', vscodeLanguage: 'cuda-cpp', lines: ['', '// TODO name the kernel', '__global__ void kernel() {', '    /*', '    TODO use shared memory', '    */', '}'], todos: ['name the kernel', 'use shared memory'] },
  {
    path: 'Makefile',
    vscodeLanguage: 'makefile',
    lines: ['# TODO pick a better name.', 'NAME = app', '', '# TODO list the sources by hand.', 'SRC = $(shell find src -name "*.c")', '.PHONY: all', 'all: $(NAME)', '$(NAME): $(SRC)', '\t# TODO make the output folder.', '\t$(CC) -o $@ $(SRC)'],
    todos: ['pick a better name.', 'list the sources by hand.', 'make the output folder.'],
  },
  {
    path: 'cart.liquid',
    vscodeLanguage: 'plaintext',
    lines: ['{% comment %} TODO: Drop the loop {% endcomment %}', '{% for i in (1..3) -%}', ' # TODO: printed, not a comment', '  {{ i }}', '{% endfor %}', '{% comment %}', 'TODO: Render the cart', '{% render "cart", items: items %}', '{% endcomment %}'],
    todos: ['Drop the loop', 'Render the cart'],
  },
  {
    path: 'Cart.tsx',
    vscodeLanguage: 'typescriptreact',
    lines: ['// TODO: rename the component', 'export default function Cart() {', '  /* TODO: Keep the items in state', '  labels: client  */', '', '  return (', '    <div>', '      {/*', '       TODO: use the design system', '      */}', '    </div>', '  );', '}'],
    todos: ['rename the component', 'Keep the items in state', 'use the design system'],
  },
  { path: 'Devices.purs', vscodeLanguage: 'plaintext', lines: ['-- | The devices every robot has.', '--', '-- TODO: Drop the default devices', 'defaults =', '  ["wheels"]', '', '{- | Adds two numbers.', '', 'TODO: Check for overflow', '-}', 'add a b = a + b'], todos: ['Drop the default devices', 'Check for overflow'] },
  { path: 'Devices.agda', vscodeLanguage: 'plaintext', lines: ['-- | The devices every robot has.', '--', '-- TODO: Prove the list is finite', 'defaults = ["wheels"]', '', '{- | Adds two numbers.', '', 'TODO: Prove it commutes', '-}', 'add a b = a + b'], todos: ['Prove the list is finite', 'Prove it commutes'] },
  { path: 'init.lua', vscodeLanguage: 'lua', lines: ['-- TODO: Load the plugins lazily', '--   one at a time', 'local a = 1', '', '--[[', '  TODO: Map the keys', '--]]', 'local b = 2'], todos: ['Load the plugins lazily', 'Map the keys'] },
  {
    path: 'Counter.sol',
    vscodeLanguage: 'plaintext',
    lines: ['contract Counter {', '    // TODO: Emit an event', '    //  on each change', '', '    /// TODO: Document the storage', '', '    /*', '    TODO: Check for overflow', '    */', '', '    /**', '    * TODO: Add a reset', '    */', '}'],
    todos: ['Emit an event', 'Document the storage', 'Check for overflow', 'Add a reset'],
  },
  {
    path: 'coin.move',
    vscodeLanguage: 'plaintext',
    lines: ['module coin::coin {', '    // TODO: Cap the supply', '', '    /// TODO: Document the coin', '', '    /*', '    TODO: Freeze accounts', '    */', '', '    /**', '    * TODO: Add a burn', '    */', '}'],
    todos: ['Cap the supply', 'Document the coin', 'Freeze accounts', 'Add a burn'],
  },
  { path: 'Dockerfile', vscodeLanguage: 'dockerfile', lines: ['WORKDIR /app', 'ENV PYTHONPATH /app', '# TODO: Run as a user', 'CMD ["/app/main.py"]'], todos: ['Run as a user'] },
  {
    path: 'setup.ps1',
    vscodeLanguage: 'powershell',
    lines: ['# Sets the machine up', '', '# TODO: Stop on the first error', '# in every step', '', 'function Get-Info {', '    # TODO: Report the disks', '    return Get-ComputerInfo', '}', '', '<#', 'TODO: Add a network check', '#>', 'Write-Host "Done"'],
    todos: ['Stop on the first error', 'Report the disks', 'Add a network check'],
  },
  {
    path: 'Orders.al',
    vscodeLanguage: 'plaintext',
    lines: ['codeunit 50100 "Orders"', '{', '    // TODO: Check the customer', '', '    procedure Post(No: Code[20])', '    begin', '        // TODO: Check the credit limit', '', '        /*', '        TODO: Handle errors', '        */', '    end;', '}'],
    todos: ['Check the customer', 'Check the credit limit', 'Handle errors'],
  },
];

describe('TODO detection: the cases of the todo-to-issue action, read as VS Code opens them', () => {
  it('has its 40 files', () => {
    assert.equal(FILES.length, 40);
  });

  for (const file of FILES) {
    it(`${file.path} (${file.vscodeLanguage})`, () => {
      const language = detectorLanguage(file.vscodeLanguage, file.path);
      if (file.vscodeLanguage === 'plaintext') assert.notEqual(language, 'plaintext', 'its name names a language');
      const found = findAllTodos(file.lines.join('\n'), language, KEYWORDS).map((t) => t.title);
      assert.deepEqual(found, [...file.todos]);
    });
  }

  it('keeps a plain text file plain, and a language VS Code knows as it is', () => {
    assert.equal(detectorLanguage('plaintext', '/notes/todo.txt'), 'plaintext');
    assert.equal(detectorLanguage('plaintext', '/notes/README'), 'plaintext');
    assert.equal(detectorLanguage('plaintext', '/src/Main.hs'), 'haskell');
    assert.equal(detectorLanguage('plaintext', '/lib/app.ex'), 'elixir');
    assert.equal(detectorLanguage('some-extension-language', '/lib/app.ex'), 'elixir');
    assert.equal(detectorLanguage('typescript', '/src/odd.hs'), 'typescript');
    assert.equal(languageForPath('/x/BUILD.bazel'), 'starlark');
  });
});
