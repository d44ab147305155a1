import assert from 'node:assert/strict';
import {
  checkedRows,
  countRows,
  flagDuplicates,
  normalizeTitle,
  matchRecords,
  parseStoredReview,
  reviewRows,
  setChecked,
  setTitle,
  visibleRows,
  type ScannedTodo,
} from '../../../src/core/bulk';
import { languageForPath } from '../../../src/core/todo';
import { sampleRecord } from '../records/fixtures';

const todo = (path: string, line: number, title: string, references: string[] = []): ScannedTodo => ({
  uri: `file:///w/${path}`,
  path,
  line,
  keyword: 'TODO',
  title,
  description: '',
  authors: [],
  references,
});

describe('bulk review rows', () => {
  it('lists every TODO by file and line, linked ones as linked and not checked', () => {
    const rows = reviewRows([todo('b.ts', 3, 'Later'), todo('a.ts', 9, 'Second'), todo('a.ts', 1, 'First'), todo('a.ts', 5, 'Linked', ['abc123'])]);
    assert.deepEqual(rows.map((row) => `${row.path}:${row.line}`), ['a.ts:1', 'a.ts:5', 'a.ts:9', 'b.ts:3']);
    const linked = rows[1];
    assert.deepEqual(linked?.state, { kind: 'linked', taskId: 'abc123' });
    assert.equal(linked?.checked, false);
    assert.equal(checkedRows(rows).length, 3);
  });

  it('flags the second TODO with one title in a file, and titles of records, and unchecks them', () => {
    const rows = reviewRows(
      [todo('a.ts', 1, 'Fix the refund'), todo('a.ts', 7, 'fix  the REFUND.'), todo('b.ts', 2, 'Fix the refund'), todo('b.ts', 4, 'Known task')],
      ['Known task!'],
    );
    assert.deepEqual(rows.map((row) => row.duplicate), [undefined, 'same-file', undefined, 'record']);
    assert.deepEqual(rows.map((row) => row.checked), [true, false, true, false]);
  });

  it('a late duplicate flag (recent Tallyfy tasks) leaves rows the user decided alone', () => {
    let rows = reviewRows([todo('a.ts', 1, 'Ship it'), todo('a.ts', 2, 'Test it')]);
    const first = new Set([rows[0]?.key ?? '']);
    rows = setChecked(setChecked(rows, first, false), first, true); // the user decided: checked
    rows = flagDuplicates(rows, ['ship it', 'Test it'], 'tallyfy');
    assert.deepEqual(rows.map((row) => [row.duplicate, row.checked]), [['tallyfy', true], ['tallyfy', false]]);
  });

  it('checks only selectable rows, and edits titles of those only', () => {
    const rows = reviewRows([todo('a.ts', 1, 'One'), todo('a.ts', 2, 'Two', ['t1'])]);
    const keys = new Set(rows.map((row) => row.key));
    const none = setChecked(rows, keys, false);
    assert.equal(checkedRows(none).length, 0);
    const all = setChecked(none, keys, true);
    assert.deepEqual(all.map((row) => row.checked), [true, false]);
    const titled = setTitle(all, rows[1]?.key ?? '', 'Changed');
    assert.equal(titled[1]?.title, 'Two');
    assert.equal(setTitle(all, rows[0]?.key ?? '', 'Changed')[0]?.title, 'Changed');
  });

  it('filters by words of the title or the place, and sorts by title without moving the rows', () => {
    const rows = reviewRows([todo('src/a.ts', 1, 'Zebra crossing'), todo('src/b.ts', 2, 'apple pie'), todo('lib/c.ts', 3, 'Mango')]);
    assert.deepEqual(visibleRows(rows, 'src', 'file').map((row) => row.title), ['Zebra crossing', 'apple pie']);
    assert.deepEqual(visibleRows(rows, 'PIE src/b', 'file').map((row) => row.title), ['apple pie']);
    assert.deepEqual(visibleRows(rows, '', 'title').map((row) => row.title), ['apple pie', 'Mango', 'Zebra crossing']);
    assert.deepEqual(rows.map((row) => row.title), ['Mango', 'Zebra crossing', 'apple pie']);
  });

  it('normalizes titles for comparison only', () => {
    assert.equal(normalizeTitle('  Fix   THE thing!!  '), 'fix the thing');
    assert.equal(normalizeTitle('Ｆｕｌｌ width'), 'full width');
  });

  it('counts rows per state', () => {
    const rows = reviewRows([todo('a.ts', 1, 'One'), todo('a.ts', 2, 'Two', ['t1'])]);
    const counts = countRows(rows);
    assert.equal(counts.ready, 1);
    assert.equal(counts.linked, 1);
    assert.equal(counts.checked, 1);
  });
});

