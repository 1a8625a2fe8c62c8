// Teams throttles a conversation at about 7 messages/s (8 per 2 s). The dispatcher's own limiter must
// keep within that, so the fake connector, enforcing the limit on arrival times, never answers 429.
// This runs on real time (the limiter's clock is real time by design): about 4 s for 20 messages.
import assert from 'node:assert/strict';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import type { RecordedCall } from '../../support/fake-connector.ts';
import { enqueue, postsTo, putRef } from '../../support/delivery.ts';

function mostInAnyWindow(calls: RecordedCall[], windowMs: number): number {
  const times = calls.map((c) => c.timestamp).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = i; j < times.length && times[j]! - times[i]! < windowMs; j++) n++;
    most = Math.max(most, n);
  }
  return most;
}

describe('delivery: Teams rate limits', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('delivers 20 messages to one conversation with no 429 and never more than 7 in a second', async function () {
    this.timeout(20_000);
    const conv = await putRef(t, 'rate.person');
    for (let i = 0; i < 20; i++) await enqueue(t, `rate-${String(i).padStart(2, '0')}`, 'rate.person');
    t.connector.enforceTeamsLimits();

    await t.haven.dispatcher.drain();

    const calls = postsTo(t, conv);
    assert.equal(calls.filter((c) => c.status === 429).length, 0, 'the connector never had to throttle');
    assert.equal(calls.length, 20);
    assert.ok(calls.every((c) => c.status === 200));
    const rows = (await t.haven.outbox.list()).filter((m) => m.value.id.startsWith('rate-'));
    assert.equal(rows.length, 20);
    assert.ok(
      rows.every((m) => m.value.status === 'sent' && m.value.attempts === 1),
      'each delivered on its first attempt',
    );
    assert.ok(mostInAnyWindow(calls, 1000) <= 7, `at most 7 sends in any 1 s window (saw ${mostInAnyWindow(calls, 1000)})`);
    assert.ok(mostInAnyWindow(calls, 2000) <= 8, `at most 8 sends in any 2 s window (saw ${mostInAnyWindow(calls, 2000)})`);
  });
});
