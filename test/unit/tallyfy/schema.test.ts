import assert from 'node:assert/strict';
import { isTallyfyError } from '../../../src/core/tallyfy/errors';
import { parseTask, validateCreateTaskInput } from '../../../src/core/tallyfy/schema';
import { DAY_MS, makeClient, rejection, useSandbox, validInput } from './helpers';

const TAG = '7a91000000000000000000000000000a';
const deadline = new Date(Date.now() + 3 * DAY_MS);

/** One bad input per rule: the field path expected in fieldErrors and a pattern its message must match. */
const BAD_INPUTS: Array<{ rule: string; input: Record<string, unknown>; field: string; message: RegExp }> = [
  { rule: 'title missing', input: validInput({ title: undefined }), field: 'title', message: /^Title is required\.$/ },
  { rule: 'title blank after trimming', input: validInput({ title: '   \t ' }), field: 'title', message: /^Title is required\.$/ },
  { rule: 'title not text', input: validInput({ title: 42 }), field: 'title', message: /^Title must be text\.$/ },
  { rule: 'title over 600 characters', input: validInput({ title: 'x'.repeat(601) }), field: 'title', message: /^Title must be 600 characters or fewer\.$/ },
  { rule: 'task type missing', input: validInput({ task_type: undefined }), field: 'task_type', message: /^Task type is required\.$/ },
  { rule: 'task type unknown', input: validInput({ task_type: 'chore' }), field: 'task_type', message: /^Task type must be one of: task, approval, expiring, email, expiring_email\.$/ },
  { rule: 'owners missing', input: validInput({ owners: undefined }), field: 'owners', message: /^Assignees is required\.$/ },
  { rule: 'no assignee at all', input: validInput({ owners: { users: [], guests: [], groups: [] } }), field: 'owners', message: /at least one assignee/ },
  { rule: 'user id not an integer', input: validInput({ owners: { users: [1001, 1.5] } }), field: 'owners.users.1', message: /member must be a user id/ },
  { rule: 'user id not positive', input: validInput({ owners: { users: [-3] } }), field: 'owners.users.0', message: /member must be a user id/ },
  { rule: 'guest not an email', input: validInput({ owners: { guests: ['not-an-email'] } }), field: 'owners.guests.0', message: /guest must be a valid email/ },
  { rule: 'group id empty', input: validInput({ owners: { groups: [' '] } }), field: 'owners.groups.0', message: /group must be a group id/ },
  { rule: 'deadline missing', input: validInput({ deadline: undefined }), field: 'deadline', message: /^Deadline is required\.$/ },
  { rule: 'deadline unreadable', input: validInput({ deadline: 'next friday' }), field: 'deadline', message: /^Deadline must be a valid date and time\.$/ },
  { rule: 'deadline without time zone', input: validInput({ deadline: '2025-07-15T17:00' }), field: 'deadline', message: /Deadline must be a valid date/ },
  { rule: 'deadline invalid Date', input: validInput({ deadline: new Date('x') }), field: 'deadline', message: /Deadline must be a valid date/ },
  { rule: 'start unreadable', input: validInput({ started_at: 'soon' }), field: 'started_at', message: /^Start date must be a valid date and time\.$/ },
  { rule: 'start after deadline', input: validInput({ deadline, started_at: new Date(deadline.getTime() + 60_000) }), field: 'started_at', message: /^Start date must not be after the deadline\.$/ },
  { rule: 'tag id not 32 characters', input: validInput({ tags: ['bug'] }), field: 'tags.0', message: /tag must be a tag id of 32 characters/ },
  { rule: 'tags not a list', input: validInput({ tags: TAG }), field: 'tags', message: /Tags must be a list/ },
  { rule: 'max_assignable zero', input: validInput({ max_assignable: 0 }), field: 'max_assignable', message: /Maximum assignees must be a positive whole number/ },
  { rule: 'max_assignable fractional', input: validInput({ max_assignable: 2.5 }), field: 'max_assignable', message: /Maximum assignees must be a positive whole number/ },
  { rule: 'webhook not a URL', input: validInput({ webhook: 'call me maybe' }), field: 'webhook', message: /^Webhook must be an http or https URL\.$/ },
  { rule: 'webhook not http(s)', input: validInput({ webhook: 'ftp://example.com/hook' }), field: 'webhook', message: /Webhook must be an http or https URL/ },
  { rule: 'separate_task_for_each_assignee not boolean', input: validInput({ separate_task_for_each_assignee: 'yes' }), field: 'separate_task_for_each_assignee', message: /Separate task for each assignee.*true or false/ },
  { rule: 'everyone_must_complete not boolean', input: validInput({ everyone_must_complete: 1 }), field: 'everyone_must_complete', message: /Everyone must complete.*true or false/ },
  { rule: 'can_complete_only_assignees not boolean', input: validInput({ can_complete_only_assignees: 'no' }), field: 'can_complete_only_assignees', message: /Only assignees can complete.*true or false/ },
  { rule: 'prevent_guest_comment not boolean', input: validInput({ prevent_guest_comment: null }), field: 'prevent_guest_comment', message: /Prevent guest comments.*true or false/ },
  { rule: 'top_secret not boolean', input: validInput({ top_secret: 'true' }), field: 'top_secret', message: /Top secret.*true or false/ },
  { rule: 'run_id not text', input: validInput({ run_id: 12 }), field: 'run_id', message: /run_id\) must be text/ },
  { rule: 'form field without label', input: validInput({ form_fields: [{ field_type: 'text', required: true }] }), field: 'form_fields.0.label', message: /Form field label is required/ },
  { rule: 'form field without type', input: validInput({ form_fields: [{ label: 'Reason', field_type: '', required: true }] }), field: 'form_fields.0.field_type', message: /Form field type is required/ },
  { rule: 'form field required not boolean', input: validInput({ form_fields: [{ label: 'Reason', field_type: 'text' }] }), field: 'form_fields.0.required', message: /"required" must be true or false/ },
  { rule: 'form field of the email type', input: validInput({ form_fields: [{ label: 'Contact', field_type: 'email', required: true }] }), field: 'form_fields.0.field_type', message: /cannot show an email field/ },
  { rule: 'dropdown without options', input: validInput({ form_fields: [{ label: 'Env', field_type: 'dropdown', required: true }] }), field: 'form_fields.0.options', message: /^Add at least one option\.$/ },
  { rule: 'radio with one option', input: validInput({ form_fields: [{ label: 'Ship?', field_type: 'radio', required: true, options: [{ text: 'Yes' }] }] }), field: 'form_fields.0.options', message: /at least 2 options/ },
  { rule: 'table without columns', input: validInput({ form_fields: [{ label: 'Parts', field_type: 'table', required: false, columns: [] }] }), field: 'form_fields.0.columns', message: /^Add at least one column\.$/ },
  {
    rule: 'form field label used twice',
    input: validInput({ form_fields: [{ label: 'PR', field_type: 'text', required: true }, { label: 'pr', field_type: 'file', required: false }] }),
    field: 'form_fields.1.label',
    message: /Another form field is labelled "pr"/,
  },
  { rule: 'description not text', input: validInput({ description: ['a'] }), field: 'description', message: /^Description must be text\.$/ },
];

