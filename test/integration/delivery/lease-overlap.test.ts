// Issue 15: two instances on one Azurite, each with its own job loop, on real time. A tick that runs
// longer than the lease must keep the lease (renewed while it runs), and an instance that can no longer
// renew must stop its job before the other can take over. Every job run is recorded as an interval of
// real time; no two may overlap.
import assert from 'node:assert/strict';
import { LeasedLoop, type Job, type LeaseCheck } from '../../../src/jobs/leased-loop.ts';
import { TableLeaseRepository } from '../../../src/storage/lease-repository.ts';
import type { LeaseRepository } from '../../../src/kernel/ports.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { quietLog } from '../../support/delivery.ts';

const LEASE_MS = 1500;
const TICK_MS = 50;
const realClock = { now: () => new Date() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  holder: string;
  start: number;
  end: number;
}

/** The lease repository of one instance, whose storage can be cut (every call then fails, as an outage). */
class CuttableLeases implements LeaseRepository {
  cut = false;
  constructor(private readonly inner: LeaseRepository) {}
  tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    if (this.cut) return Promise.reject(new Error('storage unreachable'));
    return this.inner.tryAcquire(name, holder, now, ttlMs);
  }
  release(name: string, holder: string): Promise<void> {
    if (this.cut) return Promise.reject(new Error('storage unreachable'));
    return this.inner.release(name, holder);
  }
}

describe('delivery: one job runner at a time, across a tick longer than the lease (real time)', function () {
  this.timeout(60_000);
  let t: TestStore;
  before(async () => {
    t = await startTestStore();
  });
  after(async () => t?.close());

  /** A job that works through "people" one at a time for `workMs`, renewing between them as long jobs must. */
  function longJob(holder: string, runs: Run[], workMs: number, started: string[] = []): Job {
    return {
      name: 'long',
      async run(lease?: LeaseCheck) {
        const start = performance.now();
        started.push(holder);
        try {
          while (performance.now() - start < workMs) {
            if (!(await lease!.renew())) return;
            await sleep(20); // one person's work
          }
        } finally {
          runs.push({ holder, start, end: performance.now() });
        }
      },
    };
  }

  function instance(holder: string, leaseName: string, runs: Run[], workMs: number, started: string[] = []) {
    const leases = new CuttableLeases(new TableLeaseRepository(t.store));
    const loop = new LeasedLoop(leaseName, holder, leases, realClock, quietLog(), TICK_MS, LEASE_MS, [
      longJob(holder, runs, workMs, started),
    ]);
    return { loop, leases };
  }

  function assertNoOverlap(runs: Run[]): void {
    const sorted = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const [before, after] = [sorted[i - 1]!, sorted[i]!];
      assert.ok(
        before.end <= after.start,
        `${before.holder} ran until ${before.end.toFixed(0)} ms but ${after.holder} started at ${after.start.toFixed(0)} ms`,
      );
    }
  }

  it('a tick three times as long as the lease keeps it: the other instance never runs meanwhile', async () => {
    const runs: Run[] = [];
    const a = instance('instance-a', 'overlap-long-tick', runs, 3 * LEASE_MS);
    const b = instance('instance-b', 'overlap-long-tick', runs, 3 * LEASE_MS);
    a.loop.start();
    await sleep(200); // a takes the lease first
    b.loop.start();
    await sleep(4 * LEASE_MS);
    await Promise.all([a.loop.stop(), b.loop.stop()]);

    assertNoOverlap(runs);
    const longest = Math.max(...runs.map((r) => r.end - r.start));
    assert.ok(longest > 2 * LEASE_MS, `a run outlived its lease (longest ${longest.toFixed(0)} ms)`);
    assert.ok(
      runs.every((r) => r.holder === 'instance-a'),
      'the holder kept renewing, so the other never took over',
    );
  });

  it('an instance that cannot renew stops its job before the lease runs out; the other takes over after', async () => {
    const runs: Run[] = [];
    const started: string[] = [];
    const a = instance('instance-a', 'overlap-lost-lease', runs, 60_000, started);
    const b = instance('instance-b', 'overlap-lost-lease', runs, 60_000, started);
    a.loop.start();
    await sleep(200);
    b.loop.start();
    await sleep(LEASE_MS); // a is mid-job, renewing
    a.leases.cut = true; // a's storage is gone: its renewals fail from now on
    const cutAt = performance.now();
    for (let i = 0; i < 100 && !started.includes('instance-b'); i++) await sleep(100);
    // b's run is still going: end it by cutting b's storage too, so the test ends
    b.leases.cut = true;
    for (let i = 0; i < 50 && runs.filter((r) => r.holder === 'instance-b').length === 0; i++) await sleep(100);
    await Promise.all([a.loop.stop(), b.loop.stop()]);

    const aRuns = runs.filter((r) => r.holder === 'instance-a');
    const bRuns = runs.filter((r) => r.holder === 'instance-b');
    assert.equal(aRuns.length, 1, 'a ran once, until it could not renew');
    assert.ok(bRuns.length >= 1, 'b took over');
    assert.ok(aRuns[0]!.end - cutAt < LEASE_MS, 'a stopped within one lease of losing its storage');
    assert.ok(bRuns[0]!.start > aRuns[0]!.end, 'b started only after a had stopped');
    assertNoOverlap(runs);
  });
});
