// Detection of TODO comments (pure, no editor API) and the task reference written back into them.

export type { LineSource, TextDocumentLike, TodoComment, TodoPosition, TodoRange, TodoReference, TodoSource, TodoTextEdit } from './types';
export { arrayLineSource, splitLines, toLineSource } from './lines';
export {
  EXACT_LINES,
  LOOKAHEAD_LINES,
  LOOKBACK_LINES,
  MAX_CONTINUATION_LINES,
  type ExpectedTodo,
  findAllTodos,
  findTodoAt,
  findTodosInRange,
  refindTodo,
} from './detect';
export {
  REFERENCE_PREFIX,
  type LineReferenceMatch,
  type ReferenceMatch,
  findReferences,
  findReferencesByLine,
  formatReference,
  isTaskId,
} from './references';
export { referenceEdit } from './writeback';
export { languageForPath } from './fileLanguages';
