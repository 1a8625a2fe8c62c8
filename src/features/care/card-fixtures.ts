// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { unitOverviewCard } from '../check-ins/index.ts';
import { overviewCardData } from './unit-overview.ts';
import { stageCard, stageReviewCard, type StageCardData } from './stage-cards.ts';
import { absenceCard, careDueCard, teamCard } from './care-cards.ts';
import { worstText } from '../../kernel/card-fixtures.ts';
import { shownText } from '../../kernel/text.ts';
import { NOTE_LIMIT } from './staged-exposure.ts';
import { SHARED_REFLECTIONS_SHOWN } from './act-on-stage.ts';

const OVERVIEW = (shown: boolean) =>
  overviewCardData('Online Child Abuse Team 2', {
    minGroupSize: 5,
    periods: [
      {
        label: 'Oct 2026',
        from: '2026-10-01',
        to: '2026-10-31',
        answeredPeople: shown ? 6 : 3,
        duePeople: shown ? 7 : 3,
        ...(shown ? { meanPercentage: 64, completionPercent: 86 } : {}),
      },
      {
        label: 'Nov 2026',
        from: '2026-11-01',
        to: '2026-11-30',
        answeredPeople: shown ? 6 : 2,
        duePeople: 6,
        ...(shown ? { meanPercentage: 58 } : {}),
        completionPercent: 83,
      },
    ],
    ...(shown ? { trendPoints: -6, overdueCareItems: 2 } : {}),
  });

