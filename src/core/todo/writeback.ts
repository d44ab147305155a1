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
import { formatReference } from './references';
import type { TodoComment, TodoTextEdit } from './types';

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

