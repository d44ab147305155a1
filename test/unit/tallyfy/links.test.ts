import assert from 'node:assert/strict';
import { checkTaskUrlTemplate, processUrl, taskWebLink, TOKEN_PAGE_URL, WEB_APP_HOME } from '../../../src/core/tallyfy/links';

describe('tallyfy links', () => {
  const orgId = '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f';
  const taskId = '0123456789abcdef0123456789abcdef';

  it('links a task with a run to its process', () => {
    assert.equal(taskWebLink({ orgId, taskId, runId: 'run1', template: 'https://x.test/{taskId}' }), `https://go.tallyfy.com/${orgId}/processes/run1`);
    assert.equal(processUrl('a b', 'c/d'), 'https://go.tallyfy.com/a%20b/processes/c%2Fd');
  });

  it('fills a user template with URL-encoded values', () => {
    assert.equal(
      taskWebLink({ orgId: 'o/1', taskId: 't 2', template: 'https://go.tallyfy.com/{orgId}/tasks/{taskId}' }),
      'https://go.tallyfy.com/o%2F1/tasks/t%202',
    );
    assert.equal(taskWebLink({ orgId, taskId, template: 'https://x.test/{org}/{id}?again={id}' }), `https://x.test/${orgId}/${taskId}?again=${taskId}`);
  });

  it('returns undefined without a run or a usable template (open the home page and copy the id)', () => {
    assert.equal(taskWebLink({ orgId, taskId }), undefined);
    assert.equal(taskWebLink({ orgId, taskId, template: '   ' }), undefined);
    assert.equal(taskWebLink({ orgId, taskId, template: 'javascript:alert({taskId})' }), undefined);
    assert.equal(taskWebLink({ orgId, taskId, template: 'https://x.test/no-placeholder' }), undefined);
    assert.equal(WEB_APP_HOME, 'https://go.tallyfy.com/');
  });

  it('checks templates', () => {
    assert.equal(checkTaskUrlTemplate(''), undefined);
    assert.equal(checkTaskUrlTemplate('https://go.tallyfy.com/{orgId}/tasks/{taskId}'), undefined);
    assert.match(checkTaskUrlTemplate('https://go.tallyfy.com/') ?? '', /\{taskId\}/);
    assert.match(checkTaskUrlTemplate('file:///{taskId}') ?? '', /https URL/);
    assert.match(checkTaskUrlTemplate('http://intranet.example/{taskId}') ?? '', /https URL/);
  });

  it('knows the token page', () => {
    assert.equal(TOKEN_PAGE_URL, 'https://go.tallyfy.com/#/settings/integrations');
  });
});
