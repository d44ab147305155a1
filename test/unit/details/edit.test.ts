// Editing a task from its details: the PUT body for one-off and process tasks (the one-off's required
// fields always, the owners as the whole list seen, a process task's changes only), the live check of
// the values with the form's messages, the description as Tallyfy's HTML, and the conflict decision.
import assert from 'node:assert/strict';
import {
  descriptionHtml,
  editChanged,
  editSourceOf,
  editUpdateBody,
  initialEditValues,
  saveDecision,
  validateEdit,
  type EditRequest,
} from '../../../src/core/details/edit';
import { fixedZone } from '../../../src/core/zone';
import { parseTask, validateProcessTaskUpdateInput, validateUpdateTaskInput, type Task } from '../../../src/core/tallyfy/schema';

const UTC = fixedZone(0);
const GROUP = '6e010000000000000000000000000000';

function taskFrom(raw: Record<string, unknown>): Task {
  const task = parseTask({
    id: 'a'.repeat(32),
    title: 'Fix the refunds',
    status: 'in-progress',
    deadline: '2031-02-03T17:00:00Z',
    last_updated: '2031-01-01T10:00:00Z',
    owners: { users: [{ id: 1001, full_name: 'Ada Lovelace' }, 1002], guests: ['auditor@example.org'], groups: [GROUP] },
    ...raw,
  });
  assert.ok(task);
  return task;
}

const ONE_OFF = taskFrom({});
const PROCESS = taskFrom({ run_id: 'b'.repeat(32) });

function request(patch: Partial<EditRequest> = {}): EditRequest {
  return {
    title: 'Fix the refunds',
    deadline: '2031-02-03T17:00:00.000Z',
    owners: { users: [1001, 1002], groups: [GROUP], guests: ['auditor@example.org'] },
    ...patch,
  };
}

