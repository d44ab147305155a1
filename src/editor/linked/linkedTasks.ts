// The tasks the workspace's TODOs refer to but this workspace did not create (a teammate's, a fresh
// clone's): listed in the Tasks view from the index, read from Tallyfy once each and then kept current
// by the tasks' own refresh. In an untrusted workspace, or past `tallyfy.maxLinkedTasks`, they are
// listed but not read until the user asks ("Find Linked TODOs").
import * as vscode from 'vscode';
import type { TaskRecord } from '../../core/records';
import { isTallyfyError } from '../../core/tallyfy';
import { formatReference } from '../../core/todo';
import { requireClient } from '../auth/clients';
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { throttled } from '../throttle';
import { eachLimited } from '../workspaceFiles';
import type { WorkspaceIndex } from './workspaceIndex';

/** Single-task reads in flight at once (the tasks' refresh keeps to the same). */
const REQUEST_CONCURRENCY = 4;
/** The index changes file by file: its tasks are looked at no more often than this. */
const FOLLOW_EVERY_MS = 1_000;

export interface FetchOutcome {
  readonly added: number;
  readonly notVisible: number;
  /** Referenced tasks left unread (the limit, trust, or signed out). */
  readonly held: number;
}

export class LinkedTasks implements vscode.Disposable {
  /** Task ids Tallyfy does not show this user (404 or 403), not asked for again in this window. */
  private readonly notVisible = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** What the view lists changed (the index, or a task read). */
  readonly onDidChange = this.changed.event;
  private running: Promise<FetchOutcome> | undefined;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly tasks: TaskService,
    private readonly session: Session,
    private readonly settings: SettingsReader,
    private readonly log: Logger,
  ) {
    const follow = throttled(() => {
      this.changed.fire();
      void this.fetch({ asked: false });
    }, FOLLOW_EVERY_MS);
    this.subscriptions.push(
      index.onDidChange(follow),
      { dispose: () => follow.dispose() },
      session.onDidChange(() => void this.fetch({ asked: false })),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.fetch({ asked: false })),
    );
  }

  /** Referenced ids that have no record. */
  private missing(): string[] {
    return this.index.index.ids().filter((id) => this.tasks.find(id) === undefined);
  }

  /**
   * What the Tasks view lists: the records (a task only found in code, while some TODO still refers to
   * it), then a row for each referenced task not read yet.
   */
  listed(records: readonly TaskRecord[]): TaskRecord[] {
    const { ready, index } = this.index;
    const kept = records.filter((record) => record.linkedInCode !== true || !ready || index.has(record.id));
    if (!ready) return kept;
    const state = this.session.state;
    const unread = this.missing().flatMap((id): TaskRecord[] => {
      const place = this.index.index.placeOf(id);
      if (place === undefined) return [];
      return [
        {
          id,
          title: vscode.l10n.t('Tallyfy task {0}', id.slice(0, 8)),
          taskType: 'task',
          status: '',
          assignees: [],
          orgId: state.kind === 'signed-in' ? state.orgId : '-',
          baseUrl: this.session.normalizedBaseUrl() ?? '-',
          createdAt: new Date(0).toISOString(),
          linkedInCode: true,
          source: { uri: place.file, line: place.line, reference: formatReference(id) },
        },
      ];
    });
    return [...kept, ...unread];
  }

  /** Whether a listed record is a referenced task not read from Tallyfy yet. */
  isUnread(record: TaskRecord): boolean {
    return record.linkedInCode === true && this.tasks.find(record.id) === undefined;
  }

  /**
   * Reads the referenced tasks that have no record and adds them. Unasked (the index changed), only in
   * a trusted workspace and within `tallyfy.maxLinkedTasks`; asked, all of them.
   */
  fetch(options: { readonly asked: boolean; readonly signal?: AbortSignal }): Promise<FetchOutcome> {
    if (this.running !== undefined) return this.running.then(() => this.fetch(options));
    const run = this.fetchMissing(options).finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  private async fetchMissing({ asked, signal }: { readonly asked: boolean; readonly signal?: AbortSignal }): Promise<FetchOutcome> {
    const missing = this.missing().filter((id) => asked || !this.notVisible.has(id));
    if (missing.length === 0) return { added: 0, notVisible: 0, held: 0 };
    const held = { added: 0, notVisible: 0, held: missing.length };
    if (this.session.state.kind !== 'signed-in') return held;
    if (!asked && (!vscode.workspace.isTrusted || this.index.index.size > this.settings.get('maxLinkedTasks'))) {
      this.log.info(`${missing.length} tasks referenced in the workspace are not read from Tallyfy: ${vscode.workspace.isTrusted ? `more than tallyfy.maxLinkedTasks are referenced` : 'the workspace is not trusted'}. "Find Linked TODOs" reads them.`);
      return held;
    }
    const { client, orgId } = requireClient(this.session);
    const source = new vscode.CancellationTokenSource();
    signal?.addEventListener('abort', () => source.cancel());
    let added = 0;
    let notVisible = 0;
    let stop: unknown;
    await eachLimited(missing, REQUEST_CONCURRENCY, source.token, async (id) => {
      const place = this.index.index.placeOf(id);
      if (place === undefined || this.tasks.find(id) !== undefined) return;
      try {
        const task = await client.getTask(orgId, id, { signal });
        await this.tasks.adopt(task, { uri: place.file, line: place.line }, { linkedInCode: true });
        added++;
      } catch (error) {
        if (isTallyfyError(error, 'not-found') || isTallyfyError(error, 'forbidden')) {
          this.notVisible.add(id);
          notVisible++;
          return;
        }
        // Signed out, offline, rate limited: the rest waits for the next change or the user.
        stop = error;
        source.cancel();
      }
    });
    source.dispose();
    this.log.info(`Read ${added} tasks referenced in the workspace; ${notVisible} not visible in Tallyfy.`);
    if (added + notVisible > 0) this.changed.fire();
    if (stop !== undefined && asked) throw stop;
    if (stop !== undefined) this.log.warn(`Stopped reading the tasks referenced in the workspace: ${stop instanceof Error ? stop.message : String(stop)}`);
    return { added, notVisible, held: missing.length - added - notVisible };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}
