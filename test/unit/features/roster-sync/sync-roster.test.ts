import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { createRosterSync, dailySyncDue, syncRoster } from '../../../../src/features/roster-sync/index.ts';
import type { AppInstaller } from '../../../../src/kernel/ports.ts';
import { memoryDeps } from '../../../support/memory-deps.ts';
import { MemoryDirectory, memorySyncDeps } from '../../../support/memory-directory.ts';
import { ENTRA, entraMappings, entraTenant } from '../../../support/entra-tenant.ts';

const NOW = '2026-03-02T09:00:00Z';

function setUp(tenant = entraTenant()) {
  const deps = memoryDeps({ now: NOW });
  const directory = new MemoryDirectory(tenant);
  return { deps, directory, sync: memorySyncDeps(deps, directory, entraMappings()) };
}

describe('roster sync workflow', () => {
  it('a dry run plans and writes nothing: no person, unit, run record or audit entry', async () => {
    const { deps, sync } = setUp();
    const r = await syncRoster(sync, { trigger: 'cli', dryRun: true });
    assert.equal(r.summary.outcome, 'applied');
    assert.equal(r.summary.added, 7);
    assert.deepEqual([(await deps.people.list()).length, (await deps.units.list()).length], [0, 0]);
    assert.equal(await sync.rosterSyncRuns.last(), undefined);
    assert.deepEqual(deps.audit.entries, []);
  });

  it('applies, records the run and audits counts only; a second run is a no-op', async () => {
    const { deps, sync } = setUp();
    const r = await syncRoster(sync, { trigger: 'cli', by: 'admin-cli' });
    assert.deepEqual(
      { ...r.summary, at: undefined },
      { at: undefined, trigger: 'cli', outcome: 'applied', added: 7, updated: 0, left: 0, problems: 0, installFailures: 0 },
    );
    assert.equal((await deps.people.list()).length, 7);
    assert.equal((await deps.units.get('response'))?.value.departmentHeadId, 'dana.head');
    assert.equal((await deps.people.findByAadObjectId(ENTRA.olly))?.value.id, 'olly.officer');
    assert.deepEqual((await sync.rosterSyncRuns.last())?.value, r.summary);
    const audit = deps.audit.entries.filter((e) => e.action === 'roster.synced');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, 'admin-cli');
    assert.equal(audit[0]!.outcome, 'ok');
    assert.doesNotMatch(audit[0]!.reason, /Olly|olly|Dana|dana|[0-9a-f]{8}-/);

    const versions = (await deps.people.list()).map((p) => p.version).sort();
    const again = await syncRoster(sync, { trigger: 'cli' });
    assert.deepEqual([again.summary.added, again.summary.updated, again.summary.left], [0, 0, 0]);
    assert.deepEqual((await deps.people.list()).map((p) => p.version).sort(), versions);
  });

  it('a blocked run (manager outside the unit) writes nothing to the roster, and records and audits that it was blocked', async () => {
    const tenant = entraTenant();
    tenant.users.find((u) => u.id === ENTRA.olly)!.managerId = ENTRA.outsider;
    const { deps, sync } = setUp(tenant);
    const r = await syncRoster(sync, { trigger: 'cli' });
    assert.equal(r.summary.outcome, 'blocked');
    assert.equal(r.summary.problems, 1);
    assert.match(r.problems[0]!, /outside the unit/);
    assert.equal((await deps.people.list()).length, 0);
    assert.equal((await sync.rosterSyncRuns.last())?.value.outcome, 'blocked');
    assert.equal(deps.audit.entries.at(-1)?.outcome, 'failed');
  });

  it('mapping-file problems block the run before Graph is asked; an unknown --unit is a problem', async () => {
    const deps = memoryDeps({ now: NOW });
    const directory = new MemoryDirectory(entraTenant());
    const sync = memorySyncDeps(deps, directory, entraMappings(), { mappingProblems: ['x.json: unit.name is required'] });
    const r = await syncRoster(sync, { trigger: 'cli', unitId: 'nowhere' });
    assert.deepEqual(r.problems, ['x.json: unit.name is required', 'no mapping file for unit nowhere in data/entra']);
    assert.deepEqual(directory.calls, []);
    assert.equal((await deps.people.list()).length, 0);
  });

  it('--unit syncs only that unit', async () => {
    const { deps, sync, directory } = setUp();
    const r = await syncRoster(sync, { trigger: 'cli', unitId: 'command' });
    assert.equal(r.summary.outcome, 'applied');
    assert.deepEqual(
      (await deps.people.list()).map((p) => p.value.id),
      ['ari.above'],
    );
    assert.ok(!directory.calls.includes(`members:${ENTRA.responseMembers}`));
  });

  it('Graph unavailable: outcome failed, nothing written to the roster', async () => {
    const { deps, sync, directory } = setUp();
    directory.failing = 503;
    const r = await syncRoster(sync, { trigger: 'daily' });
    assert.equal(r.summary.outcome, 'failed');
    assert.match(r.failure!, /503/);
    assert.equal((await deps.people.list()).length, 0);
    assert.equal((await sync.rosterSyncRuns.last())?.value.outcome, 'failed');
  });

  it('without a configured directory or mapping files it says so and does nothing', async () => {
    const deps = memoryDeps({ now: NOW });
    const sync = memorySyncDeps(deps, deps.directory, []);
    const r = await syncRoster(sync, { trigger: 'cli' });
    assert.equal(r.summary.outcome, 'notConfigured');
    assert.match(r.problems[0]!, /no directory is configured/);
    assert.equal(createRosterSync(sync).configured, false);
  });

  it('runNow installs the app for the people it added when installation is configured, counting failures', async () => {
    const deps = memoryDeps({ now: NOW });
    const installed: string[] = [];
    const installer: AppInstaller = {
      configured: true,
      async isInstalled() {
        return false;
      },
      async install(id) {
        installed.push(id);
        return id === ENTRA.pat ? { outcome: 'failed', reason: 'Graph refused: 403' } : { outcome: 'installed' };
      },
    };
    const sync = memorySyncDeps(deps, new MemoryDirectory(entraTenant()), entraMappings(), { appInstaller: installer });
    const port = createRosterSync(sync);
    assert.equal(port.configured, true);
    const s = await port.runNow('admin', 'dana.head');
    assert.equal(s.trigger, 'admin');
    assert.equal(installed.length, 7);
    assert.equal(s.installFailures, 1);
    assert.deepEqual(await port.lastRun(), s);
    assert.equal(deps.audit.entries.at(-1)?.actor, 'dana.head');
    // Nobody new the second time: nobody installed again.
    await port.runNow('daily');
    assert.equal(installed.length, 7);
  });
});

describe('the daily roster sync', () => {
  it('runs once a day in working hours (UK time); a failed run is tried again an hour later', () => {
    const at = (iso: string) => new Date(iso);
    assert.equal(dailySyncDue(at('2026-03-02T06:30:00Z'), undefined), false);
    assert.equal(dailySyncDue(at('2026-03-02T07:00:00Z'), undefined), true);
    assert.equal(dailySyncDue(at('2026-03-02T19:30:00Z'), undefined), false);
    // British Summer Time: 06:30Z is 07:30 in London.
    assert.equal(dailySyncDue(at('2026-07-01T06:30:00Z'), undefined), true);
    const applied = { at: '2026-03-02T07:05:00Z', outcome: 'applied' };
    assert.equal(dailySyncDue(at('2026-03-02T15:00:00Z'), applied), false);
    assert.equal(dailySyncDue(at('2026-03-03T07:05:00Z'), applied), true);
    const failed = { at: '2026-03-02T07:05:00Z', outcome: 'failed' };
    assert.equal(dailySyncDue(at('2026-03-02T07:30:00Z'), failed), false);
    assert.equal(dailySyncDue(at('2026-03-02T08:05:00Z'), failed), true);
  });
});
