import assert from 'node:assert/strict';
import type { Journey } from '../../../src/features/journeys/rules.ts';
import {
  buildProcessReview,
  daysBetween,
  daysFigures,
  isInPeriod,
  isIsoDay,
  journeyDetail,
  lastTwelveMonths,
  reviewRow,
  summarise,
} from '../../../src/features/process-review/rules.ts';
import { mayOpenJourneyDetail, reviewAccessFor } from '../../../src/features/process-review/policy.ts';
import { canariesOf, canaryJourney } from '../../fixtures/journey-canaries.ts';
import { DEMO_NOW, DEMO_PERIOD, demoJourneys, demoProcessReview, demoRoster } from '../../fixtures/process-review.ts';

const roster = demoRoster();
const person = (id: string) => roster.people.find((p) => p.id === id);

function journey(over: Partial<Journey>): Journey {
  return {
    id: 'j-1',
    candidateId: 'gus.novak',
    unitId: 'unit-2',
    trainerId: 'tom.reed',
    openedBy: 'dana.hughes',
    openedAt: '2026-03-02T09:00:00.000Z',
    plannedStartDate: '2026-06-01',
    state: 'nominated',
    timeline: [],
    ...over,
  };
}

describe('process review: which journeys are in the period', () => {
  const period = { from: '2026-01-01', to: '2026-06-30' };
  const cases: { name: string; j: Partial<Journey>; in: boolean }[] = [
    { name: 'opened in the period, still open', j: { openedAt: '2026-02-01T09:00:00Z', state: 'exposureScheduled' }, in: true },
    { name: 'opened before, still open (open throughout)', j: { openedAt: '2025-10-01T09:00:00Z', state: 'trainerReview' }, in: true },
    {
      name: 'opened before, closed in the period',
      j: { openedAt: '2025-10-01T09:00:00Z', state: 'readyToStart', readyAt: '2026-01-10T10:00:00Z' },
      in: true,
    },
    {
      name: 'closed on the first day',
      j: { openedAt: '2025-10-01T09:00:00Z', state: 'withdrawn', withdrawal: { at: '2026-01-01T08:00:00Z', fromState: 'nominated' } },
      in: true,
    },
    {
      name: 'closed the day before the period',
      j: { openedAt: '2025-10-01T09:00:00Z', state: 'withdrawn', withdrawal: { at: '2025-12-31T23:00:00Z', fromState: 'nominated' } },
      in: false,
    },
    { name: 'opened on the last day', j: { openedAt: '2026-06-30T16:00:00Z' }, in: true },
    { name: 'opened after the period', j: { openedAt: '2026-07-01T09:00:00Z' }, in: false },
    {
      name: 'cancelled, closing date from the timeline',
      j: {
        openedAt: '2025-10-01T09:00:00Z',
        state: 'cancelled',
        timeline: [{ at: '2025-11-01T09:00:00Z', event: 'cancelled', by: 'dana.hughes', from: 'agreedInPrinciple' }],
      },
      in: false,
    },
  ];
  for (const c of cases) it(`${c.name}: ${c.in ? 'in' : 'out'}`, () => assert.equal(isInPeriod(journey(c.j), period), c.in));
});

