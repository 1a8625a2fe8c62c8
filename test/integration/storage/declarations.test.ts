import assert from 'node:assert/strict';
import { TableDeclarationRepository } from '../../../src/storage/declaration-repository.ts';
import { TABLES, toKey } from '../../../src/storage/table-store.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aDeclaration, uid } from './fixtures.ts';

describe('storage: TableDeclarationRepository (real Azurite)', () => {
  let t: TestStore;
  let repo: TableDeclarationRepository;
  before(async () => {
    t = await startTestStore();
    repo = new TableDeclarationRepository(t.store);
  });
  after(async () => t?.close());

  it('creates and gets a declaration, note and risk assessment included', async () => {
    const d = aDeclaration({
      note: 'I keep seeing them when I close my eyes',
      riskAssessment: {
        by: 'sam.okafor',
        at: '2026-11-23T10:00:00.000Z',
        adjustments: ['offViewing', 'referTrim'],
        notes: 'agreed a week off viewing',
      },
      status: 'assessed',
    });
    const v = await repo.create(d);
    const got = await repo.get(d.id);
    assert.deepEqual(got?.value, d);
    assert.equal(got?.version, v);
    assert.equal(await repo.get('no-such-declaration'), undefined);
  });

  it('saves with the version read; a stale version or a second create is a VersionConflict', async () => {
    const d = aDeclaration();
    const v1 = await repo.create(d);
    const acked = { ...d, status: 'acknowledged' as const, acknowledged: { by: 'sam.okafor', at: '2026-11-23T09:05:00.000Z' } };
    const v2 = await repo.save(acked, v1);
    assert.notEqual(v2, v1);
    assert.deepEqual((await repo.get(d.id))?.value, acked);
    await assert.rejects(repo.save({ ...d, status: 'withdrawn' }, v1), VersionConflict);
    await assert.rejects(repo.create(d), VersionConflict);
    assert.equal((await repo.get(d.id))?.value.status, 'acknowledged');
  });

  it('encrypts the note and the risk-assessment notes at rest', async () => {
    const note = `note ${uid('secret')}`;
    const rnotes = `assessment ${uid('secret')}`;
    const d = aDeclaration({
      note,
      riskAssessment: { by: 'sam.okafor', at: '2026-11-23T10:00:00.000Z', adjustments: ['moreBreaks'], notes: rnotes },
    });
    await repo.create(d);
    const raw = await t.store.client(TABLES.declarations).getEntity<Record<string, unknown>>(toKey(d.id), 'declaration');
    assert.match(String(raw.secret_note), /^enc:v1:/);
    assert.match(String(raw.secret_riskAssessment), /^enc:v1:/);
    const text = JSON.stringify(raw);
    assert.ok(!text.includes(note) && !text.includes(rnotes));
  });

  describe('queries (own tables)', () => {
    let q: TableDeclarationRepository;
    before(async () => {
      q = new TableDeclarationRepository(await t.openStore());
      const rows = [
        aDeclaration({ id: 'd-open', personId: 'alex.moreno', status: 'open' }),
        aDeclaration({ id: 'd-acked', personId: 'alex.moreno', status: 'acknowledged' }),
        aDeclaration({ id: 'd-assessed', personId: "o'brien", status: 'assessed' }),
        aDeclaration({
          id: 'd-closed',
          personId: 'alex.moreno',
          status: 'closed',
          closed: { by: 'sam.okafor', at: '2026-11-24T09:00:00.000Z' },
        }),
        aDeclaration({ id: 'd-withdrawn', personId: "o'brien", status: 'withdrawn' }),
        aDeclaration({ id: 'd-other', personId: 'sam.okafor', status: 'open' }),
      ];
      for (const r of rows) await q.create(r);
    });
    const ids = (rows: { value: { id: string } }[]) => rows.map((r) => r.value.id).sort();

    it('listOpen answers open, acknowledged and assessed declarations only', async () => {
      assert.deepEqual(ids(await q.listOpen()), ['d-acked', 'd-assessed', 'd-open', 'd-other']);
    });

    it('listOpen follows a save that closes a declaration', async () => {
      const d = await q.get('d-other');
      assert.ok(d);
      await q.save({ ...d.value, status: 'closed' }, d.version);
      assert.deepEqual(ids(await q.listOpen()), ['d-acked', 'd-assessed', 'd-open']);
    });

    it("listForPerson answers that person's declarations, also for an id with a quote", async () => {
      assert.deepEqual(ids(await q.listForPerson('alex.moreno')), ['d-acked', 'd-closed', 'd-open']);
      assert.deepEqual(ids(await q.listForPerson("o'brien")), ['d-assessed', 'd-withdrawn']);
      assert.deepEqual(await q.listForPerson("x' or personId ne '"), []);
      assert.deepEqual(await q.listForPerson('nobody'), []);
    });
  });
});
