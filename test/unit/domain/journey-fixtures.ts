// Journeys in every state, walked through the state machine from a new journey, for the unit tests.
import assert from 'node:assert/strict';
import {
  DEFAULT_JOURNEY_POLICY,
  newJourney,
  transition,
  type Journey,
  type JourneyAction,
  type JourneyActor,
  type JourneyContext,
} from '../../../src/features/journeys/rules.ts';

export const T0 = new Date('2026-11-23T09:00:00.000Z');
export const CANDIDATE = 'gus.novak';
export const TRAINER = 'tom.reed';
export const HEAD = 'dana.hughes';
export const HR = 'hana.ito';
export const ABOVE = 'dci.above';
export const STRANGER = 'alex.moreno';
export const DAY = 86_400_000;

/** The default policy but no gap after the debrief, so a walked journey stays at T0 (the gap has tests of its own). */
export const NO_GAP = { ...DEFAULT_JOURNEY_POLICY, debriefGapHours: 0 };

export function ctxAt(now: Date = T0, policy = NO_GAP): JourneyContext {
  return {
    now,
    policy,
    departmentHeadId: HEAD,
    hrIds: [HR],
    headReviewChain: [
      { personId: HEAD, role: 'departmentHead', delayMinutes: DEFAULT_JOURNEY_POLICY.headReviewLevelDelayMinutes },
      { personId: ABOVE, role: 'above', delayMinutes: DEFAULT_JOURNEY_POLICY.headReviewLevelDelayMinutes },
    ],
  };
}

export const person = (personId: string): JourneyActor => ({ kind: 'person', personId });
export const SYSTEM: JourneyActor = { kind: 'system' };

export const FULL_ANSWERS = {
  feelings: 'Calmer than I expected',
  reservations: 'Night work',
  relevance: 'Very relevant',
  support: 'A mentor',
  willingness: 'yes' as const,
};
export const iso = (ms: number) => new Date(ms).toISOString();
export const TODAY = T0.toISOString().slice(0, 10);
export const START = '2027-03-01';

export function fresh(): Journey {
  return newJourney(
    {
      id: 'jrn-000000000000000000000001',
      candidateId: CANDIDATE,
      unitId: 'unit-2',
      trainerId: TRAINER,
      openedBy: HEAD,
      plannedStartDate: START,
    },
    T0,
  );
}

export function step(j: Journey, action: JourneyAction, actor: JourneyActor, now: Date = T0): Journey {
  const r = transition(j, action, actor, ctxAt(now));
  assert.ok(r.ok, `fixture step ${action.type} refused: ${JSON.stringify(!r.ok && r.rejection)}`);
  return r.journey;
}

const walk: [string, (j: Journey) => Journey][] = [
  ['nominated', (j) => j],
  ['agreedInPrinciple', (j) => step(j, { type: 'agree' }, person(HEAD))],
  ['exposureScheduled', (j) => step(j, { type: 'scheduleExposure', at: iso(T0.getTime() + 2 * DAY), place: 'Room 4' }, person(TRAINER))],
  ['exposureDone', (j) => step(j, { type: 'recordExposure', outcome: 'done' }, person(TRAINER))],
  // The debrief recorded (no gap in these fixtures, the candidate at work): the questionnaire goes.
  ['questionnaireSent', (j) => step(j, { type: 'recordDebrief', heldOn: TODAY }, person(TRAINER))],
  ['questionnaireAnswered', (j) => step(j, { type: 'submitQuestionnaire', answers: FULL_ANSWERS }, person(CANDIDATE))],
];

/** A journey in each named state (two variants for headReview and attachment). */
export function journeysByState(): Record<string, Journey> {
  const out: Record<string, Journey> = {};
  let j = fresh();
  for (const [name, f] of walk) {
    j = f(j);
    out[name] = j;
  }
  const answered = out.questionnaireAnswered!;
  out.trainerReview = step(answered, { type: 'review', outcome: 'noConcerns' }, person(TRAINER));
  out.headReviewPending = step(answered, { type: 'review', outcome: 'concerns', note: 'Seemed shaken' }, person(TRAINER));
  out.headReviewProceeded = step(out.headReviewPending, { type: 'headReview', outcome: 'proceed' }, person(HEAD));
  out.attachmentOffered = step(out.trainerReview, { type: 'offerAttachment', from: TODAY, to: TODAY }, person(HEAD));
  out.attachmentAnswered = step(out.attachmentOffered, { type: 'respondAttachment', response: 'accepted' }, person(CANDIDATE));
  out.readyToStart = step(out.trainerReview, { type: 'markReady' }, person(HEAD));
  out.withdrawn = step(out.exposureScheduled!, { type: 'withdraw', rationale: 'Family reasons' }, person(CANDIDATE));
  out.cancelled = step(out.agreedInPrinciple!, { type: 'cancel', reason: 'Budget' }, person(HEAD));
  return out;
}
