import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseMapping, planSync, type UnitDirectory } from '../../../../src/features/roster-sync/index.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../../src/kernel/working-pattern.ts';
import type { Person } from '../../../../src/kernel/types.ts';
import { MemoryDirectory } from '../../../support/memory-directory.ts';
import { ENTRA, entraMappings, entraTenant } from '../../../support/entra-tenant.ts';
import { readDirectory } from '../../../../src/features/roster-sync/sync-roster.ts';
import type { FakeTenant } from '../../../../src/graph/fake-graph-server.ts';

const TODAY = '2026-03-02';

async function directoryOf(tenant: FakeTenant = entraTenant(), mappings = entraMappings()): Promise<UnitDirectory[]> {
  return readDirectory({ directory: new MemoryDirectory(tenant) }, mappings);
}

const byId = (people: Person[]) => Object.fromEntries(people.map((p) => [p.id, p]));

describe('roster sync rules: the mapping file', () => {
  it('accepts a well-formed mapping and lower-cases the object ids', () => {
    const r = parseMapping('response.json', {
      unit: { id: 'response', name: 'Response', channelId: '19:abc@thread.tacv2', head: ENTRA.dana.toUpperCase() },
      membersGroup: ENTRA.responseMembers,
      roleGroups: { hr: ENTRA.trainers },
    });
    assert.ok(r.ok);
    assert.equal(r.mapping.unit.head, ENTRA.dana);
    assert.deepEqual(r.mapping.roleGroups, { hr: ENTRA.trainers });
  });

  it('lists every problem of a bad file in one pass', () => {
    const r = parseMapping('x.json', {
      unit: { id: 'Bad Id', channelId: 'general', head: 'dana', colour: 'blue' },
      membersGroup: 'not-a-guid',
      roleGroups: { supervisor: 'x', sergeant: ENTRA.trainers },
    });
    assert.ok(!r.ok);
    const text = r.problems.join('\n');
    for (const expected of [
      /unit\.id must be 1–63 characters/,
      /unit\.name is required/,
      /unit\.channelId must be a Teams channel id/,
      /unit\.head must be an Entra object id/,
      /colour/,
      /membersGroup must be an Entra object id/,
      /roleGroups\.supervisor must be an Entra object id/,
      /sergeant/,
    ])
      assert.match(text, expected);
    assert.ok(r.problems.every((p) => p.startsWith('x.json: ')));
  });

  it('takes a unit without its channel yet (the channel comes later; a stored one is kept)', async () => {
    const r = parseMapping('response.json', {
      unit: { id: 'response', name: 'Response', head: ENTRA.dana },
      membersGroup: ENTRA.responseMembers,
    });
    assert.ok(r.ok);
    const mappings = entraMappings();
    delete mappings[0]!.unit.channelId;
    const stored = {
      id: 'response',
      name: 'Response',
      supervisorChannelId: '19:kept@thread.tacv2',
      departmentHeadId: 'dana.head',
      aboveId: 'ari.above',
    };
    const plan = planSync(await directoryOf(entraTenant(), mappings), { people: [], units: [stored] }, TODAY);
    assert.deepEqual(plan.unitsToUpdate, []);
  });

  it('wants the file named after its unit', () => {
    const r = parseMapping('other.json', {
      unit: { id: 'response', name: 'Response', channelId: '19:abc@thread.tacv2', head: ENTRA.dana },
      membersGroup: ENTRA.responseMembers,
    });
    assert.deepEqual(r, { ok: false, problems: ['other.json: the file must be named after its unit, response.json'] });
  });
});