describe('process review: one row', () => {
  const cases: { name: string; j: Partial<Journey>; expect: Record<string, unknown> }[] = [
    {
      name: 'ready to start: days to the ready day',
      j: {
        state: 'readyToStart',
        agreedAt: '2026-03-05T10:00:00Z',
        exposure: { at: '2026-03-20T13:30:00Z', place: 'x', scheduledBy: 'tom.reed', scheduledAt: '2026-03-06T10:00:00Z', outcome: 'done' },
        readyAt: '2026-04-04T10:00:00Z',
      },
      expect: {
        outcome: 'readyToStart',
        outcomeText: 'Ready to start',
        daysAgreementToExposure: 15,
        daysAgreementToStart: 30,
        startBasis: 'ready',
        readyOn: '2026-04-04',
        closedOn: '2026-04-04',
        exposureOutcome: 'done',
      },
    },
    {
      name: 'withdrawn: the step comes from the withdrawal record, days to the planned start',
      j: {
        state: 'withdrawn',
        agreedAt: '2026-03-05T10:00:00Z',
        withdrawal: { at: '2026-03-10T10:00:00Z', fromState: 'exposureScheduled' },
      },
      expect: {
        outcome: 'withdrawn',
        outcomeStep: 'exposureScheduled',
        outcomeText: 'Withdrawn at Controlled exposure booked',
        daysAgreementToStart: 88,
        startBasis: 'planned',
        closedOn: '2026-03-10',
      },
    },
    {
      name: 'withdrawn: the step falls back to the timeline',
      j: { state: 'withdrawn', timeline: [{ at: '2026-03-10T10:00:00Z', event: 'withdrawn', by: 'gus.novak', from: 'questionnaireSent' }] },
      expect: {
        outcome: 'withdrawn',
        outcomeStep: 'questionnaireSent',
        outcomeText: 'Withdrawn at Questionnaire sent',
        daysAgreementToStart: undefined,
      },
    },
    {
      name: 'cancelled at the department head review, with concerns',
      j: {
        state: 'cancelled',
        trainerReview: { by: 'tom.reed', at: '2026-03-27T10:00:00Z', outcome: 'concerns' },
        headReview: { requestedAt: '2026-03-27T10:00:00Z', dueBy: '2026-04-03T10:00:00Z', outcome: 'doNotProceed' },
        cancellation: { at: '2026-04-02T10:00:00Z', by: 'dana.hughes', fromState: 'headReview', reason: 'x' },
      },
      expect: {
        outcome: 'cancelled',
        outcomeStep: 'headReview',
        outcomeText: 'Cancelled at Department head review',
        concernsRaised: true,
        headReview: 'doNotProceed',
      },
    },
    {
      name: 'in progress, head review requested but not done',
      j: {
        state: 'headReview',
        headReview: { requestedAt: '2026-03-27T10:00:00Z', dueBy: '2026-04-03T10:00:00Z' },
        trainerReview: { by: 'tom.reed', at: '2026-03-27T10:00:00Z', outcome: 'noConcerns' },
      },
      expect: {
        outcome: 'inProgress',
        outcomeText: 'In progress: Department head review',
        headReview: 'pending',
        concernsRaised: false,
        closedOn: undefined,
      },
    },
    {
      name: 'names come from the roster; an erased person shows as their id',
      j: { candidateId: 'someone.erased' },
      expect: { candidateName: 'someone.erased', trainerName: 'Tom Reed', unitName: 'Online Child Abuse Team 2' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const row = reviewRow(journey(c.j), roster) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(row[k], v, k);
    });
  }
});

describe('process review: figures', () => {
  const cases: { values: number[]; median?: number; mean?: number }[] = [
    { values: [], median: undefined, mean: undefined },
    { values: [5], median: 5, mean: 5 },
    { values: [10, 2, 6], median: 6, mean: 6 },
    { values: [1, 2, 3, 10], median: 2.5, mean: 4 },
    { values: [1, 2, 2], median: 2, mean: 1.7 },
  ];
  for (const c of cases) {
    it(`median ${c.median} and mean ${c.mean} of [${c.values.join(', ')}]`, () => {
      const f = daysFigures(c.values);
      assert.equal(f.count, c.values.length);
      assert.equal(f.median, c.median);
      assert.equal(f.mean, c.mean);
    });
  }

  it('the demo journeys: counts by outcome, withdrawals by step in journey order, concerns and head reviews', () => {
    const review = demoProcessReview();
    assert.equal(review.rows.length, 10);
    assert.deepEqual(review.summary.byOutcome, { readyToStart: 3, withdrawn: 4, cancelled: 1, inProgress: 2 });
    assert.deepEqual(
      review.summary.withdrawalsByStep.map((w) => [w.step, w.count]),
      [
        ['agreedInPrinciple', 1],
        ['exposureScheduled', 1],
        ['questionnaireSent', 1],
        ['trainerReview', 1],
      ],
    );
    assert.equal(review.summary.concernsRaised, 2);
    assert.equal(review.summary.headReviews, 2);
    assert.equal(review.summary.agreementToStart.count, 10);
    assert.equal(review.summary.agreementToExposure.count, 9);
    assert.deepEqual(
      review.rows.map((r) => r.candidateId),
      [
        'kai.brennan',
        'lena.fischer',
        'marcus.obi',
        'nina.kowalski',
        'owen.price',
        'ruth.adler',
        'sofia.reyes',
        'theo.marsh',
        'uma.lindqvist',
        'victor.hale',
      ],
    );
    assert.deepEqual(review.unitNames, ['Online Child Abuse Team 2']);
    assert.equal(review.generatedAt, DEMO_NOW.toISOString());
  });

  it('a withdrawal with no recorded step still counts', () => {
    const s = summarise([reviewRow(journey({ state: 'withdrawn' }), roster)]);
    assert.deepEqual(s.withdrawalsByStep, [{ step: 'withdrawn', title: 'Step not recorded', count: 1 }]);
  });

  it('limits to the units asked for', () => {
    const other = journey({ id: 'j-other', unitId: 'unit-9', openedAt: '2026-02-01T09:00:00Z' });
    assert.equal(
      buildProcessReview([...demoJourneys(), other], roster, DEMO_PERIOD, ['unit-2'], DEMO_NOW).rows.some((r) => r.journeyId === 'j-other'),
      false,
    );
    assert.equal(
      buildProcessReview([...demoJourneys(), other], roster, DEMO_PERIOD, undefined, DEMO_NOW).rows.some((r) => r.journeyId === 'j-other'),
      true,
    );
  });
});