describe('stored reviews', () => {
  const stored = (state: unknown) => ({
    id: 'r1',
    scope: 'src',
    rows: [{ ...reviewRows([todo('a.ts', 1, 'One')])[0], state }],
    defaults: { deadline: '2030-01-08', taskType: 'task', tags: [] },
  });

  it('brings a row that was being sent back as outcome unknown, never as ready', () => {
    const review = parseStoredReview(stored({ kind: 'creating' }), 'interrupted');
    assert.deepEqual(review?.rows[0]?.state, { kind: 'unknown', message: 'interrupted' });
  });

  it('brings a waiting row back ready, and other states as they were', () => {
    assert.deepEqual(parseStoredReview(stored({ kind: 'queued' }), 'x')?.rows[0]?.state, { kind: 'ready' });
    assert.deepEqual(parseStoredReview(stored({ kind: 'created', taskId: 't', written: true }), 'x')?.rows[0]?.state, { kind: 'created', taskId: 't', written: true });
  });

  it('drops a stored value of another shape', () => {
    assert.equal(parseStoredReview({ id: 'r1', rows: 'nope' }, 'x'), undefined);
    assert.equal(parseStoredReview(stored({ kind: 'exploded' }), 'x'), undefined);
  });
});

describe('matching rows to records after a reload', () => {
  const record = (id: string, path: string, line: number, title: string) =>
    sampleRecord({ id: id.padStart(32, '0'), title, source: { uri: `file:///w/${path}`, line, reference: `tallyfy:${id}` } });

  it('gives a row the record of its file and title, each record to one row, the nearest first', () => {
    const rows = reviewRows([todo('a.ts', 1, 'Same'), todo('a.ts', 40, 'Same'), todo('b.ts', 3, 'Other')]);
    const matched = matchRecords(rows, [record('1', 'a.ts', 41, 'Same'), record('2', 'b.ts', 9, 'Else')]);
    assert.deepEqual([...matched].map(([key, r]) => [key, r.id.replace(/^0+/, '')]), [[rows[1]?.key, '1']]);
  });

  it('leaves created and linked rows alone, and matches rows that were being sent first', () => {
    const rows = reviewRows([todo('a.ts', 1, 'Same'), todo('a.ts', 2, 'Same'), todo('a.ts', 3, 'Linked', ['9'])]).map((row, i) =>
      i === 1 ? { ...row, state: { kind: 'unknown' as const, message: 'interrupted' } } : row,
    );
    const matched = matchRecords(rows, [record('1', 'a.ts', 1, 'Same'), record('3', 'a.ts', 3, 'Linked')]);
    assert.deepEqual([...matched.keys()], [rows[1]?.key]);
  });
});

describe('languageForPath', () => {
  it('knows common files by extension and name, files.associations first', () => {
    assert.equal(languageForPath('/w/src/a.ts'), 'typescript');
    assert.equal(languageForPath('/w/Dockerfile'), 'dockerfile');
    assert.equal(languageForPath('/w/x.PY'), 'python');
    assert.equal(languageForPath('/w/x.tpl', { '*.tpl': 'html' }), 'html');
    assert.equal(languageForPath('/w/special.conf', { 'special.conf': 'ini' }), 'ini');
  });

  it('says nothing for a name only VS Code can tell', () => {
    assert.equal(languageForPath('/w/bin/run'), undefined);
    assert.equal(languageForPath('/w/x.unknownext'), undefined);
  });
});
