// When a linked TODO's text no longer says what its task's title says: the TODO is the newer wording,
// offered (never sent by itself) as the task's title once the file is saved.
import type { TaskRecord } from '../records/record';
import { isOpen } from '../tasks/status';

const spaced = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * The title to offer for the task, or undefined: the document is saved, the task is known and open,
 * and the TODO's title (blanks collapsed) differs from the task's.
 */
export function titleToOffer(todoTitle: string, record: TaskRecord | undefined, documentDirty: boolean): string | undefined {
  const title = spaced(todoTitle);
  if (documentDirty || record === undefined || !isOpen(record) || title === '') return undefined;
  return title === spaced(record.title) ? undefined : title;
}
