import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  STAGES,
  allowedActions,
  canMoveOnFrom,
  describeStage,
  newStagedExposure,
  transition,
  type Stage,
  type StageAction,
  type StageContext,
  type StagedExposure,
} from '../../../src/features/care/staged-exposure.ts';

const OFFICER = 'alex.moreno';
const SUPERVISOR = 'sam.okafor';
const TRAINER = 'tom.reed';
const STRANGER = 'bea.clarke';
const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const DAY = 24 * 60 * 60_000;

const ctx = (daysAfterT0 = 0, reflectionDays = 7): StageContext => ({
  now: new Date(T0 + daysAfterT0 * DAY),
  reflectionDays,
  confirmers: [SUPERVISOR, TRAINER],
});

function at(stage: Stage | undefined, status: StagedExposure['status'], extra: Partial<StagedExposure> = {}): StagedExposure {
  return { ...newStagedExposure(OFFICER, 'unit-2'), status, stage, stageSince: stage ? new Date(T0).toISOString() : undefined, ...extra };
}

describe('staged exposure: transitions', () => {
  const cases: {
    name: string;
    from: StagedExposure;
    action: StageAction;
    actor: string;
    days?: number;
    expect: { status?: StagedExposure['status']; stage?: Stage | null; readyFor?: string | null; rejected?: string; changed?: boolean };
  }[] = [
    {
      name: 'not started: the officer says ready for C at once (no wait before C)',
      from: at(undefined, 'notStarted'),
      action: { type: 'sayReady' },
      actor: OFFICER,
      expect: { status: 'notStarted', readyFor: 'C' },
    },
    {
      name: 'not started: the supervisor cannot say ready for them',
      from: at(undefined, 'notStarted'),
      action: { type: 'sayReady' },
      actor: SUPERVISOR,
      expect: { rejected: 'notEntitled' },
    },
    {
      name: 'not started, ready: the supervisor confirms C',
      from: at(undefined, 'notStarted', { readyFor: 'C' }),
      action: { type: 'confirm' },
      actor: SUPERVISOR,
      expect: { status: 'inStage', stage: 'C', readyFor: null },
    },
    {
      name: 'not started, ready: a trainer of the unit confirms C',
      from: at(undefined, 'notStarted', { readyFor: 'C' }),
      action: { type: 'confirm' },
      actor: TRAINER,
      expect: { status: 'inStage', stage: 'C' },
    },
    {
      name: 'not started, ready: someone else cannot confirm',
      from: at(undefined, 'notStarted', { readyFor: 'C' }),
      action: { type: 'confirm' },
      actor: STRANGER,
      expect: { rejected: 'notEntitled' },
    },
    {
      name: 'the officer cannot confirm themselves',
      from: at(undefined, 'notStarted', { readyFor: 'C' }),
      action: { type: 'confirm' },
      actor: OFFICER,
      expect: { rejected: 'notEntitled' },
    },
    {
      name: 'confirm without "I feel ready" is refused',
      from: at('C', 'inStage'),
      action: { type: 'confirm' },
      actor: SUPERVISOR,
      days: 8,
      expect: { rejected: 'notAllowedNow' },
    },
    {
      name: 'at C: "I feel ready" before the reflection period ends is refused with the date',
      from: at('C', 'inStage'),
      action: { type: 'sayReady' },
      actor: OFFICER,
      days: 3,
      expect: { rejected: 'notYet' },
    },
    {
      name: 'at C: "I feel ready" after the reflection period asks for B',
      from: at('C', 'inStage'),
      action: { type: 'sayReady' },
      actor: OFFICER,
      days: 7,
      expect: { readyFor: 'B', stage: 'C' },
    },
    {
      name: 'at C, ready for B: confirmed → B',
      from: at('C', 'inStage', { readyFor: 'B' }),
      action: { type: 'confirm' },
      actor: SUPERVISOR,
      days: 8,
      expect: { stage: 'B', status: 'inStage' },
    },
    {
      name: 'at A, ready: confirmed → complete',
      from: at('A', 'inStage', { readyFor: 'complete' }),
      action: { type: 'confirm' },
      actor: TRAINER,
      days: 8,
      expect: { status: 'complete', stage: 'A' },
    },
    {
      name: 'a second confirm changes nothing',
      from: at('B', 'inStage', { history: [{ at: '', event: 'confirmed', by: SUPERVISOR, stage: 'B' }] }),
      action: { type: 'confirm' },
      actor: SUPERVISOR,
      expect: { changed: false },
    },
    {
      name: 'pause at any stage, no reason needed',
      from: at('B', 'inStage', { readyFor: 'A' }),
      action: { type: 'pause' },
      actor: OFFICER,
      expect: { status: 'paused', stage: 'B', readyFor: null },
    },
    {
      name: 'pause before starting',
      from: at(undefined, 'notStarted'),
      action: { type: 'pause' },
      actor: OFFICER,
      expect: { status: 'paused' },
    },
    { name: 'pause twice changes nothing', from: at('B', 'paused'), action: { type: 'pause' }, actor: OFFICER, expect: { changed: false } },
    {
      name: 'only the officer pauses',
      from: at('B', 'inStage'),
      action: { type: 'pause' },
      actor: SUPERVISOR,
      expect: { rejected: 'notEntitled' },
    },
    {
      name: 'paused: "I feel ready" asks to resume first',
      from: at('B', 'paused'),
      action: { type: 'sayReady' },
      actor: OFFICER,
      days: 30,
      expect: { rejected: 'notAllowedNow' },
    },
    {
      name: 'paused: confirm is refused',
      from: at('B', 'paused', { readyFor: 'A' }),
      action: { type: 'confirm' },
      actor: SUPERVISOR,
      days: 30,
      expect: { rejected: 'notAllowedNow' },
    },
    {
      name: 'resume returns to the same stage',
      from: at('B', 'paused'),
      action: { type: 'resume' },
      actor: OFFICER,
      expect: { status: 'inStage', stage: 'B' },
    },
    {
      name: 'resume when not paused changes nothing',
      from: at('B', 'inStage'),
      action: { type: 'resume' },
      actor: OFFICER,
      expect: { changed: false },
    },
    {
      name: 'step back from B → C, at any time',
      from: at('B', 'inStage'),
      action: { type: 'stepBack' },
      actor: OFFICER,
      expect: { stage: 'C', status: 'inStage' },
    },
    {
      name: 'step back from A while paused → B, in stage',
      from: at('A', 'paused'),
      action: { type: 'stepBack' },
      actor: OFFICER,
      expect: { stage: 'B', status: 'inStage' },
    },
    {
      name: 'step back from C → not started',
      from: at('C', 'inStage'),
      action: { type: 'stepBack' },
      actor: OFFICER,
      expect: { status: 'notStarted', stage: null },
    },
    {
      name: 'step back from complete → A',
      from: at('A', 'complete'),
      action: { type: 'stepBack' },
      actor: OFFICER,
      expect: { status: 'inStage', stage: 'A' },
    },
    {
      name: 'step back withdraws a pending "ready"',
      from: at(undefined, 'notStarted', { readyFor: 'C' }),
      action: { type: 'stepBack' },
      actor: OFFICER,
      expect: { readyFor: null, status: 'notStarted' },
    },
    {
      name: 'only the officer steps back',
      from: at('B', 'inStage'),
      action: { type: 'stepBack' },
      actor: TRAINER,
      expect: { rejected: 'notEntitled' },
    },
    {
      name: 'a reflection is stored',
      from: at('C', 'inStage'),
      action: { type: 'reflect', text: 'It was hard but okay', shared: false },
      actor: OFFICER,
      expect: { stage: 'C' },
    },
    {
      name: 'an empty reflection is refused',
      from: at('C', 'inStage'),
      action: { type: 'reflect', text: '   ', shared: false },
      actor: OFFICER,
      expect: { rejected: 'invalid' },
    },
    {
      name: 'a reflection before any stage is refused',
      from: at(undefined, 'notStarted'),
      action: { type: 'reflect', text: 'x', shared: false },
      actor: OFFICER,
      expect: { rejected: 'notAllowedNow' },
    },
    {
      name: 'nobody else writes a reflection',
      from: at('C', 'inStage'),
      action: { type: 'reflect', text: 'x', shared: true },
      actor: SUPERVISOR,
      expect: { rejected: 'notEntitled' },
    },
    {
      name: 'a note over the limit is refused',
      from: at('C', 'inStage'),
      action: { type: 'pause', note: 'x'.repeat(2001) },
      actor: OFFICER,
      expect: { rejected: 'invalid' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = transition(c.from, c.action, c.actor, ctx(c.days ?? 0));
      if (c.expect.rejected) {
        assert.equal(out.ok, false);
        if (!out.ok) assert.equal(out.rejection.code, c.expect.rejected);
        return;
      }
      assert.ok(out.ok, JSON.stringify(out));
      if (c.expect.changed === false) {
        assert.equal(out.changed, false);
        assert.equal(out.record, c.from);
        return;
      }
      assert.equal(out.changed, true);
      if (c.expect.status) assert.equal(out.record.status, c.expect.status);
      if (c.expect.stage !== undefined) assert.equal(out.record.stage, c.expect.stage ?? undefined);
      if (c.expect.readyFor !== undefined) assert.equal(out.record.readyFor, c.expect.readyFor ?? undefined);
    });
  }

  it('a refusal for the reflection period says when they can move on', () => {
    const out = transition(at('C', 'inStage'), { type: 'sayReady' }, OFFICER, ctx(2));
    assert.equal(out.ok, false);
    if (!out.ok && out.rejection.code === 'notYet') {
      assert.equal(out.rejection.canMoveOnFrom, new Date(T0 + 7 * DAY).toISOString());
      assert.match(out.rejection.message, /2026-11-30/);
    }
  });

  it('a private note on pause or step back is kept, with no reason asked', () => {
    const out = transition(at('B', 'inStage'), { type: 'stepBack', note: 'bad week at home' }, OFFICER, ctx());
    assert.ok(out.ok);
    assert.equal(out.record.privateNotes[0]?.text, 'bad week at home');
    assert.deepEqual(out.record.history.at(-1), { at: new Date(T0).toISOString(), event: 'steppedBack', by: OFFICER, stage: 'C' });
  });

  it('the reflection period is configuration: 0 days lets them move on at once', () => {
    const out = transition(at('C', 'inStage'), { type: 'sayReady' }, OFFICER, ctx(0, 0));
    assert.ok(out.ok && out.changed);
    assert.equal(canMoveOnFrom(at('C', 'inStage'), 0), new Date(T0).toISOString());
  });

  it('allowedActions follows transition: the officer at C after the period sees ready, pause, step back, reflect; the supervisor nothing', () => {
    assert.deepEqual(allowedActions(at('C', 'inStage'), OFFICER, ctx(8)), ['sayReady', 'pause', 'stepBack', 'reflect']);
    assert.deepEqual(allowedActions(at('C', 'inStage'), SUPERVISOR, ctx(8)), []);
    assert.deepEqual(allowedActions(at('C', 'inStage', { readyFor: 'B' }), SUPERVISOR, ctx(8)), ['confirm']);
    assert.deepEqual(allowedActions(at('C', 'inStage'), OFFICER, ctx(1)), ['pause', 'stepBack', 'reflect']);
  });

  it('off viewing (an open break or leave request): nothing moves on; the officer may still pause, step back and reflect', () => {
    const off: StageContext = { ...ctx(8), offViewingSince: new Date(T0 + 8 * DAY).toISOString() };
    const ready = at('C', 'inStage', { readyFor: 'B', readyAt: new Date(T0 + 7 * DAY).toISOString() });
    const confirm = transition(ready, { type: 'confirm' }, SUPERVISOR, off);
    assert.ok(!confirm.ok);
    assert.equal(confirm.rejection.code, 'notAllowedNow');
    assert.match(confirm.rejection.message, /off viewing/);
    const sayReady = transition(at('C', 'inStage'), { type: 'sayReady' }, OFFICER, off);
    assert.ok(!sayReady.ok);
    assert.match(sayReady.rejection.message, /off viewing/);
    assert.deepEqual(allowedActions(ready, SUPERVISOR, off), [], 'no confirm button while they are off viewing');
    assert.deepEqual(allowedActions(at('C', 'inStage'), OFFICER, off), ['pause', 'stepBack', 'reflect']);
    // Back on viewing: the same confirmation goes through.
    const back = transition(ready, { type: 'confirm' }, SUPERVISOR, ctx(8));
    assert.ok(back.ok && back.changed);
    assert.equal(back.record.stage, 'B');
  });

  it('describes the stage in words', () => {
    assert.equal(describeStage(undefined), 'Not started');
    assert.equal(describeStage(at('B', 'paused')), 'Stage B, paused');
    assert.equal(describeStage(at('C', 'inStage', { readyFor: 'B' })), 'Stage C; ready for stage B (waiting for confirmation)');
    assert.equal(describeStage(at('A', 'complete')), 'All stages complete');
  });
});

