// Issue 15: the alert express path. The process that queues an alert sends it at once, lease or not,
// through the same ETag-guarded claim the dispatcher's pass makes, so the two never both send one row;
// the pass stays the safety net. Only the lease holder's pass dispatches, and it stops between passes
// once its lease is no longer its own.
import assert from 'node:assert/strict';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { dispatcherFor, enqueue, markerOf, ok, postsTo, putRef, row } from '../../support/delivery.ts';

describe('delivery: the alert express path', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t?.close());

  it('an alert is sent as soon as it is queued, with no tick; bulk waits for the pass', async () => {
    const alertChat = await putRef(t, 'express-alert');
    const bulkChat = await putRef(t, 'express-bulk');
    await enqueue(t, 'express-alert-1', 'express-alert', { lane: 'alert' });
    await enqueue(t, 'express-bulk-1', 'express-bulk', { lane: 'bulk' });
    await t.haven.dispatcher.expressSettled();
    assert.equal(postsTo(t, alertChat).filter(ok).length, 1);
    assert.equal((await row(t, 'express-alert-1')).status, 'sent');
    assert.equal(postsTo(t, bulkChat).length, 0, 'bulk is not sent at once');
    assert.equal((await row(t, 'express-bulk-1')).status, 'pending');
    await t.tick();
    assert.equal(postsTo(t, bulkChat).filter(ok).length, 1);
    assert.equal(postsTo(t, alertChat).length, 1, 'the pass does not send the alert again');
  });

  it('with a dispatcher passing at the same time (another instance), each alert is sent exactly once', async () => {
    const other = dispatcherFor(t); // another instance's dispatcher over the same tables
    const people = Array.from({ length: 30 }, (_, i) => `express-race-${i}`);
    const chats = await Promise.all(people.map((p) => putRef(t, p)));
    let enqueued = false;
    const passes = (async () => {
      let n = 0;
      while (!enqueued || n < 3) {
        await other.pass();
        n++;
      }
    })();
    await Promise.all(people.map((p, i) => enqueue(t, `express-race-msg-${i}`, p, { lane: 'alert' })));
    enqueued = true;
    await passes;
    await t.haven.dispatcher.expressSettled();
    await other.drain();

    for (const [i, chat] of chats.entries()) {
      const posts = postsTo(t, chat);
      assert.equal(posts.length, 1, `alert ${i}: one call to the connector, not two`);
      assert.equal(markerOf(posts[0]!), `express-race-msg-${i}`);
      assert.equal((await row(t, `express-race-msg-${i}`)).status, 'sent');
    }
  });

  it('an express send Teams refuses for now is left pending for the pass, which sends it once', async () => {
    const chat = await putRef(t, 'express-retry');
    t.connector.failNext(1, { status: 503, match: (c) => c.conversationId === chat });
    await enqueue(t, 'express-retry-1', 'express-retry', { lane: 'alert' });
    await t.haven.dispatcher.expressSettled();
    const waiting = await row(t, 'express-retry-1');
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.attempts, 1);
    t.clock.advance(60_000);
    await t.tick();
    assert.equal((await row(t, 'express-retry-1')).status, 'sent');
    assert.equal(postsTo(t, chat).filter(ok).length, 1);
  });

  it('a dispatcher whose lease is gone passes no more: drain asks before each pass', async () => {
    const chat = await putRef(t, 'express-no-lease');
    await enqueue(t, 'express-no-lease-1', 'express-no-lease', { lane: 'bulk' });
    const asked: number[] = [];
    const attempted = await dispatcherFor(t).drain(20, async () => {
      asked.push(asked.length);
      return false;
    });
    assert.equal(attempted, 0);
    assert.deepEqual(asked, [0]);
    assert.equal(postsTo(t, chat).length, 0);
    assert.equal((await row(t, 'express-no-lease-1')).status, 'pending');
  });
});
