// The pre-deployment state machine as a table: every action by every kind of actor in every state,
// accepted (with the state it leads to) or refused (with why). Anything not listed as accepted must
// be refused, so a new way through the machine cannot appear unnoticed.
import assert from 'node:assert/strict';
import {
  DEFAULT_JOURNEY_POLICY,
  allowedActions,
  answerProblems,
  daysToStart,
  openProblems,
  transition,
  type Journey,
  type JourneyAction,
  type JourneyActor,
} from '../../../src/features/journeys/rules.ts';
import { maySeeAnswers, maySeeCancellationReason, maySeeRationale, maySeeReviewNotes } from '../../../src/features/journeys/policy.ts';
import { ukWallTimeToIso } from '../../../src/kernel/uk-time.ts';
import {
  ABOVE,
  CANDIDATE,
  DAY,
  FULL_ANSWERS,
  HEAD,
  HR,
  STRANGER,
  SYSTEM,
  T0,
  TODAY,
  TRAINER,
  ctxAt,
  iso,
  journeysByState,
  person,
  step,
} from './journey-fixtures.ts';

const ACTIONS: Record<string, JourneyAction> = {
  agree: { type: 'agree' },
  schedule: { type: 'scheduleExposure', at: iso(T0.getTime() + 3 * DAY), place: 'Room 7' },
  recordDone: { type: 'recordExposure', outcome: 'done' },
  recordDidNotAttend: { type: 'recordExposure', outcome: 'didNotAttend' },
  recordStoppedEarly: { type: 'recordExposure', outcome: 'stoppedEarly' },
  sendQuestionnaire: { type: 'sendQuestionnaire' },
  saveDraft: { type: 'saveDraft', answers: { feelings: 'Still thinking' } },
  submit: { type: 'submitQuestionnaire', answers: FULL_ANSWERS },
  reviewNoConcerns: { type: 'review', outcome: 'noConcerns' },
  reviewConcerns: { type: 'review', outcome: 'concerns', note: 'Worried about sleep' },
  headProceed: { type: 'headReview', outcome: 'proceed' },
  headDoNotProceed: { type: 'headReview', outcome: 'doNotProceed', note: 'Not this year' },
  offerAttachment: { type: 'offerAttachment', from: TODAY, to: '2026-12-04' },
  acceptAttachment: { type: 'respondAttachment', response: 'accepted' },
  declineAttachment: { type: 'respondAttachment', response: 'declined' },
  markReady: { type: 'markReady' },
  withdraw: { type: 'withdraw', rationale: 'Changed my mind' },
  cancel: { type: 'cancel', reason: 'Post withdrawn' },
  tick: { type: 'tick' },
  recordDebrief: { type: 'recordDebrief', heldOn: TODAY },
};

/** Who may take each action at all (else: notEntitled, whatever the state). */
const ENTITLED: Record<string, string[]> = {
  agree: [HEAD, HR],
  schedule: [TRAINER],
  recordDone: [TRAINER],
  recordDidNotAttend: [TRAINER],
  recordStoppedEarly: [TRAINER],
  reviewNoConcerns: [TRAINER],
  reviewConcerns: [TRAINER],
  saveDraft: [CANDIDATE],
  submit: [CANDIDATE],
  acceptAttachment: [CANDIDATE],
  declineAttachment: [CANDIDATE],
  withdraw: [CANDIDATE],
  headProceed: [HEAD],
  headDoNotProceed: [HEAD],
  offerAttachment: [HEAD],
  markReady: [HEAD],
  cancel: [HEAD],
  sendQuestionnaire: ['system'],
  tick: ['system'],
  recordDebrief: [TRAINER],
};

const ACTORS = [CANDIDATE, TRAINER, HEAD, HR, STRANGER, ABOVE, 'system'];
const actorOf = (id: string): JourneyActor => (id === 'system' ? SYSTEM : person(id));

