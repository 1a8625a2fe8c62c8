// De-duplication by deterministic id, and the alert lane overtaking bulk work already queued.
import assert from 'node:assert/strict';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { dispatcherFor, enqueue, ok, postsTo, putRef, row } from '../../support/delivery.ts';

describe('delivery: de-duplication', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('answers duplicate for a second enqueue of the same id and sends one message', async () => {
    const conv = await putRef(t, 'dedupe.person');
    assert.equal(await enqueue(t, 'checkin:dedupe.person:2026-11-23T09:00Z', 'dedupe.person'), 'created');
    assert.equal(await enqueue(t, 'checkin:dedupe.person:2026-11-23T09:00Z', 'dedupe.person', { text: 'a different body' }), 'duplicate');
    await t.haven.dispatcher.drain();
    // A rerun of the job after delivery (e.g. after a crash) is suppressed too.
    assert.equal(await enqueue(t, 'checkin:dedupe.person:2026-11-23T09:00Z', 'dedupe.person'), 'duplicate');
    t.clock.advance(10 * 60_000);
    await t.haven.dispatcher.drain();

    const calls = postsTo(t, conv);
    assert.equal(calls.length, 1);
    assert.ok(ok(calls[0]!));
    assert.equal((calls[0]!.body as { summary?: string }).summary, 'Haven has an update for you', 'the first enqueue wins');
    const rows = (await t.haven.outbox.list()).filter((m) => m.value.id === 'checkin:dedupe.person:2026-11-23T09:00Z');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.value.status, 'sent');
  });

  it('never lists a sent or failed message as due, nor a retry before its time (in the Haven process)', async () => {
    await putRef(t, 'query.person');
    t.connector.failNext(1, { status: 400, match: (c) => c.conversationId === 'a:delivery-query.person' });
    await enqueue(t, 'query-failed', 'query.person');
    await t.haven.dispatcher.drain();
    await enqueue(t, 'query-sent', 'query.person');
    await t.haven.dispatcher.drain();
    t.connector.failNext(1, { status: 503, retryAfterSeconds: 60, match: (c) => c.conversationId === 'a:delivery-query.person' });
    await enqueue(t, 'query-retry', 'query.person');
    await t.haven.dispatcher.drain();
    assert.equal((await row(t, 'query-failed')).status, 'failed');
    assert.equal((await row(t, 'query-sent')).status, 'sent');
    assert.equal((await row(t, 'query-retry')).status, 'pending');

    const due = (await t.haven.outbox.listDue(t.clock.now(), 100)).map((m) => m.value.id).filter((id) => id.startsWith('query-'));
    assert.deepEqual(due, []);
    t.clock.advance(60_000);
    const later = (await t.haven.outbox.listDue(t.clock.now(), 100)).map((m) => m.value.id).filter((id) => id.startsWith('query-'));
    assert.deepEqual(later, ['query-retry']);
  });
});

describe('delivery: the alert lane goes ahead of bulk', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  async function queue(prefix: string): Promise<{ alertConv: string; bulkConvs: Set<string> }> {
    const bulkPeople = Array.from({ length: 40 }, (_, i) => `${prefix}.bulk${String(i).padStart(2, '0')}`);
    const convs = await Promise.all(bulkPeople.map((p) => putRef(t, p)));
    const alertConv = await putRef(t, `${prefix}.supervisor`);
    for (const p of bulkPeople) await enqueue(t, `${prefix}-bulk-${p}`, p, { lane: 'bulk' });
    t.clock.advance(1); // the alert is queued after every bulk message
    await enqueue(t, `${prefix}-alert`, `${prefix}.supervisor`, { lane: 'alert' });
    return { alertConv, bulkConvs: new Set(convs) };
  }

  const proactive = (t: TestHaven) => t.connector.calls.filter((c) => c.operation === 'sendToConversation');

  it('with 40 bulk messages queued first, the first pass sends the alert first (one worker, batches of 10)', async () => {
    const { alertConv, bulkConvs } = await queue('lane1');
    const before = proactive(t).length;
    const dispatcher = dispatcherFor(t, { batchSize: 10, concurrency: 1 });

    await dispatcher.pass();
    const sent = proactive(t).slice(before);
    assert.equal(sent.length, 10, 'one batch');
    assert.equal(sent[0]!.conversationId, alertConv, 'the alert is the first message on the wire');
    assert.ok(sent.slice(1).every((c) => bulkConvs.has(c.conversationId!)));
    assert.equal((await row(t, 'lane1-alert')).status, 'sent');

    await dispatcher.drain();
    assert.equal(proactive(t).slice(before).length, 41, 'the bulk messages follow');
  });

  it('with 8 workers, the alert is still claimed in the first pass while bulk messages wait for later passes', async () => {
    // Which of 8 parallel sends reaches the wire first is up to the network; what the lane guarantees is
    // that the alert is never left waiting behind bulk work that was queued before it.
    const { alertConv } = await queue('lane2');
    const before = proactive(t).length;
    const dispatcher = dispatcherFor(t, { batchSize: 10 });

    await dispatcher.pass();
    const sent = proactive(t).slice(before);
    assert.equal(sent.length, 10, 'one batch');
    assert.equal(sent.filter((c) => c.conversationId === alertConv).length, 1);
    assert.equal((await row(t, 'lane2-alert')).status, 'sent');
    const waiting = (await t.haven.outbox.list()).filter((m) => m.value.id.startsWith('lane2-bulk-') && m.value.status === 'pending');
    assert.equal(waiting.length, 31, 'bulk messages queued before the alert are still waiting');
  });
});
