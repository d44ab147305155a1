import assert from 'node:assert/strict';
import { API_REQUESTS_PER_MINUTE, AutoRefreshPolicy } from '../../../src/core/tasks/autoRefresh';

const MIN = 60_000;

function clock(start = 1_000_000) {
  const c = { now: start, advance: (ms: number) => void (c.now += ms) };
  return c;
}

describe('auto refresh policy', () => {
  it('is due at once, then after each interval', () => {
    const c = clock();
    const policy = new AutoRefreshPolicy({ intervalMs: 5 * MIN, now: () => c.now });
    assert.equal(policy.isDue(), true);
    policy.recordRun({ requests: 3, rateLimited: false });
    assert.equal(policy.isDue(), false);
    assert.equal(policy.delayMs(), 5 * MIN);
    c.advance(5 * MIN - 1);
    assert.equal(policy.isDue(), false);
    c.advance(1);
    assert.equal(policy.isDue(), true);
  });

  it('can wait one interval before the first run', () => {
    const c = clock();
    const policy = new AutoRefreshPolicy({ intervalMs: MIN, startDue: false, now: () => c.now });
    assert.equal(policy.delayMs(), MIN);
  });

  it('is disabled with a zero interval', () => {
    const policy = new AutoRefreshPolicy({ intervalMs: 0 });
    assert.equal(policy.enabled, false);
    assert.equal(policy.delayMs(), Number.POSITIVE_INFINITY);
    assert.equal(policy.isDue(), false);
  });

  it('gives each run its cap, within the share of the minute', () => {
    const c = clock();
    const policy = new AutoRefreshPolicy({ intervalMs: 10_000, requestsPerRun: 50, requestsPerMinute: 120, now: () => c.now });
    assert.equal(policy.budget(), 50);
    policy.recordRun({ requests: 50, rateLimited: false });
    c.advance(10_000);
    policy.recordRun({ requests: 50, rateLimited: false });
    c.advance(10_000);
    assert.equal(policy.usedLastMinute(), 100);
    assert.equal(policy.budget(), 20);
    policy.recordRequests(20); // a manual refresh meanwhile
    assert.equal(policy.budget(), 0);
    assert.equal(policy.isDue(), false, 'no budget left');
    assert.equal(policy.delayMs(), 40_000, 'until the first run leaves the minute');
    c.advance(40_000);
    assert.equal(policy.budget(), 50);
    assert.equal(policy.isDue(), true);
  });

  it('never plans beyond the API limit', () => {
    const policy = new AutoRefreshPolicy({ intervalMs: MIN, requestsPerRun: 5_000, requestsPerMinute: 5_000 });
    assert.equal(policy.requestsPerMinute, API_REQUESTS_PER_MINUTE);
    assert.equal(policy.requestsPerRun, API_REQUESTS_PER_MINUTE);
    const defaults = new AutoRefreshPolicy({ intervalMs: MIN });
    assert.ok(defaults.requestsPerMinute <= API_REQUESTS_PER_MINUTE / 4);
  });

  it('doubles the interval after a 429, waits at least Retry-After, and recovers step by step', () => {
    const c = clock();
    const policy = new AutoRefreshPolicy({ intervalMs: MIN, maxIntervalMs: 8 * MIN, now: () => c.now });
    policy.recordRun({ requests: 4, rateLimited: true, retryAfterSeconds: 30 });
    assert.equal(policy.intervalMs, 2 * MIN);
    assert.equal(policy.delayMs(), 2 * MIN);
    assert.equal(policy.consecutiveBackoffs, 1);
    c.advance(2 * MIN);
    policy.recordRun({ requests: 1, rateLimited: true, retryAfterSeconds: 600 });
    assert.equal(policy.intervalMs, 4 * MIN);
    assert.equal(policy.delayMs(), 10 * MIN, 'Retry-After is longer than the interval');
    c.advance(10 * MIN);
    policy.recordRun({ requests: 1, rateLimited: true });
    c.advance(8 * MIN);
    policy.recordRun({ requests: 1, rateLimited: true });
    assert.equal(policy.intervalMs, 8 * MIN, 'capped');
    c.advance(8 * MIN);
    policy.recordRun({ requests: 10, rateLimited: false });
    assert.equal(policy.consecutiveBackoffs, 0);
    assert.equal(policy.intervalMs, 4 * MIN);
    c.advance(4 * MIN);
    policy.recordRun({ requests: 10, rateLimited: false });
    c.advance(2 * MIN);
    policy.recordRun({ requests: 10, rateLimited: false });
    assert.equal(policy.intervalMs, MIN);
    c.advance(MIN);
    policy.recordRun({ requests: 10, rateLimited: false });
    assert.equal(policy.intervalMs, MIN, 'never below the setting');
  });

  it('runs soon on request, except while backing off', () => {
    const c = clock();
    const policy = new AutoRefreshPolicy({ intervalMs: 10 * MIN, now: () => c.now });
    policy.recordRun({ requests: 1, rateLimited: false });
    policy.runSoon();
    assert.equal(policy.isDue(), true);
    policy.recordRun({ requests: 1, rateLimited: true });
    policy.runSoon();
    assert.equal(policy.delayMs(), 20 * MIN);
  });
});
