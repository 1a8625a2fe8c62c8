// Issue 15: the roster view on the in-memory ports: how often it reads the version row and lists the roster.
import assert from 'node:assert/strict';
import { inTurnScope, RosterView } from '../../../src/kernel/roster-view.ts';
import type { Person } from '../../../src/kernel/types.ts';
import { MemoryAbsenceRepository, MemoryPeopleRepository, MemoryRosterVersion, MemoryUnitRepository } from '../../support/memory-ports.ts';

const person = (id: string, over: Partial<Person> = {}): Person => ({
  id,
  name: id,
  aadObjectId: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
  teamsUserId: `29:${id}`,
  roles: ['officer'],
  unitId: 'unit-1',
  workingPattern: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020 },
  viewingStatus: 'viewing',
  ...over,
});

function setUp() {
  const rosterVersion = new MemoryRosterVersion();
  const counts = { versionReads: 0, lists: 0 };
  const read = rosterVersion.current.bind(rosterVersion);
  rosterVersion.current = () => {
    counts.versionReads++;
    return read();
  };
  const people = new MemoryPeopleRepository(rosterVersion);
  const list = people.list.bind(people);
  people.list = () => {
    counts.lists++;
    return list();
  };
  const units = new MemoryUnitRepository(rosterVersion);
  const absences = new MemoryAbsenceRepository(rosterVersion);
  return { people, units, absences, counts, view: new RosterView({ people, units, absences, rosterVersion }) };
}

describe('kernel/roster-view (in memory)', () => {
  it('lists once; afterwards one version read a load, and a list again only after a write', async () => {
    const r = setUp();
    await r.people.create(person('1'));
    const first = await r.view.load();
    assert.deepEqual(r.counts, { versionReads: 1, lists: 1 });
    assert.equal(await r.view.load(), first);
    assert.deepEqual(r.counts, { versionReads: 2, lists: 1 });
    await r.people.create(person('2'));
    assert.deepEqual(
      (await r.view.load()).people.map((p) => p.id),
      ['1', '2'],
    );
    assert.deepEqual(r.counts, { versionReads: 3, lists: 2 });
  });

  it('within one turn: one version read however often the roster is asked for, unless the turn writes it', async () => {
    const r = setUp();
    await r.people.create(person('1'));
    await inTurnScope(async () => {
      await Promise.all([r.view.identify({ teamsUserId: '29:1' }), r.view.load()]);
      await r.view.load();
      await r.view.person('1');
      assert.deepEqual(r.counts, { versionReads: 1, lists: 1 });
      // The turn itself changes the roster (a Teams id learned): its next look sees it.
      const stored = (await r.people.get('1'))!;
      await r.people.save({ ...stored.value, teamsUserId: '29:learned' }, stored.version);
      assert.equal((await r.view.identify({ teamsUserId: '29:learned' }))?.value.id, '1');
      assert.deepEqual(r.counts, { versionReads: 2, lists: 2 });
    });
    // Outside the turn, every load checks the version again.
    await r.view.load();
    assert.equal(r.counts.versionReads, 3);
  });

  it('identifies by Entra object id first, then Teams id, with the version a save must present', async () => {
    const r = setUp();
    await r.people.create(person('1'));
    await r.people.create(person('2'));
    const two = (await r.view.identify({ aadObjectId: person('2').aadObjectId.toUpperCase(), teamsUserId: '29:1' }))!;
    assert.equal(two.value.id, '2', 'the Entra object id wins over a Teams id');
    assert.equal(two.version, (await r.people.get('2'))!.version);
    assert.equal((await r.view.identify({ aadObjectId: 'not-on-the-roster', teamsUserId: '29:1' }))?.value.id, '1');
    assert.equal(await r.view.identify({ teamsUserId: '29:nobody' }), undefined);
    assert.equal(await r.view.byEntraId(person('1').teamsUserId!), undefined, 'a Teams id is not an Entra object id');
  });
});
