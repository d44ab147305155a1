// The parts of the extension that load on first use. Each module of ./parts/ is a bundle of its own
// (see esbuild.mjs): start-up registers every command and the views, and a part is imported, timed and
// started only when one of its commands runs, its view shows, or its work is needed (see extension.ts).
import * as vscode from 'vscode';
import { Commands, type CommandId } from '../core/contract';
import type { Session } from './auth/session';
import { registerCommand, type CommandHandler, type ErrorPresenter } from './commands';
import type { Logger } from './log';
import type { SettingsReader } from './settings';
import type { TaskService } from './taskService';
import type { AssignedNode } from '../core/assigned/nodes';
import type { TreeNode } from '../core/tasks/treeModel';
import type { LazyTreeData } from './tasks/lazyTree';
import { describeSpent, readClock, spent, sum, type ClockReading } from './loadClock';

/** What every part is started with. */
export interface PartHost {
  readonly log: Logger;
  readonly settings: SettingsReader;
  readonly session: Session;
  readonly tasks: TaskService;
  readonly presentError: ErrorPresenter;
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;
  /** The Tasks view, created at start-up; the tasks part gives it its data. */
  readonly tasksTree: { readonly view: vscode.TreeView<TreeNode>; readonly data: LazyTreeData<TreeNode> };
  /** "Assigned to Me", created at start-up; the assigned part gives it its data. */
  readonly assignedTree: { readonly view: vscode.TreeView<AssignedNode>; readonly data: LazyTreeData<AssignedNode> };
  /**
   * The one instance in this window of what several parts use (the organization's members),
   * made by the first part that asks; `make` is its key.
   */
  shared<T extends object>(make: (host: PartHost) => T): T;
}

/** A started part: the commands it serves, and what to dispose of when the extension stops. */
export interface Part extends vscode.Disposable {
  readonly commands: Partial<Record<CommandId, CommandHandler>>;
  /** Brings back one of the part's panels after a window reload (its serializer is registered at start-up, in extension.ts). */
  restorePanel?(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

export type PartName = 'todos' | 'account' | 'form' | 'review' | 'tasks' | 'assigned' | 'details';

/** The part that serves each command start-up does not serve itself. */
export const COMMAND_PARTS: Readonly<Partial<Record<CommandId, PartName>>> = {
  [Commands.signIn]: 'account',
  [Commands.switchOrganization]: 'account',
  [Commands.createTaskFromTodo]: 'form',
  [Commands.quickCreateTaskFromTodo]: 'form',
  [Commands.createTasksFromTodos]: 'review',
  [Commands.linkTodoToTask]: 'tasks',
  [Commands.updateTaskTitle]: 'tasks',
  [Commands.findLinkedTodos]: 'tasks',
  [Commands.revealTodo]: 'tasks',
  [Commands.refreshTask]: 'tasks',
  [Commands.completeTask]: 'tasks',
  [Commands.reopenTask]: 'tasks',
  [Commands.archiveTask]: 'tasks',
  [Commands.restoreTask]: 'tasks',
  [Commands.deleteTask]: 'tasks',
  [Commands.removeFromList]: 'tasks',
  [Commands.refreshTasks]: 'tasks',
  [Commands.groupByFile]: 'tasks',
  [Commands.showFlat]: 'tasks',
  [Commands.removeCompletedTodo]: 'tasks',
  [Commands.keepCompletedTodo]: 'tasks',
  [Commands.refreshAssigned]: 'assigned',
  [Commands.loadMoreAssigned]: 'assigned',
  [Commands.completeAssignedTask]: 'assigned',
  [Commands.showTaskDetails]: 'details',
};

/** Each part's module, as `import()` loads it (a literal path each, so the bundler makes it a bundle). */
/** A part's module: `loadedAt` is set by its bundle's last statement (see esbuild.mjs). */
interface PartModule {
  start(host: PartHost): Part | Promise<Part>;
  readonly loadedAt?: { readonly started: ClockReading; readonly ended: ClockReading };
}

const LOADERS: { readonly [P in PartName]: () => Promise<PartModule> } = {
  todos: () => import('./parts/todos'),
  account: () => import('./parts/account'),
  form: () => import('./parts/form'),
  review: () => import('./parts/review'),
  tasks: () => import('./parts/tasks'),
  assigned: () => import('./parts/assigned'),
  details: () => import('./parts/details'),
};

/** What each part is called in the log. */
const PART_NAMES: { readonly [P in PartName]: string } = {
  todos: 'TODO comments',
  account: 'sign-in',
  form: 'task form',
  review: 'review of TODOs',
  tasks: 'Tasks view',
  assigned: 'Assigned to Me view',
  details: 'task details',
};

export class Parts implements vscode.Disposable {
  private readonly started = new Map<PartName, Promise<Part>>();
  private readonly instances = new Map<(host: PartHost) => object, object>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly host: PartHost;
  private disposed = false;

  constructor(host: Omit<PartHost, 'shared'>) {
    this.host = { ...host, shared: (make) => this.shared(make) };
  }

  /** The part, loaded and started on the first call (again after a failed load). */
  get(name: PartName): Promise<Part> {
    let part = this.started.get(name);
    if (part === undefined) {
      part = this.start(name);
      this.started.set(name, part);
      part.catch(() => this.started.delete(name));
    }
    return part;
  }

  /** Starts a part for work that comes without a command; a failure is logged. */
  ensure(name: PartName): void {
    this.get(name).catch((error: unknown) => this.host.log.error(`Could not start the ${PART_NAMES[name]}: ${String(error)}`));
  }

  /** Registers every command a part serves: the part loads when the command first runs. */
  registerCommands(deps: { log: Logger; presentError: ErrorPresenter }): vscode.Disposable {
    return vscode.Disposable.from(
      ...Object.entries(COMMAND_PARTS).map(([id, name]) =>
        registerCommand(id as CommandId, async (...args) => {
          const handler = (await this.get(name)).commands[id as CommandId];
          if (handler === undefined) throw new Error(`The ${PART_NAMES[name]} part does not serve ${id}.`);
          return handler(...args);
        }, deps),
      ),
    );
  }

  private async start(name: PartName): Promise<Part> {
    const began = performance.now();
    const module = await LOADERS[name]();
    const starting = readClock();
    const part = await module.start(this.host);
    if (this.disposed) {
      part.dispose();
      throw new Error('The extension stopped.');
    }
    this.disposables.push(part);
    // The part's own cost: its code's run and its start; the clock from the first use to the part
    // started also counts what else the extension host did meanwhile.
    const own = sum(module.loadedAt ? spent(module.loadedAt.started, module.loadedAt.ended) : { ms: 0, cpuMs: 0 }, spent(starting, readClock()));
    this.host.log.info(`Loaded the ${PART_NAMES[name]} in ${describeSpent(own)}, ${(performance.now() - began).toFixed(1)} ms after it was first needed`);
    return part;
  }

  private shared<T extends object>(make: (host: PartHost) => T): T {
    let instance = this.instances.get(make) as T | undefined;
    if (instance === undefined) {
      instance = make(this.host);
      this.instances.set(make, instance);
      if ('dispose' in instance && typeof instance.dispose === 'function') this.disposables.push(instance as unknown as vscode.Disposable);
    }
    return instance;
  }

  dispose(): void {
    this.disposed = true;
    vscode.Disposable.from(...this.disposables.reverse()).dispose();
  }
}