/** Accepted (action, actor) per state → the state it leads to, or 'unchanged' (a no-op that is not refused). */
const ACCEPTED: Record<string, Record<string, Record<string, string>>> = {
  nominated: { agree: { [HEAD]: 'agreedInPrinciple', [HR]: 'agreedInPrinciple' } },
  agreedInPrinciple: { agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' }, schedule: { [TRAINER]: 'exposureScheduled' } },
  exposureScheduled: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    schedule: { [TRAINER]: 'exposureScheduled' },
    // Done (or stopped early) opens the debrief; the questionnaire waits for it.
    recordDone: { [TRAINER]: 'exposureDone' },
    recordStoppedEarly: { [TRAINER]: 'exposureDone' },
    recordDidNotAttend: { [TRAINER]: 'agreedInPrinciple' },
  },
  exposureDone: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    // No debrief yet: Haven sends nothing; the trainer's debrief (no gap in these fixtures) sends it.
    recordDebrief: { [TRAINER]: 'questionnaireSent' },
  },
  questionnaireSent: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    saveDraft: { [CANDIDATE]: 'questionnaireSent' },
    submit: { [CANDIDATE]: 'questionnaireAnswered' },
  },
  questionnaireAnswered: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    reviewNoConcerns: { [TRAINER]: 'trainerReview' },
    reviewConcerns: { [TRAINER]: 'headReview' },
  },
  trainerReview: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    offerAttachment: { [HEAD]: 'attachment' },
    markReady: { [HEAD]: 'readyToStart' },
  },
  headReviewPending: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    headProceed: { [HEAD]: 'headReview' },
    headDoNotProceed: { [HEAD]: 'cancelled' },
  },
  headReviewProceeded: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    offerAttachment: { [HEAD]: 'attachment' },
    markReady: { [HEAD]: 'readyToStart' },
  },
  attachmentOffered: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    offerAttachment: { [HEAD]: 'attachment' },
    acceptAttachment: { [CANDIDATE]: 'attachment' },
    declineAttachment: { [CANDIDATE]: 'attachment' },
  },
  attachmentAnswered: {
    agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' },
    acceptAttachment: { [CANDIDATE]: 'unchanged' },
    markReady: { [HEAD]: 'readyToStart' },
  },
  readyToStart: { agree: { [HEAD]: 'unchanged', [HR]: 'unchanged' }, markReady: { [HEAD]: 'unchanged' } },
  withdrawn: { withdraw: { [CANDIDATE]: 'unchanged' } },
  cancelled: { cancel: { [HEAD]: 'unchanged' } },
};
// Withdraw and cancel are possible from every state but the terminal ones; Haven's own steps never fail.
// Once a debrief is recorded, recording the same one again is a no-op in every later state.
for (const state of ['questionnaireSent', 'questionnaireAnswered', 'trainerReview', 'headReviewPending', 'headReviewProceeded'])
  ACCEPTED[state]!.recordDebrief = { [TRAINER]: 'unchanged' };
for (const state of ['attachmentOffered', 'attachmentAnswered', 'readyToStart'])
  ACCEPTED[state]!.recordDebrief = { [TRAINER]: 'unchanged' };
for (const state of Object.keys(ACCEPTED)) {
  if (state !== 'withdrawn' && state !== 'cancelled') {
    ACCEPTED[state]!.withdraw = { [CANDIDATE]: 'withdrawn' };
    ACCEPTED[state]!.cancel = { [HEAD]: 'cancelled' };
  }
  ACCEPTED[state]!.tick ??= { system: 'unchanged' };
  ACCEPTED[state]!.sendQuestionnaire ??= { system: 'unchanged' };
}

