// Issue 15: the roster held once per process. Two TableStores on one Azurite are two Haven instances over
// the same tables: what one writes through the people, units or absences repositories, the other's view
// shows on its next load, after one point read of the version row; nothing changed, nothing is re-listed.
import assert from 'node:assert/strict';
import { RosterView } from '../../../src/kernel/roster-view.ts';
import { TablePeopleRepository } from '../../../src/storage/people-repository.ts';
import { rosterVersionOf } from '../../../src/storage/roster-version.ts';
import { TableAbsenceRepository, TableUnitRepository } from '../../../src/storage/unit-repository.ts';
import type { TableStore } from '../../../src/storage/table-store.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { anAbsence, aPerson, aUnit } from './fixtures.ts';

function instance(store: TableStore) {
  const people = new TablePeopleRepository(store);
  const units = new TableUnitRepository(store);
  const absences = new TableAbsenceRepository(store);
  const rosterVersion = rosterVersionOf(store);
  return { people, units, absences, rosterVersion, view: new RosterView({ people, units, absences, rosterVersion }) };
}

describe('storage: the roster view and its version row (real Azurite, two instances)', () => {
  let t: TestStore;
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;
  before(async () => {
    t = await startTestStore();
    a = instance(t.store);
    b = instance(await t.openStore({ prefix: t.prefix, key: t.key }));
  });
  after(async () => t?.close());

  it("one instance's writes show in the other's next load; no change keeps the same frozen roster", async () => {
    const unit = aUnit();
    const alex = aPerson({ unitId: unit.id });
    await a.units.create(unit);
    await a.people.create(alex);

    const first = await b.view.load();
    assert.deepEqual(
      first.people.map((p) => p.id),
      [alex.id],
    );
    assert.equal(await b.view.load(), first, 'nothing changed: the very same roster object');

    // A person saved by the other instance (a Teams id learned, say).
    const stored = (await a.people.get(alex.id))!;
    await a.people.save({ ...stored.value, teamsUserId: '29:learned' }, stored.version);
    const second = await b.view.load();
    assert.notEqual(second, first, 'reloaded after the version moved');
    assert.equal(second.people[0]!.teamsUserId, '29:learned');
    assert.equal((await b.view.identify({ teamsUserId: '29:learned' }))?.value.id, alex.id, 'found by the learned Teams id');

    // An absence recorded by the other instance, then a unit renamed.
    const absence = anAbsence({ personId: alex.id });
    await a.absences.create(absence);
    assert.deepEqual(
      (await b.view.load()).absences.map((x) => x.id),
      [absence.id],
    );
    const u = (await a.units.get(unit.id))!;
    await a.units.save({ ...u.value, name: 'Renamed' }, u.version);
    assert.equal((await b.view.load()).units[0]!.name, 'Renamed');
    await a.absences.delete(absence, (await a.absences.list())[0]!.version);
    assert.deepEqual((await b.view.load()).absences, []);
  });

  it('the roster is frozen all the way down, and the actor is found by Entra object id in any case', async () => {
    const roster = await a.view.load();
    const person = roster.people[0]!;
    assert.throws(() => (roster.people as unknown as unknown[]).push(person), TypeError);
    assert.throws(() => {
      (person as { name: string }).name = 'changed';
    }, TypeError);
    assert.throws(() => (person.roles as string[]).push('admin'), TypeError);
    const found = await a.view.identify({ aadObjectId: person.aadObjectId.toUpperCase(), teamsUserId: '29:someone-else' });
    assert.equal(found?.value.id, person.id);
    assert.equal(found?.version, (await a.people.get(person.id))?.version, 'with the version a save must present');
    assert.equal(await a.view.identify({ teamsUserId: '29:nobody' }), undefined);
  });

  it("a deleted person leaves the other instance's view at its next load", async () => {
    const gone = aPerson({ unitId: 'unit-x' });
    await a.people.create(gone);
    assert.ok((await b.view.identify({ aadObjectId: gone.aadObjectId, teamsUserId: '' }))?.value);
    await a.people.delete(gone.id, (await a.people.get(gone.id))!.version);
    assert.equal(await b.view.identify({ aadObjectId: gone.aadObjectId, teamsUserId: '' }), undefined);
  });

  it('writes taking turns on two instances: each bump lands after its write, whoever wrote the row last', async () => {
    const p = aPerson({ unitId: 'unit-turns' });
    await a.people.create(p);
    for (const [writer, reader, name] of [
      [a, b, 'by a'],
      [b, a, 'by b'],
      [a, b, 'by a again'], // the version a last wrote is stale now: a reads the row and bumps again
    ] as const) {
      await reader.view.load();
      const current = (await writer.people.get(p.id))!;
      await writer.people.save({ ...current.value, name }, current.version);
      assert.equal((await reader.view.person(p.id))?.value.name, name, `the other instance sees the change ${name}`);
    }
  });
});
