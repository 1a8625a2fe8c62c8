// Two instances share one store; the lease (an ETag-guarded row) lets only one of them run a tick.
import assert from 'node:assert/strict';
import { LeasedLoop } from '../../../src/jobs/leased-loop.ts';
import { TableLeaseRepository } from '../../../src/storage/lease-repository.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { quietLog } from '../../support/delivery.ts';

const LEASE_MS = 30_000;

describe('delivery: the job lease', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  function instance(holder: string, leaseName: string) {
    const runs: number[] = [];
    let round = 0;
    const loop = new LeasedLoop(leaseName, holder, new TableLeaseRepository(t.haven.store), t.clock, quietLog(), 1000, LEASE_MS, [
      { name: 'dispatch', run: async () => void runs.push(round) },
    ]);
    return { loop, runs, setRound: (r: number) => void (round = r) };
  }

  it('in each round only one of two instances runs its job, and the holder keeps the lease', async () => {
    const a = instance('instance-a', 'delivery-test-lease');
    const b = instance('instance-b', 'delivery-test-lease');
    for (let r = 0; r < 5; r++) {
      a.setRound(r);
      b.setRound(r);
      await Promise.all(r % 2 ? [b.loop.tick(), a.loop.tick()] : [a.loop.tick(), b.loop.tick()]);
      assert.equal(a.runs.filter((x) => x === r).length + b.runs.filter((x) => x === r).length, 1, `round ${r}: exactly one ran`);
      assert.notEqual(a.loop.holding, b.loop.holding);
      t.clock.advance(1000);
    }
    const holder = a.runs.length ? a : b;
    assert.equal(holder.runs.length, 5, 'the first winner renews and keeps it');
  });

  it('hands over when the holder stops (releases) or stops renewing (expires)', async () => {
    const a = instance('instance-a', 'delivery-test-handover');
    const b = instance('instance-b', 'delivery-test-handover');
    await a.loop.tick();
    await b.loop.tick();
    assert.deepEqual([a.runs.length, b.runs.length], [1, 0]);

    await a.loop.stop(); // releases the lease
    await b.loop.tick();
    assert.deepEqual([a.runs.length, b.runs.length], [1, 1]);

    // b goes silent (a crash); a cannot take over until b's lease expires.
    const c = instance('instance-c', 'delivery-test-handover');
    t.clock.advance(LEASE_MS - 1);
    await c.loop.tick();
    assert.equal(c.runs.length, 0, 'not before the lease expires');
    t.clock.advance(2);
    await c.loop.tick();
    assert.equal(c.runs.length, 1, 'after it expires');
    await b.loop.tick();
    assert.equal(b.runs.length, 1, 'the old holder does not run again');
  });
});