describe('pre-deployment journey: every action in every state', () => {
  const journeys = journeysByState();
  for (const [state, journey] of Object.entries(journeys)) {
    describe(state, () => {
      for (const [name, action] of Object.entries(ACTIONS)) {
        for (const actorId of ACTORS) {
          const expected = ACCEPTED[state]?.[name]?.[actorId];
          const entitled = ENTITLED[name]!.includes(actorId);
          const label = expected
            ? `${name} by ${actorId} → ${expected}`
            : `${name} by ${actorId} is refused (${entitled ? 'notAllowedNow/invalid' : 'notEntitled'})`;
          it(label, () => {
            const before = JSON.stringify(journey);
            const r = transition(journey, action, actorOf(actorId), ctxAt());
            assert.equal(JSON.stringify(journey), before, 'the input is never mutated');
            if (!expected) {
              assert.equal(r.ok, false, `expected a refusal, got ${r.ok && r.journey.state}`);
              if (!r.ok) {
                if (entitled) assert.ok(r.rejection.code === 'notAllowedNow' || r.rejection.code === 'invalid', r.rejection.code);
                else assert.equal(r.rejection.code, 'notEntitled');
                assert.ok(r.rejection.message.length > 10);
              }
              return;
            }
            assert.ok(r.ok, JSON.stringify(!r.ok && r.rejection));
            if (expected === 'unchanged') {
              assert.equal(r.changed, false);
              assert.deepEqual(r.effects, []);
              assert.equal(r.journey, journey);
            } else {
              assert.equal(r.changed, true);
              assert.equal(r.journey.state, expected);
            }
          });
        }
      }
    });
  }
});

