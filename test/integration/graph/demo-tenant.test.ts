// The demo tenant of `npm run graph:fake` and data/demo-entra/unit-2.json agree with data/demo-roster.csv, read
// back through the real adapters: same object ids, roster ids from the userPrincipalName, managers = the
// roster's supervisors, role groups = the roster's roles; plus exactly one newcomer and one leaver.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LOCAL_TEAMS_APP_CATALOG_ID } from '../../../src/config.ts';
import { GraphAppInstaller } from '../../../src/graph/app-installer.ts';
import {
  DEMO_ALREADY_INSTALLED,
  DEMO_LEAVER,
  DEMO_NEWCOMER,
  MAPPED_ROLES,
  demoTenant,
  type EntraUnitMapping,
} from '../../../src/graph/demo-tenant.ts';
import { GraphEntraDirectory } from '../../../src/graph/entra-directory.ts';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { parseRoster } from '../../../src/kernel/roster.ts';
import { startFakeGraph, type FakeGraph } from '../../support/fake-graph.ts';

const csv = readFileSync('data/demo-roster.csv', 'utf8');
const parsed = parseRoster(csv);
if (!parsed.ok) throw new Error('demo roster invalid');
const roster = parsed.roster;
const unit = roster.units.find((u) => u.id === 'unit-2')!;
const people = roster.people.filter((p) => p.unitId === 'unit-2');
const byId = new Map(people.map((p) => [p.id, p]));

describe('demo tenant (npm run graph:fake) and data/demo-entra/unit-2.json agree with the demo roster', () => {
  let graph: FakeGraph;
  let directory: GraphEntraDirectory;
  const mapping = JSON.parse(readFileSync('data/demo-entra/unit-2.json', 'utf8')) as EntraUnitMapping;
  before(async () => {
    graph = await startFakeGraph({ tenant: demoTenant(csv).tenant, pageSize: 7 });
    directory = new GraphEntraDirectory(createGraphClient({ baseUrl: graph.url }));
  });
  after(async () => graph?.close());

  it('data/demo-entra/unit-2.json is the tenant’s mapping, in the issue’s format, and names the roster’s unit and head', () => {
    assert.deepEqual(mapping, demoTenant(csv).mapping);
    assert.deepEqual(Object.keys(mapping).sort(), ['membersGroup', 'roleGroups', 'unit']);
    assert.deepEqual(Object.keys(mapping.roleGroups).sort(), [...MAPPED_ROLES].sort());
    assert.equal(mapping.unit.id, unit.id);
    assert.equal(mapping.unit.name, unit.name);
    assert.equal(mapping.unit.channelId, unit.supervisorChannelId);
    assert.equal(mapping.unit.head, byId.get(unit.departmentHeadId!)!.aadObjectId);
    assert.equal(mapping.unit.above, unit.aboveId ? byId.get(unit.aboveId)!.aadObjectId : undefined);
  });

  it('members (transitively, over pages): the roster less the leaver, plus the newcomer; same object ids and roster ids', async () => {
    const members = await directory.transitiveUserMembers(mapping.membersGroup);
    const expected = people.filter((p) => p.id !== DEMO_LEAVER).map((p) => p.aadObjectId);
    assert.deepEqual(members.map((m) => m.id).sort(), [...expected, DEMO_NEWCOMER.id].sort());
    for (const m of members) {
      const rosterId = m.userPrincipalName.split('@')[0]!.toLowerCase();
      if (m.id === DEMO_NEWCOMER.id) {
        assert.equal(byId.has(rosterId), false, 'the newcomer is not on the roster yet');
        continue;
      }
      const p = byId.get(rosterId)!;
      assert.ok(p, `${rosterId} is on the roster`);
      assert.equal(p.aadObjectId, m.id);
      assert.equal(m.displayName, p.name);
    }
    const leaver = byId.get(DEMO_LEAVER)!;
    assert.ok(await directory.user(leaver.aadObjectId), 'the leaver is still in the tenant');
  });

  it("every person's manager is their roster supervisor (none when the roster has none); the newcomer reports to Sam", async () => {
    for (const p of people) {
      const expected = p.supervisorId ? byId.get(p.supervisorId)!.aadObjectId : undefined;
      assert.equal(await directory.managerOf(p.aadObjectId), expected, p.id);
    }
    assert.equal(await directory.managerOf(DEMO_NEWCOMER.id), byId.get('sam.okafor')!.aadObjectId);
  });

  it('role groups hold exactly the roster’s people with that role', async () => {
    for (const role of MAPPED_ROLES) {
      const inGroup = (await directory.transitiveUserMembers(mapping.roleGroups[role]!)).map((u) => u.id).sort();
      const expected = people.filter((p) => p.roles.includes(role)).map((p) => p.aadObjectId);
      assert.deepEqual(inGroup, expected.sort(), role);
      assert.ok(inGroup.length > 0, `${role}: someone`);
    }
  });

  it('Haven is in the catalogue; a few people already have it', async () => {
    const installer = new GraphAppInstaller(createGraphClient({ baseUrl: graph.url }), LOCAL_TEAMS_APP_CATALOG_ID);
    for (const p of people) assert.equal(await installer.isInstalled(p.aadObjectId), DEMO_ALREADY_INSTALLED.includes(p.id), p.id);
  });
});
