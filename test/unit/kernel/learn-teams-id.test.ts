// Issue 16: a synced person's Teams user id is learned from their activity, with the version read.
import assert from 'node:assert/strict';
import { learnTeamsUserId } from '../../../src/kernel/learn-teams-id.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../src/kernel/working-pattern.ts';
import type { Person } from '../../../src/kernel/types.ts';
import { MemoryPeopleRepository } from '../../support/memory-ports.ts';

const jo: Person = {
  id: 'jo.baxter',
  name: 'Jo Baxter',
  aadObjectId: '00000000-0000-4000-8000-000000000040',
  roles: ['officer'],
  unitId: 'unit-2',
  workingPattern: DEFAULT_WORKING_PATTERN,
  viewingStatus: 'viewing',
};

describe('learnTeamsUserId', () => {
  it('stores the Teams id of someone who had none, then finds them by it; the same id again writes nothing', async () => {
    const people = new MemoryPeopleRepository();
    await people.create(jo);
    assert.equal(await learnTeamsUserId({ people }, (await people.get(jo.id))!, '29:jo'), 'learned');
    const stored = (await people.get(jo.id))!;
    assert.equal(stored.value.teamsUserId, '29:jo');
    assert.equal((await people.findByTeamsUserId('29:jo'))?.value.id, jo.id);
    assert.equal(await learnTeamsUserId({ people }, stored, '29:jo'), 'unchanged');
    assert.equal((await people.get(jo.id))!.version, stored.version);
  });

  it('ignores what is not a Teams user id', async () => {
    const people = new MemoryPeopleRepository();
    await people.create(jo);
    assert.equal(await learnTeamsUserId({ people }, (await people.get(jo.id))!, 'user-id-0'), 'unchanged');
    assert.equal((await people.get(jo.id))!.value.teamsUserId, undefined);
  });

  it('a concurrent change is read again, not overwritten', async () => {
    const people = new MemoryPeopleRepository();
    await people.create(jo);
    const stale = (await people.get(jo.id))!;
    await people.save({ ...stale.value, name: 'Jo Baxter-Reed' }, stale.version);
    assert.equal(await learnTeamsUserId({ people }, stale, '29:jo'), 'learned');
    const now = (await people.get(jo.id))!.value;
    assert.deepEqual([now.name, now.teamsUserId], ['Jo Baxter-Reed', '29:jo']);
  });
});
