// The create-task schema's form fields, type by type: what each type takes (options, columns), the rules
// on them, and the body they are sent as.
import assert from 'node:assert/strict';
import { FORM_FIELD_TYPES, takesColumns, takesOptions, validateCreateTaskInput, type FormFieldInput } from '../../../src/core/tallyfy/schema';
import { validInput } from './helpers';

/** The errors of a create with these form fields (none: `{}`), keyed by path. */
function errorsOf(...fields: unknown[]): Record<string, string[]> {
  const result = validateCreateTaskInput(validInput({ form_fields: fields }));
  return result.ok ? {} : result.fieldErrors;
}

/** The form fields as sent, when valid. */
function sent(...fields: unknown[]): FormFieldInput[] | undefined {
  const result = validateCreateTaskInput(validInput({ form_fields: fields }));
  assert.ok(result.ok, JSON.stringify(result.ok ? {} : result.fieldErrors));
  return result.body.form_fields;
}

const options = (...texts: string[]) => texts.map((text) => ({ text }));
const columns = (...labels: string[]) => labels.map((label) => ({ label }));

describe('create-task schema: form fields', () => {
  it("takes the nine types Tallyfy's own clients create, and no other", () => {
    assert.deepEqual([...FORM_FIELD_TYPES], ['text', 'textarea', 'date', 'dropdown', 'multiselect', 'radio', 'file', 'table', 'assignees_form']);
    assert.deepEqual(FORM_FIELD_TYPES.filter(takesOptions), ['dropdown', 'multiselect', 'radio']);
    assert.deepEqual(FORM_FIELD_TYPES.filter(takesColumns), ['table']);
  });

  describe('types that take nothing more', () => {
    for (const type of ['text', 'textarea', 'date', 'file', 'assignees_form']) {
      it(`${type}: a label, the type and "required", sent as given (the label trimmed)`, () => {
        assert.deepEqual(sent({ label: ' Pull request ', field_type: type, required: true }), [{ label: 'Pull request', field_type: type, required: true }]);
        assert.deepEqual(sent({ label: 'Later', field_type: type, required: false }), [{ label: 'Later', field_type: type, required: false }]);
      });
    }
  });

  describe('dropdown, multiselect and radio: options', () => {
    for (const type of ['dropdown', 'multiselect', 'radio']) {
      it(`${type}: options sent by their text (trimmed), each with an id by position as Tallyfy's clients send them`, () => {
        assert.deepEqual(sent({ label: 'Environment', field_type: type, required: true, options: options(' Staging', 'Production ', 'QA') }), [
          { label: 'Environment', field_type: type, required: true, options: [{ text: 'Staging', id: 1 }, { text: 'Production', id: 2 }, { text: 'QA', id: 3 }] },
        ]);
      });

      it(`${type}: refused without options, or with an empty list`, () => {
        assert.deepEqual(errorsOf({ label: 'Environment', field_type: type, required: true }), { 'form_fields.0.options': ['Add at least one option.'] });
        assert.deepEqual(errorsOf({ label: 'Environment', field_type: type, required: false, options: [] }), { 'form_fields.0.options': ['Add at least one option.'] });
      });

      it(`${type}: refuses an empty option and a repeated one (trimmed, any case), at the option`, () => {
        assert.deepEqual(errorsOf({ label: 'Env', field_type: type, required: true, options: options('Staging', '  ', 'Prod', ' staging') }), {
          'form_fields.0.options.1.text': ['An option must not be empty.'],
          'form_fields.0.options.3.text': ['Option "staging" is repeated.'],
        });
      });
    }

    it('radio: at least two options', () => {
      assert.deepEqual(errorsOf({ label: 'Ship it?', field_type: 'radio', required: true, options: options('Yes') }), {
        'form_fields.0.options': ['Radio buttons need at least 2 options.'],
      });
      assert.equal(sent({ label: 'Ship it?', field_type: 'radio', required: true, options: options('Yes', 'No') })?.[0]?.options?.length, 2);
    });

    it('dropdown and multiselect: one option is enough', () => {
      assert.equal(sent({ label: 'Env', field_type: 'dropdown', required: true, options: options('Prod') })?.[0]?.options?.length, 1);
      assert.equal(sent({ label: 'Env', field_type: 'multiselect', required: true, options: options('Prod') })?.[0]?.options?.length, 1);
    });

    it('keeps the ids given, gives the others the lowest ones not taken, and refuses a repeated or odd id', () => {
      assert.deepEqual(sent({ label: 'Env', field_type: 'dropdown', required: true, options: [{ text: 'A' }, { text: 'B', id: 1 }, { text: 'C', id: 7 }, { text: 'D' }] })?.[0]?.options, [
        { text: 'A', id: 2 },
        { text: 'B', id: 1 },
        { text: 'C', id: 7 },
        { text: 'D', id: 3 },
      ]);
      assert.deepEqual(errorsOf({ label: 'Env', field_type: 'dropdown', required: true, options: [{ text: 'A', id: 2 }, { text: 'B', id: 2 }] }), {
        'form_fields.0.options.1.id': ['Each option id must be unique.'],
      });
      assert.deepEqual(errorsOf({ label: 'Env', field_type: 'dropdown', required: true, options: [{ text: 'A', id: 0 }] }), {
        'form_fields.0.options.0.id': ['Each option id must be a positive whole number.'],
      });
    });

    it('refuses options that are not a list of objects with a text', () => {
      assert.deepEqual(errorsOf({ label: 'Env', field_type: 'dropdown', required: true, options: 'A, B' }), {
        'form_fields.0.options': ['Options must be a list.'],
      });
      assert.deepEqual(errorsOf({ label: 'Env', field_type: 'dropdown', required: true, options: ['A'] }), {
        'form_fields.0.options.0': ['Each option must be an object with its text.'],
      });
      assert.deepEqual(errorsOf({ label: 'Env', field_type: 'dropdown', required: true, options: [{ label: 'A' }] }), {
        'form_fields.0.options.0.text': ['Option text is required.'],
      });
    });
  });

  describe('table: columns', () => {
    it('columns sent by their label (trimmed), each with an id by position', () => {
      assert.deepEqual(sent({ label: 'Parts', field_type: 'table', required: false, columns: columns('Name ', 'Qty') }), [
        { label: 'Parts', field_type: 'table', required: false, columns: [{ label: 'Name', id: 1 }, { label: 'Qty', id: 2 }] },
      ]);
    });

    it('refused without columns, with an empty one or a repeated one', () => {
      assert.deepEqual(errorsOf({ label: 'Parts', field_type: 'table', required: false }), { 'form_fields.0.columns': ['Add at least one column.'] });
      assert.deepEqual(errorsOf({ label: 'Parts', field_type: 'table', required: false, columns: [] }), { 'form_fields.0.columns': ['Add at least one column.'] });
      assert.deepEqual(errorsOf({ label: 'Parts', field_type: 'table', required: false, columns: columns('Name', '', 'NAME') }), {
        'form_fields.0.columns.1.label': ['A column must not be empty.'],
        'form_fields.0.columns.2.label': ['Column "NAME" is repeated.'],
      });
    });
  });

  describe('every field', () => {
    it('needs a label that no other field has (trimmed, any case)', () => {
      assert.deepEqual(errorsOf({ label: ' ', field_type: 'text', required: true }), { 'form_fields.0.label': ['Form field label is required.'] });
      assert.deepEqual(
        errorsOf({ label: 'PR link', field_type: 'text', required: true }, { label: 'Notes', field_type: 'textarea', required: false }, { label: ' pr LINK', field_type: 'file', required: false }),
        { 'form_fields.2.label': ['Another form field is labelled "pr LINK".'] },
      );
    });

    it('refuses the email type (Tallyfy cannot show it) and unknown types', () => {
      assert.deepEqual(errorsOf({ label: 'Contact', field_type: 'email', required: true }), {
        'form_fields.0.field_type': ["Tallyfy's web app cannot show an email field: use a text field."],
      });
      assert.deepEqual(errorsOf({ label: 'Count', field_type: 'number', required: true }), {
        'form_fields.0.field_type': ['Form field type must be one of: text, textarea, date, dropdown, multiselect, radio, file, table, assignees_form.'],
      });
    });

    it('needs "required" as true or false: there is no default', () => {
      assert.deepEqual(errorsOf({ label: 'PR', field_type: 'text' }), { 'form_fields.0.required': ['Form field "required" must be true or false.'] });
      assert.deepEqual(errorsOf({ label: 'PR', field_type: 'text', required: 'yes' }), { 'form_fields.0.required': ['Form field "required" must be true or false.'] });
    });

    it('reports the problems of several fields at once, each at its path', () => {
      assert.deepEqual(Object.keys(errorsOf(
        { label: '', field_type: 'text', required: true },
        { label: 'Env', field_type: 'radio', required: true, options: options('Only') },
        { label: 'Parts', field_type: 'table', required: true },
      )).sort(), ['form_fields.0.label', 'form_fields.1.options', 'form_fields.2.columns']);
    });

    it('keeps what else a field carries (guidance, say), as the public API may send it', () => {
      assert.deepEqual(sent({ label: 'PR', field_type: 'text', required: true, guidance: 'Paste the link' }), [
        { label: 'PR', field_type: 'text', required: true, guidance: 'Paste the link' },
      ]);
    });
  });
});
