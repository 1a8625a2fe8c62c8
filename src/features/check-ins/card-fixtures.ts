// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import { readFileSync } from 'node:fs';
import type { CardFixture } from '../../kernel/feature.ts';
import type { Roster } from '../../kernel/types.ts';
import { SAMPLE_SUPPORT as SUPPORT, worstText } from '../../kernel/card-fixtures.ts';
import { checkInCard, checkInConfirmationCard, flagCard, weeklySummaryCard } from './cards.ts';
import { weeklySummaryCardData } from './workload-views.ts';
import type { WorkloadWeek } from './workload.ts';
import { parseQuestionSet } from './question-set.ts';
import { checkInCardData, confirmationData, flagCardData, sharedCheckInCardData } from './views.ts';
import type { CheckIn } from './check-in.ts';
import type { Flag } from './flag.ts';

export function cardFixtures(): CardFixture[] {
  const WHO5 = (() => {
    const r = parseQuestionSet(
      JSON.parse(readFileSync(new URL('../../../data/question-sets/who5.json', import.meta.url), 'utf8')),
      'who5.json',
    );
    if (!r.ok) throw new Error(r.problems.join('; '));
    return r.set;
  })();
  const CHECKIN_ROSTER: Roster = {
    units: [],
    absences: [],
    people: [
      { id: 'alex.moreno', name: 'Alex Moreno' },
      { id: 'sam.okafor', name: 'Sam Okafor' },
    ] as Roster['people'],
  };

  const ANSWERED: CheckIn = {
    id: 'checkin:alex.moreno:2026-11-23',
    personId: 'alex.moreno',
    unitId: 'unit-2',
    questionSetId: 'who5',
    dueOn: '2026-11-23',
    closesOn: '2026-12-07',
    onDemand: false,
    status: 'answered',
    sentAt: '2026-11-23T09:00:00.000Z',
    answeredAt: '2026-11-23T09:05:00.000Z',
    shared: true,
    answers: { scores: { who5_1: 2, who5_2: 1, who5_3: 2, who5_4: 1, who5_5: 2 }, workload: 'tooMuch', breaks: 'no', conversation: true },
    score: { raw: 8, percentage: 32 },
    freeText: 'Long week.',
  };

  const FLAG: Flag = {
    id: 'flag-alex.moreno-lowScore-2026-11-23',
    personId: 'alex.moreno',
    unitId: 'unit-2',
    reason: 'lowScore',
    otherReasons: ['conversationRequested'],
    checkInDueAt: '2026-11-23',
    checkInId: ANSWERED.id,
    openedAt: '2026-11-23T09:05:00.000Z',
    notices: [{ personId: 'sam.okafor', at: '2026-11-23T09:05:00.000Z', level: 0, loop: 0 }],
  };
  const WORKLOAD_FLAG: Flag = {
    id: 'flag-alex.moreno-heavyWeeks-2026-W47',
    personId: 'alex.moreno',
    unitId: 'unit-2',
    reason: 'heavyWeeks',
    otherReasons: ['violentMaterial'],
    checkInDueAt: '2026-11-16',
    workloadWeek: '2026-W47',
    openedAt: '2026-11-23T09:05:00.000Z',
    notices: [{ personId: 'sam.okafor', at: '2026-11-23T09:05:00.000Z', level: 0, loop: 0 }],
  };
  const SHARED_WEEKS: WorkloadWeek[] = ['2026-W45', '2026-W46', '2026-W47'].map((week) => ({
    id: `workload:alex.moreno:${week}`,
    personId: 'alex.moreno',
    unitId: 'unit-2',
    week,
    shared: true,
    figures: {
      hours: '15to25',
      categories: ['A', 'B'],
      violent: true,
      caseload: 'heavy',
      source: 'self',
      recordedAt: '2026-11-23T09:05:00.000Z',
    },
  }));
  // Every free-text field at its byte budget in a 3-byte script (a question set may allow 4,000).
  const W = worstText(4000);
  const LONGEST = { ...WHO5, freeText: { ...WHO5.freeText, maxLength: 4000 } };
  const LONG_NOTE: CheckIn = { ...ANSWERED, freeText: W };
  return [
    {
      template: 'check-in',
      state: 'at the limit: refused, holding every answer and the note',
      card: () =>
        checkInCard(
          checkInCardData(
            LONGEST,
            { ...ANSWERED, onDemand: true },
            'Your note is too long by about 10 characters. Please shorten it; everything you typed is still here.',
            {
              ...Object.fromEntries(WHO5.scale.items.map((i) => [i.id, '3'])),
              workload: 'tooMuch',
              breaks: 'no',
              conversation: 'yes',
              share: 'true',
              freeText: W,
            },
          ),
        ),
    },
    {
      template: 'flag',
      state: 'at the limit: the shared note shortened',
      card: () =>
        flagCard(
          flagCardData({
            flag: { ...FLAG, notices: Array.from({ length: 12 }, () => FLAG.notices[0]!) },
            roster: CHECKIN_ROSTER,
            viewerId: 'sam.okafor',
            mayAct: true,
            shared: { checkIn: LONG_NOTE, set: LONGEST },
          }),
        ),
    },
    {
      template: 'flag',
      state: 'at the limit: shared check-in, no flag, note shortened',
      card: () => flagCard(sharedCheckInCardData(LONG_NOTE, LONGEST, CHECKIN_ROSTER)),
    },
    { template: 'check-in', state: 'scheduled, WHO-5', card: () => checkInCard(checkInCardData(WHO5, ANSWERED)) },
    // Issue 14 part 2: a conversation with whom (talk-to.ts), the welfare lead chosen and the card refused.
    {
      template: 'check-in',
      state: 'a conversation with whom: the welfare lead chosen',
      card: () =>
        checkInCard(
          checkInCardData(WHO5, ANSWERED, '', { conversation: 'yes', conversationWith: 'welfareLead' }, [
            { value: 'supervisor', title: 'Sam Okafor (your supervisor, the usual way)' },
            { value: 'welfareLead', title: 'Wes Lyle (the welfare lead)' },
            { value: 'trimPractitioner', title: 'Ira Nolan (a TRiM practitioner)' },
          ]),
        ),
    },
    {
      template: 'check-in',
      state: 'on demand, with a problem notice',
      card: () =>
        checkInCard(
          checkInCardData(WHO5, { ...ANSWERED, onDemand: true }, 'Nothing was saved yet. Please answer "I have felt calm and relaxed".'),
        ),
    },
    {
      template: 'check-in-confirmation',
      state: 'private, no flag',
      card: () =>
        checkInConfirmationCard(
          confirmationData({
            checkIn: { ...ANSWERED, shared: false },
            flagged: false,
            flagToName: 'Sam Okafor',
            late: false,
            support: SUPPORT,
          }),
        ),
    },
    {
      template: 'check-in-confirmation',
      state: 'flagged, shared, late',
      card: () =>
        checkInConfirmationCard(
          confirmationData({
            checkIn: ANSWERED,
            flagged: true,
            flagToName: 'Sam Okafor',
            sharedWithName: 'Sam Okafor',
            late: true,
            support: SUPPORT,
          }),
        ),
    },
    {
      template: 'flag',
      state: 'new, answers private',
      card: () => flagCard(flagCardData({ flag: FLAG, roster: CHECKIN_ROSTER, viewerId: 'sam.okafor', mayAct: true })),
    },
    {
      template: 'flag',
      state: 'answers shared',
      card: () =>
        flagCard(
          flagCardData({
            flag: FLAG,
            roster: CHECKIN_ROSTER,
            viewerId: 'sam.okafor',
            mayAct: true,
            shared: { checkIn: ANSWERED, set: WHO5 },
          }),
        ),
    },
    {
      template: 'flag',
      state: 'resolved, second click',
      card: () =>
        flagCard(
          flagCardData({
            flag: {
              ...FLAG,
              acknowledged: { by: 'sam.okafor', at: '2026-11-23T10:00:00.000Z' },
              resolved: { by: 'sam.okafor', at: '2026-11-24T10:00:00.000Z' },
            },
            roster: CHECKIN_ROSTER,
            viewerId: 'sam.okafor',
            mayAct: true,
            notice: 'Already recorded.',
          }),
        ),
    },
    { template: 'flag', state: 'shared check-in, no flag', card: () => flagCard(sharedCheckInCardData(ANSWERED, WHO5, CHECKIN_ROSTER)) },
    // Issue 14: the exposure and workload log.
    {
      template: 'check-in',
      state: "scheduled, with last week's workload summary",
      card: () => checkInCard(checkInCardData(WHO5, ANSWERED, '', {}, [], '2026-W47')),
    },
    {
      template: 'check-in',
      state: 'brought forward, summary refused and held',
      card: () =>
        checkInCard(
          checkInCardData(
            WHO5,
            { ...ANSWERED, dueOn: '2026-11-24', broughtForward: { from: '2026-12-07', week: '2026-W47' } },
            'Nothing was saved yet. Weekly summary: please say whether you saw violent or sadistic material.',
            { wlHours: '15to25', wlCategories: 'A,C', wlCaseload: 'heavy' },
            [],
            '2026-W47',
          ),
        ),
    },
    { template: 'weekly-summary', state: 'fresh', card: () => weeklySummaryCard(weeklySummaryCardData('2026-W47')) },
    {
      template: 'weekly-summary',
      state: 'refused, holding what was chosen',
      card: () =>
        weeklySummaryCard(
          weeklySummaryCardData('2026-W47', 'Nothing was saved yet. Weekly summary: please choose your hours viewing last week.', {
            wlCategories: 'B',
            wlViolent: 'yes',
            wlCaseload: 'usual',
            wlShare: 'true',
          }),
        ),
    },
    {
      template: 'flag',
      state: 'workload: heavy weeks, figures private',
      card: () => flagCard(flagCardData({ flag: WORKLOAD_FLAG, roster: CHECKIN_ROSTER, viewerId: 'sam.okafor', mayAct: true })),
    },
    {
      template: 'flag',
      state: 'workload: figures the person shared',
      card: () =>
        flagCard(
          flagCardData({ flag: WORKLOAD_FLAG, roster: CHECKIN_ROSTER, viewerId: 'sam.okafor', mayAct: true, workload: SHARED_WEEKS }),
        ),
    },
  ];
}
