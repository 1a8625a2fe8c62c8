// Retries against the fake Bot Connector over real HTTP: which answers are retried, when, and that a
// message is delivered exactly once in the end.
import assert from 'node:assert/strict';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { dispatcherFor, enqueue, msUntilNextAttempt, ok, postsTo, putRef, row, unreachableAudits } from '../../support/delivery.ts';

const FIVE_MINUTES = 5 * 60_000;

describe('delivery: retries and permanent failures', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('delivers after 429 (Retry-After: 3) then 503, exactly once, never earlier than Retry-After', async () => {
    const conv = await putRef(t, 'retry.429');
    const onlyThis = { match: (c: { conversationId?: string }) => c.conversationId === conv };
    t.connector.failNext(1, { status: 429, retryAfterSeconds: 3, ...onlyThis });
    await enqueue(t, 'retry-429-503', 'retry.429');

    await t.haven.dispatcher.pass();
    let r = await row(t, 'retry-429-503');
    assert.equal(r.status, 'pending');
    assert.equal(r.attempts, 1);
    assert.equal(r.lastError, '429');
    assert.ok((await msUntilNextAttempt(t, 'retry-429-503')) >= 3000, 'the retry is not scheduled before Retry-After');

    // Just before Retry-After has passed, nothing is sent.
    t.clock.advance(2999);
    await t.haven.dispatcher.pass();
    assert.equal(postsTo(t, conv).length, 1);
    assert.equal((await row(t, 'retry-429-503')).attempts, 1);

    t.connector.failNext(1, { status: 503, ...onlyThis });
    t.clock.advance(1);
    await t.haven.dispatcher.pass();
    r = await row(t, 'retry-429-503');
    assert.equal(r.status, 'pending');
    assert.equal(r.attempts, 2);
    assert.equal(r.lastError, '503');

    t.clock.advance(await msUntilNextAttempt(t, 'retry-429-503'));
    await t.haven.dispatcher.pass();
    r = await row(t, 'retry-429-503');
    assert.equal(r.status, 'sent');
    assert.equal(r.attempts, 3);
    assert.equal(r.lastError, undefined);
    assert.equal(r.conversationId, conv);

    // Later passes do not send it again.
    t.clock.advance(FIVE_MINUTES);
    await t.haven.dispatcher.drain();
    const calls = postsTo(t, conv);
    assert.deepEqual(
      calls.map((c) => c.status),
      [429, 503, 200],
    );
    assert.equal(calls.filter(ok).length, 1, 'exactly one 2xx send');
    assert.equal(r.activityId, (calls[2]!.responseBody as { id: string }).id, 'the row remembers the activity id Teams gave');
  });

  for (const fault of [
    { name: '412', spec: { status: 412 } },
    { name: '502', spec: { status: 502 } },
    { name: '504', spec: { status: 504 } },
    { name: 'a dropped connection', spec: { status: 0, dropConnection: true } },
  ]) {
    it(`retries after ${fault.name} and then delivers once`, async () => {
      const who = `retry.${fault.spec.status}`;
      const id = `retry-${fault.spec.status}`;
      const conv = await putRef(t, who);
      t.connector.failNext(1, { ...fault.spec, match: (c) => c.conversationId === conv });
      await enqueue(t, id, who);

      await t.haven.dispatcher.pass();
      const first = await row(t, id);
      assert.equal(first.status, 'pending');
      assert.equal(first.attempts, 1);
      assert.ok((await msUntilNextAttempt(t, id)) > 0, 'the retry waits');

      t.clock.advance(FIVE_MINUTES);
      await t.haven.dispatcher.drain();
      const r = await row(t, id);
      assert.equal(r.status, 'sent');
      assert.equal(r.attempts, 2);
      const calls = postsTo(t, conv);
      assert.deepEqual(
        calls.map((c) => c.status),
        [fault.spec.status, 200],
      );
      assert.equal((await unreachableAudits(t, `person:${who}`)).length, 0);
    });
  }

  for (const status of [400, 401, 404, 413]) {
    it(`does not retry ${status}: the message fails after one call and the unreachable listener hears of it`, async () => {
      const who = `permanent.${status}`;
      const id = `permanent-${status}`;
      const conv = await putRef(t, who);
      t.connector.failNext(1, { status, match: (c) => c.conversationId === conv });
      await enqueue(t, id, who);

      await t.haven.dispatcher.pass();
      t.clock.advance(FIVE_MINUTES);
      await t.haven.dispatcher.drain();
      t.clock.advance(FIVE_MINUTES);
      await t.haven.dispatcher.drain();

      const r = await row(t, id);
      assert.equal(r.status, 'failed');
      assert.equal(r.attempts, 1);
      assert.match(r.lastError ?? '', new RegExp(`^${status}\\b`));
      assert.equal(postsTo(t, conv).length, 1, 'exactly one call');
      const audits = await unreachableAudits(t, `person:${who}`);
      assert.equal(audits.length, 1);
      assert.equal(audits[0]!.actor, 'system');
      assert.equal(audits[0]!.outcome, 'failed');
    });
  }

  it('honours Retry-After on 412, 502, 503 and 504 too, not only on 429', async () => {
    // random 0 makes the dispatcher's own back-off as short as it gets (0.5 s), so only Retry-After can explain a later retry.
    const dispatcher = dispatcherFor(t, { random: () => 0 });
    for (const status of [412, 502, 503, 504]) {
      const who = `retry-after.${status}`;
      const id = `retry-after-${status}`;
      const conv = await putRef(t, who);
      t.connector.failNext(1, { status, retryAfterSeconds: 7, match: (c) => c.conversationId === conv });
      await enqueue(t, id, who);
      await dispatcher.pass();
      assert.equal((await row(t, id)).status, 'pending');
      assert.ok((await msUntilNextAttempt(t, id)) >= 7000, `${status} with Retry-After: 7 is not retried sooner`);
      t.clock.advance(7000);
      await dispatcher.pass();
      assert.equal((await row(t, id)).status, 'sent');
      assert.deepEqual(
        postsTo(t, conv).map((c) => c.status),
        [status, 200],
      );
    }
  });
});

describe('delivery: dead letter after maxAttempts', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven({ env: { HAVEN_OUTBOX_MAX_ATTEMPTS: '3' } });
  });
  after(async () => t.close());

  it('gives up after 3 attempts, marks the message failed, escalates once and sends no more', async () => {
    assert.equal(t.haven.config.outbox.maxAttempts, 3);
    const conv = await putRef(t, 'dead.letter');
    t.connector.failNext(10, { status: 503, match: (c) => c.conversationId === conv });
    await enqueue(t, 'dead-letter', 'dead.letter');

    for (let i = 1; i <= 3; i++) {
      await t.haven.dispatcher.pass();
      assert.equal((await row(t, 'dead-letter')).attempts, i);
      t.clock.advance(FIVE_MINUTES);
    }
    const r = await row(t, 'dead-letter');
    assert.equal(r.status, 'failed');
    assert.match(r.lastError ?? '', /gave up after 3 attempts \(last 503\)/);

    for (let i = 0; i < 3; i++) {
      t.clock.advance(FIVE_MINUTES);
      await t.haven.dispatcher.drain();
    }
    assert.equal(postsTo(t, conv).length, 3, 'three calls, no fourth');
    assert.equal(postsTo(t, conv).filter(ok).length, 0);
    assert.equal((await t.haven.outbox.listDue(t.clock.now(), 100)).filter((m) => m.value.id === 'dead-letter').length, 0);
    const audits = await unreachableAudits(t, 'person:dead.letter');
    assert.equal(audits.length, 1, 'escalated exactly once');
  });
});
