// What "completed" means, once for every layer (an API answer, a stored record, the view): done in
// Tallyfy's sense when `completed_at` is set or the status says completed.

const DONE_STATUSES: ReadonlySet<string> = new Set(['completed', 'complete']);
const CANONICAL = /^[a-z-]*$/;

/** A status in its canonical form (`In Progress`, `in_progress` → `in-progress`). */
export function normalizedStatus(status: string): string {
  // Statuses nearly always come canonical (`in-progress`): skip the rewrite then.
  return CANONICAL.test(status) ? status : status.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** The status alone says the task is done. */
export function isDoneStatus(status: string): boolean {
  return DONE_STATUSES.has(normalizedStatus(status));
}

/** Done in Tallyfy's sense: `completed_at` is set, or the status says completed. */
export function isDone(task: { readonly status: string; readonly completedAt?: string | undefined }): boolean {
  return (task.completedAt !== undefined && task.completedAt !== '') || isDoneStatus(task.status);
}