export function cardFixtures(): CardFixture[] {
  return [
    { template: 'unit-overview', state: 'groups of 5 or more', card: () => unitOverviewCard(OVERVIEW(true)) },
    { template: 'unit-overview', state: 'groups under 5 hidden, care not available', card: () => unitOverviewCard(OVERVIEW(false)) },
    // Ongoing care: staged exposure, care reminders, my team, absences.
    ...STAGE_FIXTURES(),
    // Every free-text field at its byte budget in a 3-byte script: the latest shared reflections shortened, with "Show all".
    {
      template: 'stage-review',
      state: 'at the limit: the latest shared reflections shortened',
      card: () =>
        stageReviewCard({
          personId: 'alex.moreno',
          title: 'Alex Moreno feels ready for stage b',
          notice: '',
          canConfirm: true,
          confirmTitle: 'Confirm stage b',
          facts: [
            { label: 'Who', value: 'Alex Moreno' },
            { label: 'Stage', value: 'Stage C; ready for stage B (waiting for confirmation)' },
            { label: 'Reflection period until', value: '30 Nov 2026, 09:00' },
          ],
          sharedReflections: Array.from({ length: SHARED_REFLECTIONS_SHOWN }, () => ({
            text: `Stage C, 23 Nov 2026, 09:00: ${shownText(worstText(NOTE_LIMIT), true).text}`,
            at: '2026-11-23T09:00:00.000Z',
            more: true,
          })),
          earlierReflections: 12,
        }),
    },
    {
      template: 'stage-review',
      state: 'ready for B, supervisor can confirm',
      card: () =>
        stageReviewCard({
          personId: 'alex.moreno',
          title: 'Alex Moreno feels ready for stage b',
          notice: '',
          canConfirm: true,
          confirmTitle: 'Confirm stage b',
          facts: [
            { label: 'Who', value: 'Alex Moreno' },
            { label: 'Stage', value: 'Stage C; ready for stage B (waiting for confirmation)' },
          ],
          sharedReflections: [],
          earlierReflections: 0,
        }),
    },
    {
      template: 'stage-review',
      state: 'view only, a shared reflection, refusal notice',
      card: () =>
        stageReviewCard({
          personId: 'alex.moreno',
          title: 'Alex Moreno: staged exposure',
          notice: 'Only their supervisor (or cover) or a trainer of the unit can confirm the next stage. Nothing was changed.',
          canConfirm: false,
          confirmTitle: 'Confirm',
          facts: [
            { label: 'Who', value: 'Alex Moreno' },
            { label: 'Stage', value: 'Stage B' },
          ],
          sharedReflections: [
            { text: 'Stage C, 23 Nov 2026, 09:00: Talking it through helped.', at: '2026-11-23T09:00:00.000Z', more: false },
          ],
          earlierReflections: 0,
        }),
    },
    {
      template: 'care-due',
      state: 'reminder to the person',
      card: () =>
        careDueCard({
          title: 'Care due',
          lines: [
            {
              text: "Your one-to-one with your supervisor is due by 18 Dec 2026. It is on your supervisor's list too; they will arrange it with you.",
            },
          ],
          facts: [],
          canRecord: false,
          personId: 'alex.moreno',
          item: 'oneToOne',
          today: '2026-12-11',
        }),
    },
    {
      template: 'care-due',
      state: 'overdue, to the cover, record as done',
      card: () =>
        careDueCard({
          title: 'Overdue: One-to-one with supervisor for Dev Patel',
          lines: [{ text: 'This was due on 18 Dec 2026 and is not recorded as done.' }, { text: 'You are covering for their supervisor.' }],
          facts: [
            { label: 'Who', value: 'Dev Patel' },
            { label: 'Due', value: '18 Dec 2026' },
          ],
          canRecord: true,
          personId: 'dev.patel',
          item: 'oneToOne',
          today: '2026-12-28',
        }),
    },
    {
      template: 'my-team',
      state: 'supervisor covering, span warning, care to record',
      card: () =>
        teamCard({
          title: 'My team',
          notice: 'Recorded: One-to-one with supervisor for Alex Moreno on 2026-11-20.',
          today: '2026-11-23',
          warnings: [{ text: 'Span of control: you have 9 direct reports, more than the 8 Haven is set to expect.' }],
          groups: [
            {
              heading: 'Your team',
              rows: [
                {
                  name: 'Alex Moreno',
                  lines: [
                    { text: 'Staged exposure: Stage B' },
                    { text: 'Due: One-to-one with supervisor, 18 Nov 2026' },
                    { text: 'Flag: consider a welfare conversation (two missed check-ins in a row)' },
                  ],
                },
                { name: 'Bea Clarke', lines: [{ text: 'Nothing due' }] },
              ],
            },
            {
              heading: 'Covering for Priya Shah until 15 Jan 2027',
              rows: [{ name: 'Dev Patel', lines: [{ text: 'Open request: acknowledged' }] }],
            },
          ],
          careChoices: [{ title: 'Alex Moreno: One-to-one with supervisor', value: 'alex.moreno|oneToOne' }],
          hasCareChoices: true,
        }),
    },
    {
      template: 'my-team',
      state: 'nothing to record',
      card: () =>
        teamCard({
          title: 'My team',
          notice: '',
          today: '2026-11-23',
          warnings: [],
          groups: [{ heading: 'Your team', rows: [{ name: 'Bea Clarke', lines: [{ text: 'Nothing due' }] }] }],
          careChoices: [],
          hasCareChoices: false,
        }),
    },
    {
      template: 'care-due',
      state: 'suitability reminder to the person, open the questionnaire',
      card: () =>
        careDueCard({
          title: 'Care due',
          lines: [
            {
              text: 'Your annual suitability questionnaire is due by 12 Feb 2027. Open it below (or type "suitability"): your supervisor reads your answers and talks them through with you.',
            },
          ],
          facts: [],
          canRecord: false,
          personId: 'bea.clarke',
          item: 'suitability',
          today: '2027-02-05',
          openQuestionnaire: true,
        }),
    },
    {
      template: 'absence',
      state: 'department head, one absence recorded',
      card: () =>
        absenceCard({
          title: 'Record an absence',
          notice: '',
          canRecord: true,
          who: 'dana.hughes',
          today: '2026-11-23',
          whoChoices: [
            { title: 'Dana Hughes (me)', value: 'dana.hughes' },
            { title: 'Sam Okafor', value: 'sam.okafor' },
            { title: 'Priya Shah', value: 'priya.shah' },
          ],
          coverChoices: [
            { title: 'No cover: the department head takes over', value: 'none' },
            { title: 'Sam Okafor', value: 'sam.okafor' },
          ],
          absences: [
            {
              absenceId: 'priya-leave-2027-01',
              text: 'Priya Shah: 4 Jan 2027 to 15 Jan 2027, cover Sam Okafor (standing cover)',
              canEnd: true,
            },
          ],
          hasAbsences: true,
        }),
    },
    {
      template: 'absence',
      state: 'refused, with the problems',
      card: () =>
        absenceCard({
          title: 'Record an absence',
          notice: 'The last day cannot be before the first. Nothing was changed.',
          canRecord: true,
          who: 'sam.okafor',
          today: '2026-11-23',
          whoChoices: [{ title: 'Sam Okafor (me)', value: 'sam.okafor' }],
          coverChoices: [
            { title: 'No cover: the department head takes over', value: 'none' },
            { title: 'Priya Shah', value: 'priya.shah' },
          ],
          absences: [],
          hasAbsences: false,
        }),
    },
  ];
}

