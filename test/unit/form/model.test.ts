import assert from 'node:assert/strict';
import { fixedZone } from '../../../src/core/form/dates';
import {
  addAssignee,
  applyCreated,
  applyDraftRestored,
  applyInit,
  applyOwners,
  applySession,
  applySubmitFailed,
  applySubmitting,
  assigneeSuggestions,
  canSubmit,
  chosenAssignees,
  discardDraft,
  edit,
  failureActionLabel,
  fromSavedState,
  initialValues,
  mergeOptions,
  mergeSearchResults,
  NO_OPTIONS,
  removeAssignee,
  requestSubmit,
  retrySecondsLeft,
  startAnother,
  tagSuggestions,
  titleCounter,
  toSavedState,
  touch,
  visibleErrors,
  type FormState,
} from '../../../src/core/form/model';
import type { InitMessage } from '../../../src/core/form/protocol';
import { ENGLISH } from './english';

const s = ENGLISH;
const zone = fixedZone(120);
const NOW = Date.parse('2025-07-10T08:00:00Z');
const ctx = { zone };

const init: InitMessage = {
  type: 'init',
  formId: 'src/a.ts:4',
  title: 'Fix refunds',
  description: 'notes',
  defaultDeadline: '2025-07-17T15:00:00Z',
  me: { id: 7, name: 'Ada', email: 'ada@example.com' },
  members: [{ id: 8, name: 'Alan Turing', email: 'alan@example.com' }],
  groups: [{ id: 'g1', name: 'Billing' }],
  guests: [{ email: 'grace@example.com', name: 'Grace' }],
  tags: [{ id: 'a'.repeat(32), title: 'backend' }],
  strings: ENGLISH,
};

const ready = (): FormState => applyInit(init, undefined, zone);

