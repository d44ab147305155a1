import assert from 'node:assert/strict';
import { hasMorePages, parsePagination } from '../../../src/core/tallyfy/schema';
import type { LinksForm } from '../../sandbox/server';
import { makeClient, useSandbox } from './helpers';

describe('tallyfy pagination', () => {
  const sandbox = useSandbox();

  function seedTasks(count: number): void {
    for (let i = 1; i <= count; i++) sandbox.current.addTask({ title: `task ${i}` });
  }

  const forms: LinksForm[] = ['auto', 'object', 'nulls', 'empty-array', 'missing'];

  for (const linksForm of forms) {
    it(`follows every page by total_pages when links are ${linksForm}`, async () => {
      seedTasks(23);
      sandbox.current.configure({ linksForm });
      const { client } = makeClient(sandbox.current);
      const page = await client.listTasks(sandbox.current.orgId, { all: true, perPage: 10 });
      assert.equal(page.items.length, 23);
      assert.equal(new Set(page.items.map((t) => t.id)).size, 23);
      assert.deepEqual(
        sandbox.current.requests().map((r) => r.query['page']),
        ['1', '2', '3'],
      );
      assert.equal(page.pagination?.currentPage, 3);
    });
  }

  for (const linksForm of forms) {
    const followsLinks = linksForm === 'auto' || linksForm === 'object';
    it(`without total_pages, ${followsLinks ? 'follows links.next' : 'stops after one page'} when links are ${linksForm}`, async () => {
      seedTasks(23);
      sandbox.current.configure({ linksForm, omitTotalPages: true });
      const { client } = makeClient(sandbox.current);
      const page = await client.listTasks(sandbox.current.orgId, { all: true, perPage: 10 });
      assert.equal(page.items.length, followsLinks ? 23 : 10);
      assert.equal(sandbox.current.requests().length, followsLinks ? 3 : 1);
    });
  }

  it('uses 100 per page when reading everything, and one request for small lists', async () => {
    seedTasks(12);
    const { client } = makeClient(sandbox.current);
    const page = await client.listTasks(sandbox.current.orgId, { all: true });
    assert.equal(page.items.length, 12);
    assert.equal(sandbox.current.requests().length, 1);
    assert.equal(sandbox.current.requests()[0]?.query['per_page'], '100');
  });

  it('reads one page when asked, with its pagination', async () => {
    seedTasks(23);
    const { client } = makeClient(sandbox.current);
    const page = await client.listTasks(sandbox.current.orgId, { page: 3, perPage: 10 });
    assert.equal(page.items.length, 3);
    assert.deepEqual(page.pagination, { total: 23, count: 3, perPage: 10, currentPage: 3, totalPages: 3, hasNextLink: false });
    const first = await client.listTasks(sandbox.current.orgId);
    assert.equal(first.items.length, 10, 'the API default is 10 per page');
    assert.equal(first.pagination?.hasNextLink, true);
  });

  it('clamps per_page to 100 and stops at maxPages', async () => {
    seedTasks(5);
    const { client, logs } = makeClient(sandbox.current);
    await client.listTasks(sandbox.current.orgId, { perPage: 500 });
    assert.equal(sandbox.current.requests()[0]?.query['per_page'], '100');
    sandbox.current.clearRequests();
    const page = await client.listTasks(sandbox.current.orgId, { all: true, perPage: 1, maxPages: 2 });
    assert.equal(page.items.length, 2);
    assert.equal(sandbox.current.requests().length, 2);
    assert.ok(logs.some((l) => /after 2 pages/.test(l.message)));
  });

  it('stops when the server ignores the page asked for', async () => {
    seedTasks(3);
    sandbox.current.injectFault({
      kind: 'status',
      status: 200,
      count: 5,
      body: { data: [{ id: 'a'.repeat(32), title: 'same' }], meta: { pagination: { current_page: 1, total_pages: 3, links: [] } } },
    });
    const { client } = makeClient(sandbox.current);
    const page = await client.listTasks(sandbox.current.orgId, { all: true });
    assert.equal(page.items.length, 1);
    assert.equal(sandbox.current.requests().length, 2);
  });

  it('decides from the pagination alone', () => {
    const more = (pagination: unknown): boolean => hasMorePages(parsePagination({ pagination }));
    assert.equal(more({ current_page: 1, total_pages: 2, links: [] }), true);
    assert.equal(more({ current_page: 2, total_pages: 2, links: { next: 'https://x/2' } }), false);
    assert.equal(more({ current_page: '1', total_pages: '3' }), true);
    assert.equal(more({ current_page: 1, links: { next: 'https://x/2' } }), true);
    assert.equal(more({ current_page: 1, links: { next: null, previous: null } }), false);
    assert.equal(more({ current_page: 1, links: [] }), false);
    assert.equal(more({ current_page: 1 }), false);
    assert.equal(hasMorePages(parsePagination(undefined)), false);
  });
});
