import assert from 'node:assert/strict';
import type { TaskRecord } from '../../../src/core/records/record';
import {
  describeTask,
  NOT_FROM_TODO,
  TaskTreeModel,
  type FileNode,
  type FolderNode,
  type SourceLocation,
  type TaskNode,
  type TreeNode,
} from '../../../src/core/tasks/treeModel';
import { DAY, HOUR, record } from './helpers';

const NOW = Date.parse('2030-06-10T12:00:00Z');
const iso = (t: number): string => new Date(t).toISOString();
const utc = { utcOffsetMinutes: () => 0 };

/** `file:///<folder>/<path>` → folder and path (the editor's job, simplified). */
function locateIn(multiRoot: boolean) {
  const calls: string[] = [];
  const locate = (uri: string): SourceLocation => {
    calls.push(uri);
    const [folder, ...rest] = uri.replace('file:///', '').split('/');
    return multiRoot ? { folder, relativePath: rest.join('/') } : { relativePath: rest.join('/') };
  };
  return { locate, calls };
}

function at(uri: string, line = 0): Pick<TaskRecord, 'source'> {
  return { source: { uri, line, reference: 'tallyfy:x' } };
}

function titles(nodes: readonly TreeNode[]): string[] {
  return nodes.map((node) => (node.kind === 'task' ? node.record.title : node.kind === 'folder' ? node.name : node.kind === 'file' ? node.relativePath : node.label));
}

