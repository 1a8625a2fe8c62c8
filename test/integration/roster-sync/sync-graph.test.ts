// Issue 16, part 1: the roster sync on real Azurite, reading the fake Graph server through the real adapter
// (src/graph/entra-directory.ts on the Graph client): paging, throttling waited out, 5xx that persists,
// a blocked sync, a dry run, a second sync, and someone removed from the group.
import assert from 'node:assert/strict';
import { createRosterSync, syncRoster, type RosterSyncDeps } from '../../../src/features/roster-sync/index.ts';
import { GraphEntraDirectory } from '../../../src/graph/entra-directory.ts';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { noAppInstaller } from '../../../src/kernel/go-live-defaults.ts';
import { TableAuditLog } from '../../../src/storage/audit-log.ts';
import { TablePeopleRepository } from '../../../src/storage/people-repository.ts';
import { TableRosterSyncRunRepository } from '../../../src/storage/roster-sync-repository.ts';
import { TableUnitRepository } from '../../../src/storage/unit-repository.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { FakeClock } from '../../support/clock.ts';
import { ENTRA, entraMappings, entraTenant } from '../../support/entra-tenant.ts';
import { startFakeGraph, type FakeGraph } from '../../support/fake-graph.ts';

describe('roster sync from Entra ID (Azurite, fake Graph server)', function () {
  this.timeout(60_000);
  let t: TestStore;
  let graph: FakeGraph;
  let deps: RosterSyncDeps;
  let audit: TableAuditLog;
  const clock = new FakeClock('2026-03-02T09:00:00Z');

  before(async () => {
    t = await startTestStore();
  });
  after(async () => t?.close());

  beforeEach(async () => {
    // A fresh, empty set of tables for each test, on the same Azurite.
    const store = await t.openStore();
    graph = await startFakeGraph({ tenant: entraTenant(), pageSize: 2 });
    audit = new TableAuditLog(store);
    deps = {
      people: new TablePeopleRepository(store),
      units: new TableUnitRepository(store),
      audit,
      clock,
      directory: new GraphEntraDirectory(createGraphClient({ baseUrl: graph.url, retryDelaySeconds: 0, maxRetries: 3 })),
      appInstaller: noAppInstaller,
      rosterSyncRuns: new TableRosterSyncRunRepository(store),
      entraMappings: () => ({ dir: 'data/entra', mappings: entraMappings(), problems: [] }),
    };
  });
  afterEach(async () => graph?.close());

  const ids = async () => (await deps.people.list()).map((p) => p.value.id).sort();

  it('reads every page of the nested members group and writes the roster, the run and a counts-only audit entry', async () => {
    const r = await syncRoster(deps, { trigger: 'cli', by: 'admin-cli' });
    assert.equal(r.summary.outcome, 'applied', JSON.stringify(r.problems));
    assert.deepEqual(await ids(), ['ari.above', 'cara.candidate', 'dana.head', 'olly.officer', 'pat.officer', 'sam.sup', 'tom.trainer']);
    const pages = graph.requests.filter((q) => q.groupId === ENTRA.responseMembers && q.path.includes('transitiveMembers'));
    assert.ok(pages.length >= 3, `6 users in pages of 2: ${pages.length} requests`);
    const olly = (await deps.people.findByAadObjectId(ENTRA.olly))!.value;
    assert.deepEqual([olly.supervisorId, olly.roles, olly.teamsUserId], ['sam.sup', ['officer'], undefined]);
    assert.equal((await deps.units.get('response'))?.value.aboveId, 'ari.above');
    assert.equal((await deps.rosterSyncRuns.last())?.value.added, 7);
    const entries = (await audit.list('2026-01-01', '2027-01-01')).filter((e) => e.action === 'roster.synced');
    assert.equal(entries.length, 1);
    assert.doesNotMatch(JSON.stringify(entries), /Olly|olly|Dana|dana|0000-4000/);
  });

  it('a 429 in the middle of a listing is waited out and the sync completes', async () => {
    graph.throttle(/transitiveMembers.*skiptoken/, 1, 0);
    const r = await syncRoster(deps, { trigger: 'cli' });
    assert.equal(r.summary.outcome, 'applied');
    assert.equal((await ids()).length, 7);
    assert.ok(
      graph.requests.some((q) => q.status === 429),
      'Graph did throttle',
    );
  });

  it('a 5xx that persists: outcome failed, nothing written to the roster', async () => {
    graph.failNext(/\/users\/.*\/manager/, 100, 503);
    const r = await syncRoster(deps, { trigger: 'daily' });
    assert.equal(r.summary.outcome, 'failed');
    assert.match(r.failure!, /could not be read/);
    assert.deepEqual(await ids(), []);
    assert.deepEqual(await deps.units.list(), []);
    assert.equal((await deps.rosterSyncRuns.last())?.value.outcome, 'failed');
  });

  it('a blocked sync (a manager outside the unit) lists the problem and writes nothing to the roster', async () => {
    await syncRoster(deps, { trigger: 'cli' });
    const before = (await deps.people.list()).map((p) => p.version).sort();
    graph.addUser({
      id: '00000000-0000-4000-8000-000000000050',
      userPrincipalName: 'nia.new@force.example',
      displayName: 'Nia New',
      managerId: ENTRA.outsider,
    });
    graph.seedMember(ENTRA.responseMembers, '00000000-0000-4000-8000-000000000050');
    graph.removeMember(ENTRA.responseMembers, ENTRA.olly);
    const r = await syncRoster(deps, { trigger: 'cli' });
    assert.equal(r.summary.outcome, 'blocked');
    assert.deepEqual(r.problems.length, 1);
    assert.match(r.problems[0]!, /Nia New .* manager .* is outside the unit response/);
    assert.deepEqual((await deps.people.list()).map((p) => p.version).sort(), before, 'nobody added, changed or marked left');
  });

  it('a dry run writes nothing', async () => {
    const r = await syncRoster(deps, { trigger: 'cli', dryRun: true });
    assert.equal(r.plan?.add.length, 7);
    assert.deepEqual(await ids(), []);
    assert.equal(await deps.rosterSyncRuns.last(), undefined);
    assert.deepEqual(await audit.list('2026-01-01', '2027-01-01'), []);
  });

  it('a second sync is a no-op; someone removed from the group is marked left (kept), and comes back when re-added', async () => {
    const port = createRosterSync(deps);
    await port.runNow('daily');
    const versions = (await deps.people.list()).map((p) => p.version).sort();
    const second = await port.runNow('daily');
    assert.deepEqual([second.added, second.updated, second.left], [0, 0, 0]);
    assert.deepEqual((await deps.people.list()).map((p) => p.version).sort(), versions);

    graph.removeMember(ENTRA.responseNested, ENTRA.pat);
    const third = await port.runNow('admin', 'dana.head');
    assert.deepEqual([third.added, third.updated, third.left], [0, 0, 1]);
    assert.equal((await deps.people.get('pat.officer'))?.value.leftOn, '2026-03-02');
    assert.deepEqual((await port.lastRun())?.trigger, 'admin');

    clock.set('2026-03-09T09:00:00Z');
    graph.seedMember(ENTRA.responseNested, ENTRA.pat);
    const back = await port.runNow('daily');
    assert.equal(back.updated, 1);
    assert.equal((await deps.people.get('pat.officer'))?.value.leftOn, undefined);
  });
});
