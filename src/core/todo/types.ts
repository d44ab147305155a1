// Public shapes of the TODO detector: positions as VS Code counts them (0-based lines, UTF-16 characters).

export interface TodoPosition {
  readonly line: number;
  readonly character: number;
}

export interface TodoRange {
  readonly start: TodoPosition;
  readonly end: TodoPosition;
}

/**
 * A document's lines without their terminators. An editor can hand its own document over
 * (`{ lineCount: doc.lineCount, lineAt: (i) => doc.lineAt(i).text }`) instead of copying the text.
 */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

/**
 * A document that can give its text and map an offset in it to a position (a VS Code TextDocument is
 * one). findAllTodos uses the document's own line index for line numbers instead of counting newlines.
 */
export interface TextDocumentLike {
  getText(): string;
  positionAt(offset: number): { readonly line: number; readonly character: number };
}

/** Whole text (any of \r\n, \n, \r ends a line), an array of lines, or a line accessor. */
export type TodoSource = string | readonly string[] | LineSource;

/** A `tallyfy:<id>` token found in a comment. */
export interface TodoReference {
  readonly id: string;
  readonly range: TodoRange;
}

export interface TodoComment {
  /** The configured keyword that matched, e.g. `TODO` (also for the doc-tag form `@todo`). */
  readonly keyword: string;
  /** The keyword as written in the source: `TODO`, `@todo`, `@TODO`. */
  readonly keywordText: string;
  /** True for the doc-comment form (`@todo`). */
  readonly docTag: boolean;
  /** The task title: the first line's text after the keyword, its tag list and punctuation, without references. */
  readonly title: string;
  /** The continuation lines, markers and leading `*` stripped, joined with `\n`; '' when there are none. */
  readonly description: string;
  /** Names or tags from the parentheses after the keyword (`TODO(alice):` → `['alice']`), references excluded. */
  readonly authors: readonly string[];
  /** Task ids this TODO links to (`tallyfy:<id>` anywhere in the TODO, continuation lines included), in order, unique. */
  readonly references: readonly string[];
  /** Every `tallyfy:<id>` token with its range, in document order. */
  readonly referenceTokens: readonly TodoReference[];
  /** From the keyword to the end of the last line's text (continuation lines included, comment closer excluded). */
  readonly range: TodoRange;
  readonly keywordRange: TodoRange;
  /** The parenthesised list after the keyword, parentheses included; undefined when there is none. */
  readonly tagsRange: TodoRange | undefined;
  /** The end of the comment text on the first line (before trailing blanks and a closer on that line). */
  readonly headEnd: TodoPosition;
  /** The comment's form: a line comment (`//`, `#`, …) or a block comment (`/* … *\/`, `<!-- -->`, …). */
  readonly comment: 'line' | 'block';
  /** The marker that opened the comment: `//`, `#`, `/*`, `<!--`, … */
  readonly marker: string;
}

/** One text edit on one line, for the editor to apply as a WorkspaceEdit. */
export interface TodoTextEdit {
  readonly line: number;
  readonly startCharacter: number;
  readonly endCharacter: number;
  readonly newText: string;
}
