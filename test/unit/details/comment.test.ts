// A comment as sent to Tallyfy, and what a failed post means for the typed text.
import assert from 'node:assert/strict';
import { commentFailure, commentHtml } from '../../../src/core/details/comment';
import { HOURLY_CAP_CODE, TallyfyError } from '../../../src/core/tallyfy/errors';

describe('a comment', () => {
  it('is sent as HTML that shows what was typed, line breaks kept', () => {
    assert.equal(commentHtml('a < b && "c"\r\nnext\nlast'), 'a &lt; b &amp;&amp; &quot;c&quot;<br>next<br>last');
    assert.equal(commentHtml('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('whose outcome is unknown may exist: it is checked for, not resent', () => {
    assert.equal(commentFailure(new TallyfyError('outcome-unknown')), 'unknown');
  });

  it("refused by Tallyfy's hourly cap says so; another 429 or a refusal is a plain failure", () => {
    assert.equal(commentFailure(new TallyfyError('rate-limited', undefined, { status: 429, code: HOURLY_CAP_CODE })), 'hourly-cap');
    assert.equal(commentFailure(new TallyfyError('rate-limited', undefined, { status: 429 })), 'refused');
    assert.equal(commentFailure(new TallyfyError('forbidden', undefined, { status: 403 })), 'refused');
    assert.equal(commentFailure(new TallyfyError('validation')), 'refused');
    assert.equal(commentFailure(new Error('boom')), 'refused');
  });
});
