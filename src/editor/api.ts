import type * as vscode from 'vscode';
import type { TaskRecord } from '../core/records';
import type { CreateTaskRequest, TaskService } from './taskService';

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

export function createApi(tasks: TaskService): TallyfyTodoApi {
  return {
    apiVersion: 1,
    createTask: (input) => tasks.create(input),
    createdTasks: () => tasks.createdTasks(),
    onDidChangeTasks: tasks.onDidChangeTasks,
  };
}
