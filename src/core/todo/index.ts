// Detection of TODO comments (pure, no editor API) and the task reference written back into them.

export type { LineSource, TextDocumentLike, TodoComment, TodoPosition, TodoRange, TodoReference, TodoSource, TodoTextEdit } from './types';
export { arrayLineSource, splitLines, toLineSource } from './lines';
export { MAX_CONTINUATION_LINES } from './todoBuilder';
export { findAllTodos, findTodoAt, findTodosInRange, refindTodo, todoMeant, todosInRange } from './detect';
export { DocumentScan, scanKey, type ExpectedTodo, type ScannedText, type TextChange } from './documentScan';
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
export { detectorLanguage, languageForPath } from './fileLanguages';
