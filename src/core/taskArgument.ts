// The task a command was given: its id, a row of the Tasks view, or a row of "Assigned to Me".
import { assignedTaskId } from './assigned/nodes';

export function taskIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg !== null && typeof arg === 'object' && (arg as { kind?: unknown }).kind === 'task') {
    return String((arg as { id: unknown }).id);
  }
  return assignedTaskId(arg);
}