describe('editing a task from its details', () => {
  describe('the values', () => {
    it('start from the task: its title, its deadline in the zone, every assignee and the description as text', () => {
      const values = initialEditValues(editSourceOf(ONE_OFF), 'Check the path.', fixedZone(120));
      assert.deepEqual(values, {
        title: 'Fix the refunds',
        deadlineDate: '2031-02-03',
        deadlineTime: '19:00',
        assignees: { users: [1001, 1002], groups: [GROUP], guests: ['auditor@example.org'] },
        description: 'Check the path.',
      });
      assert.equal(editChanged(values, values), false);
      assert.equal(editChanged({ ...values, title: 'Other' }, values), true);
    });

    it('say which tasks can be edited: open ones only', () => {
      assert.equal(editSourceOf(ONE_OFF).editable, 'open');
      assert.equal(editSourceOf(taskFrom({ status: 'completed', completed_at: '2031-01-02T00:00:00Z' })).editable, 'completed');
      assert.equal(editSourceOf(taskFrom({ archived_at: '2031-01-02T00:00:00Z' })).editable, 'archived');
      assert.equal(editSourceOf(PROCESS).kind, 'process');
      assert.equal(editSourceOf(ONE_OFF).kind, 'one-off');
    });

    it('are checked with the form messages, per control', () => {
      const initial = initialEditValues(editSourceOf(ONE_OFF), '', UTC);
      const none = { users: [], groups: [], guests: [] };
      const bad = validateEdit({ ...initial, title: '  ', deadlineTime: '', assignees: none }, initial, 'one-off', UTC);
      assert.equal(bad.ok, false);
      assert.ok(!bad.ok);
      assert.deepEqual(Object.keys(bad.errors).sort(), ['assignees', 'deadline', 'title']);
      assert.deepEqual(bad.errors.deadline, ['Deadline needs a time.']);
      // A process task may be left with no assignee; its title and deadline are still required.
      const process = validateEdit({ ...initial, assignees: none }, initial, 'process', UTC);
      assert.ok(process.ok);
      const processBad = validateEdit({ ...initial, title: '' }, initial, 'process', UTC);
      assert.ok(!processBad.ok && processBad.errors.title !== undefined);
    });

    it('ask for the description only when it was changed', () => {
      const initial = initialEditValues(editSourceOf(ONE_OFF), 'As it was', UTC);
      const same = validateEdit({ ...initial, deadlineDate: '2031-03-01' }, initial, 'one-off', UTC);
      assert.ok(same.ok);
      assert.deepEqual(same.request, {
        title: 'Fix the refunds',
        deadline: '2031-03-01T17:00:00Z',
        owners: { users: [1001, 1002], guests: ['auditor@example.org'], groups: [GROUP] },
      });
      const changed = validateEdit({ ...initial, description: 'New text' }, initial, 'one-off', UTC);
      assert.ok(changed.ok);
      assert.equal(changed.request.description, 'New text');
    });
  });

  describe('the PUT body', () => {
    it('of a one-off task carries title, deadline and the whole owners list always, and summary when the description changed', () => {
      const body = editUpdateBody(request({ deadline: '2031-03-01T17:00:00.000Z' }), ONE_OFF);
      assert.deepEqual(body, {
        title: 'Fix the refunds',
        deadline: '2031-03-01T17:00:00.000Z',
        owners: { users: [1001, 1002], groups: [GROUP], guests: ['auditor@example.org'] },
      });
      const validated = validateUpdateTaskInput(body);
      assert.ok(validated.ok);
      assert.deepEqual(Object.keys(validated.body).sort(), ['deadline', 'owners', 'title']);
      const withText = editUpdateBody(request({ description: 'a < b\nnext' }), ONE_OFF);
      assert.equal((withText as { summary?: string }).summary, '<p>a &lt; b<br>next</p>');
    });

    it('of a one-off task with one of two members removed names the other only', () => {
      const body = editUpdateBody(request({ owners: { users: [1002], groups: [GROUP], guests: ['auditor@example.org'] } }), ONE_OFF);
      assert.deepEqual(body.owners, { users: [1002], groups: [GROUP], guests: ['auditor@example.org'] });
    });

    it('of a process task carries only what changed', () => {
      assert.deepEqual(editUpdateBody(request(), PROCESS), {});
      assert.deepEqual(editUpdateBody(request({ title: 'Renamed' }), PROCESS), { title: 'Renamed' });
      assert.deepEqual(editUpdateBody(request({ deadline: '2031-03-01T17:00:00.000Z' }), PROCESS), { deadline: '2031-03-01T17:00:00.000Z' });
      const owners = { users: [1001], groups: [], guests: [] };
      const body = editUpdateBody(request({ owners }), PROCESS);
      assert.deepEqual(body, { owners });
      const validated = validateProcessTaskUpdateInput(body);
      assert.ok(validated.ok);
      assert.deepEqual(validated.body, { owners: { users: [1001], groups: [], guests: [] } });
      assert.deepEqual(editUpdateBody(request({ description: 'Text' }), PROCESS), { summary: '<p>Text</p>' });
    });
  });

  it('sends the description as HTML paragraphs and breaks, escaped', () => {
    assert.equal(descriptionHtml('First line\nsecond <b>line</b>\n\n\nNext paragraph & more\r\n'), '<p>First line<br>second &lt;b&gt;line&lt;/b&gt;</p><p>Next paragraph &amp; more</p>');
    assert.equal(descriptionHtml('  \n\n '), '');
  });

  describe('the conflict decision', () => {
    it('saves when the task is as it was read', () => {
      assert.equal(saveDecision('2031-01-01T10:00:00Z', ONE_OFF), 'save');
      assert.equal(saveDecision('2031-01-01T10:00:00.000Z', ONE_OFF), 'save', 'the same instant written otherwise');
    });

    it('does not overwrite a task changed since', () => {
      assert.equal(saveDecision('2031-01-01T09:59:59Z', ONE_OFF), 'changed');
      assert.equal(saveDecision('', ONE_OFF), 'changed');
    });

    it('does not update a completed or archived task', () => {
      assert.equal(saveDecision('2031-01-01T10:00:00Z', taskFrom({ status: 'completed', completed_at: '2031-01-02T00:00:00Z' })), 'completed');
      assert.equal(saveDecision('2031-01-01T10:00:00Z', taskFrom({ archived_at: '2031-01-02T00:00:00Z' })), 'archived');
    });
  });
});
