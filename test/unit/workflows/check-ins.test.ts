// Check-ins on in-memory ports: a low score raises a flag to the supervisor.
import assert from 'node:assert/strict';
import { openCheckIn, submitCheckIn } from '../../../src/features/check-ins/submit-check-in.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../support/memory-deps.ts';
import { UNIT_CSV, actor } from './small-unit.ts';

const LOW = { who5_1: '1', who5_2: '2', who5_3: '1', who5_4: '0', who5_5: '2' }; // raw 6
const FINE = { who5_1: '4', who5_2: '4', who5_3: '4', who5_4: '4', who5_5: '4' }; // raw 20

describe('workflow (in memory): submitting a check-in', () => {
  let deps: MemoryDeps;
  beforeEach(async () => {
    deps = await withRoster(memoryDeps({ now: '2026-11-23T10:00:00Z' }), UNIT_CSV);
  });

  async function answer(who: string, answers: Record<string, string>) {
    const opened = await openCheckIn(deps, actor(who));
    assert.equal(opened.kind, 'card');
    const checkInId = opened.kind === 'card' ? opened.card.checkInId : '';
    const result = await submitCheckIn(deps, actor(who), checkInId, { ...answers, workload: 'manageable', breaks: 'yes' });
    assert.equal(result.kind, 'confirmed', JSON.stringify(result).slice(0, 300));
    return checkInId;
  }

  it("a low score raises a low-score flag and puts it in the supervisor's tray, never with the answers", async () => {
    const id = await answer('alex', LOW);
    const flags = (await deps.flags.listForPerson('alex')).map((f) => f.value);
    assert.equal(flags.length, 1);
    assert.equal(flags[0]?.reason, 'lowScore');
    assert.equal(flags[0]?.checkInId, id);
    assert.equal((await deps.checkIns.get(id))?.value.flagId, flags[0]?.id);
    // The supervisor is told by a line in their tray (their daily digest), not by a card of its own.
    assert.deepEqual(deps.notifier.to('sam'), []);
    const lines = (await deps.tray.listOpenFor('sam')).map((r) => r.value);
    assert.deepEqual(
      lines.map((l) => [l.key, l.aboutPersonId, l.actions.map((a) => a.verb).join(',')]),
      [[`flag:${flags[0]?.id}`, 'alex', 'flag.acknowledge,flag.show']],
    );
    assert.ok(deps.audit.withAction('flag.raise').some((e) => e.subject === `flag:${flags[0]?.id}`));
  });

  it('a good score raises no flag and sends nothing (the answers were not shared)', async () => {
    await answer('bea', FINE);
    assert.deepEqual(await deps.flags.list(), []);
    assert.deepEqual(deps.notifier.to('sam'), []);
    assert.deepEqual(await deps.tray.listFor('sam'), []);
  });
});
