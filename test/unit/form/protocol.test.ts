import assert from 'node:assert/strict';
import { describeInvalidFromWebview, parseFromWebview, parseToWebview } from '../../../src/core/form/protocol';
import { emptyValues } from '../../../src/core/form/values';
import { ENGLISH } from './english';

const HOSTILE = '<img src=x onerror=alert(1)>';
const values = { ...emptyValues(), title: HOSTILE, assignees: { users: [7], groups: [], guests: [] }, deadlineDate: '2025-07-15', deadlineTime: '17:00' };

const init = {
  type: 'init',
  formId: 'src/a.ts:4',
  title: HOSTILE,
  description: 'notes',
  source: { path: 'src/a.ts', line: 4, webUrl: 'https://github.com/o/r/blob/abc1234/src/a.ts#L4', snippet: { languageId: 'ts', startLine: 3, text: 'x' } },
  defaultDeadline: '2025-07-15T17:00:00Z',
  taskTypes: ['task', 'approval'],
  me: { id: 7, name: 'Ada', email: 'ada@example.com' },
  members: [{ id: 8, name: 'Alan' }],
  groups: [{ id: 'g1', name: 'Billing' }],
  guests: [{ email: 'guest@example.com' }],
  tags: [{ id: 'a'.repeat(32), title: 'backend', color: '#ff0000' }],
  draft: values,
  strings: { ...ENGLISH, submit: 'Aufgabe erstellen' },
  locale: 'de-DE',
};

