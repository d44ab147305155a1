// The task form's "Form fields" without the DOM: the rows' edits, what they send, what "What will be
// sent" lists, and where the shared schema's messages (and a 422's) are shown.
import assert from 'node:assert/strict';
import { fixedZone } from '../../../src/core/form/dates';
import {
  addFormField,
  changeFormField,
  formFieldsInput,
  formFieldsPreview,
  isRowKey,
  listLines,
  moveFormField,
  nextFieldKey,
  removeFormField,
  type FormFieldDraft,
} from '../../../src/core/form/formFields';
import { applyInit, applySubmitFailed, edit, forgetRow, fromSavedState, requestSubmit, toSavedState, visibleErrors, type FormState } from '../../../src/core/form/model';
import type { InitMessage } from '../../../src/core/form/protocol';
import { emptyValues, errorKeyForPath, errorOrder, mapFieldErrors, parseFormValues, validateForm, type FormValues } from '../../../src/core/form/values';
import { ENGLISH } from './english';

const zone = fixedZone(0);
const NOW = Date.parse('2025-07-10T08:00:00Z');

function row(key: string, patch: Partial<FormFieldDraft> = {}): FormFieldDraft {
  return { key, label: `Field ${key}`, type: 'text', required: false, options: '', columns: '', ...patch };
}

function values(formFields: FormFieldDraft[]): FormValues {
  const base = emptyValues();
  return {
    ...base,
    title: 'Ship the release',
    assignees: { users: [7], groups: [], guests: [] },
    deadlineDate: '2025-07-15',
    deadlineTime: '17:00',
    advanced: { ...base.advanced, formFields },
  };
}

const init: InitMessage = { type: 'init', formId: 'src/a.ts:4', title: 'Ship the release', description: '', defaultDeadline: '2025-07-17T15:00:00Z', me: { id: 7, name: 'Ada' }, strings: ENGLISH };

function withFields(formFields: FormFieldDraft[]): FormState {
  const state = applyInit(init, undefined, zone);
  return { ...state, values: { ...state.values, advanced: { ...state.values.advanced, formFields } } };
}