describe('tasks tree model', () => {
  describe('grouping', () => {
    it('groups by file by default, paths in order, "Not from a TODO" last', () => {
      const { locate } = locateIn(false);
      const model = new TaskTreeModel({ locate, now: () => NOW }, [
        record({ title: 'b1', ...at('file:///app/src/b.ts') }),
        record({ title: 'none' }),
        record({ title: 'a1', ...at('file:///app/src/A.ts') }),
        record({ title: 'c1', ...at('file:///app/lib/c.ts') }),
        record({ title: 'b2', ...at('file:///app/src/b.ts'), status: 'completed' }),
      ]);
      const roots = model.roots();
      assert.deepEqual(titles(roots), ['lib/c.ts', 'src/A.ts', 'src/b.ts', NOT_FROM_TODO]);
      const b = roots[2] as FileNode;
      assert.equal(b.kind, 'file');
      assert.equal(b.label, 'b.ts');
      assert.equal(b.directory, 'src');
      assert.equal(b.uri, 'file:///app/src/b.ts');
      assert.equal(b.total, 2);
      assert.equal(b.open, 1);
      assert.deepEqual(titles(model.children(b)), ['b1', 'b2']);
      assert.deepEqual(titles(model.children(roots[3])), ['none']);
      assert.equal(roots[3]?.kind, 'no-source');
    });

    it('groups by workspace folder, then file, in a multi-root workspace', () => {
      const { locate } = locateIn(true);
      const model = new TaskTreeModel({ locate, now: () => NOW }, [
        record({ title: 'w', ...at('file:///web/src/app.ts') }),
        record({ title: 'a2', ...at('file:///api/src/z.ts') }),
        record({ title: 'a1', ...at('file:///api/README.md') }),
        record({ title: 'loose' }),
      ]);
      const roots = model.roots();
      assert.deepEqual(titles(roots), ['api', 'web', NOT_FROM_TODO]);
      const api = roots[0] as FolderNode;
      assert.equal(api.total, 2);
      const files = model.children(api) as FileNode[];
      assert.deepEqual(titles(files), ['README.md', 'src/z.ts']);
      assert.equal(files[1]?.folder, 'api');
      assert.equal(model.parent(files[1]!), api);
      const task = model.children(files[1])[0] as TaskNode;
      assert.equal(model.parent(task), files[1]);
      assert.equal(task.record.title, 'a2');
    });

    it('keeps files outside every folder at the first level after the folders', () => {
      const locate = (uri: string): SourceLocation =>
        uri.includes('/api/') ? { folder: 'api', relativePath: 'x.ts' } : { relativePath: '../outside/notes.ts' };
      const model = new TaskTreeModel({ locate }, [
        record({ title: 'a', ...at('file:///api/x.ts') }),
        record({ title: 's', ...at('file://../outside/notes.ts') }),
      ]);
      assert.deepEqual(titles(model.roots()), ['api', '../outside/notes.ts']);
    });

    it('lists every task at the first level when flat', () => {
      const { locate } = locateIn(true);
      const model = new TaskTreeModel({ locate, grouping: 'flat', now: () => NOW }, [
        record({ title: 'x', ...at('file:///web/a.ts'), deadline: iso(NOW + 2 * DAY) }),
        record({ title: 'y', deadline: iso(NOW + DAY) }),
      ]);
      assert.deepEqual(titles(model.roots()), ['y', 'x']);
      assert.ok(model.roots().every((node) => node.kind === 'task' && node.parent === undefined));
      assert.deepEqual(model.children(model.roots()[0]), []);
      model.setGrouping('file');
      assert.deepEqual(titles(model.roots()), ['web', NOT_FROM_TODO]);
      assert.equal(model.mode, 'file');
    });

    it('sorts open first, then by deadline (none last), then newest', () => {
      const model = new TaskTreeModel({ locate: () => ({ relativePath: 'a.ts' }), grouping: 'flat', now: () => NOW }, [
        record({ title: 'done-early', status: 'completed', deadline: iso(NOW - 9 * DAY) }),
        record({ title: 'no-deadline-old', createdAt: '2030-01-01T00:00:00Z' }),
        record({ title: 'no-deadline-new', createdAt: '2030-02-01T00:00:00Z' }),
        record({ title: 'late', deadline: iso(NOW - DAY) }),
        record({ title: 'soon', deadline: iso(NOW + HOUR), createdAt: '2030-01-01T00:00:00Z' }),
        record({ title: 'soon-newer', deadline: iso(NOW + HOUR), createdAt: '2030-03-01T00:00:00Z' }),
        record({ title: 'gone', deleted: true, deadline: iso(NOW - 20 * DAY) }),
        record({ title: 'done-late', status: 'completed', deadline: iso(NOW + 9 * DAY) }),
      ]);
      assert.deepEqual(titles(model.roots()), [
        'late',
        'soon-newer',
        'soon',
        'no-deadline-new',
        'no-deadline-old',
        'gone',
        'done-early',
        'done-late',
      ]);
    });

    it('takes localized labels for the no-source group', () => {
      const model = new TaskTreeModel({ locate: () => ({ relativePath: 'a' }), noSourceLabel: 'Nicht aus einem TODO' }, [record()]);
      assert.deepEqual(titles(model.roots()), ['Nicht aus einem TODO']);
    });

    it('shows a record once when it is given twice', () => {
      const one = record();
      const model = new TaskTreeModel({ locate: () => ({ relativePath: 'a' }), grouping: 'flat' }, [one, { ...one }]);
      assert.equal(model.roots().length, 1);
    });
  });

  describe('building', () => {
    it('builds once per change and locates each file once', () => {
      const { locate, calls } = locateIn(false);
      const records = [
        record(at('file:///app/a.ts', 1)),
        record(at('file:///app/a.ts', 2)),
        record(at('file:///app/b.ts')),
      ];
      const model = new TaskTreeModel({ locate }, records);
      assert.deepEqual(calls, [], 'nothing happens before the tree is asked for');
      const first = model.roots();
      assert.equal(model.roots(), first);
      model.children(first[0]);
      assert.equal(calls.length, 2);
      assert.equal(model.children(first[0]), model.children(first[0]), 'a group is sorted once');

      model.setRecords([...records, record(at('file:///app/c.ts'))]);
      assert.notEqual(model.roots(), first);
      assert.equal(model.roots().length, 3);
      model.setGrouping('file');
      assert.equal(model.roots().length, 3);
    });

    it('finds a task node for reveal and counts open records', () => {
      const target = record({ ...at('file:///app/a.ts'), title: 'target' });
      const model = new TaskTreeModel({ locate: locateIn(true).locate }, [
        target,
        record({ status: 'completed' }),
        record({ deleted: true }),
      ]);
      const node = model.findTask(target.id);
      assert.ok(node);
      assert.equal(node.record.title, 'target');
      const file = model.parent(node);
      assert.equal(file?.kind, 'file');
      assert.equal(file && model.parent(file)?.kind, 'folder');
      assert.equal(model.findTask('nope'), undefined);
      assert.equal(model.openCount(), 1);
    });

    it('does not count archived tasks as open, in the badge or in their groups, and lists them after open ones', () => {
      const open = record({ ...at('file:///app/a.ts'), title: 'open', deadline: iso(NOW + 9 * DAY) });
      const archived = record({ ...at('file:///app/a.ts'), title: 'archived', deadline: iso(NOW - DAY), archivedAt: iso(NOW - HOUR) });
      const archivedDone = record({ ...at('file:///app/a.ts'), title: 'archived-done', status: 'completed', archivedAt: iso(NOW - HOUR) });
      const model = new TaskTreeModel({ locate: locateIn(false).locate, now: () => NOW }, [archived, archivedDone, open]);
      assert.equal(model.openCount(), 1);
      const [file] = model.roots() as FileNode[];
      assert.equal(file?.total, 3);
      assert.equal(file?.open, 1);
      assert.deepEqual(titles(model.children(file)), ['open', 'archived', 'archived-done']);
      assert.equal(model.item(model.findTask(archivedDone.id)!).state, 'archived', 'archived wins over completed');
      model.setRecords([{ ...archived, archivedAt: undefined } as TaskRecord, archivedDone, open]);
      assert.equal(model.openCount(), 2, 'a restored task counts again');
    });

    it('is empty without records', () => {
      const model = new TaskTreeModel({ locate: () => ({ relativePath: '' }) });
      assert.deepEqual(model.roots(), []);
      assert.deepEqual(model.children(), []);
      assert.equal(model.openCount(), 0);
    });
  });

  describe('rows', () => {
    const base = record({
      id: '0123456789abcdef0123456789abcdef',
      title: 'Fix the parser',
      status: 'in-progress',
      deadline: iso(NOW + 3 * DAY),
      assignees: ['Ada Lovelace', 'QA team'],
      source: { uri: 'file:///app/src/parser.ts', line: 11, reference: 'tallyfy:0123456789abcdef0123456789abcdef' },
      lastSyncedAt: '2030-06-10T11:00:00Z',
    });

    it('shows the title, the short id and the relative deadline', () => {
      const model = new TaskTreeModel({ locate: locateIn(false).locate, now: () => NOW, deadlineOptions: utc }, [base]);
      const node = model.findTask(base.id)!;
      const item = model.item(node);
      assert.equal(item.label, 'Fix the parser');
      assert.equal(item.description, '01234567 · due in 3 days');
      assert.equal(item.state, 'in-progress');
      assert.equal(item.icon, 'play-circle');
      assert.equal(item.color, 'charts.yellow');
      assert.equal(item.contextValue, 'task.in-progress.linked');
      assert.deepEqual(item.source, { uri: 'file:///app/src/parser.ts', line: 11 });
      assert.deepEqual(item.tooltip, {
        id: base.id,
        title: 'Fix the parser',
        status: 'in-progress',
        state: 'in-progress',
        deadline: base.deadline,
        relativeDeadline: { kind: 'due', amount: 3, unit: 'day' },
        assignees: ['Ada Lovelace', 'QA team'],
        folder: undefined,
        file: 'src/parser.ts',
        line: 12,
        completedAt: undefined,
        archivedAt: undefined,
        lastSyncedAt: '2030-06-10T11:00:00Z',
      });
    });

    it('follows the clock without a rebuild', () => {
      let now = NOW;
      const model = new TaskTreeModel({ locate: locateIn(false).locate, now: () => now, deadlineOptions: utc }, [base]);
      const node = model.findTask(base.id)!;
      now = NOW + 4 * DAY;
      const item = model.item(node);
      assert.equal(item.state, 'overdue');
      assert.equal(item.icon, 'warning');
      assert.equal(item.description, '01234567 · overdue by 1 day');
    });

    it('leaves the deadline out for completed and deleted tasks', () => {
      const done = describeTask({ ...base, status: 'completed', completedAt: iso(NOW - HOUR) }, NOW);
      assert.equal(done.description, '01234567');
      assert.equal(done.state, 'completed');
      assert.equal(done.tooltip.completedAt, iso(NOW - HOUR));
      const gone = describeTask({ ...base, deleted: true }, NOW);
      assert.equal(gone.description, '01234567');
      assert.equal(gone.icon, 'trash');
      assert.equal(gone.contextValue, 'task.deleted.linked');
    });

    it('shows an archived task as archived, muted and without its deadline, even when overdue', () => {
      const archivedAt = iso(NOW - HOUR);
      const row = describeTask({ ...base, deadline: iso(NOW - DAY), archivedAt }, NOW, { deadlineOptions: utc });
      assert.equal(row.state, 'archived');
      assert.equal(row.icon, 'archive');
      assert.equal(row.color, 'descriptionForeground');
      assert.equal(row.description, '01234567', 'no "overdue by" for an archived task');
      assert.equal(row.contextValue, 'task.archived.linked');
      assert.equal(row.tooltip.state, 'archived');
      assert.equal(row.tooltip.status, 'in-progress', 'the status Tallyfy reports stays in the tooltip');
      assert.equal(row.tooltip.archivedAt, archivedAt);
      assert.deepEqual(row.tooltip.relativeDeadline, { kind: 'none' });
      const unlinked = describeTask({ ...base, source: undefined, archivedAt } as TaskRecord, NOW);
      assert.equal(unlinked.contextValue, 'task.archived');
    });

    it('uses the editor formatter and separator, and the id for an empty title', () => {
      const row = describeTask({ ...base, title: '  ', source: undefined } as TaskRecord, NOW, {
        formatDeadline: (value) => (value.kind === 'due' ? `fällig in ${value.amount} Tagen` : ''),
        separator: ' — ',
        deadlineOptions: utc,
      });
      assert.equal(row.label, '01234567');
      assert.equal(row.description, '01234567 — fällig in 3 Tagen');
      assert.equal(row.contextValue, 'task.in-progress');
      assert.equal(row.tooltip.file, undefined);
      assert.equal(row.tooltip.line, undefined);
      assert.equal(row.source, undefined);
    });

    it('names the folder in the tooltip in a multi-root workspace', () => {
      const model = new TaskTreeModel({ locate: locateIn(true).locate, now: () => NOW }, [base]);
      const item = model.item(model.findTask(base.id)!);
      assert.equal(item.tooltip.folder, 'app');
      assert.equal(item.tooltip.file, 'src/parser.ts');
    });
  });
});
