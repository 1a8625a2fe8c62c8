// What HR / resource planning sees of a journey: one view (views.ts hrView) behind journey.show, the
// journey list and the cancelled-move card, so the three cannot disagree.
import assert from 'node:assert/strict';
import { hrView, journeyView, moveCancelledView } from '../../../src/features/journeys/views.ts';
import type { Roster } from '../../../src/kernel/types.ts';
import { CANDIDATE, HEAD, HR, T0, TRAINER, ctxAt, journeysByState } from './journey-fixtures.ts';

const roster = {
  units: [{ id: 'unit-2', name: 'Online Child Abuse Team 2' }],
  absences: [],
  people: [
    { id: CANDIDATE, name: 'Gus Novak' },
    { id: TRAINER, name: 'Tom Reed' },
    { id: HEAD, name: 'Dana Hughes' },
    { id: HR, name: 'Hana Ito' },
  ],
} as unknown as Roster;

// Free text and wellbeing detail the fixtures carry: none may reach HR.
const NEVER = [
  'Calmer than I expected',
  'Night work',
  'A mentor',
  'Seemed shaken',
  'Family reasons',
  'Budget',
  'Room 4',
  'Tom Reed',
  'withdr',
  'questionnaire',
  'exposure',
  'review',
];

describe('journeys: what HR sees', () => {
  const byState = journeysByState();

  it('one status line per state: cancelled or withdrawn is "Move cancelled", nominated waits to be agreed, ready is ready, else in progress', () => {
    const expected: Record<string, string> = {
      nominated: 'Waiting to be agreed in principle',
      agreedInPrinciple: 'In progress',
      exposureScheduled: 'In progress',
      exposureDone: 'In progress',
      questionnaireSent: 'In progress',
      questionnaireAnswered: 'In progress',
      trainerReview: 'In progress',
      headReviewPending: 'In progress',
      headReviewProceeded: 'In progress',
      attachmentOffered: 'In progress',
      attachmentAnswered: 'In progress',
      readyToStart: 'Ready to start',
      withdrawn: 'Move cancelled',
      cancelled: 'Move cancelled',
    };
    assert.deepEqual(Object.keys(byState).sort(), Object.keys(expected).sort());
    for (const [name, j] of Object.entries(byState)) {
      const v = hrView(j, roster, T0);
      assert.equal(v.status, expected[name], name);
      const shown = journeyView(j, HR, roster, ctxAt(T0), []);
      assert.equal(shown.facts.find((f) => f.label === 'Status')?.value, expected[name], `journey.show agrees with the HR view: ${name}`);
    }
  });

  it("a live move: the candidate's name, the unit, the planned start and the days left; nothing else", () => {
    const j = byState.headReviewPending!;
    assert.deepEqual(hrView(j, roster, T0), {
      cancelled: false,
      status: 'In progress',
      candidateName: 'Gus Novak',
      unitName: 'Online Child Abuse Team 2',
      plannedStart: 'Mon, 1 Mar 2027',
      daysLeft: '98 days',
    });
    const card = journeyView(j, HR, roster, ctxAt(T0), []);
    assert.equal(card.title, 'Planned move: Gus Novak');
    assert.deepEqual(
      card.facts.map((f) => f.label),
      ['Candidate', 'Unit', 'Planned start', 'Days remaining', 'Status'],
    );
    assert.deepEqual([card.lines, card.answers, card.notes, card.support], [[], [], [], []]);
  });

  it('a cancelled or withdrawn move: only that it is cancelled, the unit, the planned start and the days to find a replacement; no name', () => {
    for (const j of [byState.withdrawn!, byState.cancelled!]) {
      const v = hrView(j, roster, T0);
      assert.deepEqual(v, {
        cancelled: true,
        status: 'Move cancelled',
        unitName: 'Online Child Abuse Team 2',
        plannedStart: 'Mon, 1 Mar 2027',
        daysLeft: '98 days',
      });
      assert.deepEqual(
        moveCancelledView(j, roster, T0),
        { unitName: v.unitName, plannedStart: v.plannedStart, daysLeft: v.daysLeft },
        'the card HR is sent is the same view',
      );
      const card = journeyView(j, HR, roster, ctxAt(T0), []);
      assert.ok(!JSON.stringify(card).includes('Gus'), 'no name once the move is cancelled');
      assert.deepEqual(
        card.facts.map((f) => f.label),
        ['Unit', 'Planned start', 'Days left to find an alternative', 'Status'],
      );
    }
  });

  it('never a reason, answer, note, place, trainer or step, in any state; the only button is "agree in principle"', () => {
    for (const [name, j] of Object.entries(byState)) {
      const card = journeyView(j, HR, roster, ctxAt(T0), []);
      const body = JSON.stringify(card, (_k, v: unknown) => (typeof v === 'boolean' ? undefined : v)).replace(/"\w+":/g, ''); // the values, not the field names
      for (const word of NEVER) assert.ok(!body.includes(word), `${name}: HR's card mentions "${word}"`);
      const buttons = Object.entries(card)
        .filter(([k, v]) => k.startsWith('show') && v === true)
        .map(([k]) => k);
      assert.deepEqual(buttons, name === 'nominated' ? ['showAgree'] : [], name);
    }
  });
});
