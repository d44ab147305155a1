// The model behind the Tallyfy tasks view: groups (workspace folder → file, or a flat list), sorting,
// and what each row shows. Pure: the editor's TreeDataProvider maps these nodes to TreeItems.
//
// The grouping is built once per change of records or mode (on the first call that needs it); a
// group's records are sorted the first time the group is opened; a row's text is computed when asked,
// so relative deadlines stay current without rebuilding.
import type { TaskRecord } from '../records/record';
import { formatRelativeDeadline, relativeDeadline, type DeadlineFormatter, type RelativeDeadline, type RelativeDeadlineOptions } from './relativeDeadline';
import { isOpen, isOpenState, statePresentation, taskState, timeOf, type TaskState } from './status';

export type Grouping = 'file' | 'flat';

/** Where a record's TODO lives, as the editor sees it. */
export interface SourceLocation {
  /**
   * The workspace folder's name. Set it only in a multi-root workspace: as soon as one record has a
   * folder, the tree's first level is the folders.
   */
  readonly folder?: string | undefined;
  /** The path shown for the file, relative to its folder (or the full path outside the workspace). */
  readonly relativePath: string;
}

/** Maps a record's `source.uri` to where it lives. Called once per distinct URI per rebuild. */
export type LocateSource = (uri: string) => SourceLocation;

/** The label of the group of records that did not come from a TODO (the editor passes a localized one). */
export const NOT_FROM_TODO = 'Not from a TODO';

export interface TaskTreeOptions {
  readonly grouping?: Grouping;
  readonly locate: LocateSource;
  /** Clock for relative deadlines and the overdue state. Default `Date.now`. */
  readonly now?: () => number;
  /** Relative deadline text; English by default. */
  readonly formatDeadline?: DeadlineFormatter;
  /** Time zone for "today"/"tomorrow". */
  readonly deadlineOptions?: RelativeDeadlineOptions;
  /** Label of the group of records without a source. Default {@link NOT_FROM_TODO}. */
  readonly noSourceLabel?: string;
  /** Separator between the short id and the relative deadline in a row's description. Default `" · "`. */
  readonly descriptionSeparator?: string;
  /** A mark a row carries after its description (e.g. "linked in code"), when it has one. */
  readonly markOf?: (record: TaskRecord) => TaskMark | undefined;
}

/**
 * How a row is marked: `linked`, a task the workspace's TODOs refer to but that was not created here;
 * `unfetched`, such a task not read from Tallyfy yet (its row offers no actions on the task).
 */
export interface TaskMark {
  readonly kind: 'linked' | 'unfetched';
  readonly text: string;
}

interface GroupCounts {
  /** Records in the group (for folders: in all its files). */
  readonly total: number;
  /** Open records (not completed, archived or deleted). */
  readonly open: number;
}

export interface FolderNode extends GroupCounts {
  readonly kind: 'folder';
  /** Unique and stable across rebuilds (for TreeItem.id). */
  readonly id: string;
  readonly name: string;
  readonly parent: undefined;
}

export interface FileNode extends GroupCounts {
  readonly kind: 'file';
  readonly id: string;
  readonly folder: string | undefined;
  readonly relativePath: string;
  /** The file name (last path segment): the row's label. */
  readonly label: string;
  /** The directory part of the relative path ('' at the folder's root): the row's description. */
  readonly directory: string;
  /** The source URI of the file (for TreeItem.resourceUri, which gives the file icon). */
  readonly uri: string;
  readonly parent: FolderNode | undefined;
}

export interface NoSourceNode extends GroupCounts {
  readonly kind: 'no-source';
  readonly id: string;
  readonly label: string;
  readonly parent: undefined;
}

export interface TaskNode {
  readonly kind: 'task';
  readonly id: string;
  readonly record: TaskRecord;
  readonly parent: FileNode | NoSourceNode | undefined;
}

export type GroupNode = FolderNode | FileNode | NoSourceNode;
export type TreeNode = GroupNode | TaskNode;

export interface TaskTooltip {
  /** The whole task id. */
  readonly id: string;
  readonly title: string;
  /** The status as Tallyfy reports it (e.g. `in-progress`, `skipped`). */
  readonly status: string;
  readonly state: TaskState;
  /** The deadline as stored (UTC ISO), when there is one. */
  readonly deadline: string | undefined;
  readonly relativeDeadline: RelativeDeadline;
  readonly assignees: readonly string[];
  /** The TODO's location: the file as shown in the tree, and its 1-based line. */
  readonly folder: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly completedAt: string | undefined;
  /** When Tallyfy archived the task (UTC ISO), while it is archived. */
  readonly archivedAt: string | undefined;
  readonly lastSyncedAt: string | undefined;
}

