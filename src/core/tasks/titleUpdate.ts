// The update that changes only a task's title. Tallyfy has no partial update of a one-off task: every
// PUT must carry `title`, `deadline` and `owners`, and the `owners` sent replace the task's whole list
// of assignees. So the body repeats the task's own deadline and every one of its assignees as Tallyfy
// has them now; leaving anyone out would unassign them.
import type { Task, UpdateTaskInput } from '../tallyfy/schema';

/**
 * The body that renames `task` to `title` (trimmed) and changes nothing else: its deadline, and all of
 * its members (by user id), guests (by email) and groups (by group id). Throws a RangeError when the task
 * has no deadline: Tallyfy's tasks always carry one, and without it the update cannot be made safely.
 */
export function titleUpdateBody(task: Task, title: string): UpdateTaskInput {
  if (task.deadline === undefined || task.deadline === '') {
    throw new RangeError(
      `Task ${task.id} has no deadline: every update must repeat the task's own deadline, so its title cannot be changed safely.`,
    );
  }
  return {
    title: title.trim(),
    deadline: task.deadline,
    owners: {
      users: task.owners.users.map((user) => user.id),
      guests: [...task.owners.guests],
      groups: task.owners.groups.map((group) => group.id),
    },
  };
}