describe('form model', () => {
  describe('a session that changes while the form is open', () => {
    const me = { id: 7, name: 'Ada', email: 'ada@example.com' };
    const signedOut = (): FormState => applyInit({ ...init, me: undefined }, undefined, zone);

    it('assigns the signed-in user when nobody chose assignees yet', () => {
      const state = applySession(signedOut(), me);
      assert.deepEqual(state.values.assignees, { users: [7], groups: [], guests: [] });
      assert.deepEqual(state.initial.assignees, state.values.assignees, 'not counted as a change');
    });

    it('leaves assignees that were chosen, or touched, as they are', () => {
      const chosen = { ...signedOut(), values: { ...signedOut().values, assignees: { users: [], groups: ['g1'], guests: [] } } };
      assert.equal(applySession(chosen, me), chosen);
      const touched = { ...signedOut(), touched: ['assignees' as const] };
      assert.equal(applySession(touched, me), touched);
      assert.equal(applySession(signedOut(), undefined).values.assignees.users.length, 0, 'signed out: nobody');
    });
  });

  describe('the owners the TODO names', () => {
    const alan = { id: 8, name: 'Alan Turing', email: 'alan@example.com' };

    it('replace "you" in a form nobody changed, without counting as a change', () => {
      const state = applyOwners(ready(), [alan]);
      assert.deepEqual(state.values.assignees, { users: [8], groups: [], guests: [] });
      assert.deepEqual(state.initial.assignees, state.values.assignees);
    });

    it('leave touched assignees, a restored draft and an empty match as they are', () => {
      const touched = { ...ready(), touched: ['assignees' as const] };
      assert.equal(applyOwners(touched, [alan]), touched);
      const drafted = { ...ready(), draftRestored: true };
      assert.equal(applyOwners(drafted, [alan]), drafted);
      assert.equal(applyOwners(ready(), []).values.assignees.users[0], 7);
    });
  });

  describe('initial values', () => {
    it('takes the TODO, 17:00 local N days ahead and the signed-in user', () => {
      const values = initialValues(init, zone);
      assert.equal(values.title, 'Fix refunds');
      assert.equal(values.description, 'notes');
      assert.equal(values.deadlineDate, '2025-07-17');
      assert.equal(values.deadlineTime, '17:00');
      assert.deepEqual(values.assignees, { users: [7], groups: [], guests: [] });
      assert.equal(values.taskType, 'task');
    });

    it('shows the default deadline\'s instant in the viewer\'s zone', () => {
      const values = initialValues(init, fixedZone(-240));
      assert.equal(`${values.deadlineDate} ${values.deadlineTime}`, '2025-07-17 11:00');
    });

    it('starts from the draft when init brings one, and says so', () => {
      const draft = { ...initialValues(init, zone), title: 'Drafted' };
      const state = applyInit({ ...init, draft }, undefined, zone);
      assert.equal(state.values.title, 'Drafted');
      assert.equal(state.initial.title, 'Fix refunds');
      assert.equal(state.draftRestored, true);
    });

    it('prefers saved state of the same TODO over everything, and ignores another TODO\'s', () => {
      const typed = edit(ready(), 'title', { ...ready().values, title: 'Typed before hiding' });
      const saved = fromSavedState(JSON.parse(JSON.stringify(toSavedState(typed))));
      assert.equal(applyInit(init, saved, zone).values.title, 'Typed before hiding');
      assert.equal(applyInit({ ...init, formId: 'other.ts:1' }, saved, zone).values.title, 'Fix refunds');
    });

    it('keeps the success view across hide and show', () => {
      const created = applyCreated(ready(), { type: 'created', task: { id: 't1', title: 'Fix refunds', assignees: ['Ada'] } });
      const saved = fromSavedState(JSON.parse(JSON.stringify(toSavedState(created))));
      const state = applyInit(init, saved, zone);
      assert.equal(state.phase, 'created');
      assert.equal(state.created?.task.id, 't1');
    });

    it('a saved "submitting" comes back as editing (the extension replays `submitting` if still sending)', () => {
      const saved = fromSavedState(toSavedState(applySubmitting(ready())));
      assert.equal(applyInit(init, saved, zone).phase, 'editing');
    });

    it('ignores unreadable saved state', () => {
      assert.equal(fromSavedState(undefined), undefined);
      assert.equal(fromSavedState({ v: 2, state: ready() }), undefined);
      assert.equal(fromSavedState({ v: 1, state: { ...ready(), values: { title: 1 } } }), undefined);
      const odd = fromSavedState({ v: 1, state: { ...ready(), touched: ['title', 'bogus'], created: { type: 'created' } } });
      assert.deepEqual(odd?.touched, ['title']);
      assert.equal(odd?.created, undefined);
    });
  });

  describe('submitting', () => {
    it('sends submit once; a second click while sending sends nothing', () => {
      const first = requestSubmit(ready(), ctx, NOW);
      assert.equal(first.message?.type, 'submit');
      assert.equal(first.state.phase, 'submitting');
      if (first.message?.type === 'submit') {
        assert.equal(first.message.task.deadline, '2025-07-17T15:00:00Z');
        assert.deepEqual(first.message.values, ready().values);
      }
      const second = requestSubmit(first.state, ctx, NOW);
      assert.equal(second.message, undefined);
      assert.equal(second.state, first.state);
    });

    it('with invalid values sends nothing, shows every error and names the first control', () => {
      const state = edit(ready(), 'title', { ...ready().values, title: '', assignees: { users: [], groups: [], guests: [] } });
      const outcome = requestSubmit(state, ctx, NOW);
      assert.equal(outcome.message, undefined);
      assert.equal(outcome.focus, 'title');
      assert.equal(outcome.state.submitAttempted, true);
      const live = { title: ['Title is required.'], assignees: ['Choose at least one assignee.'] };
      assert.deepEqual(Object.keys(visibleErrors(outcome.state, live)), ['title', 'assignees']);
    });

    it('shows live errors only for touched controls before a submit attempt', () => {
      const live = { title: ['Title is required.'], deadline: ['Deadline is required.'] };
      assert.deepEqual(visibleErrors(ready(), live), {});
      assert.deepEqual(visibleErrors(touch(ready(), 'deadline'), live), { deadline: ['Deadline is required.'] });
    });

    it('keeps every value on failure, shows server field errors and clears a field\'s when it changes', () => {
      const sent = requestSubmit(ready(), ctx, NOW).state;
      const failed = applySubmitFailed(sent, { type: 'submitFailed', message: 'Rejected.', fieldErrors: { 'owners.users.0': ['Unknown user.'], webhook: ['Unreachable.'] } }, NOW);
      assert.equal(failed.phase, 'editing');
      assert.deepEqual(failed.values, ready().values);
      assert.deepEqual(failed.serverErrors, { assignees: ['Unknown user.'], webhook: ['Unreachable.'] });
      assert.deepEqual(visibleErrors(failed, {}), { assignees: ['Unknown user.'], webhook: ['Unreachable.'] });
      const edited = edit(failed, 'assignees', failed.values);
      assert.deepEqual(edited.serverErrors, { webhook: ['Unreachable.'] });
      assert.equal(failureActionLabel(failed, s, NOW), undefined);
    });

    it('counts down "try again" and blocks submit until then', () => {
      const failed = applySubmitFailed(requestSubmit(ready(), ctx, NOW).state, { type: 'submitFailed', message: 'Slow down.', action: 'retryAfter', retryAfterSeconds: 30 }, NOW);
      assert.equal(retrySecondsLeft(failed, NOW), 30);
      assert.equal(failureActionLabel(failed, s, NOW), 'Try again in 30 seconds');
      assert.equal(failureActionLabel(failed, s, NOW + 29_100), 'Try again in 1 second');
      assert.equal(canSubmit(failed, NOW + 10_000), false);
      assert.equal(requestSubmit(failed, ctx, NOW + 10_000).message, undefined);
      assert.equal(failureActionLabel(failed, s, NOW + 30_000), 'Try again');
      assert.equal(requestSubmit(failed, ctx, NOW + 30_000).message?.type, 'submit');
    });

    it('labels the sign-in and check actions', () => {
      const base = requestSubmit(ready(), ctx, NOW).state;
      assert.equal(failureActionLabel(applySubmitFailed(base, { type: 'submitFailed', message: 'x', action: 'signIn' }, NOW), s, NOW), 'Sign in again');
      assert.equal(failureActionLabel(applySubmitFailed(base, { type: 'submitFailed', message: 'x', action: 'checkForTask' }, NOW), s, NOW), 'Check for the task');
    });

    it('after creation sends nothing more; "Create another" starts over from the defaults', () => {
      const created = applyCreated(requestSubmit(ready(), ctx, NOW).state, { type: 'created', task: { id: 't1', title: 'x', assignees: [] } });
      assert.equal(requestSubmit(created, ctx, NOW).message, undefined);
      assert.equal(applySubmitting(created), created);
      assert.equal(applyDraftRestored(created, ready().values), created);
      const again = startAnother(created);
      assert.equal(again.phase, 'editing');
      assert.equal(again.created, undefined);
      assert.deepEqual(again.values, ready().initial);
    });

    it('"Discard draft" goes back to the values init gave', () => {
      const restored = applyDraftRestored(ready(), { ...ready().values, title: 'Old draft' });
      assert.equal(restored.draftRestored, true);
      const discarded = discardDraft(restored);
      assert.equal(discarded.values.title, 'Fix refunds');
      assert.equal(discarded.draftRestored, false);
    });
  });

  describe('pickers', () => {
    const options = mergeOptions(NO_OPTIONS, init);
    const none = { users: [], groups: [], guests: [] };

    it('suggests members (the user first, marked), groups and guests matching the text', () => {
      const all = assigneeSuggestions('', options, none, s, init.me);
      assert.deepEqual(all.map((c) => `${c.kind}:${c.label}`), ['member:Ada (you)', 'member:Alan Turing', 'group:Billing', 'guest:Grace']);
      assert.deepEqual(assigneeSuggestions('bill', options, none, s, init.me).map((c) => c.value), ['g1']);
      assert.deepEqual(assigneeSuggestions('ALAN@', options, none, s, init.me).map((c) => c.value), ['8']);
    });

    it('leaves out who is already chosen', () => {
      const chosen = { users: [7, 8], groups: ['g1'], guests: ['GRACE@example.com'] };
      assert.deepEqual(assigneeSuggestions('', options, chosen, s, init.me), []);
    });

    it('offers a typed email as a new guest unless someone known has it', () => {
      const picks = assigneeSuggestions('new@example.com', options, none, s, init.me);
      assert.deepEqual(picks[0], { kind: 'guest', value: 'new@example.com', label: 'Add guest new@example.com', detail: 'Guest', isNew: true });
      assert.ok(!assigneeSuggestions('alan@example.com', options, none, s, init.me).some((c) => c.isNew));
    });

    it('adds and removes assignees without duplicates', () => {
      let a = addAssignee(none, { kind: 'member', value: '8', label: 'Alan' });
      a = addAssignee(a, { kind: 'member', value: '8', label: 'Alan' });
      a = addAssignee(a, { kind: 'guest', value: 'x@example.com', label: 'x' });
      a = addAssignee(a, { kind: 'guest', value: 'X@example.com', label: 'x' });
      a = addAssignee(a, { kind: 'group', value: 'g1', label: 'Billing' });
      assert.deepEqual(a, { users: [8], groups: ['g1'], guests: ['x@example.com'] });
      assert.deepEqual(removeAssignee(a, { kind: 'member', value: '8', label: 'Alan' }), { users: [], groups: ['g1'], guests: ['x@example.com'] });
    });

    it('names chosen assignees, falling back to ids for unknown ones', () => {
      const chosen = chosenAssignees({ users: [7, 99], groups: ['g1', 'g2'], guests: ['grace@example.com'] }, options, s, init.me);
      assert.deepEqual(chosen.map((c) => c.label), ['Ada (you)', '#99', 'Billing', 'g2', 'Grace']);
    });

    it('learns names from search results', () => {
      const more = mergeSearchResults(options, { type: 'searchResults', kind: 'members', q: 'gr', members: [{ id: 99, name: 'Grace Hopper' }] });
      assert.equal(chosenAssignees({ users: [99], groups: [], guests: [] }, more, s).at(0)?.label, 'Grace Hopper');
      assert.equal(more.members.length, 2);
    });

    it('suggests tags by title', () => {
      assert.deepEqual(tagSuggestions('back', options, []).map((c) => c.label), ['backend']);
      assert.deepEqual(tagSuggestions('', options, ['a'.repeat(32)]), []);
    });
  });

  it('counts the title towards 600', () => {
    assert.deepEqual(titleCounter('abc', s), { text: '3 / 600', over: false });
    assert.deepEqual(titleCounter('x'.repeat(601), s), { text: '601 / 600', over: true });
  });
});
