// The names other code relies on: command ids, setting keys with their defaults, views and context keys.
// Declared once here; `test/unit/manifest.test.ts` checks them against package.json.

export const EXTENSION_ID = 'tallyfy-todo.tallyfy-todo';

export const Commands = {
  signIn: 'tallyfy.signIn',
  signOut: 'tallyfy.signOut',
  switchOrganization: 'tallyfy.switchOrganization',
  createTaskFromTodo: 'tallyfy.createTaskFromTodo',
  /** The editor context menu's entry: same action, titled "Create Tallyfy Task from TODO". */
  createTaskFromTodoMenu: 'tallyfy.createTaskFromTodo.menu',
  quickCreateTaskFromTodo: 'tallyfy.quickCreateTaskFromTodo',
  /** Reviews the unlinked TODOs of a selection, file, folder or the workspace, then creates their tasks. */
  createTasksFromTodos: 'tallyfy.createTasksFromTodos',
  /** Links an unlinked TODO to a task that already exists. */
  linkTodoToTask: 'tallyfy.linkTodoToTask',
  /** Sends a linked TODO's saved text as its task's title (from the hover and the lightbulb; not in the palette). */
  updateTaskTitle: 'tallyfy.updateTaskTitle',
  refreshTasks: 'tallyfy.refreshTasks',
  findLinkedTodos: 'tallyfy.findLinkedTodos',
  showLog: 'tallyfy.showLog',
  /** Opens a task in Tallyfy by id (from the lightbulb and the hover; not in the palette). */
  openTask: 'tallyfy.openTask',
  /** Copies a task id (from the hover; not in the palette). */
  copyTaskId: 'tallyfy.copyTaskId',
  // Actions on one task of the Tasks view (its context menu; not in the palette).
  revealTodo: 'tallyfy.revealTodo',
  refreshTask: 'tallyfy.refreshTask',
  completeTask: 'tallyfy.completeTask',
  reopenTask: 'tallyfy.reopenTask',
  archiveTask: 'tallyfy.archiveTask',
  /** Brings an archived task back (offered instead of Complete, Reopen and Archive on an archived task). */
  restoreTask: 'tallyfy.restoreTask',
  deleteTask: 'tallyfy.deleteTask',
  removeFromList: 'tallyfy.removeFromList',
  // The Tasks view's grouping, from its title bar.
  groupByFile: 'tallyfy.groupByFile',
  showFlat: 'tallyfy.showFlat',
  /** The "Remove the TODO" quick fix of a completed task's diagnostic (not in the palette). */
  removeCompletedTodo: 'tallyfy.removeCompletedTodo',
  /** The "Keep it" quick fix (not in the palette). */
  keepCompletedTodo: 'tallyfy.keepCompletedTodo',
  /** Opens a task's details panel: a task id, a row of either view, or (from the palette) a task to choose. */
  showTaskDetails: 'tallyfy.showTaskDetails',
  // "Assigned to Me": its title bar, its "Load more" row and its rows' Complete (not in the palette but Refresh).
  refreshAssigned: 'tallyfy.refreshAssigned',
  loadMoreAssigned: 'tallyfy.loadMoreAssigned',
  completeAssignedTask: 'tallyfy.completeAssignedTask',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Titles as the palette shows them after the "Tallyfy" category. */
export const CommandTitles: Readonly<Record<CommandId, string>> = {
  [Commands.signIn]: 'Sign In',
  [Commands.signOut]: 'Sign Out',
  [Commands.switchOrganization]: 'Switch Organization',
  [Commands.createTaskFromTodo]: 'Create Task from TODO',
  [Commands.createTaskFromTodoMenu]: 'Create Tallyfy Task from TODO',
  [Commands.quickCreateTaskFromTodo]: 'Quick Create Task from TODO',
  [Commands.createTasksFromTodos]: 'Create Tasks from TODOs…',
  [Commands.linkTodoToTask]: 'Link TODO to Tallyfy Task…',
  [Commands.updateTaskTitle]: "Update the Task's Title",
  [Commands.refreshTasks]: 'Refresh Tasks',
  [Commands.findLinkedTodos]: 'Find Linked TODOs',
  [Commands.showLog]: 'Show Log',
  [Commands.openTask]: 'Open in Tallyfy',
  [Commands.copyTaskId]: 'Copy Task Id',
  [Commands.revealTodo]: 'Go to TODO',
  [Commands.refreshTask]: 'Refresh',
  [Commands.completeTask]: 'Complete',
  [Commands.reopenTask]: 'Reopen',
  [Commands.archiveTask]: 'Archive',
  [Commands.restoreTask]: 'Restore',
  [Commands.deleteTask]: 'Delete Permanently',
  [Commands.removeFromList]: 'Remove from This List',
  [Commands.groupByFile]: 'Group by File',
  [Commands.showFlat]: 'Show as List',
  [Commands.removeCompletedTodo]: 'Remove the TODO',
  [Commands.keepCompletedTodo]: 'Keep the TODO',
  [Commands.showTaskDetails]: 'Show Task Details',
  [Commands.refreshAssigned]: 'Refresh Assigned to Me',
  [Commands.loadMoreAssigned]: 'Load More',
  [Commands.completeAssignedTask]: 'Complete',
};

/** Commands that act on a task or a TODO given as arguments, hidden from the palette. */
export const PaletteHiddenCommands: readonly CommandId[] = [
  Commands.createTaskFromTodoMenu,
  Commands.updateTaskTitle,
  Commands.openTask,
  Commands.copyTaskId,
  Commands.revealTodo,
  Commands.refreshTask,
  Commands.completeTask,
  Commands.reopenTask,
  Commands.archiveTask,
  Commands.restoreTask,
  Commands.deleteTask,
  Commands.removeFromList,
  Commands.groupByFile,
  Commands.showFlat,
  Commands.removeCompletedTodo,
  Commands.keepCompletedTodo,
  Commands.loadMoreAssigned,
  Commands.completeAssignedTask,
];

export const COMMAND_CATEGORY = 'Tallyfy';

export const CONFIG_SECTION = 'tallyfy';

export const WriteBackModes = ['keyword', 'end', 'none'] as const;
export type WriteBackMode = (typeof WriteBackModes)[number];

export const CreateOpensModes = ['form', 'quick'] as const;

export const TodoRemovedModes = ['ask', 'never'] as const;
export type TodoRemovedMode = (typeof TodoRemovedModes)[number];
export type CreateOpensMode = (typeof CreateOpensModes)[number];

/** Every setting under `tallyfy.` with its default, exactly as package.json declares it. */
export const SettingDefaults = {
  apiBaseUrl: 'https://go.tallyfy.com/api',
  organizationId: '',
  todoKeywords: ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG'] as readonly string[],
  writeBack: 'keyword' as WriteBackMode,
  defaultDeadlineDays: 7,
  createOpens: 'form' as CreateOpensMode,
  contextLines: 3,
  codeLens: false,
  requestTimeoutSeconds: 30,
  autoRefreshMinutes: 5,
  completedTaskDiagnostics: true,
  taskUrlTemplate: '',
  onTodoRemoved: 'ask' as TodoRemovedMode,
  maxLinkedTasks: 500,
};
export type SettingKey = keyof typeof SettingDefaults;
export type Settings = { [K in SettingKey]: (typeof SettingDefaults)[K] };

export const Views = {
  container: 'tallyfy',
  tasks: 'tallyfy.tasks',
  assigned: 'tallyfy.assigned',
} as const;

/** The webview panels' types (a panel VS Code brings back after a reload names its type). */
export const PanelTypes = {
  taskForm: 'tallyfy.taskForm',
  review: 'tallyfy.review',
  details: 'tallyfy.taskDetails',
} as const;

export const ViewTitles = {
  [Views.container]: 'Tallyfy',
  [Views.tasks]: 'Tasks',
  [Views.assigned]: 'Assigned to Me',
} as const;

/** Context keys the extension sets for `when` clauses. */
export const ContextKeys = {
  signedIn: 'tallyfy.signedIn',
  onTodo: 'tallyfy.onTodo',
  /** The cursor is on a TODO that carries a `tallyfy:<id>` reference. */
  onLinkedTodo: 'tallyfy.onLinkedTodo',
  /** How the Tasks view groups: `file` or `flat`. */
  tasksGrouping: 'tallyfy.tasksGrouping',
} as const;

/** The code actions offered on TODO lines. */
export const CodeActionTitles = {
  create: 'Create Tallyfy task from TODO',
  link: 'Link TODO to existing Tallyfy task',
  open: 'Open Tallyfy task',
  updateTitle: "Update the task's title",
} as const;
