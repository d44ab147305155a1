import assert from 'node:assert/strict';
import {
  flattenFieldErrors,
  FORM_ERROR_KEY,
  isTallyfyError,
  parseErrorBody,
  parseRetryAfter,
  safeServerMessage,
  TallyfyError,
} from '../../../src/core/tallyfy/errors';

describe('tallyfy errors', () => {
  it('recognises an error made by another copy of the module, by name and kind', () => {
    const own = new TallyfyError('validation');
    const foreign = Object.assign(new Error('Title is required.'), { name: 'TallyfyError', kind: 'validation' });
    assert.equal(isTallyfyError(own, 'validation'), true);
    assert.equal(isTallyfyError(foreign, 'validation'), true);
    assert.equal(isTallyfyError(foreign, 'network'), false);
    assert.equal(isTallyfyError(new Error('plain')), false);
    assert.equal(isTallyfyError({ name: 'TallyfyError', kind: 'validation' }), false);
  });

  it('reads every documented error body', () => {
    assert.deepEqual(parseErrorBody({ message: 'Unauthenticated.' }), { message: 'Unauthenticated.' });
    assert.deepEqual(parseErrorBody({ error: true, message: 'Nope', code: 'RESOURCE_NOT_FOUND' }), { message: 'Nope', code: 'RESOURCE_NOT_FOUND' });
    assert.deepEqual(parseErrorBody({ error: true, errors: { title: ['Too long'] } }), { fieldErrors: { title: ['Too long'] } });
    assert.deepEqual(parseErrorBody({ message: 'The given data was invalid.', errors: { 'owners.users.0': ['Bad'] } }), {
      message: 'The given data was invalid.',
      fieldErrors: { 'owners.users.0': ['Bad'] },
    });
    assert.deepEqual(parseErrorBody({ error: { code: 'CONFLICT', message: 'Changed', details: { title: 'Stale' } } }), {
      message: 'Changed',
      code: 'CONFLICT',
      fieldErrors: { title: ['Stale'] },
    });
    assert.deepEqual(parseErrorBody('plain text'), { message: 'plain text' });
    assert.deepEqual(parseErrorBody(undefined), {});
  });

  it('flattens nested field errors to dotted paths', () => {
    assert.deepEqual(
      flattenFieldErrors({
        title: 'Required',
        owners: { users: { 0: ['Unknown user', 'Disabled'] }, guests: [{ email: 'Bad' }] },
        deadline: ['Invalid'],
      }),
      {
        title: ['Required'],
        'owners.users.0': ['Unknown user', 'Disabled'],
        'owners.guests.0.email': ['Bad'],
        deadline: ['Invalid'],
      },
    );
    assert.deepEqual(flattenFieldErrors(['General problem']), { [FORM_ERROR_KEY]: ['General problem'] });
  });

  it('keeps server internals out of field messages', () => {
    const flat = flattenFieldErrors({ title: 'SQLSTATE[22001]: String data, right truncated' });
    assert.deepEqual(flat, { title: ['This value was not accepted.'] });
  });

  it('judges which server messages are safe to show', () => {
    assert.equal(safeServerMessage('You cannot complete a task assigned to someone else.'), 'You cannot complete a task assigned to someone else.');
    for (const bad of [
      'SQLSTATE[42S22]: Column not found',
      'select * from tasks where id = 1',
      'ErrorException in /var/www/app/Task.php line 12',
      'Undefined index: owners',
      'x'.repeat(201),
      'two\nlines',
      42,
    ]) {
      assert.equal(safeServerMessage(bad), undefined, String(bad));
    }
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    assert.equal(parseRetryAfter('30', now), 30);
    assert.equal(parseRetryAfter('1.5', now), 1.5);
    assert.equal(parseRetryAfter(new Date(now + 45_000).toUTCString(), now), 45);
    assert.equal(parseRetryAfter(new Date(now - 45_000).toUTCString(), now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('says what happened for every kind, without telling the user what to do (the editor does, in their language)', () => {
    assert.equal(new TallyfyError('unauthorized', undefined, { status: 401 }).message, 'Tallyfy refused the token (HTTP 401).');
    assert.equal(new TallyfyError('unauthorized').forUser, false);
    assert.equal(new TallyfyError('signed-out', 'Melden Sie sich an.', { forUser: true }).forUser, true);
    assert.match(new TallyfyError('rate-limited', undefined, { retryAfterSeconds: 30 }).message, /30 seconds/);
    assert.match(new TallyfyError('rate-limited', undefined, { retryAfterSeconds: 600 }).message, /10 minutes/);
    assert.match(new TallyfyError('server', undefined, { status: 503 }).message, /503/);
    assert.match(new TallyfyError('outcome-unknown').message, /may or may not/);
    const error = new TallyfyError('forbidden', undefined, { status: 403, requestId: 'r1' });
    assert.equal(error.kind, 'forbidden');
    assert.equal(error.status, 403);
    assert.equal(error.requestId, 'r1');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'TallyfyError');
  });
});
