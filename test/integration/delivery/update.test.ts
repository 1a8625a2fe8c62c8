// An 'update' outbox message replaces a card sent earlier: a PUT to the original activity id, and only
// once the original has actually been sent.
import assert from 'node:assert/strict';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { enqueue, markerOf, ok, postsTo, putRef, putsTo, row } from '../../support/delivery.ts';

describe('delivery: update operation', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('PUTs the new card to the activity id the original send got', async () => {
    const conv = await putRef(t, 'update.sent');
    await enqueue(t, 'card-1', 'update.sent');
    await t.haven.dispatcher.drain();
    const original = await row(t, 'card-1');
    assert.equal(original.status, 'sent');
    assert.ok(original.activityId);

    await enqueue(t, 'card-1:update-1', 'update.sent', { operation: 'update', updateOf: 'card-1' });
    await t.haven.dispatcher.drain();

    const puts = putsTo(t, conv);
    assert.equal(puts.length, 1);
    assert.equal(puts[0]!.activityId, original.activityId);
    assert.ok(ok(puts[0]!));
    assert.equal(markerOf(puts[0]!), 'card-1:update-1');
    assert.equal(postsTo(t, conv).length, 1, 'an update is not a second message');
    const stored = t.connector.getActivity(conv, original.activityId!);
    assert.match(JSON.stringify(stored?.body), /card-1:update-1/, 'the connector holds the new card under the old id');
    const update = await row(t, 'card-1:update-1');
    assert.equal(update.status, 'sent');
    assert.equal(update.attempts, 1);
  });

  it('waits (no PUT, no attempt spent) while the original is not sent, then goes once it is', async () => {
    const conv = await putRef(t, 'update.waiting');
    t.connector.failNext(1, { status: 503, match: (c) => c.conversationId === conv && c.operation === 'sendToConversation' });
    await enqueue(t, 'card-2', 'update.waiting');
    await enqueue(t, 'card-2:update-1', 'update.waiting', { operation: 'update', updateOf: 'card-2' });

    await t.haven.dispatcher.pass();
    assert.equal((await row(t, 'card-2')).status, 'pending', 'the original met a 503');
    const waiting = await row(t, 'card-2:update-1');
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.attempts, 0, 'waiting spends no attempt');
    assert.equal(putsTo(t, conv).length, 0, 'no PUT before the original exists');

    t.clock.advance(5 * 60_000);
    await t.haven.dispatcher.drain();
    const original = await row(t, 'card-2');
    assert.equal(original.status, 'sent');
    const puts = putsTo(t, conv);
    assert.equal(puts.length, 1);
    assert.equal(puts[0]!.activityId, original.activityId);
    assert.ok(puts[0]!.timestamp >= postsTo(t, conv).filter(ok)[0]!.timestamp, 'the PUT follows the successful send');
    assert.equal((await row(t, 'card-2:update-1')).status, 'sent');
    assert.equal((await row(t, 'card-2:update-1')).attempts, 1);
  });

  it('drops an update whose original can never be delivered: no PUT, and the recipient is not reported unreachable again', async () => {
    const conv = await putRef(t, 'update.orphan');
    t.connector.failNext(1, { status: 404, match: (c) => c.conversationId === conv });
    await enqueue(t, 'card-3', 'update.orphan');
    await t.haven.dispatcher.drain();
    assert.equal((await row(t, 'card-3')).status, 'failed');
    const unreachableRows = async () =>
      (await t.haven.deps.audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).filter(
        (a) => a.action === 'delivery.unreachable' && a.subject === 'person:update.orphan',
      ).length;
    const before = await unreachableRows();
    assert.equal(before, 1, 'the original failing was reported');
    await enqueue(t, 'card-3:update-1', 'update.orphan', { operation: 'update', updateOf: 'card-3' });
    await t.haven.dispatcher.drain();
    const dropped = await row(t, 'card-3:update-1');
    assert.equal(dropped.status, 'failed');
    assert.match(dropped.lastError ?? '', /never delivered; nothing to update/);
    assert.equal(putsTo(t, conv).length, 0);
    assert.equal(postsTo(t, conv).length, 1, 'nor a new message: only the original was ever tried');
    assert.equal(await unreachableRows(), before, 'the update is not news about the recipient');
  });
});