describe('tallyfy create-task schema', () => {
  describe('rejects each broken rule with a message naming its field', () => {
    for (const { rule, input, field, message } of BAD_INPUTS) {
      it(rule, () => {
        const result = validateCreateTaskInput(input);
        assert.equal(result.ok, false);
        if (result.ok) return;
        assert.deepEqual(Object.keys(result.fieldErrors), [field], JSON.stringify(result.fieldErrors));
        assert.match(result.fieldErrors[field]?.[0] ?? '', message);
      });
    }
  });

  it('rejects something that is not an object', () => {
    const result = validateCreateTaskInput('title');
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? {} : result.fieldErrors, { _form: ['The task must be an object.'] });
  });

  it('reports several fields at once', () => {
    const result = validateCreateTaskInput({ title: '', task_type: 'x', owners: {}, deadline: '' });
    assert.equal(result.ok, false);
    assert.deepEqual(Object.keys(result.ok ? {} : result.fieldErrors).sort(), ['deadline', 'owners', 'task_type', 'title']);
  });

  it('builds the exact request body from valid input', () => {
    const result = validateCreateTaskInput({
      title: '  Fix the parser  ',
      task_type: 'approval',
      owners: { users: [1001, 1001, 1002], guests: [' auditor@example.org '], groups: ['g1'] },
      deadline: '2025-07-15T19:00:00.250+02:00',
      started_at: new Date(Date.UTC(2025, 6, 14, 9, 0, 0)),
      description: 'See src/parser.ts line 12',
      tags: [TAG, TAG],
      max_assignable: 2,
      webhook: 'https://example.com/hook',
      separate_task_for_each_assignee: false,
      everyone_must_complete: true,
      can_complete_only_assignees: true,
      prevent_guest_comment: false,
      top_secret: false,
      run_id: 'run-1',
      form_fields: [{ label: 'Reason', field_type: 'text', required: true, options: [] }],
      unknown_field: 'dropped',
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.body, {
      title: 'Fix the parser',
      task_type: 'approval',
      owners: { users: [1001, 1002], guests: ['auditor@example.org'], groups: ['g1'] },
      deadline: '2025-07-15T17:00:00Z',
      started_at: '2025-07-14T09:00:00Z',
      description: 'See src/parser.ts line 12',
      summary: 'See src/parser.ts line 12',
      tags: [TAG],
      max_assignable: 2,
      webhook: 'https://example.com/hook',
      separate_task_for_each_assignee: false,
      everyone_must_complete: true,
      can_complete_only_assignees: true,
      prevent_guest_comment: false,
      top_secret: false,
      run_id: 'run-1',
      form_fields: [{ label: 'Reason', field_type: 'text', required: true, options: [] }],
    });
  });

  it('treats empty optional form values as not given', () => {
    const result = validateCreateTaskInput(validInput({ webhook: '', run_id: '  ', description: '', started_at: '' }));
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.body).sort(), ['deadline', 'owners', 'task_type', 'title']);
  });

  it('counts the 600 characters as characters, not UTF-16 units', () => {
    assert.equal(validateCreateTaskInput(validInput({ title: '😀'.repeat(600) })).ok, true);
    assert.equal(validateCreateTaskInput(validInput({ title: '😀'.repeat(601) })).ok, false);
  });

  describe('in the client', () => {
    const sandbox = useSandbox();

    it('sends nothing when the input is invalid', async () => {
      const { client } = makeClient(sandbox.current);
      for (const { rule, input, field } of BAD_INPUTS) {
        const error = await rejection(() => client.createTask(sandbox.current.orgId, input));
        assert.ok(isTallyfyError(error, 'validation'), rule);
        assert.ok(error.fieldErrors?.[field], `${rule}: ${JSON.stringify(error.fieldErrors)}`);
      }
      assert.deepEqual(sandbox.current.requests(), []);
      assert.deepEqual(sandbox.current.tasks(), []);
    });
  });
});

