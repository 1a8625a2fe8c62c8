import assert from 'node:assert/strict';
import { createLogger } from '../../../src/logging.ts';
import { LeasedLoop } from '../../../src/jobs/leased-loop.ts';
import type { Clock, LeaseRepository } from '../../../src/kernel/ports.ts';
import { Writable } from 'node:stream';

const quiet = createLogger('error', new Writable({ write: (_c, _e, cb) => cb() }));
const alwaysMine: LeaseRepository = { tryAcquire: async () => true, release: async () => undefined };

describe('jobs/leased-loop cadence', () => {
  it('a job with everyMs runs at most that often by the clock; a job without it runs every tick', async () => {
    let now = Date.parse('2026-11-18T10:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const runs = { schedule: 0, alerts: 0 };
    const loop = new LeasedLoop('jobs', 'me', alwaysMine, clock, quiet, 1000, 15_000, [
      { name: 'schedule', run: async () => void runs.schedule++, everyMs: 60_000 },
      { name: 'alerts', run: async () => void runs.alerts++ },
    ]);
    await loop.tick();
    now += 30_000;
    await loop.tick();
    assert.deepEqual(runs, { schedule: 1, alerts: 2 });
    now += 30_000;
    await loop.tick();
    assert.deepEqual(runs, { schedule: 2, alerts: 3 });
    // A clock set back (a test, a corrected host clock) never stalls the schedule.
    now -= 3_600_000;
    await loop.tick();
    assert.deepEqual(runs, { schedule: 3, alerts: 4 });
    await loop.stop();
  });
});