describe('form protocol', () => {
  describe('extension → webview', () => {
    const valid: ReadonlyArray<readonly [string, unknown]> = [
      ['init with everything', init],
      ['init with the minimum', { type: 'init', title: 'T', description: '', defaultDeadline: '2025-07-15T17:00:00+02:00', strings: ENGLISH }],
      ['options', { type: 'options', members: [{ id: 1, name: 'A', email: 'a@example.com' }], tags: [] }],
      ['empty options', { type: 'options' }],
      ['member search results', { type: 'searchResults', kind: 'members', q: 'al', members: [{ id: 1, name: 'Al' }] }],
      ['group search results', { type: 'searchResults', kind: 'groups', q: 'bi', groups: [{ id: 'g', name: 'Billing' }] }],
      ['guest search results', { type: 'searchResults', kind: 'guests', q: 'gu', guests: [{ email: 'g@example.com', name: 'G' }] }],
      ['tag search results', { type: 'searchResults', kind: 'tags', q: 'ba', tags: [{ id: 't', title: 'backend' }] }],
      ['submitting', { type: 'submitting' }],
      ['submitFailed, plain', { type: 'submitFailed', message: 'No.' }],
      ['submitFailed with field errors', { type: 'submitFailed', message: 'Rejected.', fieldErrors: { 'owners.guests.0': ['Bad email.'] } }],
      ['submitFailed with retry', { type: 'submitFailed', message: 'Slow down.', action: 'retryAfter', retryAfterSeconds: 30 }],
      ['submitFailed asking to sign in', { type: 'submitFailed', message: 'Token expired.', action: 'signIn' }],
      ['submitFailed asking to check', { type: 'submitFailed', message: 'Unknown outcome.', action: 'checkForTask' }],
      ['created', { type: 'created', task: { id: 't1', title: HOSTILE, deadline: '2025-07-15T17:00:00Z', assignees: ['Ada'] }, canOpen: true }],
      ['draftRestored', { type: 'draftRestored', values, savedAt: '2025-07-14T08:00:00Z' }],
      ['session, signed in', { type: 'session', me: { id: 7, name: 'Ada', email: 'ada@example.com' } }],
      ['session, signed out', { type: 'session' }],
      ['searchFailed', { type: 'searchFailed', kind: 'members', q: 'gra', message: 'Could not search: Tallyfy had a problem answering (HTTP 500).' }],
    ];
    for (const [name, message] of valid) {
      it(`accepts ${name}`, () => assert.deepEqual(parseToWebview(message), message));
    }

    const invalid: ReadonlyArray<readonly [string, unknown]> = [
      ['null', null],
      ['a string', 'init'],
      ['an unknown type', { type: 'eval', code: 'alert(1)' }],
      ['no type', { title: 'x' }],
      ['init without a title', { ...init, title: undefined }],
      ['init with a zone-less deadline', { ...init, defaultDeadline: '2025-07-15T17:00:00' }],
      ['init with an unknown task type', { ...init, taskTypes: ['task', 'chore'] }],
      ['init missing one of the words', { ...init, strings: { ...ENGLISH, submit: undefined } }],
      ['init with a member id as text', { ...init, members: [{ id: '8', name: 'Alan' }] }],
      ['init with a javascript: link', { ...init, source: { ...init.source, webUrl: 'javascript:alert(1)' } }],
      ['init with a broken draft', { ...init, draft: { ...values, taskType: 'chore' } }],
      ['search results of an unknown kind', { type: 'searchResults', kind: 'users', q: '', users: [] }],
      ['search results with the wrong list', { type: 'searchResults', kind: 'members', q: '', groups: [] }],
      ['submitFailed with an unknown action', { type: 'submitFailed', message: 'x', action: 'reload' }],
      ['submitFailed with a negative wait', { type: 'submitFailed', message: 'x', retryAfterSeconds: -1 }],
      ['submitFailed with field errors as text', { type: 'submitFailed', message: 'x', fieldErrors: { title: 'bad' } }],
      ['created without an id', { type: 'created', task: { title: 't', assignees: [] } }],
      ['a huge title', { ...init, title: 'x'.repeat(20_000) }],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name}`, () => assert.equal(parseToWebview(message), undefined));
    }

    it('keeps markup in a title as plain text', () => {
      const parsed = parseToWebview(init);
      assert.equal(parsed?.type, 'init');
      assert.equal(parsed?.type === 'init' ? parsed.title : '', HOSTILE);
    });
  });

  describe('webview → extension', () => {
    const task = { title: 'T', task_type: 'task', owners: { users: [7] }, deadline: '2025-07-15T15:00:00Z', description: 'd' };
    const formFields = [
      { label: 'Environment', field_type: 'dropdown', required: true, options: [{ text: 'Staging' }, { text: 'Production' }] },
      { label: 'Parts', field_type: 'table', required: false, columns: [{ label: 'Name' }] },
    ];
    const withRows = {
      ...values,
      advanced: { ...values.advanced, formFields: [{ key: 'f1', label: 'Environment', type: 'dropdown', required: true, options: 'Staging\nProduction', columns: '' }] },
    };
    const valid: ReadonlyArray<readonly [string, unknown]> = [
      ['ready', { type: 'ready' }],
      ['ready with the page\'s zone', { type: 'ready', timeZone: 'Pacific/Auckland' }],
      ['submit', { type: 'submit', values, task }],
      ['submit with form fields', { type: 'submit', values: withRows, task: { ...task, form_fields: formFields } }],
      ['saveDraft with form fields', { type: 'saveDraft', values: withRows }],
      ['search', { type: 'search', kind: 'members', q: 'al' }],
      ['saveDraft', { type: 'saveDraft', values }],
      ['discardDraft', { type: 'discardDraft' }],
      ['openInTallyfy', { type: 'openInTallyfy' }],
      ['copyId', { type: 'copyId' }],
      ['createAnother', { type: 'createAnother' }],
      ['checkForTask', { type: 'checkForTask' }],
      ['signIn', { type: 'signIn' }],
    ];
    for (const [name, message] of valid) {
      it(`accepts ${name}`, () => assert.deepEqual(parseFromWebview(message), message));
    }

    const invalid: ReadonlyArray<readonly [string, unknown]> = [
      ['undefined', undefined],
      ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
      ['submit without values', { type: 'submit', task }],
      ['submit with a zone-less deadline', { type: 'submit', values, task: { ...task, deadline: '2025-07-15 15:00' } }],
      ['submit with an unknown task type', { type: 'submit', values, task: { ...task, task_type: 'chore' } }],
      ['search of an unknown kind', { type: 'search', kind: 'files', q: '' }],
      ['search without a query', { type: 'search', kind: 'tags' }],
      ['saveDraft with broken values', { type: 'saveDraft', values: { title: 'x' } }],
      ['submit with form fields that are not a list', { type: 'submit', values, task: { ...task, form_fields: 'Environment' } }],
      ['submit with a form field "required" as text', { type: 'submit', values, task: { ...task, form_fields: [{ ...formFields[0], required: 'yes' }] } }],
      ['submit with options as text', { type: 'submit', values, task: { ...task, form_fields: [{ ...formFields[0], options: ['Staging'] }] } }],
      ['submit with a huge form field label', { type: 'submit', values, task: { ...task, form_fields: [{ ...formFields[0], label: 'x'.repeat(20_000) }] } }],
      ['saveDraft with a form field of an unknown type', { type: 'saveDraft', values: { ...withRows, advanced: { ...withRows.advanced, formFields: [{ ...withRows.advanced.formFields[0], type: 'email' }] } } }],
      ['an array', [{ type: 'ready' }]],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name}`, () => assert.equal(parseFromWebview(message), undefined));
    }

    it('describes an invalid message for the log without echoing its values', () => {
      const line = describeInvalidFromWebview({ type: 'search', kind: 'files', q: 'secret-query' });
      assert.match(line, /invalid message "search" at kind/);
      assert.ok(!line.includes('secret-query'));
      assert.equal(describeInvalidFromWebview({ type: 'ready' }), 'valid');
    });
  });
});
