import assert from 'node:assert/strict';
import type { ChainEntry } from '../../../src/kernel/escalation.ts';
import { mayActOnTask, nextTaskNotice, type EscalatingTask } from '../../../src/kernel/task-escalation.ts';

const chain: ChainEntry[] = [
  { personId: 'sam', role: 'supervisor', delayMinutes: 15 },
  { personId: 'priya', role: 'cover', delayMinutes: 15 },
  { personId: 'dana', role: 'departmentHead', delayMinutes: 30 },
];
const pace = { levelDelayMinutes: 60 };
const t0 = new Date('2026-06-03T10:00:00Z');
const plus = (m: number) => new Date(t0.getTime() + m * 60_000);
const task = (notices: EscalatingTask['notices'] = [], extra: Partial<EscalatingTask> = {}): EscalatingTask => ({
  openedAt: t0.toISOString(),
  notices,
  ...extra,
});

describe('domain/task-escalation', () => {
  const cases: Array<{ name: string; task: EscalatingTask; now: Date; chain?: ChainEntry[]; expect: string | undefined }> = [
    { name: 'a new task tells the first level at once', task: task(), now: t0, expect: 'sam@0/0' },
    {
      name: 'nothing before the level delay has passed',
      task: task([{ personId: 'sam', at: t0.toISOString(), level: 0, loop: 0 }]),
      now: plus(59),
      expect: undefined,
    },
    {
      name: 'the next level once the delay has passed',
      task: task([{ personId: 'sam', at: t0.toISOString(), level: 0, loop: 0 }]),
      now: plus(60),
      expect: 'priya@1/0',
    },
    {
      name: 'the chain repeats from the top rather than going quiet',
      task: task([{ personId: 'dana', at: t0.toISOString(), level: 2, loop: 0 }]),
      now: plus(60),
      expect: 'sam@0/1',
    },
    {
      name: 'acknowledged: nobody else is told',
      task: task([{ personId: 'sam', at: t0.toISOString(), level: 0, loop: 0 }], {
        acknowledged: { by: 'sam', at: plus(5).toISOString() },
      }),
      now: plus(600),
      expect: undefined,
    },
    { name: 'closed: nobody else is told', task: task([], { closedAt: t0.toISOString() }), now: plus(600), expect: undefined },
    { name: 'nobody in the chain: nothing (the caller logs the fix)', task: task(), now: t0, chain: [], expect: undefined },
    {
      name: 'a shorter chain now (someone went away): the walk wraps',
      task: task([{ personId: 'priya', at: t0.toISOString(), level: 1, loop: 0 }]),
      chain: chain.slice(0, 1),
      now: plus(60),
      expect: 'sam@0/1',
    },
    {
      name: 'a tick that ran late moves one level only',
      task: task([{ personId: 'sam', at: t0.toISOString(), level: 0, loop: 0 }]),
      now: plus(6000),
      expect: 'priya@1/0',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = nextTaskNotice(c.task, c.chain ?? chain, pace, c.now);
      assert.equal(n ? `${n.personId}@${n.level}/${n.loop}` : undefined, c.expect);
      if (n) assert.equal(n.at, c.now.toISOString());
    });
  }

  it('with a repeat pace, the next round waits for it; levels inside a round keep the level pace', () => {
    const slow = { levelDelayMinutes: 60, repeatAfterMinutes: 7 * 24 * 60 };
    const lastOfRound = task([{ personId: 'dana', at: t0.toISOString(), level: 2, loop: 0 }]);
    assert.equal(nextTaskNotice(lastOfRound, chain, slow, plus(60)), undefined);
    assert.equal(nextTaskNotice(lastOfRound, chain, slow, plus(7 * 24 * 60 - 1)), undefined);
    assert.equal(nextTaskNotice(lastOfRound, chain, slow, plus(7 * 24 * 60))?.loop, 1);
    const midRound = task([{ personId: 'sam', at: t0.toISOString(), level: 0, loop: 1 }]);
    assert.equal(nextTaskNotice(midRound, chain, slow, plus(60))?.personId, 'priya');
  });

  it('may act: anyone told, and whoever is first in the chain now; nobody else', () => {
    const t = task([{ personId: 'priya', at: t0.toISOString(), level: 1, loop: 0 }]);
    assert.equal(mayActOnTask(t, chain, 'priya'), true);
    assert.equal(mayActOnTask(t, chain, 'sam'), true);
    assert.equal(mayActOnTask(t, chain, 'dana'), false);
    assert.equal(mayActOnTask(t, chain, 'alex'), false);
  });

  it('may act only while entitled now: someone told who is no longer on the chain (a cover whose cover ended) may not', () => {
    const toldCover = task([{ personId: 'kim', at: t0.toISOString(), level: 0, loop: 0 }]);
    const whileCovering: ChainEntry[] = [{ personId: 'kim', role: 'cover', delayMinutes: 15 }, ...chain.slice(2)];
    assert.equal(mayActOnTask(toldCover, whileCovering, 'kim'), true, 'while covering');
    assert.equal(mayActOnTask(toldCover, chain, 'kim'), false, 'after the cover ended');
    assert.equal(mayActOnTask(toldCover, chain, 'sam'), true, 'the supervisor, back, is first again');
    assert.equal(mayActOnTask(toldCover, chain, 'dana'), false, 'on the chain but never told, and not first: not yet');
  });
});
