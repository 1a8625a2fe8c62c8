// The grading-access group on the shared Graph client (the end-to-end behaviour with Haven's jobs is in
// test/integration/declarations/graph-access.test.ts and break-ends.test.ts): what each Graph answer means,
// and which throttling the client waits out itself versus hands to the job.
import assert from 'node:assert/strict';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { GraphViewingAccess } from '../../../src/graph/viewing-access.ts';
import { startFakeGraph, type FakeGraph } from '../../support/fake-graph.ts';

const GROUP = 'f0000000-0000-4000-8000-000000000001';
const person = { id: 'alex.moreno', aadObjectId: '00000000-0000-4000-8000-000000000005' };

describe('GraphViewingAccess on the Graph client (fake Graph server)', () => {
  let graph: FakeGraph;
  let access: GraphViewingAccess;
  beforeEach(async () => {
    graph = await startFakeGraph({ token: 'tok' });
    // As wired in src/graph/from-config.ts for the job: short waits only.
    const client = createGraphClient({
      baseUrl: graph.url,
      token: async () => 'tok',
      maxRetries: 2,
      maxWaitSeconds: 10,
      retryDelaySeconds: 0,
    });
    access = new GraphViewingAccess({ graph: client, groupId: GROUP });
  });
  afterEach(async () => graph?.close());

  it('remove: 204 and 404 (not a member) are both removed; a 500 is failed; a 503 once is retried by the client', async () => {
    graph.seedMember(GROUP, person.aadObjectId);
    assert.equal(await access.remove(person), 'removed');
    assert.deepEqual(graph.members(GROUP), []);
    assert.equal(await access.remove(person), 'removed');
    assert.deepEqual(
      graph.requests.map((r) => [r.method, r.status, r.authorization]),
      [
        ['DELETE', 204, 'Bearer tok'],
        ['DELETE', 404, 'Bearer tok'],
      ],
    );
    graph.failWith(500);
    assert.equal(await access.remove(person), 'failed');
    graph.failWith(undefined);
    graph.seedMember(GROUP, person.aadObjectId);
    graph.failNext('/members/', 1, 503, 0);
    assert.equal(await access.remove(person), 'removed');
    assert.deepEqual(
      graph.requests.slice(-2).map((r) => r.status),
      [503, 204],
    );
  });

  it('restore: added; "already exist" counts as restored; a short 429 is waited out by the client', async () => {
    assert.deepEqual(await access.restore(person), { outcome: 'restored' });
    assert.deepEqual(graph.members(GROUP), [person.aadObjectId]);
    assert.deepEqual(await access.restore(person), { outcome: 'restored' });
    assert.equal(graph.requests.at(-1)!.status, 400);
    graph.removeMember(GROUP, person.aadObjectId);
    graph.answerAddsWith({ status: 429, retryAfter: 1 });
    assert.deepEqual(await access.restore(person), { outcome: 'restored' });
    assert.deepEqual(
      graph.requests.slice(-2).map((r) => r.status),
      [429, 204],
    );
  });

  it('restore: a long Retry-After is handed to the job at once; no answer is retry in a minute; a 403 is failed', async () => {
    graph.answerAddsWith({ status: 429, retryAfter: 120 });
    const started = Date.now();
    assert.deepEqual(await access.restore(person), { outcome: 'retry', afterSeconds: 120 });
    assert.ok(Date.now() - started < 3000, 'the client did not sleep for two minutes');
    graph.answerAddsWith({ status: 503, retryAfter: 300 });
    assert.deepEqual(await access.restore(person), { outcome: 'retry', afterSeconds: 300 });
    graph.answerAddsWith({ status: 403 });
    assert.deepEqual(await access.restore(person), { outcome: 'failed' });
    const url = graph.url;
    await graph.close();
    const offline = new GraphViewingAccess({ graph: createGraphClient({ baseUrl: url, maxRetries: 0 }), groupId: GROUP });
    assert.deepEqual(await offline.restore(person), { outcome: 'retry', afterSeconds: 60 });
    assert.equal(await offline.remove(person), 'failed');
  });
});