describe('form fields in the form', () => {
  describe('the rows', () => {
    it('adds an empty, optional text field at the end, with a key no row has', () => {
      const one = addFormField([]);
      assert.deepEqual(one, [{ key: 'f1', label: '', type: 'text', required: false, options: '', columns: '' }]);
      const three = addFormField([row('f1'), row('f7')]);
      assert.equal(three.at(-1)?.key, 'f8');
      assert.equal(nextFieldKey([row('odd')]), 'f1');
    });

    it('changes one row, moves a row one place up or down (not past either end) and removes one', () => {
      const rows = [row('f1'), row('f2'), row('f3')];
      assert.deepEqual(changeFormField(rows, 'f2', { label: 'Env', type: 'dropdown' }).map((r) => [r.key, r.label, r.type]), [
        ['f1', 'Field f1', 'text'],
        ['f2', 'Env', 'dropdown'],
        ['f3', 'Field f3', 'text'],
      ]);
      const keys = (list: readonly FormFieldDraft[]) => list.map((r) => r.key);
      assert.deepEqual(keys(moveFormField(rows, 'f2', -1)), ['f2', 'f1', 'f3']);
      assert.deepEqual(keys(moveFormField(rows, 'f2', 1)), ['f1', 'f3', 'f2']);
      assert.deepEqual(keys(moveFormField(rows, 'f1', -1)), ['f1', 'f2', 'f3']);
      assert.deepEqual(keys(moveFormField(rows, 'f3', 1)), ['f1', 'f2', 'f3']);
      assert.deepEqual(keys(moveFormField(rows, 'nope', 1)), ['f1', 'f2', 'f3']);
      assert.deepEqual(keys(removeFormField(rows, 'f2')), ['f1', 'f3']);
      assert.deepEqual(keys(rows), ['f1', 'f2', 'f3'], 'the list given is left as it was');
    });

    it('reads options and columns one per line, trimmed, blank lines left out', () => {
      assert.deepEqual(listLines(' Staging \r\n\nProduction\n  \nQA\n'), ['Staging', 'Production', 'QA']);
      assert.deepEqual(listLines(''), []);
    });

    it("sends the options or columns the type takes, and keeps the others in the form for a change of mind", () => {
      const draft = row('f1', { label: 'Env', type: 'dropdown', required: true, options: 'Staging\nProduction\n', columns: 'Name' });
      assert.deepEqual(formFieldsInput([draft]), [{ label: 'Env', field_type: 'dropdown', required: true, options: [{ text: 'Staging' }, { text: 'Production' }] }]);
      assert.deepEqual(formFieldsInput([{ ...draft, type: 'table' }]), [{ label: 'Env', field_type: 'table', required: true, columns: [{ label: 'Name' }] }]);
      assert.deepEqual(formFieldsInput([{ ...draft, type: 'date' }]), [{ label: 'Env', field_type: 'date', required: true }]);
    });
  });

  describe('what will be sent', () => {
    it('lists each field: its label, type, whether it is required, and the options or columns sent', () => {
      assert.deepEqual(
        formFieldsPreview(
          [
            row('f1', { label: ' Environment ', type: 'dropdown', required: true, options: 'Staging\n\nProduction' }),
            row('f2', { label: 'PR link' }),
            row('f3', { label: '', type: 'table', columns: 'Name\nQty' }),
          ],
          ENGLISH,
        ),
        ['Environment: Dropdown list, required (Staging, Production)', 'PR link: Short text', '(no label): Table (Name, Qty)'],
      );
      assert.deepEqual(formFieldsPreview([], ENGLISH), []);
    });
  });

  describe('validation', () => {
    it('sends the fields with the task: the body as Tallyfy gets it, the input as the page sends it', () => {
      const result = validateForm(
        values([row('f1', { label: 'Environment', type: 'dropdown', required: true, options: 'Staging\nProduction\nQA' }), row('f2', { label: 'PR link' })]),
        { zone },
      );
      assert.ok(result.ok);
      assert.deepEqual(result.body.form_fields, [
        { label: 'Environment', field_type: 'dropdown', required: true, options: [{ text: 'Staging', id: 1 }, { text: 'Production', id: 2 }, { text: 'QA', id: 3 }] },
        { label: 'PR link', field_type: 'text', required: false },
      ]);
      assert.deepEqual(result.input.form_fields, [
        { label: 'Environment', field_type: 'dropdown', required: true, options: [{ text: 'Staging' }, { text: 'Production' }, { text: 'QA' }] },
        { label: 'PR link', field_type: 'text', required: false },
      ]);
    });

    it('sends no form_fields when there are none', () => {
      const result = validateForm(values([]), { zone });
      assert.ok(result.ok);
      assert.equal('form_fields' in result.body, false);
    });

    it("shows each message at its row's control, by the row's key, wherever the row has moved", () => {
      const result = validateForm(
        values([
          row('f3', { label: 'Ship?', type: 'radio', options: 'Yes' }),
          row('f1', { label: '' }),
          row('f2', { label: 'ship?', type: 'table', columns: 'Name\nname' }),
        ]),
        { zone },
      );
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? {} : result.errors, {
        'formFields.f3.options': ['Radio buttons need at least 2 options.'],
        'formFields.f1.label': ['Form field label is required.'],
        'formFields.f2.label': ['Another form field is labelled "ship?".'],
        'formFields.f2.columns': ['Column "name" is repeated.'],
      });
    });

    it("maps an API path to its row's part, and to the list when the form has no such row", () => {
      const named = values([row('f4'), row('f9')]);
      assert.equal(errorKeyForPath('form_fields.1.label', named), 'formFields.f9.label');
      assert.equal(errorKeyForPath('form_fields.0.field_type', named), 'formFields.f4.type');
      assert.equal(errorKeyForPath('form_fields.0.options.2.text', named), 'formFields.f4.options');
      assert.equal(errorKeyForPath('form_fields.1.columns', named), 'formFields.f9.columns');
      assert.equal(errorKeyForPath('form_fields.1.required', named), 'formFields.f9.row');
      assert.equal(errorKeyForPath('form_fields.1', named), 'formFields.f9.row');
      assert.equal(errorKeyForPath('form_fields.5.label', named), 'formFields');
      assert.equal(errorKeyForPath('form_fields.0.label'), 'formFields');
      assert.equal(errorKeyForPath('form_fields', named), 'formFields');
      assert.deepEqual(mapFieldErrors({ 'form_fields.1.label': ['The label field is required.'] }, named), { 'formFields.f9.label': ['The label field is required.'] });
    });

    it('orders the rows\' parts after the other advanced controls, in the rows\' order', () => {
      const order = errorOrder(values([row('f2'), row('f1')]));
      const from = order.indexOf('formFields');
      assert.ok(from > order.indexOf('runId'));
      assert.deepEqual(order.slice(from, from + 6), ['formFields', 'formFields.f2.label', 'formFields.f2.type', 'formFields.f2.options', 'formFields.f2.columns', 'formFields.f2.row']);
      assert.equal(order.at(-1), 'form');
    });

    it('knows the error key of a row\'s part from any other text', () => {
      assert.equal(isRowKey('formFields.f1.options'), true);
      assert.equal(isRowKey('formFields.f1.colour'), false);
      assert.equal(isRowKey('formFields'), false);
      assert.equal(isRowKey('title'), false);
    });
  });

  describe('in the form state', () => {
    it("shows a new row's errors only once its control was visited, or after a submit attempt", () => {
      const state = edit(withFields([row('f1', { label: '' })]), 'formFields', withFields([row('f1', { label: '' })]).values);
      const live = validateForm(state.values, { zone });
      assert.equal(live.ok, false);
      const errors = live.ok ? {} : live.errors;
      assert.deepEqual(visibleErrors(state, errors), {}, 'adding a row shows nothing yet');
      assert.deepEqual(Object.keys(visibleErrors({ ...state, touched: [...state.touched, 'formFields.f1.label'] }, errors)), ['formFields.f1.label']);
    });

    it("focuses the first row's control with an error when a submit is refused", () => {
      const state = withFields([row('f1'), row('f2', { type: 'multiselect', options: '  ' })]);
      const outcome = requestSubmit(state, { zone }, NOW);
      assert.equal(outcome.message, undefined);
      assert.equal(outcome.focus, 'formFields.f2.options');
    });

    it("puts a 422's messages at the rows sent, and forgets a removed row's", () => {
      const sent = requestSubmit(withFields([row('f1'), row('f2')]), { zone }, NOW);
      assert.equal(sent.message?.type, 'submit');
      const failed = applySubmitFailed(sent.state, { type: 'submitFailed', message: 'Rejected.', fieldErrors: { 'form_fields.1.label': ['Too long.'] } }, NOW);
      assert.deepEqual(failed.serverErrors, { 'formFields.f2.label': ['Too long.'] });
      const touched = { ...failed, touched: [...failed.touched, 'formFields.f2.label' as const, 'title' as const] };
      const forgotten = forgetRow(touched, 'f2');
      assert.deepEqual(forgotten.serverErrors, {});
      assert.deepEqual(forgotten.touched, ['title']);
    });

    it("keeps the rows, and which of their controls were visited, across hide and show", () => {
      const state = { ...withFields([row('f1', { label: 'Env', type: 'radio', options: 'A\nB' })]), touched: ['formFields.f1.options' as const, 'title' as const] };
      const restored = fromSavedState(JSON.parse(JSON.stringify(toSavedState(state))));
      assert.deepEqual(restored?.values.advanced.formFields, state.values.advanced.formFields);
      assert.deepEqual(restored?.touched, ['formFields.f1.options', 'title']);
      const odd = fromSavedState({ v: 1, state: { ...state, touched: ['formFields.f1.colour', 7, 'title'] } });
      assert.deepEqual(odd?.touched, ['title']);
    });

    it('reads values saved before the form had form fields as having none, and refuses broken rows', () => {
      const saved = values([]) as unknown as { advanced: Record<string, unknown> };
      const old = { ...saved, advanced: { ...saved.advanced } };
      delete old.advanced['formFields'];
      assert.deepEqual(parseFormValues(old)?.advanced.formFields, []);
      assert.equal(parseFormValues(values([row('f1', { type: 'email' as FormFieldDraft['type'] })])), undefined);
      assert.equal(parseFormValues(values([row('not a key')])), undefined);
    });
  });
});
