// The readers of a task answer's relations (process, comments, form fields) and of captured values as
// text, on the shapes Tallyfy sends and on odd ones.
import assert from 'node:assert/strict';
import { formFieldText, parseTaskComment, taskComments, taskFormFields, taskProcess } from '../../../src/core/tallyfy/details';

const ODD_VALUES: unknown[] = [undefined, null, 0, 'text', [], {}, [null], { data: 5 }, { data: [1, 'x', null] }, { data: { data: {} } }];

describe('task details', () => {
  describe('taskProcess', () => {
    it('reads run.data, wrapped or bare, naming it by its id when it has no name', () => {
      assert.deepEqual(taskProcess({ run: { data: { id: 'r1', name: 'Onboarding', status: 'active' } } }), { id: 'r1', name: 'Onboarding' });
      assert.deepEqual(taskProcess({ run: { id: 'r2', name: 'Bare' } }), { id: 'r2', name: 'Bare' });
      assert.deepEqual(taskProcess({ run: { data: { id: 7, name: '  ' } } }), { id: '7', name: '7' });
    });

    it('is undefined when not asked for, empty, or odd', () => {
      for (const run of [...ODD_VALUES, { data: null }, { data: [] }, { data: { name: 'No id' } }]) {
        assert.equal(taskProcess({ run }), undefined, JSON.stringify(run));
      }
      for (const raw of ODD_VALUES) assert.equal(taskProcess(raw), undefined);
    });
  });

  describe('taskComments', () => {
    it('reads threads.data oldest first, then in the answer order, undated last', () => {
      const raw = {
        threads: {
          data: [
            { id: 'c3', content: '<p>Third</p>', author_id: 1003, created_at: '2030-01-03 09:00:00', label: 'problem' },
            { id: 'c0', content: 'No date', author_id: 1001 },
            { id: 'c1', content: 'First', author_id: '1001', created_at: '2030-01-01T09:00:00.000+00:00' },
            { id: 'c2a', content: 'Same time, earlier in the answer', created_at: '2030-01-02T09:00:00Z' },
            { id: 'c2b', content: 'Same time, later in the answer', created_at: '2030-01-02T09:00:00Z' },
          ],
        },
      };
      const comments = taskComments(raw);
      assert.deepEqual(comments.map((c) => c.id), ['c1', 'c2a', 'c2b', 'c3', 'c0']);
      assert.deepEqual(comments[0], { id: 'c1', content: 'First', authorId: 1001, createdAt: '2030-01-01T09:00:00Z' });
      assert.deepEqual(comments[3], { id: 'c3', content: '<p>Third</p>', authorId: 1003, createdAt: '2030-01-03T09:00:00Z', label: 'problem' });
    });

    it('reads the author from author_id, else user_id, else an embedded user or author', () => {
      const author = (thread: Record<string, unknown>) => {
        const comment = parseTaskComment({ id: 'c', content: 'x', ...thread });
        return [comment?.authorId, comment?.authorName];
      };
      assert.deepEqual(author({ author_id: 5, user_id: 6 }), [5, undefined]);
      assert.deepEqual(author({ user_id: 6 }), [6, undefined]);
      assert.deepEqual(author({ user: { id: 7, full_name: 'Grace Hopper' } }), [7, 'Grace Hopper']);
      assert.deepEqual(author({ author: { data: { id: 8, first_name: 'Alan', last_name: 'Turing' } } }), [8, 'Alan Turing']);
      assert.deepEqual(author({ author_id: 9, user: { data: { id: 9, full_name: 'Same Person' } } }), [9, 'Same Person']);
      assert.deepEqual(author({ author_id: 9, user: { id: 10, full_name: 'Someone Else' } }), [9, undefined]);
      assert.deepEqual(author({ author_id: 'nine', user: 'x', author: [] }), [undefined, undefined]);
    });

    it('skips entries without an id or a content string, and reads a bare list', () => {
      const raw = {
        threads: [null, 'text', 3, [], { id: 'a' }, { content: 'no id' }, { id: '', content: 'blank id' }, { id: 'b', content: 42 }, { id: 'c', content: '' }, { id: 4, content: 'ok' }],
      };
      assert.deepEqual(taskComments(raw), [
        { id: 'c', content: '' },
        { id: '4', content: 'ok' },
      ]);
    });

    it('gives nothing for odd answers', () => {
      for (const threads of ODD_VALUES) assert.deepEqual(taskComments({ threads }), [], JSON.stringify(threads));
      for (const raw of ODD_VALUES) assert.deepEqual(taskComments(raw), []);
      assert.deepEqual(taskComments({ threads: { data: [{ id: 'x', content: 'y', created_at: 'yesterday', label: 7 }] } }), [{ id: 'x', content: 'y' }]);
    });
  });

  describe('taskFormFields', () => {
    it('reads form_fields.data, or a bare list, in the answer order', () => {
      const fields = [
        { id: 'f1', label: 'Decision', field_type: 'dropdown', value: { id: 1, text: 'Approved' }, required: true },
        { id: 2, label: 'Notes', field_type: 'textarea', required: false },
      ];
      const expected = [
        { id: 'f1', label: 'Decision', fieldType: 'dropdown', required: true, options: [], columns: [], value: { id: 1, text: 'Approved' } },
        { id: '2', label: 'Notes', fieldType: 'textarea', required: false, options: [], columns: [], value: null },
      ];
      assert.deepEqual(taskFormFields({ form_fields: { data: fields } }), expected);
      assert.deepEqual(taskFormFields({ form_fields: fields }), expected);
    });

    it('keeps a field with a label or an id, with defaults for what is missing, and skips the rest', () => {
      const raw = { form_fields: { data: [null, 'x', [], {}, { label: '  ' }, { label: 'Only a label', required: 'yes' }, { id: 'only-id', field_type: 7 }] } };
      assert.deepEqual(taskFormFields(raw), [
        { label: 'Only a label', fieldType: '', required: false, options: [], columns: [], value: null },
        { id: 'only-id', label: '', fieldType: '', required: false, options: [], columns: [], value: null },
      ]);
      for (const form_fields of ODD_VALUES) assert.deepEqual(taskFormFields({ form_fields }), [], JSON.stringify(form_fields));
      for (const odd of ODD_VALUES) assert.deepEqual(taskFormFields(odd), []);
    });

    it("reads a field's options by their text and a table's columns by their label, in the answer's order", () => {
      const [dropdown, table] = taskFormFields({
        form_fields: {
          data: [
            { id: 'f1', label: 'Environment', field_type: 'dropdown', options: [{ id: 2, text: 'Staging' }, { id: 1, text: 'Production' }, 'QA', { label: 'Dev' }], columns: [] },
            { id: 'f2', label: 'Parts', field_type: 'table', options: [], columns: { data: [{ id: 1, label: 'Name' }, { id: 2, text: 'Qty' }, { name: 'Price' }] } },
          ],
        },
      });
      assert.deepEqual([dropdown?.options, dropdown?.columns], [['Staging', 'Production', 'QA', 'Dev'], []]);
      assert.deepEqual([table?.options, table?.columns], [[], ['Name', 'Qty', 'Price']]);
    });

    it('leaves out options and columns without text, and reads odd lists as none', () => {
      const [field] = taskFormFields({ form_fields: [{ label: 'Odd', options: [null, 7, '  ', { text: '' }, { id: 3 }, [], 'Kept'], columns: 'Name' }] });
      assert.deepEqual([field?.options, field?.columns], [['Kept'], []]);
      for (const options of [undefined, null, 0, 'text', {}, [null], [[]], { data: 5 }, { data: { data: {} } }]) {
        assert.deepEqual(taskFormFields({ form_fields: [{ label: 'x', options }] })[0]?.options, [], JSON.stringify(options));
      }
    });
  });

  describe('formFieldText', () => {
    const formatDate = (iso: string) => `<${iso}>`;
    const text = (value: unknown, options?: Parameters<typeof formFieldText>[2]) => formFieldText(value, formatDate, options);

    it('shows text, numbers and yes/no values', () => {
      assert.equal(text('Plain <b>text</b>'), 'Plain <b>text</b>');
      assert.equal(text(42.5), '42.5');
      assert.equal(text(0), '0');
      assert.equal(text(true), 'true');
      assert.equal(text(false), 'false');
      assert.equal(text(false, { booleans: { yes: 'Ja', no: 'Nein' } }), 'Nein');
    });

    it('shows a date field through formatDate, in UTC ISO, and other text as it is', () => {
      assert.equal(text('2030-03-01 17:00:00', { fieldType: 'date' }), '<2030-03-01T17:00:00Z>');
      assert.equal(text('2030-03-01T17:00:00.000+02:00', { fieldType: 'date' }), '<2030-03-01T15:00:00Z>');
      assert.equal(text('2030-03-01', { fieldType: 'date' }), '<2030-03-01T00:00:00Z>');
      assert.equal(text('next Tuesday', { fieldType: 'date' }), 'next Tuesday');
      assert.equal(text('2030-03-01', { fieldType: 'text' }), '2030-03-01');
      const failing = () => {
        throw new Error('no locale');
      };
      assert.equal(formFieldText('2030-03-01', failing, { fieldType: 'date' }), '2030-03-01');
    });

    it('shows an option by its text, label or value', () => {
      assert.equal(text({ id: 1, text: 'Approved' }), 'Approved');
      assert.equal(text({ label: 'Gold', value: 'gold' }), 'Gold');
      assert.equal(text({ value: 3 }), '3');
      assert.equal(text({ text: '', label: null, value: 'fallback' }), 'fallback');
      assert.equal(text({ text: { text: 'nested' } }), 'nested');
    });

    it('joins a list with ", ", leaving out options marked not selected', () => {
      assert.equal(text(['a', 'b', 3, true]), 'a, b, 3, true');
      assert.equal(text([{ id: 1, text: 'Red' }, { id: 2, text: 'Blue', selected: true }, { id: 3, text: 'Green', selected: false }]), 'Red, Blue');
      assert.equal(text(['a', null, '', undefined, 'b']), 'a, b');
    });

    it('shows a table as rows joined with "; " and cells with ", "', () => {
      assert.equal(text([['a', 'b'], ['c', 'd']]), 'a, b; c, d');
      assert.equal(text([{ Name: 'Ada', Role: 'Lead' }, { Name: 'Alan', Role: null }]), 'Ada, Lead; Alan');
      assert.equal(text([['x', { text: 'Option' }], [], { Col: [1, 2] }]), 'x, Option; 1, 2');
    });

    it('is empty for nothing captured, and never throws on odd shapes', () => {
      for (const empty of [null, undefined, '', '   ', [], {}, [[]], [null], { text: null }, Number.NaN, Number.POSITIVE_INFINITY]) {
        assert.equal(text(empty), '', JSON.stringify(empty));
      }
      let deep: unknown = 'bottom';
      for (let i = 0; i < 50; i++) deep = { value: deep };
      assert.equal(text(deep), '');
      const cyclic: Record<string, unknown> = { label: 'x' };
      cyclic['value'] = cyclic;
      assert.equal(text([cyclic]), 'x');
      const loop: unknown[] = [];
      loop.push(loop);
      assert.equal(text(loop), '');
      assert.equal(text(Symbol('s')), '');
      assert.equal(text(() => 'fn'), '');
      assert.equal(text(BigInt(7)), '');
    });
  });
});
