import assert from 'node:assert/strict';
import { checkBaseUrl } from '../../../src/core/tallyfy/baseUrl';
import { TallyfyClient } from '../../../src/core/tallyfy/client';
import { isTallyfyError } from '../../../src/core/tallyfy/errors';
import { rejection, useSandbox } from './helpers';

describe('tallyfy base URL', () => {
  it('accepts https and strips trailing slashes', () => {
    assert.deepEqual(checkBaseUrl('https://go.tallyfy.com/api/'), { ok: true, url: 'https://go.tallyfy.com/api' });
    assert.deepEqual(checkBaseUrl('  https://api.tallyfy.com//  '), { ok: true, url: 'https://api.tallyfy.com' });
  });

  it('accepts plain http only to loopback', () => {
    for (const url of ['http://127.0.0.1:8765/api', 'http://localhost:8765/api/', 'http://[::1]:8765/api']) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, true, url);
    }
    for (const url of ['http://go.tallyfy.com/api', 'http://10.0.0.5/api', 'http://127.0.0.2/api', 'http://localhost.example.com/api']) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, false, url);
      assert.match(check.ok ? '' : check.reason, /https/);
    }
  });

  it('explains every refusal', () => {
    const reasons = ['', 'not a url', 'ftp://go.tallyfy.com/api', 'https://user:pw@go.tallyfy.com/api', 'https://go.tallyfy.com/api?x=1', 'https://go.tallyfy.com/api#x'].map(
      (url) => {
        const check = checkBaseUrl(url);
        assert.equal(check.ok, false, url);
        return check.ok ? '' : check.reason;
      },
    );
    assert.ok(reasons.every((reason) => reason.length > 10));
    assert.equal(new Set(reasons).size, 5, 'query and fragment share a reason; the others differ');
  });

  describe('in the client', () => {
    const sandbox = useSandbox();

    it('refuses a non-loopback http base URL before asking for the token or sending anything', async () => {
      let tokenAsked = false;
      const client = new TallyfyClient({
        baseUrl: 'http://go.tallyfy.com/api',
        getToken: async () => {
          tokenAsked = true;
          return sandbox.current.token;
        },
        userAgent: 'test',
      });
      assert.equal(client.baseUrl, undefined);
      assert.match(client.baseUrlProblem ?? '', /https/);
      const error = await rejection(() => client.me());
      assert.ok(isTallyfyError(error, 'configuration'));
      assert.match(error.message, /https/);
      assert.equal(tokenAsked, false);
      assert.equal(sandbox.current.requests().length, 0);
    });

    it('talks to the loopback sandbox over http', async () => {
      const client = new TallyfyClient({ baseUrl: `${sandbox.current.url}/`, getToken: async () => sandbox.current.token, userAgent: 'test' });
      assert.equal(client.baseUrl, sandbox.current.url);
      const me = await client.me();
      assert.equal(me.id, sandbox.current.seed.user.id);
    });
  });
});