function STAGE_FIXTURES(): CardFixture[] {
  const base: StageCardData = {
    title: 'Staged exposure',
    intro: 'You meet the material in stages: category C first, then B, then A.',
    notice: '',
    facts: [
      { label: 'Where you are', value: 'Not started' },
      { label: 'Who confirms', value: 'Sam Okafor, Tom Reed' },
    ],
    canReady: true,
    canPause: true,
    canResume: false,
    canStepBack: false,
    canReflect: false,
    reflectionPrompt: '',
    note: '',
    reflection: '',
    reflectionShared: 'false',
  };
  return [
    {
      template: 'stage',
      state: 'at the limit: refused, holding the note and the reflection',
      card: () =>
        stageCard({
          ...base,
          title: 'Staged exposure: stage c',
          canStepBack: true,
          canReflect: true,
          reflectionPrompt: 'How is stage c sitting with you?',
          notice: 'Your note is too long by about 10 characters. Please shorten it; everything you typed is still here.',
          note: worstText(NOTE_LIMIT),
          reflection: worstText(NOTE_LIMIT),
          reflectionShared: 'true',
        }),
    },
    { template: 'stage', state: 'not started', card: () => stageCard(base) },
    {
      template: 'stage',
      state: 'at stage C, reflection period running',
      card: () =>
        stageCard({
          ...base,
          title: 'Staged exposure: stage c',
          facts: [
            { label: 'Where you are', value: 'Stage C' },
            { label: 'You can move on from', value: '30 Nov 2026, 09:00' },
          ],
          canReady: false,
          canStepBack: true,
          canReflect: true,
          reflectionPrompt: 'How is stage c sitting with you?',
          notice: 'Take a little longer at this stage first: you can say you feel ready from 2026-11-30. Nothing was changed.',
        }),
    },
    {
      template: 'stage',
      state: 'paused',
      card: () =>
        stageCard({
          ...base,
          title: 'Staged exposure: stage b',
          intro: 'You have paused.',
          canReady: false,
          canPause: false,
          canResume: true,
          canStepBack: true,
          canReflect: true,
          reflectionPrompt: 'How is stage b sitting with you?',
        }),
    },
    {
      template: 'stage',
      state: 'complete',
      card: () =>
        stageCard({
          ...base,
          title: 'Staged exposure: complete',
          intro: 'You have completed all three stages.',
          canReady: false,
          canPause: false,
          canStepBack: true,
          canReflect: true,
          reflectionPrompt: 'How is stage a sitting with you?',
        }),
    },
  ];
}
