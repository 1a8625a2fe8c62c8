// Issue 15: the check-in job's question "which of this day's check-ins are done with?" is one partition
// of settled marks, kept by the repository's own writes (real Azurite).
import assert from 'node:assert/strict';
import { TableCheckInRepository } from '../../../src/storage/check-in-repository.ts';
import { checkInId, type CheckIn } from '../../../src/features/check-ins/check-in.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { uid } from './fixtures.ts';

function aCheckIn(personId: string, dueOn: string, extra: Partial<CheckIn> = {}): CheckIn {
  return {
    id: checkInId(personId, dueOn),
    personId,
    unitId: 'unit-1',
    questionSetId: 'standard',
    dueOn,
    closesOn: '2026-11-27',
    onDemand: false,
    status: 'open',
    sentAt: '2026-11-23T10:00:00.000Z',
    shared: false,
    ...extra,
  };
}

describe('storage: check-ins settled by due day (real Azurite, issue 15)', () => {
  let t: TestStore;
  let repo: TableCheckInRepository;
  before(async () => {
    t = await startTestStore();
    repo = new TableCheckInRepository(t.store);
  });
  after(async () => t?.close());

  it('a record is settled once its card went out, or once answered; only its own day lists it', async () => {
    const day = '2026-11-23';
    const [sent, pending, answered, otherDay] = [uid('p'), uid('p'), uid('p'), uid('p')];
    await repo.add(aCheckIn(sent, day, { delivered: true }));
    await repo.add(aCheckIn(pending, day));
    await repo.add(aCheckIn(otherDay, '2026-11-16', { delivered: true }));
    const a = aCheckIn(answered, day);
    await repo.add(a);
    assert.deepEqual([...(await repo.listSettledOn(day))].sort(), [checkInId(sent, day)]);

    const stored = await repo.get(a.id);
    await repo.save({ ...a, status: 'answered' }, stored!.version);
    assert.deepEqual([...(await repo.listSettledOn(day))].sort(), [checkInId(answered, day), checkInId(sent, day)].sort());
    assert.ok(!(await repo.listSettledOn(day)).has(checkInId(pending, day)), 'not sent, not answered: the job still has work');
    assert.deepEqual([...(await repo.listSettledOn('2026-11-16'))], [checkInId(otherDay, '2026-11-16')]);
  });

  it('marking twice is harmless, and deleting the record removes its mark', async () => {
    const day = '2026-11-30';
    const c = aCheckIn(uid('p'), day, { delivered: true });
    await repo.add(c);
    await repo.markSettled(c);
    await repo.markSettled(c);
    assert.deepEqual([...(await repo.listSettledOn(day))], [c.id]);
    const stored = await repo.get(c.id);
    await repo.delete(c.id, stored!.version);
    assert.equal((await repo.listSettledOn(day)).size, 0);
  });
});
