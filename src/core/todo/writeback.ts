// Writing the task reference back into a TODO.
//
// Mode "keyword" puts the reference in parentheses right after the keyword, the place many conventions
// use for an owner or ticket:
//   // TODO: Prepare Q3 report      → // TODO(tallyfy:<id>): Prepare Q3 report
//   // TODO(alice): Prepare         → // TODO(alice, tallyfy:<id>): Prepare
//   // TODO - Prepare / TODO Prepare → // TODO(tallyfy:<id>) - Prepare / TODO(tallyfy:<id>) Prepare
// The doc-tag form gets a blank first, because documentation tools read `@todo(…)` as a different tag name:
//   * @todo Prepare                → * @todo (tallyfy:<id>) Prepare
// Mode "end" appends ` (tallyfy:<id>)` to the TODO's first line, before a closer on that line:
//   /* TODO: Prepare */             → /* TODO: Prepare (tallyfy:<id>) */
// Mode "none" writes nothing. A TODO that already holds the reference gets no edit. Either way the TODO
// keeps its title when detected again; `references` then holds the id.

import type { WriteBackMode } from '../contract';
import { findTodoAt, refindTodo } from './detect';
import { formatReference } from './references';
import type { TodoComment, TodoSource, TodoTextEdit } from './types';

/** The edit that writes the reference to task `id` into `todo`; undefined for mode "none" or when already there. */
export function referenceEdit(todo: TodoComment, mode: WriteBackMode, id: string): TodoTextEdit | undefined {
  const token = formatReference(id);
  if (mode === 'none' || todo.references.includes(id)) return undefined;
  if (mode === 'end') {
    const at = todo.headEnd;
    return { line: at.line, startCharacter: at.character, endCharacter: at.character, newText: ` (${token})` };
  }
  const tags = todo.tagsRange;
  if (tags !== undefined) {
    const close = tags.end.character - 1;
    if (todo.authors.length === 0 && todo.references.length === 0) {
      return { line: tags.start.line, startCharacter: tags.start.character + 1, endCharacter: close, newText: token };
    }
    return { line: tags.start.line, startCharacter: close, endCharacter: close, newText: `, ${token}` };
  }
  const at = todo.keywordRange.end;
  const newText = todo.docTag ? ` (${token})` : `(${token})`;
  return { line: at.line, startCharacter: at.character, endCharacter: at.character, newText };
}

/** Applies a one-line edit to that line's text. */
export function applyLineEdit(lineText: string, edit: TodoTextEdit): string {
  return lineText.slice(0, edit.startCharacter) + edit.newText + lineText.slice(edit.endCharacter);
}

/**
 * Re-finds `todo` in the current document (lines may have moved since it was detected) and returns the
 * edit for it, or undefined when it is gone, already linked, or mode is "none".
 */
export function referenceEditForCurrent(
  source: TodoSource,
  languageId: string,
  keywords: readonly string[],
  todo: Pick<TodoComment, 'keyword' | 'title' | 'range'>,
  mode: WriteBackMode,
  id: string,
): TodoTextEdit | undefined {
  if (mode === 'none') return undefined;
  const line = todo.range.start.line;
  const here = findTodoAt(source, languageId, keywords, todo.range.start);
  const current =
    here !== undefined && here.range.start.line === line && here.keyword === todo.keyword && here.title === todo.title
      ? here
      : refindTodo(source, languageId, keywords, { line, keyword: todo.keyword, title: todo.title });
  return current === undefined ? undefined : referenceEdit(current, mode, id);
}
