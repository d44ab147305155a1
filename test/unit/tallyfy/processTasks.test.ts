// Tasks of a process (with a run id) take their run's routes; the organization's completed-tasks routes
// are for one-off tasks, and the sandbox refuses a process task there, as Tallyfy's routes do.
import assert from 'node:assert/strict';
import { isTallyfyError } from '../../../src/core/tallyfy/errors';
import { makeClient, rejection, useSandbox } from './helpers';

const RUN = 'ab'.repeat(16);

describe('process tasks', () => {
  const sandbox = useSandbox();

  it('reads, completes and reopens a process task through its run', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = sandbox.current.addTask({ title: 'Approve the budget', run_id: RUN, is_oneoff: false });
    assert.equal((await client.getTask(org, task.id, { runId: RUN })).runId, RUN);
    await client.completeTask(org, task.id, { runId: RUN });
    assert.equal(sandbox.current.task(task.id)?.status, 'completed');
    await client.reopenTask(org, task.id, { runId: RUN });
    assert.equal(sandbox.current.task(task.id)?.completed_at, null);
    assert.deepEqual(
      sandbox.current.requests().map((r) => `${r.method} ${r.path}`),
      [
        `GET /organizations/${org}/runs/${RUN}/tasks/${task.id}`,
        `POST /organizations/${org}/runs/${RUN}/completed-tasks`,
        `DELETE /organizations/${org}/runs/${RUN}/completed-tasks/${task.id}`,
      ],
    );
  });

  it('is refused by the one-off routes, and a one-off task by a run\'s', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const inProcess = sandbox.current.addTask({ title: 'In a process', run_id: RUN, is_oneoff: false });
    const oneOff = sandbox.current.addTask({ title: 'On its own' });
    assert.ok(isTallyfyError(await rejection(() => client.completeTask(org, inProcess.id)), 'not-found'));
    assert.ok(isTallyfyError(await rejection(() => client.completeTask(org, oneOff.id, { runId: RUN })), 'not-found'));
    assert.equal(sandbox.current.task(inProcess.id)?.status, 'not-started');
    assert.equal(sandbox.current.task(oneOff.id)?.status, 'not-started');
  });
});