describe('staged exposure: properties', () => {
  const actor = fc.constantFrom(OFFICER, SUPERVISOR, TRAINER, STRANGER);
  const action: fc.Arbitrary<StageAction> = fc.oneof(
    fc.constant<StageAction>({ type: 'sayReady' }),
    fc.constant<StageAction>({ type: 'confirm' }),
    fc.constant<StageAction>({ type: 'pause' }),
    fc.constant<StageAction>({ type: 'resume' }),
    fc.constant<StageAction>({ type: 'stepBack' }),
    fc.constant<StageAction>({ type: 'reflect', text: 'ok', shared: false }),
  );
  const rank = (r: StagedExposure) => (r.status === 'complete' ? 3 : r.stage ? STAGES.indexOf(r.stage) : -1);

  it('stages move one step at a time; never forward without a confirmation after the reflection period; a step back is always allowed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ advanceDays: fc.integer({ min: 0, max: 10 }), actor, action }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 14 }),
        (steps, reflectionDays) => {
          let r = newStagedExposure(OFFICER, 'unit-2');
          let day = 0;
          for (const s of steps) {
            day += s.advanceDays;
            const c = ctx(day, reflectionDays);
            if (s.actor === OFFICER) {
              const back = transition(r, { type: 'stepBack' }, OFFICER, c);
              assert.ok(back.ok, 'a step back is never refused to the officer');
            }
            const out = transition(r, s.action, s.actor, c);
            if (!out.ok || !out.changed) continue;
            const before = rank(r);
            const after = rank(out.record);
            assert.ok(Math.abs(after - before) <= 1, 'one step at a time');
            if (after > before) {
              assert.equal(s.action.type, 'confirm', 'forward only by a confirmation');
              assert.ok([SUPERVISOR, TRAINER].includes(s.actor));
              if (r.stageSince && r.status === 'inStage')
                assert.ok(c.now.getTime() - Date.parse(r.stageSince) >= reflectionDays * DAY, 'after the reflection period');
              assert.equal(out.record.history.at(-1)?.event === 'confirmed' || out.record.history.at(-1)?.event === 'completed', true);
            }
            if (after < before) assert.equal(s.action.type, 'stepBack');
            r = out.record;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
