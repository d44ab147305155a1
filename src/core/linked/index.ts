export { globTest, type PathTest } from './glob';
export { idsOf, linkedTodosIn, ReferenceIndex, type LinkedPlace, type LinkedTodo } from './referenceIndex';
export { decideRemovals, offered, removedIds, type RemovalContext, type RemovalDecision, type RemovalVerdict } from './removals';
export { pastedTaskId } from './pastedTask';
export { titleToOffer } from './titleChange';
