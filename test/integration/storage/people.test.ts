import assert from 'node:assert/strict';
import { TablePeopleRepository } from '../../../src/storage/people-repository.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aPerson } from './fixtures.ts';

describe('storage: TablePeopleRepository (real Azurite)', () => {
  let t: TestStore;
  let repo: TablePeopleRepository;
  before(async () => {
    t = await startTestStore();
    repo = new TablePeopleRepository(t.store);
  });
  after(async () => t?.close());

  it('creates, gets and lists people', async () => {
    const a = aPerson({ coverId: 'cover-x', joinedUnitOn: '2025-01-06' });
    const b = aPerson();
    const va = await repo.create(a);
    await repo.create(b);
    assert.ok(va.length > 0, 'create answers a version');
    const got = await repo.get(a.id);
    assert.deepEqual(got?.value, a);
    assert.equal(got?.version, va);
    assert.equal(await repo.get('nobody-with-this-id'), undefined);
    const ids = (await repo.list()).map((p) => p.value.id);
    assert.ok(ids.includes(a.id) && ids.includes(b.id));
    assert.deepEqual((await repo.list()).find((p) => p.value.id === b.id)?.value, b);
  });

  it('finds a person by Entra object id, whatever the case of either side', async () => {
    const lower = aPerson({ aadObjectId: 'aaaaaaaa-bbbb-cccc-dddd-0000000000ef' });
    const upper = aPerson({ aadObjectId: 'AAAAAAAA-BBBB-CCCC-DDDD-0000000000EF'.replace('EF', 'FF') });
    await repo.create(lower);
    await repo.create(upper);
    assert.equal((await repo.findByAadObjectId(lower.aadObjectId))?.value.id, lower.id);
    assert.equal((await repo.findByAadObjectId(lower.aadObjectId.toUpperCase()))?.value.id, lower.id);
    // Stored in upper case (as some directory exports write it), looked up in lower or upper case.
    assert.equal((await repo.findByAadObjectId(upper.aadObjectId.toLowerCase()))?.value.id, upper.id);
    assert.equal((await repo.findByAadObjectId(upper.aadObjectId))?.value.id, upper.id);
    assert.equal(await repo.findByAadObjectId('00000000-0000-0000-0000-000000000000'), undefined);
  });

  it('finds a person by Teams user id', async () => {
    const p = aPerson({ teamsUserId: '29:1AbC-dEf_ghI/jk#l?m' });
    await repo.create(p);
    const found = await repo.findByTeamsUserId(p.teamsUserId!);
    assert.equal(found?.value.id, p.id);
    assert.deepEqual(found?.value, p);
    assert.equal(await repo.findByTeamsUserId('29:not-a-known-user'), undefined);
  });

  it('saves with the version read and answers a new version; a stale version is a VersionConflict', async () => {
    const p = aPerson();
    const v1 = await repo.create(p);
    const v2 = await repo.save({ ...p, viewingStatus: 'viewing', viewingStatusSince: '2026-11-23T10:00:00.000Z' }, v1);
    assert.notEqual(v2, v1);
    const read = await repo.get(p.id);
    assert.equal(read?.version, v2);
    assert.equal(read?.value.viewingStatus, 'viewing');

    await assert.rejects(repo.save({ ...p, name: 'Lost update' }, v1), VersionConflict);
    assert.equal((await repo.get(p.id))?.value.viewingStatus, 'viewing', 'the stale write changed nothing');
    await assert.rejects(repo.save({ ...p, name: 'No version' }, ''), VersionConflict);
    const v3 = await repo.save({ ...p, name: 'Second save' }, v2);
    assert.notEqual(v3, v2);
    assert.equal((await repo.get(p.id))?.value.name, 'Second save');
  });

  it('refuses to save a person that was never created', async () => {
    const p = aPerson();
    const other = aPerson();
    const v = await repo.create(other);
    await assert.rejects(repo.save(p, v), VersionConflict);
    assert.equal(await repo.get(p.id), undefined);
  });

  it('creating the same person twice is a VersionConflict and keeps the first', async () => {
    const p = aPerson();
    await repo.create(p);
    await assert.rejects(repo.create({ ...p, name: 'Impostor' }), VersionConflict);
    assert.equal((await repo.get(p.id))?.value.name, p.name);
  });

  it('an alias whose person changed ids no longer resolves; the new ids do', async () => {
    const p = aPerson();
    const v1 = await repo.create(p);
    assert.equal((await repo.findByAadObjectId(p.aadObjectId))?.value.id, p.id);
    assert.equal((await repo.findByTeamsUserId(p.teamsUserId!))?.value.id, p.id);

    const moved = { ...p, aadObjectId: 'ffffffff-0000-0000-0000-000000000001', teamsUserId: '29:new-teams-id' + p.id };
    await repo.save(moved, v1);
    assert.equal(await repo.findByAadObjectId(p.aadObjectId), undefined);
    assert.equal(await repo.findByTeamsUserId(p.teamsUserId!), undefined);
    assert.equal((await repo.findByAadObjectId(moved.aadObjectId))?.value.id, p.id);
    assert.equal((await repo.findByTeamsUserId(moved.teamsUserId))?.value.id, p.id);
  });

  it('an alias taken over by another person resolves to the new owner only', async () => {
    const first = aPerson();
    const v = await repo.create(first);
    await repo.save({ ...first, teamsUserId: `29:first-moved-${first.id}`, aadObjectId: 'eeeeeeee-0000-0000-0000-000000000002' }, v);
    const second = aPerson({ teamsUserId: first.teamsUserId, aadObjectId: first.aadObjectId });
    await repo.create(second);
    assert.equal((await repo.findByTeamsUserId(first.teamsUserId!))?.value.id, second.id);
    assert.equal((await repo.findByAadObjectId(first.aadObjectId))?.value.id, second.id);
  });
});
