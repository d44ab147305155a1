// The language VS Code gives a file by its name, for files read without opening them (a scan of many
// files must not open a document for each). `files.associations` comes first, as in VS Code; a name
// this table does not know returns undefined, and the editor then asks VS Code by opening the document.
// The same table names the language of a file VS Code shows as plain text for want of an extension
// (`.hs` without a Haskell extension): the detector then reads it with that language's comments.

import { LANGUAGES, NO_COMMENTS } from './languages';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  js: 'javascript', cjs: 'javascript', mjs: 'javascript', es6: 'javascript', jsx: 'javascriptreact',
  ts: 'typescript', cts: 'typescript', mts: 'typescript', tsx: 'typescriptreact',
  json: 'json', jsonc: 'jsonc', json5: 'json5', code_snippets: 'snippets',
  c: 'c', h: 'cpp', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', 'c++': 'cpp', hh: 'cpp', hpp: 'cpp', hxx: 'cpp', ino: 'cpp', cu: 'cuda-cpp', cuh: 'cuda-cpp',
  m: 'objective-c', mm: 'objective-cpp', hlsl: 'hlsl', glsl: 'glsl', vert: 'glsl', frag: 'glsl', shader: 'shaderlab',
  d: 'd', cs: 'csharp', csx: 'csharp', java: 'java', kt: 'kotlin', kts: 'kotlin', scala: 'scala', sc: 'scala', swift: 'swift',
  go: 'go', rs: 'rust', dart: 'dart', groovy: 'groovy', gradle: 'groovy', sol: 'solidity', proto: 'proto3', prisma: 'prisma',
  v: 'verilog', sv: 'systemverilog', svh: 'systemverilog', zig: 'zig', cls: 'apex', trigger: 'apex',
  php: 'php', phtml: 'php', py: 'python', pyi: 'python', pyw: 'python', rb: 'ruby', rake: 'ruby', gemspec: 'ruby',
  pl: 'perl', pm: 'perl', raku: 'raku', rakumod: 'raku', p6: 'perl6',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ksh: 'shellscript', fish: 'fish', ps1: 'powershell', psm1: 'powershell', psd1: 'powershell',
  bat: 'bat', cmd: 'bat', lua: 'lua', sql: 'sql', r: 'r', jl: 'julia', hs: 'haskell', elm: 'elm', purs: 'purescript',
  ml: 'ocaml', mli: 'ocaml', re: 'reason', rei: 'reason', fs: 'fsharp', fsi: 'fsharp', fsx: 'fsharp', vb: 'vb',
  html: 'html', htm: 'html', xhtml: 'html', vue: 'vue', svelte: 'svelte', xml: 'xml', xsd: 'xml', csproj: 'xml', xsl: 'xsl', xslt: 'xsl', svg: 'xml',
  md: 'markdown', markdown: 'markdown', mdx: 'mdx', css: 'css', scss: 'scss', less: 'less', sass: 'sass', styl: 'stylus',
  yaml: 'yaml', yml: 'yaml', toml: 'toml', cmake: 'cmake', ini: 'ini', cfg: 'ini', properties: 'properties', env: 'dotenv',
  tf: 'terraform', tfvars: 'terraform', hcl: 'hcl', coffee: 'coffeescript', clj: 'clojure', cljs: 'clojure', cljc: 'clojure', edn: 'clojure',
  lisp: 'lisp', lsp: 'lisp', scm: 'scheme', ss: 'scheme', rkt: 'racket', el: 'emacs-lisp', tex: 'latex', sty: 'latex', bib: 'bibtex',
  erl: 'erlang', hrl: 'erlang', ex: 'elixir', exs: 'elixir', nim: 'nim', pas: 'pascal', pp: 'pascal', adb: 'ada', ads: 'ada',
  vhd: 'vhdl', vhdl: 'vhdl', f: 'fortran', for: 'fortran', f90: 'fortran-modern', f95: 'fortran-modern', graphql: 'graphql', gql: 'graphql',
  nix: 'nix', hbs: 'handlebars', twig: 'twig', liquid: 'liquid', org: 'org', rmd: 'rmd', qmd: 'quarto', agda: 'agda',
  cr: 'crystal', abap: 'abap', bzl: 'starlark', star: 'starlark', bazel: 'starlark', gd: 'gdscript', ahk: 'autohotkey', move: 'move', al: 'al',
  handlebars: 'handlebars', cshtml: 'razor', pug: 'jade', jade: 'jade', txt: 'plaintext', diff: 'diff', patch: 'diff', log: 'log',
};

const BY_NAME: Readonly<Record<string, string>> = {
  dockerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile', 'cmakelists.txt': 'cmake', '.gitignore': 'ignore',
  '.dockerignore': 'ignore', '.npmignore': 'ignore', '.env': 'dotenv', 'requirements.txt': 'pip-requirements', gemfile: 'ruby', rakefile: 'ruby',
  workspace: 'starlark', build: 'starlark',
  'docker-compose.yml': 'dockercompose', 'docker-compose.yaml': 'dockercompose', 'compose.yml': 'dockercompose', 'compose.yaml': 'dockercompose',
};

/** `files.associations` entries this understands: `*.ext`, a file name, or `**\/name`-style suffixes. */
function associated(name: string, associations: Readonly<Record<string, unknown>>): string | undefined {
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const [pattern, language] of Object.entries(associations)) {
    if (typeof language !== 'string') continue;
    const last = pattern.split('/').pop()?.toLowerCase() ?? '';
    if (last === lower) return language;
    if (last.startsWith('*.') && !last.slice(2).includes('*') && lower.endsWith(last.slice(1))) found = language;
  }
  return found;
}

/** The language id of a file by its path, or undefined when only VS Code can tell (open the document). */
export function languageForPath(path: string, associations: Readonly<Record<string, unknown>> = {}): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const fromSettings = associated(name, associations);
  if (fromSettings !== undefined) return fromSettings;
  const lower = name.toLowerCase();
  const byName = BY_NAME[lower];
  if (byName !== undefined) return byName;
  if (lower.startsWith('dockerfile.')) return 'dockerfile';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return BY_EXTENSION[lower.slice(dot + 1)];
}

/**
 * The language whose comments the detector reads a document with: VS Code's language id, unless that id
 * gives no comment syntax the detector knows (`plaintext`, or an id it has no entry for) and the file's
 * name names a language it knows. A `.txt` file stays plain text.
 */
export function detectorLanguage(languageId: string, path: string | undefined): string {
  if (Object.prototype.hasOwnProperty.call(LANGUAGES, languageId) && LANGUAGES[languageId] !== NO_COMMENTS) return languageId;
  const byName = path === undefined ? undefined : languageForPath(path);
  return byName !== undefined && Object.prototype.hasOwnProperty.call(LANGUAGES, byName) && LANGUAGES[byName] !== NO_COMMENTS ? byName : languageId;
}