describe('pre-deployment journey: rules in detail', () => {
  const journeys = journeysByState();

  it('did not attend returns to agreed in principle, keeps the record, and the exposure can be rebooked', () => {
    const j = step(journeys.exposureScheduled!, ACTIONS.recordDidNotAttend!, person(TRAINER));
    assert.equal(j.exposure?.outcome, 'didNotAttend');
    assert.ok(j.timeline.some((e) => e.event === 'exposureDidNotAttend'));
    const rebooked = step(j, ACTIONS.schedule!, person(TRAINER));
    assert.equal(rebooked.state, 'exposureScheduled');
    assert.equal(rebooked.exposure?.outcome, undefined);
  });

  it('stopped early is recorded and, as after done, the debrief comes first: no questionnaire yet', () => {
    const r = transition(journeys.exposureScheduled!, ACTIONS.recordStoppedEarly!, person(TRAINER), ctxAt());
    assert.ok(r.ok);
    assert.equal(r.journey.exposure?.outcome, 'stoppedEarly');
    assert.equal(r.journey.state, 'exposureDone');
    assert.deepEqual(r.effects, [
      { kind: 'tellCandidate', event: 'exposureDone' },
      { kind: 'tellTrainer', event: 'debriefDue' },
    ]);
  });

  it("the debrief: recorded by the trainer (the day only), then the questionnaire after the gap, in the candidate's working time", () => {
    const gap = { ...DEFAULT_JOURNEY_POLICY, debriefGapHours: 24 };
    const at = (hours: number, atWork?: boolean) => ({
      ...ctxAt(new Date(T0.getTime() + hours * 3_600_000), gap),
      candidateAtWork: atWork,
    });
    const done = journeys.exposureDone!;
    // Only the trainer, only a real day, not in the future, not before the exposure.
    const byCandidate = transition(done, ACTIONS.recordDebrief!, person(CANDIDATE), at(0));
    assert.ok(!byCandidate.ok && byCandidate.rejection.code === 'notEntitled');
    for (const heldOn of ['', 'tomorrow', '2026-02-30', '2026-11-24', '2026-11-01']) {
      const r = transition(done, { type: 'recordDebrief', heldOn }, person(TRAINER), at(0));
      assert.ok(!r.ok && r.rejection.code === 'invalid', heldOn);
    }
    const held = transition(done, ACTIONS.recordDebrief!, person(TRAINER), at(0));
    assert.ok(held.ok && held.changed);
    assert.equal(held.journey.state, 'exposureDone', 'the questionnaire waits for the gap');
    assert.deepEqual(held.journey.debrief, { heldOn: TODAY, recordedBy: TRAINER, recordedAt: T0.toISOString() });
    assert.deepEqual(held.effects, [{ kind: 'tellCandidate', event: 'debriefHeld' }]);
    assert.equal(held.journey.timeline.at(-1)?.event, 'debriefHeld');
    // A second click is a no-op; another day is refused.
    const again = transition(held.journey, ACTIONS.recordDebrief!, person(TRAINER), at(1));
    assert.ok(again.ok && !again.changed);
    const other = transition(held.journey, { type: 'recordDebrief', heldOn: '2026-11-22' }, person(TRAINER), at(1));
    assert.ok(!other.ok && other.rejection.code === 'notAllowedNow');
    // Before the gap, or outside the candidate's working time, Haven sends nothing.
    for (const ctx of [at(23.9, true), at(24, false)]) {
      const r = transition(held.journey, ACTIONS.tick!, SYSTEM, ctx);
      assert.ok(r.ok && !r.changed);
      const s = transition(held.journey, ACTIONS.sendQuestionnaire!, SYSTEM, ctx);
      assert.ok(s.ok && !s.changed);
    }
    const sent = transition(held.journey, ACTIONS.tick!, SYSTEM, at(24, true));
    assert.ok(sent.ok && sent.changed);
    assert.equal(sent.journey.state, 'questionnaireSent');
    assert.deepEqual(sent.effects, [{ kind: 'questionnaire', reason: 'sent' }]);
    // The candidate can step back at any time, before or after the debrief.
    for (const j of [done, held.journey]) {
      const w = transition(j, ACTIONS.withdraw!, person(CANDIDATE), at(1));
      assert.ok(w.ok && w.journey.state === 'withdrawn');
    }
    // The trainer is offered the debrief form exactly while it waits on them.
    assert.ok(allowedActions(done, TRAINER, at(0)).includes('recordDebrief'));
    assert.ok(!allowedActions(held.journey, TRAINER, at(1)).includes('recordDebrief'));
    assert.ok(!allowedActions(done, CANDIDATE, at(0)).includes('recordDebrief'));
  });

  it('an exposure in the past, or with no place, is refused with every problem listed', () => {
    const r = transition(
      journeys.agreedInPrinciple!,
      { type: 'scheduleExposure', at: iso(T0.getTime() - DAY), place: '  ' },
      person(TRAINER),
      ctxAt(),
    );
    assert.ok(!r.ok);
    assert.equal(r.rejection.code, 'invalid');
    assert.equal(r.rejection.code === 'invalid' && r.rejection.problems?.length, 2);
  });

  it('submitting checks every required answer; a draft may be incomplete and is kept until submit', () => {
    const q = journeys.questionnaireSent!;
    const refused = transition(q, { type: 'submitQuestionnaire', answers: { feelings: 'ok' } }, person(CANDIDATE), ctxAt());
    assert.ok(!refused.ok && refused.rejection.code === 'invalid');
    assert.equal(!refused.ok && refused.rejection.code === 'invalid' && refused.rejection.problems?.length, 4);
    const drafted = step(q, { type: 'saveDraft', answers: { feelings: ' ok ', willingness: 'notYet' } }, person(CANDIDATE));
    assert.deepEqual(drafted.questionnaire?.draft, { feelings: 'ok', willingness: 'notYet' });
    assert.equal(drafted.timeline.length, q.timeline.length, 'a draft is not an event');
    const submitted = step(drafted, ACTIONS.submit!, person(CANDIDATE));
    assert.equal(submitted.questionnaire?.draft, undefined);
    assert.deepEqual(submitted.questionnaire?.answers, FULL_ANSWERS);
    assert.deepEqual(answerProblems({ ...FULL_ANSWERS, willingness: 'maybe' as never }, true), [
      'Choose yes, not yet or no for the training course.',
    ]);
  });

  it('concerns need a note and open a secondary review with a deadline from the policy', () => {
    const r = transition(journeys.questionnaireAnswered!, { type: 'review', outcome: 'concerns', note: ' ' }, person(TRAINER), ctxAt());
    assert.ok(!r.ok && r.rejection.code === 'invalid');
    const j = journeys.headReviewPending!;
    assert.equal(j.headReview?.dueBy, iso(T0.getTime() + ctxAt().policy.headReviewDays * DAY));
  });

  it('the department head deciding the move does not go ahead cancels it, with the note as the reason, and HR is told', () => {
    const r = transition(journeys.headReviewPending!, ACTIONS.headDoNotProceed!, person(HEAD), ctxAt());
    assert.ok(r.ok);
    assert.equal(r.journey.cancellation?.reason, 'Not this year');
    assert.ok(r.effects.some((e) => e.kind === 'tellHr' && e.personId === HR));
  });

  it('withdrawal keeps the step it came from and the optional rationale, tells trainer, head and HR', () => {
    const r = transition(journeys.questionnaireSent!, ACTIONS.withdraw!, person(CANDIDATE), ctxAt());
    assert.ok(r.ok);
    assert.equal(r.journey.withdrawal?.fromState, 'questionnaireSent');
    assert.equal(r.journey.withdrawal?.rationale, 'Changed my mind');
    assert.deepEqual(r.effects.map((e) => e.kind).sort(), ['tellCandidate', 'tellHead', 'tellHr', 'tellTrainer']);
    const silent = transition(journeys.nominated!, { type: 'withdraw' }, person(CANDIDATE), ctxAt());
    assert.ok(silent.ok && silent.journey.withdrawal && !('rationale' in silent.journey.withdrawal));
  });

  it('ready to start asks for the ongoing-care seed with the planned start date', () => {
    const r = transition(journeys.trainerReview!, ACTIONS.markReady!, person(HEAD), ctxAt());
    assert.ok(r.ok);
    assert.ok(r.effects.some((e) => e.kind === 'seedOngoingCare' && e.startDate === journeys.trainerReview!.plannedStartDate));
  });

  it('reminds the candidate after N days, again every N days, tells the trainer once after M days', () => {
    const q = journeys.questionnaireSent!;
    const at = (days: number) => new Date(T0.getTime() + days * DAY);
    const tick = (j: Journey, days: number) => transition(j, ACTIONS.tick!, SYSTEM, ctxAt(at(days)));
    const early = tick(q, 2.9);
    assert.ok(early.ok && !early.changed);
    const first = tick(q, 3);
    assert.ok(first.ok && first.changed);
    assert.deepEqual(first.effects, [{ kind: 'questionnaire', reason: 'reminder' }]);
    const again = tick(first.journey, 4);
    assert.ok(again.ok && !again.changed, 'not twice in a period');
    const second = tick(first.journey, 6);
    assert.ok(second.ok && second.changed);
    const week = tick(second.journey, 7);
    assert.ok(week.ok);
    assert.deepEqual(week.effects, [{ kind: 'tellTrainer', event: 'questionnaireUnanswered' }]);
    const later = tick(week.journey, 8);
    assert.ok(later.ok && !later.effects.some((e) => e.kind === 'tellTrainer'), 'the trainer is told once');
  });

  it('an overdue secondary review walks the chain: head, then above, one level per delay; answered stops it', () => {
    const j = journeys.headReviewPending!;
    const due = new Date(j.headReview!.dueBy).getTime();
    const notYet = transition(j, ACTIONS.tick!, SYSTEM, ctxAt(new Date(due - 1)));
    assert.ok(notYet.ok && !notYet.changed);
    const first = transition(j, ACTIONS.tick!, SYSTEM, ctxAt(new Date(due)));
    assert.ok(first.ok);
    assert.deepEqual(first.effects, [{ kind: 'headReviewTask', personId: HEAD, reason: 'overdue' }]);
    const soon = transition(first.journey, ACTIONS.tick!, SYSTEM, ctxAt(new Date(due + 60_000)));
    assert.ok(soon.ok && !soon.changed);
    const next = transition(first.journey, ACTIONS.tick!, SYSTEM, ctxAt(new Date(due + DAY)));
    assert.ok(next.ok);
    assert.deepEqual(next.effects, [{ kind: 'headReviewTask', personId: ABOVE, reason: 'overdue' }]);
    // Whoever it was escalated to stands in for the head, reads the answers and may decide.
    assert.ok(maySeeAnswers(next.journey, ABOVE, ctxAt()));
    const decided = transition(next.journey, ACTIONS.headProceed!, person(ABOVE), ctxAt(new Date(due + DAY)));
    assert.ok(decided.ok && decided.changed);
    const after = transition(decided.journey, ACTIONS.tick!, SYSTEM, ctxAt(new Date(due + 3 * DAY)));
    assert.ok(after.ok && !after.changed);
  });

  it('privacy: answers for the candidate, the trainer, and the head only once a secondary review exists; never HR', () => {
    const answered = journeys.questionnaireAnswered!;
    const ctx = ctxAt();
    assert.deepEqual(
      [CANDIDATE, TRAINER, HEAD, HR, STRANGER].map((id) => maySeeAnswers(answered, id, ctx)),
      [true, true, false, false, false],
    );
    assert.deepEqual(
      [CANDIDATE, TRAINER, HEAD, HR, STRANGER].map((id) => maySeeAnswers(journeys.headReviewPending!, id, ctx)),
      [true, true, true, false, false],
    );
    assert.deepEqual(
      [CANDIDATE, TRAINER, HEAD, HR].map((id) => maySeeReviewNotes(journeys.headReviewPending!, id, ctx)),
      [false, true, true, false],
    );
    assert.deepEqual(
      [CANDIDATE, TRAINER, HEAD, HR, STRANGER].map((id) => maySeeRationale(journeys.withdrawn!, id, ctx)),
      [true, true, true, false, false],
    );
    assert.deepEqual(
      [CANDIDATE, TRAINER, HEAD, HR].map((id) => maySeeCancellationReason(journeys.cancelled!, id, ctx)),
      [false, false, true, false],
    );
  });

  it('allowedActions offers exactly the buttons that would change something', () => {
    const ctx = ctxAt();
    assert.deepEqual(allowedActions(journeys.nominated!, HEAD, ctx), ['agree', 'cancel']);
    assert.deepEqual(allowedActions(journeys.nominated!, HR, ctx), ['agree']);
    assert.deepEqual(allowedActions(journeys.nominated!, CANDIDATE, ctx), ['withdraw']);
    assert.deepEqual(allowedActions(journeys.exposureScheduled!, TRAINER, ctx), ['scheduleExposure', 'recordExposure']);
    assert.deepEqual(allowedActions(journeys.questionnaireSent!, CANDIDATE, ctx), ['saveDraft', 'submitQuestionnaire', 'withdraw']);
    assert.deepEqual(allowedActions(journeys.trainerReview!, HEAD, ctx), ['offerAttachment', 'markReady', 'cancel']);
    assert.deepEqual(allowedActions(journeys.withdrawn!, CANDIDATE, ctx), []);
    assert.deepEqual(allowedActions(journeys.cancelled!, HEAD, ctx), []);
    assert.deepEqual(allowedActions(journeys.trainerReview!, STRANGER, ctx), []);
  });

  it('opening checks every problem at once', () => {
    const problems = openProblems(
      { candidateId: 'x', trainerId: 'x', plannedStartDate: '2026-02-30', unitId: 'nope' },
      {
        candidate: undefined,
        trainer: { roles: ['officer'], unitId: 'unit-2' },
        unitExists: false,
        candidateHasOpenJourney: true,
        today: TODAY,
      },
    );
    assert.equal(problems.length, 6, problems.join('\n'));
    assert.deepEqual(
      openProblems(
        { candidateId: CANDIDATE, trainerId: TRAINER, plannedStartDate: '2027-03-01', unitId: 'unit-2' },
        {
          candidate: { roles: ['candidate'] },
          trainer: { roles: ['trainer'], unitId: 'unit-2' },
          unitExists: true,
          candidateHasOpenJourney: false,
          today: TODAY,
        },
      ),
      [],
    );
  });

  it('days to start counts whole UK days and goes negative once passed', () => {
    assert.equal(daysToStart('2026-11-24', T0), 1);
    assert.equal(daysToStart('2026-11-23', T0), 0);
    assert.equal(daysToStart('2026-11-20', T0), -3);
  });

  it('a UK wall-clock time becomes the right instant in winter and summer', () => {
    assert.equal(ukWallTimeToIso('2026-12-03', '10:00'), '2026-12-03T10:00:00.000Z');
    assert.equal(ukWallTimeToIso('2026-07-03', '10:00'), '2026-07-03T09:00:00.000Z');
    assert.equal(ukWallTimeToIso('2026-02-30', '10:00'), undefined);
    assert.equal(ukWallTimeToIso('2026-07-03', '25:00'), undefined);
  });
});
