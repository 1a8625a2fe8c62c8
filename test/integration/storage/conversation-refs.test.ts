import assert from 'node:assert/strict';
import type { ConversationRef, ConversationTarget } from '../../../src/kernel/types.ts';
import { TableConversationRefRepository } from '../../../src/storage/conversation-ref-repository.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { uid } from './fixtures.ts';

function aRef(target: ConversationTarget, overrides: Partial<ConversationRef> = {}): ConversationRef {
  return {
    target,
    conversationId: `a:${uid('conv')}`,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    tenantId: 'tenant-1',
    botId: '28:bot-id',
    ...(target.kind === 'person' ? { userId: '29:user-1' } : {}),
    capturedAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

describe('storage: TableConversationRefRepository (real Azurite)', () => {
  let t: TestStore;
  let repo: TableConversationRefRepository;
  before(async () => {
    t = await startTestStore();
    repo = new TableConversationRefRepository(t.store);
  });
  after(async () => t?.close());

  it('put with no version creates; again with no version is a VersionConflict; with the version it updates', async () => {
    const target: ConversationTarget = { kind: 'person', personId: uid('alex') };
    const first = aRef(target);
    const v1 = await repo.put(first, undefined);
    assert.deepEqual((await repo.get(target))?.value, first);

    await assert.rejects(repo.put(aRef(target, { conversationId: 'a:overwrite' }), undefined), VersionConflict);
    assert.equal((await repo.get(target))?.value.conversationId, first.conversationId, 'the refused put changed nothing');

    const second = aRef(target, { conversationId: 'a:second', capturedAt: '2026-11-24T09:00:00.000Z' });
    const v2 = await repo.put(second, v1);
    assert.notEqual(v2, v1);
    const read = await repo.get(target);
    assert.deepEqual(read?.value, second);
    assert.equal(read?.version, v2);

    await assert.rejects(repo.put(aRef(target, { conversationId: 'a:stale' }), v1), VersionConflict);
    assert.equal((await repo.get(target))?.value.conversationId, 'a:second');
  });

  it('remove deletes; get after remove is undefined; remove of a missing ref is harmless', async () => {
    const target: ConversationTarget = { kind: 'person', personId: uid('sam') };
    await repo.put(aRef(target), undefined);
    assert.ok(await repo.get(target));
    await repo.remove(target);
    assert.equal(await repo.get(target), undefined);
    await repo.remove(target);
    assert.ok(
      !(await repo.list()).some(
        (r) => r.value.target.kind === 'person' && r.value.target.personId === (target as { personId: string }).personId,
      ),
    );
    // After removal, a fresh create is allowed again.
    await repo.put(aRef(target), undefined);
    assert.ok(await repo.get(target));
  });

  it('a person target and a channel target with the same text do not collide', async () => {
    const same = uid('same');
    const person: ConversationTarget = { kind: 'person', personId: same };
    const channel: ConversationTarget = { kind: 'channel', channelId: same };
    await repo.put(aRef(person, { conversationId: 'a:person' }), undefined);
    await repo.put(aRef(channel, { conversationId: '19:channel' }), undefined);
    assert.equal((await repo.get(person))?.value.conversationId, 'a:person');
    assert.equal((await repo.get(channel))?.value.conversationId, '19:channel');
  });

  it('round-trips a channel id with ; @ : and a person id with characters illegal in table keys', async () => {
    const channel: ConversationTarget = { kind: 'channel', channelId: `19:${uid('x')}@thread.tacv2;messageid=1732352400000` };
    const awkward: ConversationTarget = { kind: 'person', personId: `we/ird\\id#frag?q=1%41\u0001\t\n\u007f\u0085'"é😀-${uid('p')}` };
    const chRef = aRef(channel);
    const pRef = aRef(awkward);
    const vc = await repo.put(chRef, undefined);
    const vp = await repo.put(pRef, undefined);
    assert.deepEqual((await repo.get(channel))?.value, chRef);
    assert.deepEqual((await repo.get(awkward))?.value, pRef);
    // A near miss (same id with the control characters dropped) is a different key.
    const nearMiss: ConversationTarget = {
      kind: 'person',
      personId: (awkward as { personId: string }).personId.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''),
    };
    assert.equal(await repo.get(nearMiss), undefined);

    const listed = await repo.list();
    assert.deepEqual(listed.find((r) => JSON.stringify(r.value.target) === JSON.stringify(awkward))?.value, pRef);
    assert.deepEqual(listed.find((r) => JSON.stringify(r.value.target) === JSON.stringify(channel))?.value, chRef);

    // Updates and deletes go to the same escaped key.
    await repo.put({ ...pRef, conversationId: 'a:updated' }, vp);
    await repo.put({ ...chRef, conversationId: '19:updated' }, vc);
    assert.equal((await repo.get(awkward))?.value.conversationId, 'a:updated');
    assert.equal((await repo.get(channel))?.value.conversationId, '19:updated');
    await repo.remove(awkward);
    await repo.remove(channel);
    assert.equal(await repo.get(awkward), undefined);
    assert.equal(await repo.get(channel), undefined);
  });
});
