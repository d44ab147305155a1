// Which tasks the workspace's TODOs refer to: per file, the `tallyfy:<id>` references that stand in TODO
// comments (a reference in code or prose elsewhere does not count). The editor fills it from the files
// and keeps it current file by file; a change costs the work of that file alone.
import { findAllTodos } from '../todo/detect';
import { REFERENCE_PREFIX } from '../todo/references';

/** A reference to a task in one TODO. */
export interface LinkedTodo {
  readonly id: string;
  /** 0-based line of the TODO's first line. */
  readonly line: number;
}

/** Where a task is referenced: a file (as the editor names it, e.g. a URI) and the TODO's line. */
export interface LinkedPlace extends LinkedTodo {
  readonly file: string;
}

const NONE: readonly LinkedTodo[] = [];

/** The references in the TODO comments of a text, in order (one per TODO and task). Cheap for a text without any. */
export function linkedTodosIn(text: string, languageId: string, keywords: readonly string[]): readonly LinkedTodo[] {
  if (keywords.length === 0 || !text.includes(REFERENCE_PREFIX)) return NONE;
  const out: LinkedTodo[] = [];
  for (const todo of findAllTodos(text, languageId, keywords)) {
    for (const id of todo.references) out.push({ id, line: todo.range.start.line });
  }
  return out;
}

/** The ids of a list of linked TODOs, once each. */
export function idsOf(todos: readonly LinkedTodo[]): Set<string> {
  return new Set(todos.map((todo) => todo.id));
}

export class ReferenceIndex {
  private readonly byFile = new Map<string, readonly LinkedTodo[]>();
  /** For each task id, the files referring to it. */
  private readonly filesById = new Map<string, Set<string>>();

  /** Sets a file's references; true when the set of ids the workspace refers to, or a place, changed. */
  set(file: string, todos: readonly LinkedTodo[]): boolean {
    const before = this.byFile.get(file) ?? NONE;
    if (sameTodos(before, todos)) return false;
    this.forget(file, before);
    if (todos.length === 0) {
      this.byFile.delete(file);
      return true;
    }
    this.byFile.set(file, todos);
    for (const { id } of todos) {
      let files = this.filesById.get(id);
      if (files === undefined) this.filesById.set(id, (files = new Set()));
      files.add(file);
    }
    return true;
  }

  /** Drops a file (deleted, or now excluded); true when it had references. */
  delete(file: string): boolean {
    return this.set(file, NONE);
  }

  /** Drops every file `inside` says is under a removed folder; true when any had references. */
  deleteWhere(inside: (file: string) => boolean): boolean {
    let changed = false;
    for (const file of [...this.byFile.keys()]) if (inside(file)) changed = this.delete(file) || changed;
    return changed;
  }

  clear(): void {
    this.byFile.clear();
    this.filesById.clear();
  }

  /** The references of one file as last indexed. */
  todosOf(file: string): readonly LinkedTodo[] {
    return this.byFile.get(file) ?? NONE;
  }

  /** The files that have references. */
  files(): string[] {
    return [...this.byFile.keys()];
  }

  /** Every task id referred to, once each. */
  ids(): string[] {
    return [...this.filesById.keys()];
  }

  /** Whether any file refers to the task. */
  has(id: string): boolean {
    return this.filesById.has(id);
  }

  get size(): number {
    return this.filesById.size;
  }

  /** Whether any file other than `file` refers to the task. */
  referencedOutside(id: string, file: string): boolean {
    const files = this.filesById.get(id);
    if (files === undefined) return false;
    return files.size > (files.has(file) ? 1 : 0);
  }

  /** The first place that refers to the task (files in name order), or undefined. */
  placeOf(id: string): LinkedPlace | undefined {
    const files = this.filesById.get(id);
    if (files === undefined) return undefined;
    const [file] = [...files].sort();
    const todo = file === undefined ? undefined : this.byFile.get(file)?.find((t) => t.id === id);
    return file === undefined || todo === undefined ? undefined : { file, ...todo };
  }

  private forget(file: string, todos: readonly LinkedTodo[]): void {
    for (const { id } of todos) {
      const files = this.filesById.get(id);
      files?.delete(file);
      if (files?.size === 0) this.filesById.delete(id);
    }
  }
}

function sameTodos(a: readonly LinkedTodo[], b: readonly LinkedTodo[]): boolean {
  return a.length === b.length && a.every((todo, i) => todo.id === b[i]?.id && todo.line === b[i]?.line);
}
