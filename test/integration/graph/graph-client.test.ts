// The Graph client against the fake Graph server: the library's PageIterator follows @odata.nextLink on a
// loopback host, its RetryHandler waits out 429/503 with Retry-After, and what still fails becomes
// GraphUnavailable with the status and no Graph free text.
import assert from 'node:assert/strict';
import { createGraphClient, GraphCallFailed } from '../../../src/graph/graph-client.ts';
import { GraphUnavailable } from '../../../src/kernel/ports.ts';
import { startFakeGraph, type FakeGraph, type FakeUser } from '../../support/fake-graph.ts';

const GROUP = 'a0a0a0a0-0000-4000-8000-000000000001';
const NESTED = 'a0a0a0a0-0000-4000-8000-000000000002';
const users: FakeUser[] = Array.from({ length: 23 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  userPrincipalName: `person${i}@force.example`,
  displayName: `Person ${i}`,
}));
const MEMBERS = '/groups/' + GROUP + '/transitiveMembers/microsoft.graph.user?$select=id,userPrincipalName&$top=999';

describe('graph client (against the fake Graph server)', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await startFakeGraph({
      pageSize: 5,
      tenant: {
        users,
        groups: [
          { id: GROUP, members: [...users.slice(0, 20).map((u) => u.id), NESTED] },
          { id: NESTED, members: [users[19]!.id, users[20]!.id, users[21]!.id] },
        ],
      },
    });
  });
  afterEach(async () => graph?.close());

  it('pages through @odata.nextLink with the library PageIterator: every user once, nested groups expanded', async () => {
    const c = createGraphClient({ baseUrl: graph.url });
    const got = await c.listAll<{ id: string; userPrincipalName: string; displayName?: string }>(MEMBERS);
    assert.equal(got.length, 22);
    assert.deepEqual(
      got.map((u) => u.id).sort(),
      users
        .slice(0, 22)
        .map((u) => u.id)
        .sort(),
    );
    assert.equal(got[0]!.displayName, undefined, '$select honoured');
    const gets = graph.requests.filter((r) => r.path.includes('transitiveMembers'));
    assert.equal(gets.length, 5, '22 users in pages of 5');
    assert.deepEqual(
      gets.map((r) => r.query.$skiptoken ?? '0'),
      ['0', '5', '10', '15', '20'],
    );
    assert.ok(
      gets.every((r) => r.authorization === undefined),
      'no token configured: none sent',
    );
  });

  it('429 with Retry-After mid-paging: waits, then carries on; nothing lost or repeated', async () => {
    graph.throttle(/transitiveMembers.*\$skiptoken=10/, 1, 1);
    const c = createGraphClient({ baseUrl: graph.url });
    const started = Date.now();
    const got = await c.listAll<{ id: string }>(MEMBERS);
    assert.equal(new Set(got.map((u) => u.id)).size, 22);
    assert.equal(got.length, 22);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After (1 s)');
    assert.deepEqual(
      graph.requests.map((r) => r.status),
      [200, 200, 429, 200, 200, 200],
    );
    assert.equal(graph.requests[3]!.query.$skiptoken, '10', 'the same page asked again');
  });

  it('503 then success: retried by the client', async () => {
    graph.failNext('/users/', 2, 503, 0);
    const c = createGraphClient({ baseUrl: graph.url });
    const u = (await c.client.api(`/users/${users[3]!.id}`).get()) as { userPrincipalName: string };
    assert.equal(u.userPrincipalName, 'person3@force.example');
    assert.deepEqual(
      graph.requests.map((r) => r.status),
      [503, 503, 200],
    );
  });

  it('persistent 503 → GraphUnavailable after the bounded retries, status kept, no Graph text', async () => {
    graph.failNext('/users/', 100, 503, 0);
    const c = createGraphClient({ baseUrl: graph.url, maxRetries: 3 });
    await assert.rejects(c.listAll(`/users/${users[0]!.id}/teamwork/installedApps`), (e: unknown) => {
      assert.ok(e instanceof GraphUnavailable);
      assert.equal((e as GraphUnavailable).status, 503);
      assert.doesNotMatch((e as Error).message, /Fake Graph|person/);
      return true;
    });
    assert.equal(graph.requests.length, 4, 'first try and 3 retries');
  });

  it('a 500 is not retried (not transient by Graph’s rules) and becomes GraphUnavailable(500)', async () => {
    graph.failNext(/transitiveMembers/, 100, 500);
    const c = createGraphClient({ baseUrl: graph.url });
    await assert.rejects(c.listAll(MEMBERS), (e: unknown) => e instanceof GraphUnavailable && e.status === 500);
    assert.equal(graph.requests.length, 1);
  });

  it('a Retry-After beyond maxWaitSeconds is not slept on: it surfaces at once with its seconds', async () => {
    graph.throttle('/users/', 1, 120);
    const c = createGraphClient({ baseUrl: graph.url, maxWaitSeconds: 5 });
    const started = Date.now();
    await assert.rejects(
      c.listAll(`/users/${users[0]!.id}/teamwork/installedApps`),
      (e: unknown) => e instanceof GraphCallFailed && e.status === 429 && e.retryAfterSeconds === 120,
    );
    assert.ok(Date.now() - started < 3000);
  });

  it('no answer (nothing listening) → GraphUnavailable without a status', async () => {
    const url = graph.url;
    await graph.close();
    const c = createGraphClient({ baseUrl: url, maxRetries: 0 });
    await assert.rejects(c.listAll(MEMBERS), (e: unknown) => e instanceof GraphUnavailable && e.status === undefined);
  });

  it('a token that cannot be had → GraphUnavailable saying so, with none of the credential’s words; Graph not called', async () => {
    const c = createGraphClient({
      baseUrl: graph.url,
      token: async () => {
        throw new Error('AADSTS700016: application abc in tenant contoso not found');
      },
    });
    await assert.rejects(c.listAll(MEMBERS), (e: unknown) => {
      assert.ok(e instanceof GraphUnavailable);
      assert.equal((e as GraphUnavailable).status, undefined);
      assert.match((e as Error).message, /no token for Microsoft Graph/);
      assert.doesNotMatch((e as Error).message, /AADSTS|contoso/);
      return true;
    });
    assert.equal(graph.requests.length, 0);
  });

  it('the bearer token goes to the configured host on every page, and a token-checking Graph accepts it', async () => {
    await graph.close();
    graph = await startFakeGraph({
      pageSize: 10,
      token: 't-123',
      tenant: { users, groups: [{ id: GROUP, members: users.map((u) => u.id) }] },
    });
    const c = createGraphClient({ baseUrl: graph.url, token: async () => 't-123' });
    assert.equal((await c.listAll(MEMBERS)).length, 23);
    assert.deepEqual(
      graph.requests.map((r) => [r.status, r.authorization]),
      [
        [200, 'Bearer t-123'],
        [200, 'Bearer t-123'],
        [200, 'Bearer t-123'],
      ],
    );
    const wrong = createGraphClient({ baseUrl: graph.url, token: async () => 'nope' });
    await assert.rejects(wrong.listAll(MEMBERS), (e: unknown) => e instanceof GraphUnavailable && e.status === 401);
  });
});