describe('process review: no answer text, ever', () => {
  for (const state of ['withdrawn', 'cancelled', 'readyToStart', 'headReview'] as const) {
    it(`a ${state} journey with a canary in every free-text field: none in the review or the detail`, () => {
      const j = canaryJourney(`canary-${state}`, state, { readyAt: '2026-04-02T10:00:00.000Z' });
      const text = JSON.stringify([
        buildProcessReview([j], roster, { from: '2026-01-01', to: '2026-12-31' }, undefined, DEMO_NOW),
        journeyDetail(j, roster),
      ]);
      for (const c of canariesOf(j.id)) assert.ok(!text.includes(c), `${c} leaked`);
      assert.match(text, /canary-/, 'the journey itself is in the review');
    });
  }

  it('the demo answers (which exist in the seed file) are not in the demo review', () => {
    const seeded = JSON.stringify(demoJourneys());
    assert.match(seeded, /Demo answer \(fictional\)/, 'the seed file has answers to catch');
    assert.doesNotMatch(JSON.stringify(demoProcessReview()), /Demo (answer|note|draft|rationale|reason)/);
  });

  it('a timeline event that is not a domain word is shown as a neutral placeholder', () => {
    const j = journey({ timeline: [{ at: '2026-03-02T09:00:00Z', event: 'I feel awful, please call me', by: 'gus.novak' }] });
    assert.deepEqual(
      journeyDetail(j, roster).timeline.map((e) => e.text),
      ['Recorded step (Gus Novak)'],
    );
  });
});

describe('process review: who may see it', () => {
  const cases: { who: string; units?: string[]; detail?: boolean }[] = [
    { who: 'dana.hughes', units: ['unit-2'], detail: true },
    { who: 'tom.reed', units: ['unit-2'], detail: false },
    { who: 'sam.okafor' },
    { who: 'priya.shah' },
    { who: 'alex.moreno' },
    { who: 'gus.novak' },
    { who: 'nobody.here' },
  ];
  for (const c of cases) {
    it(`${c.who}: ${c.units ? `units ${c.units.join(',')}, detail ${c.detail}` : 'refused'}`, () => {
      const access = reviewAccessFor(person(c.who), roster);
      if (!c.units) assert.equal(access, undefined);
      else assert.deepEqual(access, { unitIds: c.units, canOpenDetail: c.detail });
    });
  }

  it('a department head of another unit may not open a unit-2 journey', () => {
    const other = { ...person('dana.hughes')!, id: 'ola.head', unitId: 'unit-9' };
    const r = {
      ...roster,
      units: [...roster.units, { id: 'unit-9', name: 'Team 9', departmentHeadId: 'ola.head' }],
      people: [...roster.people, other],
    };
    assert.equal(mayOpenJourneyDetail(other, r, { unitId: 'unit-2' }), false);
    assert.equal(mayOpenJourneyDetail(other, r, { unitId: 'unit-9' }), true);
    assert.equal(mayOpenJourneyDetail(person('dana.hughes'), r, { unitId: 'unit-2' }), true);
    assert.equal(mayOpenJourneyDetail(person('tom.reed'), r, { unitId: 'unit-2' }), false);
  });
});

describe('process review: dates', () => {
  const cases: [string, boolean][] = [
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00:00Z', false],
  ];
  for (const [s, ok] of cases) it(`isIsoDay(${s}) is ${ok}`, () => assert.equal(isIsoDay(s), ok));
  it('days between days and instants', () => {
    assert.equal(daysBetween('2026-03-05T23:00:00Z', '2026-03-06'), 1);
    assert.equal(daysBetween('2026-03-06', '2026-03-05'), -1);
  });
  it('the last twelve months end today', () => {
    assert.deepEqual(lastTwelveMonths(new Date('2026-11-23T09:00:00Z')), { from: '2025-11-24', to: '2026-11-23' });
  });
});
