import assert from 'node:assert/strict';
import { TableAbsenceRepository, TableUnitRepository } from '../../../src/storage/unit-repository.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { DocumentTable, TABLES } from '../../../src/storage/table-store.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { anAbsence, aUnit } from './fixtures.ts';

describe('storage: TableUnitRepository and TableAbsenceRepository (real Azurite)', () => {
  let t: TestStore;
  let units: TableUnitRepository;
  let absences: TableAbsenceRepository;
  before(async () => {
    t = await startTestStore();
    units = new TableUnitRepository(t.store);
    absences = new TableAbsenceRepository(t.store);
  });
  after(async () => t?.close());

  describe('units', () => {
    it('creates, gets and lists units', async () => {
      const a = aUnit({ aboveId: 'dci-1' });
      const b = aUnit({ supervisorChannelId: undefined });
      const va = await units.create(a);
      await units.create(b);
      const got = await units.get(a.id);
      assert.deepEqual(got?.value, a);
      assert.equal(got?.version, va);
      assert.equal(await units.get('no-such-unit'), undefined);
      const listed = await units.list();
      assert.deepEqual(listed.find((u) => u.value.id === a.id)?.value, a);
      assert.deepEqual(listed.find((u) => u.value.id === b.id)?.value, { id: b.id, name: b.name, departmentHeadId: b.departmentHeadId });
    });

    it('saves with the version read; a stale version or a second create is a VersionConflict', async () => {
      const u = aUnit();
      const v1 = await units.create(u);
      const v2 = await units.save({ ...u, name: 'Renamed' }, v1);
      assert.notEqual(v2, v1);
      assert.equal((await units.get(u.id))?.value.name, 'Renamed');
      await assert.rejects(units.save({ ...u, name: 'Stale' }, v1), VersionConflict);
      assert.equal((await units.get(u.id))?.value.name, 'Renamed');
      await assert.rejects(units.create({ ...u, name: 'Again' }), VersionConflict);
      assert.equal((await units.get(u.id))?.value.name, 'Renamed');
      assert.equal((await units.get(u.id))?.version, v2);
    });
  });

  describe('absences', () => {
    it('creates and lists absences, several per supervisor', async () => {
      const a1 = anAbsence({ personId: 'sup-a' });
      const a2 = anAbsence({ personId: 'sup-a', coverId: undefined, from: '2026-12-01', to: '2026-12-02' });
      const b1 = anAbsence({ personId: 'sup-b' });
      const versions = await Promise.all([a1, a2, b1].map((a) => absences.create(a)));
      assert.ok(versions.every((v) => v.length > 0));
      const listed = await absences.list();
      for (const a of [a1, a2, b1]) assert.deepEqual(listed.find((x) => x.value.id === a.id)?.value, JSON.parse(JSON.stringify(a)));
    });

    it('saves with the version read; a stale version or a second create is a VersionConflict', async () => {
      const a = anAbsence();
      const v1 = await absences.create(a);
      const v2 = await absences.save({ ...a, to: '2026-12-31' }, v1);
      assert.notEqual(v2, v1);
      const row = (await absences.list()).find((x) => x.value.id === a.id);
      assert.equal(row?.value.to, '2026-12-31');
      assert.equal(row?.version, v2);
      await assert.rejects(absences.save({ ...a, to: '2027-01-31' }, v1), VersionConflict);
      await assert.rejects(absences.create(a), VersionConflict);
      assert.equal((await absences.list()).find((x) => x.value.id === a.id)?.value.to, '2026-12-31');
    });

    it('reads rows written before the rename (the absent person stored as supervisorId) and keeps writing that name', async () => {
      const raw = new DocumentTable<Record<string, string>>(t.store, TABLES.absences, (r) => ({
        partitionKey: r.supervisorId!,
        rowKey: r.id!,
      }));
      await raw.create(
        { id: 'old-row', supervisorId: 'sup-old', from: '2026-11-01', to: '2026-11-02', coverId: 'cover-old' },
        'old absence',
      );
      const old = (await absences.list()).find((x) => x.value.id === 'old-row');
      assert.deepEqual(old?.value, { id: 'old-row', personId: 'sup-old', from: '2026-11-01', to: '2026-11-02', coverId: 'cover-old' });
      await absences.save({ ...old!.value, to: '2026-11-03' }, old!.version);
      const stored = (await raw.query()).find((x) => x.value.id === 'old-row')?.value;
      assert.deepEqual(
        stored,
        { id: 'old-row', supervisorId: 'sup-old', from: '2026-11-01', to: '2026-11-03', coverId: 'cover-old' },
        'an earlier release still reads what is written now',
      );
      const ended = (await absences.list()).find((x) => x.value.id === 'old-row')!;
      await absences.delete(ended.value, ended.version);
      assert.equal(
        (await absences.list()).find((x) => x.value.id === 'old-row'),
        undefined,
      );
    });
  });
});
