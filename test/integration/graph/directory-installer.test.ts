// EntraDirectory and AppInstaller over the Graph client, against the fake Graph server: transitive
// members across pages and nested groups, managers and users (404 = none), installs (201, 409, 404, 403),
// throttling retried by the client, and what is left after the retries reported plainly.
import assert from 'node:assert/strict';
import { GraphAppInstaller } from '../../../src/graph/app-installer.ts';
import { GraphEntraDirectory } from '../../../src/graph/entra-directory.ts';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { GraphUnavailable } from '../../../src/kernel/ports.ts';
import { startFakeGraph, type FakeGraph, type FakeUser } from '../../support/fake-graph.ts';

const APP = 'd1e2f3a4-0000-4000-8000-00000000abcd';
const MEMBERS = 'e0000000-0000-4000-8000-000000000001';
const NESTED = 'e0000000-0000-4000-8000-000000000002';
const LOOP = 'e0000000-0000-4000-8000-000000000003';
const oid = (i: number) => `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const users: FakeUser[] = Array.from({ length: 12 }, (_, i) => ({
  id: oid(i),
  userPrincipalName: `User.${i}@Force.Example`,
  displayName: `User ${i}`,
  ...(i > 0 ? { managerId: oid(0) } : {}),
  ...(i === 7 ? { accountEnabled: false } : {}),
}));

describe('graph adapters: EntraDirectory and AppInstaller (fake Graph server)', () => {
  let graph: FakeGraph;
  let directory: GraphEntraDirectory;
  let installer: GraphAppInstaller;
  beforeEach(async () => {
    graph = await startFakeGraph({
      pageSize: 4,
      tenant: {
        users,
        groups: [
          { id: MEMBERS, members: [oid(0), oid(1), oid(2), oid(3), oid(4), NESTED] },
          // Nested, with someone already in the outer group and a loop back to it.
          { id: NESTED, members: [oid(4), oid(5), oid(6), oid(7), oid(8), LOOP] },
          { id: LOOP, members: [oid(9), MEMBERS] },
        ],
        catalogue: [APP],
        installedApps: { [oid(2)]: [APP], [oid(3)]: ['99999999-0000-4000-8000-000000000000'] },
      },
    });
    const client = createGraphClient({ baseUrl: graph.url, retryDelaySeconds: 0 });
    directory = new GraphEntraDirectory(client);
    installer = new GraphAppInstaller(client, APP);
  });
  afterEach(async () => graph?.close());

  it('transitiveUserMembers: users only, each once, every page, nested groups and loops expanded', async () => {
    const got = await directory.transitiveUserMembers(MEMBERS);
    assert.deepEqual(got.map((u) => u.id).sort(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(oid).sort());
    const seven = got.find((u) => u.id === oid(7))!;
    assert.deepEqual(seven, { id: oid(7), userPrincipalName: 'User.7@Force.Example', displayName: 'User 7', accountEnabled: false });
    const listing = graph.requests.filter((r) => r.path.endsWith('/transitiveMembers/microsoft.graph.user'));
    assert.equal(listing.length, 3, '10 users in pages of 4');
    assert.equal(listing[0]!.query.$select, 'id,userPrincipalName,displayName,accountEnabled');
  });

  it('transitiveUserMembers: 429 on the second page is waited out; a missing group is GraphUnavailable(404)', async () => {
    graph.throttle(/transitiveMembers.*\$skiptoken=4/, 2, 0);
    assert.equal((await directory.transitiveUserMembers(MEMBERS)).length, 10);
    assert.deepEqual(
      graph.requests.map((r) => r.status),
      [200, 429, 429, 200, 200],
    );
    await assert.rejects(
      directory.transitiveUserMembers('e0000000-0000-4000-8000-0000000000ff'),
      (e: unknown) => e instanceof GraphUnavailable && e.status === 404,
    );
  });

  it('managerOf and user: the id / the user; undefined for none (404); 5xx after retries throws', async () => {
    assert.equal(await directory.managerOf(oid(3)), oid(0));
    assert.equal(await directory.managerOf(oid(0)), undefined, 'no manager: Graph 404');
    assert.equal(await directory.managerOf('10000000-0000-4000-8000-0000000000ff'), undefined);
    assert.deepEqual(await directory.user(oid(1)), {
      id: oid(1),
      userPrincipalName: 'User.1@Force.Example',
      displayName: 'User 1',
      accountEnabled: true,
    });
    assert.equal(await directory.user('10000000-0000-4000-8000-0000000000ff'), undefined);
    graph.failNext('/manager', 1, 503, 0);
    assert.equal(await directory.managerOf(oid(5)), oid(0), '503 once: retried');
    graph.failNext('/users/', 100, 500);
    await assert.rejects(directory.user(oid(1)), (e: unknown) => e instanceof GraphUnavailable && e.status === 500);
  });

  it('isInstalled filters on the catalogue id; install: 201 installed, then 409 alreadyInstalled', async () => {
    assert.equal(await installer.isInstalled(oid(2)), true);
    assert.equal(await installer.isInstalled(oid(3)), false, 'another app installed is not Haven');
    const filterGet = graph.requests.at(-1)!;
    assert.equal(filterGet.query.$filter, `teamsApp/id eq '${APP}'`);
    assert.equal(filterGet.query.$expand, 'teamsApp');
    assert.deepEqual(await installer.install(oid(3)), { outcome: 'installed' });
    const post = graph.requests.at(-1)!;
    assert.equal(post.method, 'POST');
    assert.deepEqual(post.body, { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${APP}` });
    assert.equal(post.status, 201);
    assert.deepEqual(graph.installedApps(oid(3)).sort(), [APP, '99999999-0000-4000-8000-000000000000'].sort());
    assert.equal(await installer.isInstalled(oid(3)), true);
    assert.deepEqual(await installer.install(oid(3)), { outcome: 'alreadyInstalled' });
    assert.equal(graph.requests.at(-1)!.status, 409);
  });

  it('install failures give a short plain reason: 404 unknown user, 403 refused, still throttled after retries', async () => {
    const unknown = await installer.install('10000000-0000-4000-8000-0000000000ff');
    assert.equal(unknown.outcome, 'failed');
    assert.match((unknown as { reason: string }).reason, /user not in the tenant.*404/);
    graph.failInstallsFor(oid(5), 403);
    const refused = await installer.install(oid(5));
    assert.equal(refused.outcome, 'failed');
    assert.match((refused as { reason: string }).reason, /^Graph refused: 403/);
    assert.deepEqual(graph.installedApps(oid(5)), []);
    graph.throttle(`/users/${oid(6)}/teamwork`, 100, 0);
    const busy = await createInstallerWithRetries(graph.url, 2).install(oid(6));
    assert.deepEqual(busy, { outcome: 'failed', reason: 'Graph still busy after retries (429); run the install again later' });
    assert.equal(graph.requests.filter((r) => r.userId === oid(6)).length, 3, 'first try and 2 retries');
    for (const r of [unknown, refused, busy]) assert.doesNotMatch(JSON.stringify(r), /User \d|User\.\d|Force\.Example|Fake Graph/);
  });
});

function createInstallerWithRetries(url: string, maxRetries: number): GraphAppInstaller {
  return new GraphAppInstaller(createGraphClient({ baseUrl: url, maxRetries, retryDelaySeconds: 0 }), APP);
}
