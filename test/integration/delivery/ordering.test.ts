// Messages to one conversation keep the order they were queued in, and a send to a connector that
// answers without an activity id (the Agents Playground) still lets later updates out.
import assert from 'node:assert/strict';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { enqueue, markerOf, postsTo, putRef, putsTo, row } from '../../support/delivery.ts';

describe('delivery: per-conversation order', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('holds later messages to a conversation while an earlier one waits to be retried', async () => {
    const conv = await putRef(t, 'order.hold');
    t.connector.failNext(1, { status: 503, match: (c) => c.conversationId === conv });
    await enqueue(t, 'order-1', 'order.hold');
    await enqueue(t, 'order-2', 'order.hold');
    await t.haven.dispatcher.pass();
    assert.equal((await row(t, 'order-1')).status, 'pending');
    assert.equal((await row(t, 'order-2')).status, 'pending', 'the second message did not overtake the first');
    assert.equal(postsTo(t, conv).length, 1, 'only the first was attempted');

    t.clock.advance(5 * 60_000);
    await t.haven.dispatcher.drain();
    const delivered = postsTo(t, conv)
      .filter((c) => c.status === 200)
      .map((c) => markerOf(c));
    assert.deepEqual(delivered, ['order-1', 'order-2']);
    assert.ok((await row(t, 'order-1')).sentAt! <= (await row(t, 'order-2')).sentAt!);
  });

  it('sends an update as a new message when the original got no activity id', async () => {
    const conv = await putRef(t, 'order.noid');
    t.connector.failNext(1, { status: 202, body: '', match: (c) => c.conversationId === conv && c.operation === 'sendToConversation' });
    await enqueue(t, 'noid-1', 'order.noid');
    await t.haven.dispatcher.drain();
    const original = await row(t, 'noid-1');
    assert.equal(original.status, 'sent');
    assert.equal(original.activityId || undefined, undefined);
    await enqueue(t, 'noid-1:update-1', 'order.noid', { operation: 'update', updateOf: 'noid-1' });
    await t.haven.dispatcher.drain();
    assert.equal((await row(t, 'noid-1:update-1')).status, 'sent');
    assert.equal(putsTo(t, conv).length, 0);
    assert.equal(postsTo(t, conv).length, 2, 'the new state went out as a new message');
  });
});
