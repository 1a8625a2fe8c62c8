// The outbox lives in storage, so a restart loses nothing: pending retries and a message a crashed
// instance had claimed but never settled are delivered, once, by the next instance on the same data.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { enqueue, markerOf, ok, postsTo, putRef, row } from '../../support/delivery.ts';

describe('delivery: restart on the same data', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-restart-'));
  const clock = new FakeClock();
  let first: TestHaven | undefined;
  let second: TestHaven | undefined;

  after(async () => {
    await first?.close().catch(() => undefined);
    await second?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers pending and crashed-while-sending messages exactly once after a restart', async () => {
    first = await startTestHaven({ dataDir, clock });
    const conv = await putRef(first, 'restart.person');
    first.connector.failNext(10, { status: 503, match: (c) => c.conversationId === conv });
    await enqueue(first, 'restart-pending', 'restart.person');
    await first.haven.dispatcher.pass();
    assert.equal((await row(first, 'restart-pending')).status, 'pending');
    assert.equal(postsTo(first, conv).length, 1);

    // A crash between claiming and settling leaves a row in 'sending'. One whose claim has expired is due
    // again; one claimed a moment ago (perhaps by a live instance) is left alone until its claim expires.
    for (const [id, claimedUntil] of [
      ['restart-crashed', -1000],
      ['restart-claimed', 60_000],
    ] as const) {
      await enqueue(first, id, 'restart.person');
      const r = (await first.haven.outbox.get(id))!;
      await first.haven.outbox.save(
        { ...r.value, status: 'sending', attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + claimedUntil).toISOString() },
        r.version,
      );
    }
    await first.close();
    const sentBeforeRestart = postsTo(first, conv).filter(ok).length;
    first = undefined;
    assert.equal(sentBeforeRestart, 0);

    second = await startTestHaven({ dataDir, clock });
    assert.equal((await row(second, 'restart-pending')).status, 'pending', 'the pending row survived');
    assert.equal((await row(second, 'restart-pending')).attempts, 1);
    assert.equal((await row(second, 'restart-crashed')).status, 'sending');
    // Each test Haven has its own fake connector: point the stored reference at the new one, as the
    // person's next activity would.
    await putRef(second, 'restart.person');

    await second.haven.dispatcher.drain();
    assert.deepEqual(postsTo(second, conv).map(markerOf), ['restart-crashed'], 'only the expired claim is due at once');
    assert.equal((await row(second, 'restart-crashed')).status, 'sent');
    assert.equal((await row(second, 'restart-crashed')).attempts, 2);

    clock.advance(61_000);
    await second.haven.dispatcher.drain();
    clock.advance(10 * 60_000);
    await second.haven.dispatcher.drain();

    const calls = postsTo(second, conv);
    assert.ok(calls.every(ok));
    assert.deepEqual(
      calls.map(markerOf).sort(),
      ['restart-claimed', 'restart-crashed', 'restart-pending'],
      'each message delivered exactly once',
    );
    for (const id of ['restart-pending', 'restart-crashed', 'restart-claimed']) assert.equal((await row(second, id)).status, 'sent');
    assert.equal((await row(second, 'restart-pending')).attempts, 2);
  });
});