describe('tallyfy task answers', () => {
  it('reads owners.users as ids or as objects, guests and groups in either form', () => {
    const asIds = parseTask({ id: 'a'.repeat(32), title: 'T', status: 'not-started', owners: { users: [1001, '1002'], guests: ['g@example.com'], groups: ['g1'] } });
    assert.deepEqual(asIds?.owners, { users: [{ id: 1001 }, { id: 1002 }], guests: ['g@example.com'], groups: [{ id: 'g1' }] });
    const asObjects = parseTask({
      id: 'a'.repeat(32),
      owners: {
        users: [{ id: 1001, full_name: 'Ada Lovelace', profile_pic: null }, { id: 1002, first_name: 'Grace', last_name: 'Hopper' }, { nope: true }],
        guests: [{ email: 'g@example.com' }],
        groups: [{ id: 'g1', name: 'Engineering' }],
      },
    });
    assert.deepEqual(asObjects?.owners, {
      users: [{ id: 1001, fullName: 'Ada Lovelace' }, { id: 1002, fullName: 'Grace Hopper' }],
      guests: ['g@example.com'],
      groups: [{ id: 'g1', name: 'Engineering' }],
    });
  });

  it('keeps unknown fields, tolerates missing ones and normalizes dates', () => {
    const task = parseTask({
      id: 'b'.repeat(32),
      increment_id: '7',
      title: 'Hello',
      status: 'in-progress',
      task_type: 'approval',
      run_id: null,
      deadline: '2025-07-15 17:00:00',
      created_at: '2025-07-01T10:00:00.000+00:00',
      brand_new_field: { x: 1 },
    });
    assert.ok(task);
    assert.equal(task.incrementId, 7);
    assert.equal(task.deadline, '2025-07-15T17:00:00Z');
    assert.equal(task.createdAt, '2025-07-01T10:00:00Z');
    assert.equal(task.runId, undefined);
    assert.equal('runId' in task, false);
    assert.equal(task.isCompleted, false);
    assert.deepEqual(task.raw['brand_new_field'], { x: 1 });
    assert.deepEqual(task.owners, { users: [], guests: [], groups: [] });
  });

  it('treats a task as done when completed_at is set or the status says so', () => {
    assert.equal(parseTask({ id: 'x', status: 'completed' })?.isCompleted, true);
    assert.equal(parseTask({ id: 'x', status: 'Complete' })?.isCompleted, true);
    assert.equal(parseTask({ id: 'x', status: 'in-progress', completed_at: '2025-01-01T00:00:00Z' })?.isCompleted, true);
    assert.equal(parseTask({ id: 'x', status: 'auto-skipped' })?.isCompleted, false);
  });

  it('reads an archived task from archived_at, or from deleted_at (what archiving sets)', () => {
    assert.equal(parseTask({ id: 'x', status: 'not-started', archived_at: '2025-01-02T03:04:05Z' })?.archivedAt, '2025-01-02T03:04:05Z');
    assert.equal(parseTask({ id: 'x', status: 'not-started', archived_at: null, deleted_at: '2025-01-02 03:04:05' })?.archivedAt, '2025-01-02T03:04:05Z');
    assert.equal(parseTask({ id: 'x', status: 'not-started', archived_at: null, deleted_at: null })?.archivedAt, undefined);
  });

  it('refuses answers without an id', () => {
    assert.equal(parseTask({ title: 'no id' }), undefined);
    assert.equal(parseTask(null), undefined);
    assert.equal(parseTask([]), undefined);
  });
});
