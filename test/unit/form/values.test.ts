import assert from 'node:assert/strict';
import { fixedZone } from '../../../src/core/form/dates';
import type { SourceInfo } from '../../../src/core/form/prefill';
import {
  characterCount,
  descriptionToSend,
  emptyValues,
  fieldForPath,
  mapFieldErrors,
  parseFormValues,
  toCreateTaskInput,
  validateForm,
  type FormValues,
} from '../../../src/core/form/values';

const TAG = 'a'.repeat(32);

function values(patch: Partial<FormValues> = {}, advanced: Partial<FormValues['advanced']> = {}): FormValues {
  const base = emptyValues();
  return {
    ...base,
    title: 'Fix the refund rounding',
    assignees: { users: [7], groups: [], guests: [] },
    deadlineDate: '2025-07-15',
    deadlineTime: '17:00',
    ...patch,
    advanced: { ...base.advanced, ...advanced },
  };
}

const utc = { zone: fixedZone(0) };

describe('form values', () => {
  describe('toCreateTaskInput', () => {
    it('converts the local deadline in the given zone and leaves empty optional fields out', () => {
      const input = toCreateTaskInput(values(), { zone: fixedZone(120) });
      assert.deepEqual(input, {
        title: 'Fix the refund rounding',
        task_type: 'task',
        owners: { users: [7], groups: [], guests: [] },
        deadline: new Date('2025-07-15T15:00:00Z'),
      });
    });

    it('maps every advanced field', () => {
      const input = toCreateTaskInput(
        values({}, {
          startDate: '2025-07-14',
          startTime: '',
          separateTaskForEachAssignee: true,
          maxAssignable: ' 3 ',
          everyoneMustComplete: true,
          canCompleteOnlyAssignees: true,
          preventGuestComment: true,
          topSecret: true,
          tags: [TAG],
          webhook: ' https://example.com/hook ',
          runId: ' run1 ',
        }),
        { zone: fixedZone(-300) },
      );
      assert.deepEqual(input, {
        title: 'Fix the refund rounding',
        task_type: 'task',
        owners: { users: [7], groups: [], guests: [] },
        deadline: new Date('2025-07-15T22:00:00Z'),
        started_at: new Date('2025-07-14T05:00:00Z'),
        separate_task_for_each_assignee: true,
        max_assignable: 3,
        everyone_must_complete: true,
        can_complete_only_assignees: true,
        prevent_guest_comment: true,
        top_secret: true,
        tags: [TAG],
        webhook: 'https://example.com/hook',
        run_id: 'run1',
      });
    });

    it('adds the source block to the description only when included', () => {
      const source: SourceInfo = { path: 'src/a.ts', line: 3 };
      assert.equal(toCreateTaskInput(values({ description: 'Notes' }), { ...utc, source }).description, 'Notes\n\nSource: src/a.ts:3');
      assert.equal(toCreateTaskInput(values({ description: 'Notes', includeSource: false }), { ...utc, source }).description, 'Notes');
      assert.equal(toCreateTaskInput(values({ description: '  ', includeSource: false }), { ...utc, source }).description, undefined);
      assert.equal(descriptionToSend({ description: '', includeSource: true }, source), 'Source: src/a.ts:3');
    });
  });

  describe('validateForm', () => {
    it('gives the exact body and the submit input with UTC dates', () => {
      const result = validateForm(values({ title: '  Fix it  ' }), { zone: fixedZone(330) });
      assert.ok(result.ok);
      assert.equal(result.body.title, 'Fix it');
      assert.equal(result.body.deadline, '2025-07-15T11:30:00Z');
      assert.equal(result.input.deadline, '2025-07-15T11:30:00Z');
      assert.equal(result.input.started_at, undefined);
      assert.ok(!('started_at' in result.input));
    });

    const cases: ReadonlyArray<readonly [string, FormValues, string, RegExp]> = [
      ['empty title', values({ title: '   ' }), 'title', /Title is required/],
      ['title too long', values({ title: 'x'.repeat(601) }), 'title', /600 characters or fewer/],
      ['no assignee', values({ assignees: { users: [], groups: [], guests: [] } }), 'assignees', /at least one assignee/],
      ['bad guest email', values({ assignees: { users: [], groups: [], guests: ['not-an-email'] } }), 'assignees', /"not-an-email" is not a valid email address/],
      ['no deadline', values({ deadlineDate: '', deadlineTime: '' }), 'deadline', /Deadline is required/],
      ['deadline without time', values({ deadlineTime: '' }), 'deadline', /Deadline needs a time/],
      ['impossible deadline', values({ deadlineDate: '2025-02-30' }), 'deadline', /valid date and time/],
      ['start after deadline', values({}, { startDate: '2025-07-16', startTime: '09:00' }), 'startDate', /not be after the deadline/],
      ['start time without date', values({}, { startTime: '09:00' }), 'startDate', /Start date must be a valid date/],
      ['max assignable not a number', values({}, { maxAssignable: 'two' }), 'maxAssignable', /positive whole number/],
      ['max assignable zero', values({}, { maxAssignable: '0' }), 'maxAssignable', /positive whole number/],
      ['bad tag', values({}, { tags: ['short'] }), 'tags', /Tag "short" is not a tag id/],
      ['bad webhook', values({}, { webhook: 'ftp://example.com' }), 'webhook', /http or https URL/],
    ];
    for (const [name, input, field, message] of cases) {
      it(`${name} → ${field}`, () => {
        const result = validateForm(input, utc);
        assert.equal(result.ok, false);
        if (result.ok) return;
        assert.deepEqual(Object.keys(result.errors), [field]);
        assert.match(result.errors[field as keyof typeof result.errors]?.join(' ') ?? '', message);
      });
    }
  });

  describe('mapping API field paths to controls', () => {
    const paths: ReadonlyArray<readonly [string, string]> = [
      ['title', 'title'],
      ['task_type', 'taskType'],
      ['owners', 'assignees'],
      ['owners.users.0', 'assignees'],
      ['owners.guests.2', 'assignees'],
      ['owners.groups', 'assignees'],
      ['deadline', 'deadline'],
      ['description', 'description'],
      ['summary', 'description'],
      ['started_at', 'startDate'],
      ['separate_task_for_each_assignee', 'separateTaskForEachAssignee'],
      ['max_assignable', 'maxAssignable'],
      ['everyone_must_complete', 'everyoneMustComplete'],
      ['can_complete_only_assignees', 'canCompleteOnlyAssignees'],
      ['prevent_guest_comment', 'preventGuestComment'],
      ['top_secret', 'topSecret'],
      ['tags', 'tags'],
      ['tags.0', 'tags'],
      ['webhook', 'webhook'],
      ['run_id', 'runId'],
      ['_form', 'form'],
      ['form_fields', 'formFields'],
      ['form_fields.0.label', 'formFields'],
    ];
    for (const [path, field] of paths) {
      it(`${path} → ${field}`, () => assert.equal(fieldForPath(path), field));
    }

    it('maps server errors (a 422) next to their fields; unknown paths keep their path in the form message', () => {
      const errors = mapFieldErrors(
        { 'owners.users.0': ['The selected user is invalid.'], deadline: ['Too soon.'], foo: ['Odd.'], _form: ['Try later.'] },
        values(),
      );
      assert.deepEqual(errors, {
        assignees: ['The selected user is invalid.'],
        deadline: ['Too soon.'],
        form: ['foo: Odd.', 'Try later.'],
      });
    });
  });

  it('counts the title as the schema does (trimmed, code points)', () => {
    assert.equal(characterCount('  héllo 👍 '), 7);
  });

  it('parses saved values and refuses broken ones', () => {
    assert.deepEqual(parseFormValues(values()), values());
    assert.equal(parseFormValues({ ...values(), taskType: 'bogus' }), undefined);
    assert.equal(parseFormValues({ ...values(), assignees: { users: ['7'], groups: [], guests: [] } }), undefined);
    assert.equal(parseFormValues(null), undefined);
  });
});
