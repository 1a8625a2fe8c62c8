// Random journeys driven by random actors through up to 40 actions, with invariants checked after
// every step: withdrawing is always possible from a non-terminal state, nothing happens after a
// terminal one, and an actor with no part in the action changes nothing.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JOURNEY_STATES, isTerminal, transition, type Journey, type JourneyAction } from '../../../src/features/journeys/rules.ts';
import { ABOVE, CANDIDATE, DAY, HEAD, HR, STRANGER, SYSTEM, T0, TODAY, TRAINER, ctxAt, fresh, iso, person } from './journey-fixtures.ts';

const PEOPLE = [CANDIDATE, TRAINER, HEAD, HR, STRANGER, ABOVE];
/** Who may ever take each action (ABOVE only once a secondary review was escalated to them). */
const MAY: Record<JourneyAction['type'], string[]> = {
  agree: [HEAD, HR],
  scheduleExposure: [TRAINER],
  recordExposure: [TRAINER],
  review: [TRAINER],
  saveDraft: [CANDIDATE],
  submitQuestionnaire: [CANDIDATE],
  respondAttachment: [CANDIDATE],
  withdraw: [CANDIDATE],
  headReview: [HEAD, ABOVE],
  offerAttachment: [HEAD, ABOVE],
  markReady: [HEAD, ABOVE],
  cancel: [HEAD, ABOVE],
  sendQuestionnaire: [],
  tick: [],
  recordDebrief: [TRAINER],
};

const text = fc.constantFrom('', '  ', 'fine', 'a reason', 'x'.repeat(5000));
const actionArb: fc.Arbitrary<JourneyAction> = fc.oneof(
  fc.constant<JourneyAction>({ type: 'agree' }),
  fc
    .record({ days: fc.integer({ min: -2, max: 20 }), place: text })
    .map(({ days, place }): JourneyAction => ({ type: 'scheduleExposure', at: iso(T0.getTime() + days * DAY), place })),
  fc
    .constantFrom('done', 'didNotAttend', 'stoppedEarly')
    .map((outcome): JourneyAction => ({ type: 'recordExposure', outcome: outcome as never })),
  fc.constant<JourneyAction>({ type: 'sendQuestionnaire' }),
  fc
    .record(
      { feelings: text, reservations: text, relevance: text, support: text, willingness: fc.constantFrom('yes', 'notYet', 'no', 'maybe') },
      { requiredKeys: [] },
    )
    .chain((answers) =>
      fc.constantFrom<JourneyAction>(
        { type: 'saveDraft', answers: answers as never },
        { type: 'submitQuestionnaire', answers: answers as never },
      ),
    ),
  fc.constant<JourneyAction>({
    type: 'submitQuestionnaire',
    answers: { feelings: 'a', reservations: 'b', relevance: 'c', support: 'd', willingness: 'notYet' },
  }),
  fc
    .record({ outcome: fc.constantFrom('noConcerns', 'concerns'), note: text })
    .map((r): JourneyAction => ({ type: 'review', outcome: r.outcome as never, note: r.note })),
  fc
    .record({ outcome: fc.constantFrom('proceed', 'doNotProceed'), note: text })
    .map((r): JourneyAction => ({ type: 'headReview', outcome: r.outcome as never, note: r.note })),
  fc.constantFrom<JourneyAction>(
    { type: 'offerAttachment', from: TODAY, to: '2027-01-10' },
    { type: 'offerAttachment', from: '2027-01-10', to: TODAY },
  ),
  fc.constantFrom('accepted', 'declined').map((response): JourneyAction => ({ type: 'respondAttachment', response: response as never })),
  fc.constant<JourneyAction>({ type: 'markReady' }),
  fc.option(text, { nil: undefined }).map((rationale): JourneyAction => ({ type: 'withdraw', rationale })),
  text.map((reason): JourneyAction => ({ type: 'cancel', reason })),
  fc.constant<JourneyAction>({ type: 'tick' }),
  fc.constant<JourneyAction>({ type: 'tick' }),
  fc.constantFrom(TODAY, '2020-01-01', '2099-01-01', 'not a date', '').map((heldOn): JourneyAction => ({ type: 'recordDebrief', heldOn })),
);
const stepArb = fc.record({
  action: actionArb,
  actor: fc.constantFrom(...PEOPLE, 'system'),
  advanceHours: fc.integer({ min: 0, max: 72 }),
});

describe('pre-deployment journey properties', () => {
  it('withdraw is always possible from a non-terminal state; nothing after a terminal one; unentitled actors change nothing', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        let j: Journey = fresh();
        let now = T0.getTime();
        for (const s of steps) {
          now += s.advanceHours * 3_600_000;
          const ctx = ctxAt(new Date(now));
          const before = JSON.stringify(j);

          if (!isTerminal(j.state)) {
            const w = transition(j, { type: 'withdraw' }, person(CANDIDATE), ctx);
            assert.ok(w.ok && w.changed && w.journey.state === 'withdrawn', `withdraw refused from ${j.state}`);
            assert.equal(w.journey.withdrawal?.fromState, j.state);
          }

          const actor = s.actor === 'system' ? SYSTEM : person(s.actor);
          const r = transition(j, s.action, actor, ctx);
          assert.equal(JSON.stringify(j), before, 'transition never mutates its input');
          const escalatedTo = (j.headReview?.notices ?? []).map((n) => n.personId);
          const entitled =
            s.actor === 'system'
              ? s.action.type === 'tick' || s.action.type === 'sendQuestionnaire'
              : MAY[s.action.type].includes(s.actor) && (s.actor !== ABOVE || escalatedTo.includes(ABOVE));
          if (!entitled) {
            assert.ok(!r.ok && r.rejection.code === 'notEntitled', `${s.actor} ${s.action.type} in ${j.state} was not refused`);
            continue;
          }
          if (isTerminal(j.state)) {
            assert.ok(!r.ok || !r.changed, `${s.action.type} changed a ${j.state} journey`);
            continue;
          }
          if (!r.ok) continue;
          assert.ok((JOURNEY_STATES as readonly string[]).includes(r.journey.state));
          assert.ok(r.journey.timeline.length >= j.timeline.length, 'the timeline only grows');
          assert.deepEqual(r.journey.timeline.slice(0, j.timeline.length), j.timeline, 'history is never rewritten');
          // HR is only ever told that a move is cancelled, and only when it is.
          for (const e of r.effects) if (e.kind === 'tellHr') assert.ok(isTerminal(r.journey.state));
          // Free text never reaches the timeline.
          assert.ok(r.journey.timeline.every((e) => /^[A-Za-z]+$/.test(e.event)));
          j = r.journey;
        }
      }),
      { numRuns: 300 },
    );
  });
});