describe('roster sync rules: the roster the directory describes', () => {
  it('makes everyone in the members group (nested too) a member, with roles, supervisors and the unit head and above', async () => {
    const plan = planSync(await directoryOf(), { people: [], units: [] }, TODAY);
    assert.deepEqual(plan.problems, []);
    const p = byId(plan.add);
    assert.deepEqual(Object.keys(p).sort(), [
      'ari.above',
      'cara.candidate',
      'dana.head',
      'olly.officer',
      'pat.officer',
      'sam.sup',
      'tom.trainer',
    ]);
    assert.deepEqual(p['olly.officer']!.roles, ['officer']);
    assert.equal(p['olly.officer']!.supervisorId, 'sam.sup');
    assert.equal(p['olly.officer']!.aadObjectId, ENTRA.olly);
    assert.equal(p['olly.officer']!.unitId, 'response');
    // Officer unless a role group says otherwise: a candidate is not an officer, a trainer is a trainer; a
    // manager of people in the unit supervises them.
    assert.deepEqual(p['cara.candidate']!.roles, ['candidate']);
    assert.deepEqual(p['tom.trainer']!.roles, ['trainer']);
    assert.deepEqual(p['sam.sup']!.roles, ['supervisor']);
    assert.equal(p['sam.sup']!.supervisorId, 'dana.head');
    // The head: departmentHead, no supervisor in the unit they head.
    assert.deepEqual(p['dana.head']!.roles, ['departmentHead']);
    assert.equal(p['dana.head']!.supervisorId, undefined);
    // New people: joined today, the default working pattern, no Teams id (learned on their first activity).
    assert.equal(p['pat.officer']!.joinedUnitOn, TODAY);
    assert.deepEqual(p['pat.officer']!.workingPattern, DEFAULT_WORKING_PATTERN);
    assert.equal(p['pat.officer']!.teamsUserId, undefined);
    assert.equal(p['pat.officer']!.leftOn, undefined);
    assert.deepEqual(
      plan.unitsToCreate.find((u) => u.id === 'response'),
      {
        id: 'response',
        name: 'Response',
        supervisorChannelId: '19:response@thread.tacv2',
        departmentHeadId: 'dana.head',
        aboveId: 'ari.above',
      },
    );
  });

  it('lists every problem at once and plans no change: manager outside the unit, head not in the tenant, two units, same roster id, unusable UPN', async () => {
    const tenant = entraTenant();
    tenant.users.find((u) => u.id === ENTRA.olly)!.managerId = ENTRA.outsider;
    tenant.users.push({
      id: '00000000-0000-4000-8000-000000000031',
      userPrincipalName: 'PAT.officer@other.example',
      displayName: 'Pat Twin',
    });
    tenant.users.push({
      id: '00000000-0000-4000-8000-000000000032',
      userPrincipalName: 'guest#EXT#@force.example',
      displayName: 'A Guest',
    });
    tenant.groups[0]!.members.push('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-000000000032');
    tenant.groups.find((g) => g.id === ENTRA.commandMembers)!.members.push(ENTRA.tom);
    const mappings = entraMappings();
    mappings[1]!.unit.head = '00000000-0000-4000-8000-000000000099';
    const plan = planSync(await directoryOf(tenant, mappings), { people: [], units: [] }, TODAY);
    const text = plan.problems.join('\n');
    assert.match(text, /Olly Officer \(.*\): their manager 00000000-0000-4000-8000-000000000009 is outside the unit response/);
    assert.match(text, /unit command: the head 00000000-0000-4000-8000-000000000099 is not in the tenant/);
    assert.match(text, /Tom Trainer .* is in the members group of 2 units: response, command/);
    assert.match(text, /would both have the roster id pat\.officer/);
    assert.match(text, /guest#EXT#@force\.example does not give a usable roster id/);
    assert.equal(plan.problems.length, 5, text);
    assert.deepEqual([plan.add, plan.update, plan.left, plan.unitsToCreate], [[], [], [], []]);
  });

  it('leaves out disabled accounts (counted), and a disabled head is a problem', async () => {
    const tenant = entraTenant();
    tenant.users.find((u) => u.id === ENTRA.pat)!.accountEnabled = false;
    let plan = planSync(await directoryOf(tenant), { people: [], units: [] }, TODAY);
    assert.equal(plan.disabled, 1);
    assert.ok(!plan.add.some((p) => p.id === 'pat.officer'));
    tenant.users.find((u) => u.id === ENTRA.dana)!.accountEnabled = false;
    plan = planSync(await directoryOf(tenant), { people: [], units: [] }, TODAY);
    assert.ok(plan.problems.some((p) => /the head Dana Head .* has a disabled account/.test(p)));
  });

  it('a chain of managers that comes back round is a problem', async () => {
    const tenant = entraTenant();
    tenant.users.find((u) => u.id === ENTRA.sam)!.managerId = ENTRA.olly;
    const plan = planSync(await directoryOf(tenant), { people: [], units: [] }, TODAY);
    assert.ok(plan.problems.some((p) => /Sam Sup .* chain of managers comes back to them/.test(p)));
  });
});

describe('roster sync rules: the diff against the stored roster', () => {
  async function applied(): Promise<Person[]> {
    return planSync(await directoryOf(), { people: [], units: [] }, TODAY).add;
  }

  it('a second plan over what the first added changes nothing', async () => {
    const people = await applied();
    const first = planSync(await directoryOf(), { people: [], units: [] }, TODAY);
    const plan = planSync(await directoryOf(), { people, units: first.unitsToCreate }, '2026-03-03');
    assert.deepEqual([plan.add, plan.update, plan.left, plan.unitsToCreate, plan.unitsToUpdate, plan.problems], [[], [], [], [], [], []]);
  });

  it('updates what Entra owns and keeps what it does not (pattern, joined date, cover, viewing status, Teams id, other roles)', async () => {
    const people = (await applied()).map((p) =>
      p.id === 'olly.officer'
        ? {
            ...p,
            name: 'Olly Old-Name',
            roles: ['officer', 'trainer', 'admin'] as Person['roles'],
            supervisorId: 'dana.head',
            teamsUserId: '29:olly',
            workingPattern: { days: ['mon' as const], startMinute: 420, endMinute: 900 },
            joinedUnitOn: '2020-01-01',
            coverId: 'pat.officer',
            viewingStatus: 'notViewing' as const,
          }
        : p,
    );
    const plan = planSync(await directoryOf(), { people, units: [] }, TODAY);
    assert.equal(plan.update.length, 1);
    const { after, changes } = plan.update[0]!;
    assert.deepEqual(changes, ['name', 'roles', 'supervisor']);
    assert.equal(after.name, 'Olly Officer');
    assert.deepEqual(after.roles, ['officer', 'admin']);
    assert.equal(after.supervisorId, 'sam.sup');
    assert.equal(after.teamsUserId, '29:olly');
    assert.deepEqual(after.workingPattern, { days: ['mon'], startMinute: 420, endMinute: 900 });
    assert.equal(after.joinedUnitOn, '2020-01-01');
    assert.equal(after.coverId, 'pat.officer');
    assert.equal(after.viewingStatus, 'notViewing');
  });

  it('matches by object id first (a changed UPN keeps the roster id), then by roster id (a CSV roster with other object ids)', async () => {
    const tenant = entraTenant();
    tenant.users.find((u) => u.id === ENTRA.olly)!.userPrincipalName = 'olly.married-name@force.example';
    const people = (await applied()).map((p) =>
      p.id === 'pat.officer' ? { ...p, aadObjectId: '11111111-1111-4111-8111-111111111111' } : p,
    );
    const plan = planSync(await directoryOf(tenant), { people, units: [] }, TODAY);
    assert.deepEqual(plan.add, []);
    assert.deepEqual(
      plan.update.map((u) => [u.after.id, u.changes]),
      [['pat.officer', ['aadObjectId']]],
    );
    assert.equal(plan.update[0]!.after.aadObjectId, ENTRA.pat);
  });

  it('marks someone no longer in the group as left (nobody is deleted); someone who comes back is current again', async () => {
    const people = await applied();
    const tenant = entraTenant();
    tenant.groups.find((g) => g.id === ENTRA.responseNested)!.members = [ENTRA.cara, ENTRA.tom];
    const plan = planSync(await directoryOf(tenant), { people, units: [] }, TODAY);
    assert.deepEqual(
      plan.left.map((l) => [l.after.id, l.after.leftOn]),
      [['pat.officer', TODAY]],
    );
    const afterLeaving = people.map((p) => (p.id === 'pat.officer' ? { ...p, leftOn: TODAY } : p));
    // Marked once only.
    assert.deepEqual(planSync(await directoryOf(tenant), { people: afterLeaving, units: [] }, '2026-03-09').left, []);
    const back = planSync(await directoryOf(), { people: afterLeaving, units: [] }, '2026-03-09');
    assert.deepEqual(
      back.update.map((u) => [u.after.id, u.changes, u.after.leftOn]),
      [['pat.officer', ['returned'], undefined]],
    );
  });

  it('someone who moves unit joins the new one today; stored people of unsynced units are left alone', async () => {
    const people = [
      ...(await applied()),
      { ...(await applied())[0]!, id: 'csv.person', aadObjectId: '22222222-2222-4222-8222-222222222222', unitId: 'other' },
    ];
    const tenant = entraTenant();
    tenant.groups.find((g) => g.id === ENTRA.responseNested)!.members = [ENTRA.pat, ENTRA.cara];
    tenant.groups.find((g) => g.id === ENTRA.commandMembers)!.members.push(ENTRA.tom);
    tenant.users.find((u) => u.id === ENTRA.tom)!.managerId = ENTRA.ari;
    const plan = planSync(await directoryOf(tenant), { people, units: [] }, TODAY);
    assert.deepEqual(plan.problems, []);
    const tom = plan.update.find((u) => u.after.id === 'tom.trainer')!;
    assert.deepEqual(tom.changes, ['roles', 'unit', 'supervisor']);
    assert.equal(tom.after.joinedUnitOn, TODAY);
    assert.ok(!plan.left.some((l) => l.after.id === 'csv.person'));
  });
});
