// The review page's texts and keys, without a browser: placeholders, state badges, the Create button's
// count, the summary, and where the arrow keys move the focus; and the filter and sort on the page's rows.
import assert from 'node:assert/strict';
import { BULK_STRING_KEYS, type RowView } from '../../../src/core/bulk/protocol';
import { countRows, isSelectableState, placeText, visibleRows } from '../../../src/core/bulk/review';
import { fill } from '../../../src/core/template';
import { createLabel, duplicateText, moveIndex, progressText, stateMessage, stateText, summaryText, youLabel } from '../../../src/webview/bulk/view';
import { ENGLISH } from './english';

const row = (title: string, state: RowView['state'], extra: Partial<RowView> = {}): RowView => ({
  key: `k-${title}`,
  path: 'src/a.ts',
  line: 0,
  title,
  checked: true,
  state,
  ...extra,
});

describe('review page texts', () => {
  it('has an English text for every key, each with the placeholders the page fills', () => {
    for (const key of BULK_STRING_KEYS) assert.ok(ENGLISH[key].trim() !== '', key);
    const placeholders: Partial<Record<(typeof BULK_STRING_KEYS)[number], readonly string[]>> = {
      you: ['name'],
      titleOf: ['title'],
      line: ['line', 'path'],
      create: ['count'],
      progress: ['done', 'total'],
      'state.linked': ['taskId'],
      'state.created': ['taskId'],
      'state.createdNotWritten': ['taskId'],
    };
    for (const [key, names] of Object.entries(placeholders)) {
      for (const name of names ?? []) assert.ok(ENGLISH[key as keyof typeof ENGLISH].includes(`{${name}}`), `${key} has {${name}}`);
    }
  });

  it('fills named placeholders and leaves unknown ones', () => {
    assert.equal(fill('Create {count} tasks', { count: 3 }), 'Create 3 tasks');
    assert.equal(fill('{a} and {b}', { a: 'x' }), 'x and {b}');
    assert.equal(fill('{toString}', {}), '{toString}');
    assert.equal(fill('{title}', { title: '$& {count}' }), '$& {count}', 'a value is not read as a pattern or filled again');
  });

  it('says which states can be checked', () => {
    assert.equal(isSelectableState({ kind: 'ready' }), true);
    assert.equal(isSelectableState({ kind: 'failed', message: 'x' }), true);
    for (const state of [{ kind: 'linked', taskId: 't' }, { kind: 'queued' }, { kind: 'creating' }, { kind: 'created', taskId: 't', written: true }, { kind: 'unknown', message: 'x' }] as const) {
      assert.equal(isSelectableState(state), false, state.kind);
    }
  });

  it('counts the rows Create would create and the failed ones', () => {
    const rows = [
      row('a', { kind: 'ready' }),
      row('b', { kind: 'ready' }, { checked: false }),
      row('c', { kind: 'failed', message: 'x' }),
      row('d', { kind: 'created', taskId: 't', written: true }),
      row('e', { kind: 'unknown', message: 'x' }),
    ];
    assert.equal(countRows(rows).checked, 2);
    assert.equal(countRows(rows).failed, 1);
  });

  it('labels the Create button by count', () => {
    assert.equal(createLabel(ENGLISH, 0), 'Create 0 tasks');
    assert.equal(createLabel(ENGLISH, 1), 'Create 1 task');
    assert.equal(createLabel(ENGLISH, 51), 'Create 51 tasks');
  });

  it('names each state, with the task id where there is one', () => {
    assert.equal(stateText(ENGLISH, { kind: 'ready' }), undefined);
    assert.equal(stateText(ENGLISH, { kind: 'linked', taskId: 'abc' }), 'Linked to abc');
    assert.equal(stateText(ENGLISH, { kind: 'created', taskId: 'abc', written: true }), 'Created abc');
    assert.equal(stateText(ENGLISH, { kind: 'created', taskId: 'abc', written: false }), 'Created abc; the TODO was not updated');
    assert.equal(stateText(ENGLISH, { kind: 'failed', message: 'm' }), 'Failed');
    assert.equal(stateText(ENGLISH, { kind: 'unknown', message: 'm' }), 'Outcome unknown');
    assert.equal(stateText({ ...ENGLISH, 'state.linked': 'Verknüpft' }, { kind: 'linked', taskId: 'abc' }), 'Verknüpft abc', 'a text without the placeholder still shows the id');
    assert.equal(stateMessage({ kind: 'failed', message: 'm' }), 'm');
    assert.equal(stateMessage({ kind: 'creating' }), undefined);
    assert.equal(duplicateText(ENGLISH, 'tallyfy'), 'A recent Tallyfy task has this title');
    assert.equal(duplicateText(ENGLISH, undefined), undefined);
  });

  it('shows the location 1-based, the summary, the progress and "you"', () => {
    assert.equal(placeText({ path: 'src/a.ts', line: 0 }), 'src/a.ts:1');
    const rows = [row('a', { kind: 'ready' }), row('b', { kind: 'linked', taskId: 't' }, { checked: false })];
    assert.equal(summaryText(ENGLISH, rows.length, countRows(rows)), 'TODOs found: 2 · selected: 1 · already linked: 1');
    assert.equal(progressText(ENGLISH, { phase: 'running', done: 3, total: 10 }), 'Creating tasks: 3 of 10');
    assert.equal(youLabel(ENGLISH, { name: 'Ada' }), 'Ada (you)');
    assert.equal(youLabel(ENGLISH, undefined), '(you)');
  });

  it('moves the focus with the arrow keys, Home and End, within the rows shown', () => {
    assert.equal(moveIndex('ArrowDown', 0, 3), 1);
    assert.equal(moveIndex('ArrowDown', 2, 3), 2);
    assert.equal(moveIndex('ArrowUp', 0, 3), 0);
    assert.equal(moveIndex('ArrowUp', 2, 3), 1);
    assert.equal(moveIndex('Home', 2, 3), 0);
    assert.equal(moveIndex('End', 0, 3), 2);
    assert.equal(moveIndex('ArrowDown', 0, 0), undefined);
    assert.equal(moveIndex('Enter', 0, 3), undefined);
  });
});

describe('visibleRows on the page rows', () => {
  it('filters and sorts any rows with a title, a path and a line, and returns them as given', () => {
    const rows = [
      row('Zebra', { kind: 'ready' }, { path: 'src/b.ts', line: 4 }),
      row('apple', { kind: 'ready' }, { path: 'src/a.ts', line: 9 }),
      row('Mango', { kind: 'linked', taskId: 't' }, { path: 'src/a.ts', line: 1 }),
    ];
    assert.deepEqual(visibleRows(rows, '', 'title').map((r) => r.title), ['apple', 'Mango', 'Zebra']);
    const found: RowView[] = visibleRows(rows, 'src/a.ts:10', 'file');
    assert.deepEqual(found, [rows[1]]);
    assert.deepEqual(visibleRows([{ title: 'x', path: 'p', line: 0 }], 'P:1', 'file'), [{ title: 'x', path: 'p', line: 0 }]);
  });
});