export interface TaskItemView {
  readonly id: string;
  readonly label: string;
  /** Short id, then the relative deadline when the task is open. */
  readonly description: string;
  readonly state: TaskState;
  /** Codicon id. */
  readonly icon: string;
  /** Theme colour id. */
  readonly color: string;
  /** For `view/item/context` menus: `task.<state>`, plus `.linked` when the record has a TODO. */
  readonly contextValue: string;
  readonly tooltip: TaskTooltip;
  /** Where a click should go: the TODO's URI and 0-based line. */
  readonly source: { readonly uri: string; readonly line: number } | undefined;
}

/** The first 8 characters of a task id. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** A record with its sort keys (computed when its group is first opened). */
interface Entry {
  readonly record: TaskRecord;
  readonly open: boolean;
  /** Deadline in ms; +Infinity when none. */
  readonly deadline: number;
  /** Creation time in ms; -Infinity when unreadable. */
  readonly created: number;
}

/** The records of one group (a file, "not from a TODO", or the whole flat list). */
interface Bucket {
  node: FileNode | NoSourceNode | undefined;
  readonly folder: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly uri: string;
  readonly records: TaskRecord[];
  open: number;
  /** Task nodes in order, made on first opening. */
  children: TaskNode[] | undefined;
  byId: Map<string, TaskNode> | undefined;
}

interface Built {
  readonly roots: TreeNode[];
  /** File and no-source groups by node id. */
  readonly buckets: Map<string, Bucket>;
  readonly flat: Bucket | undefined;
  readonly folderChildren: Map<string, FileNode[]>;
  /** Where each distinct source URI goes. */
  readonly byUri: Map<string, { readonly location: SourceLocation; readonly bucket: Bucket | undefined }>;
  readonly noSource: Bucket | undefined;
  readonly open: number;
}

