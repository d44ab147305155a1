import type * as vscode from 'vscode';
import type { TaskRecord } from '../core/records';
import type { Session } from './auth/session';
import type { Logger } from './log';
import type { CreateTaskRequest } from './taskCreation';
import type { TaskService } from './taskService';

/** What `activate()` returns to other extensions and tests (`vscode.extensions.getExtension(…).exports`). */
export interface TallyfyTodoApi {
  readonly apiVersion: 1;
  /**
   * Creates a one-off task as the signed-in user. `input` uses the API's field names and the shared
   * schema; `owners` defaults to the signed-in user and `deadline` to the default deadline. Bad input is
   * rejected before any request with a `TallyfyError` (`kind`, `message`, `fieldErrors`).
   */
  createTask(input: CreateTaskRequest): Promise<TaskRecord>;
  /** The tasks created from this workspace, newest first. */
  createdTasks(): readonly TaskRecord[];
  readonly onDidChangeTasks: vscode.Event<void>;
}

export function createApi(deps: { tasks: TaskService; session: Session; log: Logger }): TallyfyTodoApi {
  const { tasks } = deps;
  return {
    apiVersion: 1,
    // The creates load with the form's part on first use.
    createTask: async (input) => (await import('./parts/form')).createTask(deps, input),
    createdTasks: () => tasks.createdTasks(),
    onDidChangeTasks: tasks.onDidChangeTasks,
  };
}