/** Open first, then earliest deadline (none last), then newest, then id. */
function compareEntries(a: Entry, b: Entry): number {
  if (a.open !== b.open) return a.open ? -1 : 1;
  if (a.deadline !== b.deadline) return a.deadline < b.deadline ? -1 : 1;
  if (a.created !== b.created) return a.created > b.created ? -1 : 1;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

/** Locale-independent path order: case-insensitive, then by code unit. */
export function comparePaths(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitPath(path: string): { directory: string; label: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { directory: '', label: path } : { directory: path.slice(0, cut), label: path.slice(cut + 1) };
}

export class TaskTreeModel {
  private records: readonly TaskRecord[] = [];
  private grouping: Grouping;
  private readonly locate: LocateSource;
  private readonly now: () => number;
  private readonly formatDeadline: DeadlineFormatter;
  private readonly deadlineOptions: RelativeDeadlineOptions;
  private readonly noSourceLabel: string;
  private readonly separator: string;
  private readonly markOf: ((record: TaskRecord) => TaskMark | undefined) | undefined;
  private built: Built | undefined;

  constructor(options: TaskTreeOptions, records: readonly TaskRecord[] = []) {
    this.grouping = options.grouping ?? 'file';
    this.locate = options.locate;
    this.now = options.now ?? Date.now;
    this.formatDeadline = options.formatDeadline ?? formatRelativeDeadline;
    this.deadlineOptions = options.deadlineOptions ?? {};
    this.noSourceLabel = options.noSourceLabel ?? NOT_FROM_TODO;
    this.separator = options.descriptionSeparator ?? ' · ';
    this.markOf = options.markOf;
    this.records = records;
  }

  get mode(): Grouping {
    return this.grouping;
  }

  /** Replaces the records; the tree is rebuilt on next use. */
  setRecords(records: readonly TaskRecord[]): void {
    this.records = records;
    this.built = undefined;
  }

  setGrouping(grouping: Grouping): void {
    if (grouping === this.grouping) return;
    this.grouping = grouping;
    this.built = undefined;
  }

  /** The tree's first level (folders, files and the "not from a TODO" group; or every task when flat). */
  roots(): readonly TreeNode[] {
    return this.build().roots;
  }

  /** The children of a node (`undefined`: the first level). */
  children(node?: TreeNode): readonly TreeNode[] {
    const built = this.build();
    if (node === undefined) return built.roots;
    switch (node.kind) {
      case 'task':
        return [];
      case 'folder':
        return built.folderChildren.get(node.id) ?? [];
      case 'file':
      case 'no-source': {
        const bucket = built.buckets.get(node.id);
        return bucket === undefined ? [] : this.open(bucket);
      }
    }
  }

  /** The parent of a node, for `TreeView.reveal`. */
  parent(node: TreeNode): GroupNode | undefined {
    return node.parent;
  }

  /** The node of a task in the current tree, by task id (opens its group). */
  findTask(taskId: string): TaskNode | undefined {
    const built = this.build();
    const record = this.records.find((r) => r.id === taskId);
    if (record === undefined) return undefined;
    const bucket = built.flat ?? (record.source === undefined ? built.noSource : built.byUri.get(record.source.uri)?.bucket);
    if (bucket === undefined) return undefined;
    this.open(bucket);
    return bucket.byId?.get(taskId);
  }

  /** Open records among the current ones. */
  openCount(): number {
    return this.build().open;
  }

  /** What a task row shows, at the model's clock (or `now`). */
  item(node: TaskNode, now: number = this.now()): TaskItemView {
    const source = node.record.source;
    const location = source === undefined ? undefined : this.build().byUri.get(source.uri)?.location;
    return describeTask(node.record, now, {
      formatDeadline: this.formatDeadline,
      deadlineOptions: this.deadlineOptions,
      separator: this.separator,
      location,
      mark: this.markOf?.(node.record),
    });
  }

  // -------------------------------------------------------------------------------------------------

  /** A group's task nodes, sorted on first use. */
  private open(bucket: Bucket): TaskNode[] {
    if (bucket.children !== undefined) return bucket.children;
    const entries: Entry[] = bucket.records.map((record) => ({
      record,
      open: isOpen(record),
      deadline: timeOf(record.deadline) ?? Number.POSITIVE_INFINITY,
      created: timeOf(record.createdAt) ?? Number.NEGATIVE_INFINITY,
    }));
    entries.sort(compareEntries);
    const parent = bucket.node;
    const byId = new Map<string, TaskNode>();
    bucket.children = entries.map(({ record }) => {
      const node: TaskNode = { kind: 'task', id: record.id, record, parent };
      byId.set(record.id, node);
      return node;
    });
    bucket.byId = byId;
    return bucket.children;
  }

  /**
   * The first level: one pass over the records (a lookup per record, `locate` once per distinct URI),
   * then the group nodes. Records inside groups are sorted when a group is opened.
   */
  private build(): Built {
    if (this.built !== undefined) return this.built;
    const flat = this.grouping === 'flat';
    const newBucket = (folder: string | undefined, location: SourceLocation | undefined, uri: string): Bucket => ({
      node: undefined,
      folder,
      location,
      uri,
      records: [],
      open: 0,
      children: undefined,
      byId: undefined,
    });

    // Locations first: the folder level is used only when some record has a folder.
    const locations = new Map<string, SourceLocation>();
    let anyFolder = false;
    for (const record of this.records) {
      const uri = record.source?.uri;
      if (uri === undefined || locations.has(uri)) continue;
      const location = this.locate(uri);
      locations.set(uri, location);
      if (location.folder !== undefined) anyFolder = true;
    }

    const byUri = new Map<string, { location: SourceLocation; bucket: Bucket | undefined }>();
    const byKey = new Map<string, Bucket>();
    for (const [uri, location] of locations) {
      if (flat) {
        byUri.set(uri, { location, bucket: undefined });
        continue;
      }
      const folder = anyFolder ? location.folder : undefined;
      const key = `file:${folder ?? ''}\u0000${location.relativePath}`;
      let bucket = byKey.get(key);
      if (bucket === undefined) {
        bucket = newBucket(folder, location, uri);
        byKey.set(key, bucket);
      }
      byUri.set(uri, { location, bucket });
    }

    const flatBucket = flat ? newBucket(undefined, undefined, '') : undefined;
    let noSource: Bucket | undefined;
    const seen = new Set<string>();
    let open = 0;
    for (const record of this.records) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      let bucket: Bucket;
      if (flatBucket !== undefined) bucket = flatBucket;
      else if (record.source === undefined) bucket = noSource ??= newBucket(undefined, undefined, '');
      else bucket = byUri.get(record.source.uri)?.bucket as Bucket;
      bucket.records.push(record);
      if (isOpen(record)) {
        bucket.open++;
        open++;
      }
    }

    // Group nodes, with their counts and parents.
    const folderCounts = new Map<string, { total: number; open: number }>();
    for (const bucket of byKey.values()) {
      if (bucket.folder === undefined || bucket.records.length === 0) continue;
      const counts = folderCounts.get(bucket.folder) ?? { total: 0, open: 0 };
      counts.total += bucket.records.length;
      counts.open += bucket.open;
      folderCounts.set(bucket.folder, counts);
    }
    const folders = new Map<string, FolderNode>();
    for (const [name, counts] of folderCounts) {
      folders.set(name, { kind: 'folder', id: `folder:${name}`, name, parent: undefined, ...counts });
    }
    const buckets = new Map<string, Bucket>();
    const folderChildren = new Map<string, FileNode[]>();
    const looseFiles: FileNode[] = [];
    for (const [key, bucket] of byKey) {
      const location = bucket.location;
      if (location === undefined || bucket.records.length === 0) continue;
      const parent = bucket.folder === undefined ? undefined : folders.get(bucket.folder);
      const { directory, label } = splitPath(location.relativePath);
      const file: FileNode = {
        kind: 'file',
        id: key,
        folder: bucket.folder,
        relativePath: location.relativePath,
        label,
        directory,
        uri: bucket.uri,
        parent,
        total: bucket.records.length,
        open: bucket.open,
      };
      bucket.node = file;
      buckets.set(key, bucket);
      if (parent === undefined) looseFiles.push(file);
      else {
        const siblings = folderChildren.get(parent.id);
        if (siblings === undefined) folderChildren.set(parent.id, [file]);
        else siblings.push(file);
      }
    }
    if (noSource !== undefined) {
      noSource.node = { kind: 'no-source', id: 'no-source', label: this.noSourceLabel, parent: undefined, total: noSource.records.length, open: noSource.open };
      buckets.set('no-source', noSource);
    }

    let roots: TreeNode[];
    if (flatBucket !== undefined) {
      roots = this.open(flatBucket);
    } else {
      for (const files of folderChildren.values()) files.sort((a, b) => comparePaths(a.relativePath, b.relativePath));
      looseFiles.sort((a, b) => comparePaths(a.relativePath, b.relativePath));
      const folderList = [...folders.values()].sort((a, b) => comparePaths(a.name, b.name));
      roots = [...folderList, ...looseFiles, ...(noSource?.node ? [noSource.node] : [])];
    }
    this.built = { roots, buckets, flat: flatBucket, folderChildren, byUri, noSource, open };
    return this.built;
  }
}

/** A row for a task not read from Tallyfy yet. */
const UNFETCHED_PRESENTATION = { icon: 'cloud-download', color: 'descriptionForeground' } as const;

export interface DescribeOptions {
  readonly formatDeadline?: DeadlineFormatter;
  readonly deadlineOptions?: RelativeDeadlineOptions;
  readonly separator?: string;
  /** Where the record's TODO is, as the tree shows it. */
  readonly location?: SourceLocation | undefined;
  readonly mark?: TaskMark | undefined;
}

/** A task row: label, description, icon, colour, context value and tooltip data. */
export function describeTask(record: TaskRecord, now: number, options: DescribeOptions = {}): TaskItemView {
  const state = taskState(record, now);
  const { icon, color } = options.mark?.kind === 'unfetched' ? UNFETCHED_PRESENTATION : statePresentation(state);
  const open = isOpenState(state);
  const relative: RelativeDeadline = open
    ? relativeDeadline(timeOf(record.deadline), now, options.deadlineOptions)
    : { kind: 'none' };
  const deadlineText = (options.formatDeadline ?? formatRelativeDeadline)(relative);
  const separator = options.separator ?? ' · ';
  const mark = options.mark;
  const parts = [shortId(record.id), mark?.kind === 'unfetched' ? '' : deadlineText, mark?.text ?? ''].filter((part) => part !== '');
  const description = parts.join(separator);
  const source = record.source === undefined ? undefined : { uri: record.source.uri, line: record.source.line };
  return {
    id: record.id,
    label: record.title.trim() === '' ? shortId(record.id) : record.title,
    description,
    state,
    icon,
    color,
    // `.process`: a task of a process, which Tallyfy archives only with its whole process.
    // `task.unfetched`: not read from Tallyfy yet, so no action on the task applies.
    contextValue: mark?.kind === 'unfetched' ? 'task.unfetched' : `task.${state}${record.runId ? '.process' : ''}${source ? '.linked' : ''}`,
    tooltip: {
      id: record.id,
      title: record.title,
      status: record.status,
      state,
      deadline: record.deadline,
      relativeDeadline: relative,
      assignees: record.assignees,
      folder: options.location?.folder,
      file: record.source === undefined ? undefined : (options.location?.relativePath ?? record.source.uri),
      line: record.source === undefined ? undefined : record.source.line + 1,
      completedAt: record.completedAt,
      archivedAt: record.archivedAt,
      lastSyncedAt: record.lastSyncedAt,
    },
    source,
  };
}
