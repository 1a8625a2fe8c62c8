// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { VISIBILITY_IN_PLAIN_WORDS } from '../../kernel/visibility.ts';
import { SAMPLE_SUPPORT as SUPPORT, worstText } from '../../kernel/card-fixtures.ts';
import { shownText } from '../../kernel/text.ts';
import { ASSESSMENT_NOTES_MAX_CHARS, NOTE_MAX_CHARS } from './model.ts';
import { helpCard, welcomeCard } from './welcome-card.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { declarationForm } from './routes.ts';
import {
  alertCard,
  channelAlertCard,
  declarationConfirmationCard,
  declarationListCard,
  declarationStatusCard,
  moveCard,
  stepAwayCard,
  viewingBreakCard,
  type AlertCardData,
  type MoveCardData,
  type ViewingBreakCardData,
} from './cards.ts';
import { ADJUSTMENTS, type Declaration } from './rules.ts';
import { confirmationView, ownerListView, routeChoicesView, stepAwayView } from './views.ts';
import { routeOptions } from '../../kernel/first-route.ts';
import { DEFAULT_POLICY } from '../../kernel/escalation.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../kernel/working-pattern.ts';

const person = (id: string, name: string, roles: Person['roles']): Person => ({
  id,
  name,
  teamsUserId: `29:${id}`,
  aadObjectId: '00000000-0000-4000-8000-000000000000',
  roles,
  unitId: 'unit-2',
  workingPattern: DEFAULT_WORKING_PATTERN,
  viewingStatus: 'viewing',
});

const SAMPLE_ROSTER: Roster = {
  people: [
    person('alex.moreno', 'Alex Moreno', ['officer']),
    person('sam.okafor', 'Sam Okafor', ['supervisor']),
    person('dana.hughes', 'Dana Hughes', ['departmentHead']),
    person('wes.lyle', 'Wes Lyle', ['welfareLead']),
    person('ira.nolan', 'Ira Nolan', ['trimPractitioner']),
  ],
  units: [{ id: 'unit-2', name: 'Online Child Abuse Team 2', departmentHeadId: 'dana.hughes' }],
  absences: [],
};

/** Alex's choices of whom to tell first on the sample roster, through the rule a raise uses. */
function sampleChoices(kind?: string) {
  const alex = { ...SAMPLE_ROSTER.people[0]!, supervisorId: 'sam.okafor' };
  const roster = { ...SAMPLE_ROSTER, people: [alex, ...SAMPLE_ROSTER.people.slice(1)] };
  const deps = {
    policyFor: () => DEFAULT_POLICY,
    fallbackResponders: [],
    contactsFor: () => [{ kind: 'welfareLead' as const }, { kind: 'trimPractitioner' as const }, { kind: 'departmentHead' as const }],
  };
  return routeChoicesView(routeOptions(deps, alex, roster, new Date('2026-11-23T09:00:00Z')), roster, kind);
}

const SAMPLE_DECLARATION: Declaration = {
  id: 'decl-000000000000000000000001',
  personId: 'alex.moreno',
  unitId: 'unit-2',
  kind: 'leave',
  raisedAt: '2026-11-23T09:00:00.000Z',
  noteShare: 'supervisor',
  status: 'open',
  onCall: { personId: 'sam.okafor', role: 'supervisor', since: '2026-11-23T09:00:00.000Z' },
  level: 0,
  loop: 0,
  notified: ['sam.okafor'],
  accessRemoval: 'awaitingConfirmation',
  timeline: [{ at: '2026-11-23T09:00:00.000Z', event: 'raised' }],
  confirmation: { outboxId: 'decl-000000000000000000000001:confirmation' },
};

/** The move card (HR / resource planning): who, from, to, when, and whether it happened; never why. */
const MOVE_BASE: MoveCardData = {
  declarationId: 'decl-000000000000000000000001',
  title: 'Alex Moreno moves on 4 Jan 2027',
  facts: [
    { label: 'Who', value: 'Alex Moreno' },
    { label: 'From', value: 'Online Child Abuse Team 2' },
    { label: 'To', value: 'Fraud Team 1' },
    { label: 'Move date', value: '4 Jan 2027' },
    { label: 'Status', value: 'Planned' },
  ],
  notice: '',
  canRecordDone: true,
};
const MOVE_STATES: [string, MoveCardData][] = [
  ['planned, HR', MOVE_BASE],
  [
    'date passed, longest destination',
    {
      ...MOVE_BASE,
      facts: [
        ...MOVE_BASE.facts.slice(0, 2),
        { label: 'To', value: worstText(120) },
        MOVE_BASE.facts[3]!,
        { label: 'Status', value: 'The date has passed: not yet recorded as done' },
      ],
    },
  ],
  [
    'done',
    {
      ...MOVE_BASE,
      title: 'Alex Moreno has moved',
      facts: [...MOVE_BASE.facts.slice(0, 4), { label: 'Status', value: 'Done (recorded by Hana Ito, 4 Jan 2027, 09:30)' }],
      canRecordDone: false,
    },
  ],
  [
    'no longer planned',
    {
      declarationId: 'decl-000000000000000000000001',
      title: 'This move is no longer planned',
      facts: [{ label: 'Who', value: 'Alex Moreno' }],
      notice: 'The department head changed the plan. There is nothing for you to do.',
      canRecordDone: false,
    },
  ],
];

const NOT_OKAY = { command: 'notOkay', title: "I'm not okay", verb: VERBS.declarationOpen, words: 'not okay' };
const MY_STATUS = { command: 'status', title: 'My status', words: 'status' };
const WHAT_CAN_I_ASK = { command: 'whatCanIAsk', title: 'What can I ask Haven?', words: 'what can I ask' };

export function cardFixtures(): CardFixture[] {
  const ALERT_BASE: AlertCardData = {
    declarationId: 'decl-000000000000000000000001',
    title: 'Alex Moreno wants to leave the unit',
    facts: [
      { label: 'Who', value: 'Alex Moreno' },
      { label: 'Request', value: 'I want to leave the unit' },
      { label: 'Raised', value: '23 Nov 2026, 09:00' },
    ],
    note: '',
    noteMore: false,
    history: [{ text: '23 Nov 2026, 09:00: Sam Okafor was alerted' }],
    notice: '',
    showAccessStep: true,
    accessStepText: 'Remove their access to the grading systems now, then confirm here.',
    canAcknowledge: true,
    canAssess: true,
    canConfirmAccess: true,
    canReassign: true,
    canEscalate: true,
    canBook: false,
    canRecordRedeployment: false,
    adjustmentChoices: ADJUSTMENTS.map((a) => ({ title: a.title, value: a.value })),
    assessmentAdjustments: '',
    assessmentNotes: '',
    reassignChoices: [{ title: 'Priya Shah', value: 'priya.shah' }],
  };
  return [
    {
      template: 'welcome',
      state: 'officer on the roster',
      card: () =>
        welcomeCard({
          firstName: 'Alex',
          status: [
            { label: 'Unit', value: 'Online Child Abuse Team 2' },
            { label: 'Viewing', value: 'Cleared to view' },
            { label: 'Supervisor', value: 'Sam Okafor' },
          ],
          visibility: VISIBILITY_IN_PLAIN_WORDS,
          buttons: [NOT_OKAY, { command: 'checkIn', title: 'Check in', verb: VERBS.checkInOpen, words: 'check in' }, MY_STATUS],
          more: [WHAT_CAN_I_ASK],
        }),
    },
    {
      template: 'welcome',
      state: 'supervisor on the roster',
      card: () =>
        welcomeCard({
          firstName: 'Sam',
          status: [
            { label: 'Unit', value: 'Online Child Abuse Team 2' },
            { label: 'Role', value: 'Supervisor' },
          ],
          visibility: VISIBILITY_IN_PLAIN_WORDS,
          buttons: [
            { command: 'team', title: 'My team', verb: VERBS.teamShow, words: 'my team' },
            { command: 'absence', title: 'Record an absence', verb: VERBS.absenceOpen, words: 'absence' },
            NOT_OKAY,
          ],
          more: [WHAT_CAN_I_ASK],
        }),
    },
    {
      template: 'welcome',
      state: 'not on the roster',
      card: () =>
        welcomeCard({
          firstName: '',
          status: [{ label: 'Roster', value: "You are not on Haven's roster yet." }],
          visibility: VISIBILITY_IN_PLAIN_WORDS,
          buttons: [NOT_OKAY],
          more: [WHAT_CAN_I_ASK],
        }),
    },
    {
      template: 'help',
      state: 'asked for, officer',
      card: () =>
        helpCard({
          intro: '',
          onRoster: true,
          lines: [
            { words: 'not okay', description: 'Ask for support in confidence, at any time and without detriment' },
            { words: 'status', description: 'Where your requests stand, and who has them now' },
            { words: 'check in', description: 'Your regular check-in' },
            { words: 'what can I ask', description: 'What you can ask Haven: the commands for your role, one line each' },
          ],
        }),
    },
    {
      template: 'help',
      state: 'not understood, not on the roster',
      card: () =>
        helpCard({
          intro: "I didn't catch that.",
          onRoster: false,
          lines: [
            { words: 'not okay', description: 'Ask for support in confidence, at any time and without detriment' },
            { words: 'what can I ask', description: 'What you can ask Haven: the commands for your role, one line each' },
          ],
        }),
    },
    // Every free-text field at its byte budget in a 3-byte script: the form refused holding the note; the
    // supervisor's card with the note shortened and their assessment refused holding what they typed.
    {
      template: 'declaration-form',
      state: 'at the limit: refused, holding the note',
      card: () =>
        declarationForm('leave', {
          note: worstText(NOTE_MAX_CHARS),
          share: 'supervisorAndHead',
          notice: 'Your note is too long by about 10 characters. Please shorten it; everything you typed is still here.',
        }),
    },
    {
      template: 'alert',
      state: 'at the limit: note shortened, assessment refused holding the notes',
      card: () =>
        alertCard({
          ...ALERT_BASE,
          note: shownText(worstText(NOTE_MAX_CHARS), true).text,
          noteMore: true,
          history: Array.from({ length: 8 }, () => ({ text: '23 Nov 2026, 09:00: Escalated to Dana Hughes (no acknowledgement in time)' })),
          notice: 'Your assessment note is too long by about 10 characters. Please shorten it; everything you typed is still here.',
          assessmentAdjustments: 'offViewing,referTrim',
          assessmentNotes: worstText(ASSESSMENT_NOTES_MAX_CHARS),
          reassignChoices: Array.from({ length: 10 }, (_, i) => ({ title: `Supervisor Number ${i}`, value: `supervisor.number${i}` })),
        }),
    },
    { template: 'declaration-form', state: 'nothing chosen', card: () => declarationForm() },
    { template: 'declaration-form', state: 'leave preselected', card: () => declarationForm('leave') },
    // Issue 14 part 2: whom to tell first, each choice saying who will be told what.
    {
      template: 'declaration-form',
      state: 'a choice of whom to tell first, nothing chosen',
      card: () => declarationForm(undefined, {}, sampleChoices(), true),
    },
    {
      template: 'declaration-form',
      state: 'break preselected, the welfare lead chosen, supervisor told they asked',
      card: () => declarationForm('break', { tellFirst: 'welfareLead', alsoTell: 'true' }, sampleChoices('break'), true),
    },
    {
      template: 'declaration-confirmation',
      state: 'told the welfare lead first; the supervisor told only that they are off viewing',
      card: () =>
        declarationConfirmationCard(
          confirmationView(
            {
              ...SAMPLE_DECLARATION,
              kind: 'break',
              route: { tellFirst: 'welfareLead', alsoTellSupervisor: false },
              onCall: { personId: 'wes.lyle', role: 'contact', since: '2026-11-23T09:00:00.000Z' },
              notified: ['wes.lyle'],
              timeline: [
                { at: '2026-11-23T09:00:00.000Z', event: 'raised' },
                { at: '2026-11-23T09:00:00.000Z', event: 'alerted', personId: 'wes.lyle', detail: 'contact' },
                { at: '2026-11-23T09:00:00.000Z', event: 'lineSupervisorTold', personId: 'sam.okafor', detail: 'offViewing' },
              ],
            },
            SAMPLE_ROSTER,
            SUPPORT,
            {
              chain: [{ personId: 'wes.lyle', role: 'contact', contactKind: 'welfareLead', delayMinutes: 15 }],
              lineSupervisorId: 'sam.okafor',
            },
          ),
        ),
    },
    // The confirmation as the person sees it: first while Haven is telling the responder, then updated
    // in place once the alert got through (to the supervisor, or after escalation the department head).
    {
      template: 'declaration-confirmation',
      state: 'leave, Haven is telling the supervisor',
      card: () => declarationConfirmationCard(confirmationView(SAMPLE_DECLARATION, SAMPLE_ROSTER, SUPPORT)),
    },
    {
      template: 'declaration-confirmation',
      state: 'break, the supervisor has it',
      card: () =>
        declarationConfirmationCard(
          confirmationView({ ...SAMPLE_DECLARATION, kind: 'break', reached: ['sam.okafor'] }, SAMPLE_ROSTER, SUPPORT),
        ),
    },
    {
      template: 'declaration-confirmation',
      state: 'talk, escalated: the department head has been told',
      card: () =>
        declarationConfirmationCard(
          confirmationView(
            {
              ...SAMPLE_DECLARATION,
              kind: 'talk',
              level: 2,
              onCall: { personId: 'dana.hughes', role: 'departmentHead', since: '2026-11-23T09:00:00.000Z' },
              reached: ['dana.hughes'],
            },
            SAMPLE_ROSTER,
            SUPPORT,
          ),
        ),
    },
    {
      template: 'declaration-list',
      state: 'two open requests',
      card: () =>
        declarationListCard(
          ownerListView(
            [
              SAMPLE_DECLARATION,
              {
                ...SAMPLE_DECLARATION,
                id: 'decl-000000000000000000000002',
                kind: 'talk',
                raisedAt: '2026-11-24T09:00:00.000Z',
                status: 'acknowledged',
                acknowledged: { by: 'sam.okafor', at: '2026-11-24T09:05:00.000Z' },
              },
            ],
            SAMPLE_ROSTER,
          ),
        ),
    },
    {
      template: 'declaration-status',
      state: 'talk, acknowledged, can withdraw',
      card: () =>
        declarationStatusCard({
          declarationId: 'decl-000000000000000000000001',
          kindTitle: 'I need to talk to someone',
          statusText: 'Acknowledged by Sam Okafor',
          steps: [
            { at: '23 Nov 2026, 09:00', text: 'Request raised' },
            { at: '23 Nov 2026, 09:04', text: 'Acknowledged by Sam Okafor' },
          ],
          viewingLine: '',
          canWithdraw: true,
        }),
    },
    {
      template: 'declaration-status',
      state: 'leave, off viewing',
      card: () =>
        declarationStatusCard({
          declarationId: 'decl-000000000000000000000001',
          kindTitle: 'I want to leave the unit',
          statusText: 'Waiting for Sam Okafor to acknowledge',
          steps: [{ at: '23 Nov 2026, 09:00', text: 'Request raised' }],
          viewingLine: 'You are off viewing.',
          canWithdraw: false,
        }),
    },
    {
      template: 'declaration-status',
      state: 'refused withdraw, with notice',
      card: () =>
        declarationStatusCard({
          declarationId: 'decl-000000000000000000000001',
          kindTitle: 'I want to leave the unit',
          statusText: 'Acknowledged by Sam Okafor',
          steps: [{ at: '23 Nov 2026, 09:00', text: 'Request raised' }],
          viewingLine: 'You are off viewing.',
          canWithdraw: false,
          notice: 'A request for a break or to leave stays open until it has been looked after. Nothing was changed.',
        }),
    },
    { template: 'alert', state: 'new, supervisor', card: () => alertCard(ALERT_BASE) },
    {
      template: 'alert',
      state: 'note shared, department head with redeployment',
      card: () =>
        alertCard({
          ...ALERT_BASE,
          note: 'I have not slept properly for weeks.',
          canAcknowledge: false,
          canAssess: false,
          canConfirmAccess: false,
          showAccessStep: false,
          canBook: true,
          canRecordRedeployment: true,
        }),
    },
    {
      template: 'alert',
      state: 'department head: outcome refused, with what was typed',
      card: () =>
        alertCard({
          ...ALERT_BASE,
          canAcknowledge: false,
          canAssess: false,
          canConfirmAccess: false,
          showAccessStep: false,
          canRecordRedeployment: true,
          notice: 'Choose the move date. Say where they move to (the unit or role). Nothing was changed.',
          typedOutcome: 'moveAgreed',
          typedMoveOn: 'soon',
          typedDestination: '',
          outcomeTypedBack: true,
        }),
    },
    {
      template: 'alert',
      state: 'department head: move agreed, waiting for the move',
      card: () =>
        alertCard({
          ...ALERT_BASE,
          facts: [...ALERT_BASE.facts, { label: 'Moving to', value: worstText(120) }, { label: 'Move date', value: '4 Jan 2027' }],
          canAcknowledge: false,
          canAssess: false,
          canConfirmAccess: false,
          showAccessStep: false,
          canRecordRedeployment: true,
          canRecordMoveDone: true,
          typedOutcome: 'moveAgreed',
          typedMoveOn: '2027-01-04',
          typedDestination: 'Fraud Team 1',
        }),
    },
    ...MOVE_STATES.map(([state, data]) => ({ template: 'move', state, card: () => moveCard(data) })),
    {
      template: 'declaration-status',
      state: 'leave, move agreed',
      card: () =>
        declarationStatusCard({
          declarationId: 'decl-000000000000000000000001',
          kindTitle: 'I want to leave the unit',
          statusText: 'Risk assessment recorded; move agreed for 4 Jan 2027',
          steps: [
            { at: '23 Nov 2026, 09:00', text: 'Request raised' },
            { at: '25 Nov 2026, 11:00', text: 'Redeployment discussion held with Dana Hughes: move agreed for 4 Jan 2027' },
          ],
          viewingLine: 'You are off viewing. That stays until you and your supervisor agree otherwise.',
          moveLine: 'Your move is agreed for 4 Jan 2027. You stay off viewing until then.',
          canWithdraw: false,
        }),
    },
    {
      template: 'alert',
      state: 'done, second click',
      card: () =>
        alertCard({
          ...ALERT_BASE,
          notice: 'Already done: acknowledged by Sam Okafor at 23 Nov 2026, 09:04.',
          canAcknowledge: false,
          canAssess: false,
          canConfirmAccess: false,
          canReassign: false,
          canEscalate: false,
          showAccessStep: false,
        }),
    },
    {
      template: 'alert',
      state: 'channel view with refresh',
      card: () => alertCard(ALERT_BASE, { declarationId: ALERT_BASE.declarationId, userIds: ['29:haven-demo-sam', '29:haven-demo-dana'] }),
    },
    // A break that ends (issue 14, part 1): the break card for the person and for whoever looks after them.
    ...breakFixtures(),
    {
      template: 'channel-alert',
      state: 'neutral',
      card: () =>
        channelAlertCard({
          declarationId: 'decl-000000000000000000000001',
          unitName: 'Online Child Abuse Team 2',
          assignee: 'Sam Okafor',
          statusText: 'waiting for acknowledgement',
          userIds: ['29:haven-demo-sam', '29:haven-demo-dana'],
        }),
    },
  ];
}

function breakFixtures(): CardFixture[] {
  const base: ViewingBreakCardData = {
    declarationId: 'decl-000000000000000000000002',
    title: 'Your break from viewing',
    facts: [
      { label: 'Request', value: 'I need a break from viewing' },
      { label: 'Off viewing since', value: '23 Nov 2026, 09:00' },
      { label: 'Review on', value: 'Tue, 24 Nov 2026' },
    ],
    lines: [
      {
        text: 'A return to viewing is agreed by both of you: say when you feel ready, and whoever looks after you confirms. You can also choose a new review date.',
      },
    ],
    notice: '',
    canReady: true,
    canConfirmReturn: false,
    canSetReview: true,
    canConfirmAccess: false,
    accessStepText: 'Restore their access to the grading systems now, then confirm here.',
    reviewLabel: 'Keep my break until (new review date)',
    reviewOn: '2026-11-24',
    reviewMin: '2026-11-24',
    reviewMax: '2027-02-21',
  };
  const supervisor: ViewingBreakCardData = {
    ...base,
    title: 'Alex Moreno: off viewing',
    facts: [{ label: 'Who', value: 'Alex Moreno' }, ...base.facts],
    lines: [
      {
        text: 'Alex Moreno said they feel ready to go back to viewing. Talk it through with them, then confirm the return, or set a new review date.',
      },
    ],
    canReady: false,
    canConfirmReturn: true,
    reviewLabel: 'New review date',
  };
  return [
    { template: 'viewing-break', state: 'the person, on a break', card: () => viewingBreakCard(base) },
    {
      template: 'viewing-break',
      state: 'the person, refused (a request to leave is open)',
      card: () =>
        viewingBreakCard({
          ...base,
          notice:
            'While your request to leave is open you stay off viewing until your move. Nothing else is needed from you. Nothing was changed.',
          canReady: false,
          canSetReview: false,
          lines: [{ text: 'Your request to leave is open, so you stay off viewing until your move. Nothing else is needed from you.' }],
        }),
    },
    { template: 'viewing-break', state: 'supervisor, the person feels ready', card: () => viewingBreakCard(supervisor) },
    {
      template: 'viewing-break',
      state: 'supervisor, automatic restore failed: access restored step',
      card: () =>
        viewingBreakCard({
          ...supervisor,
          facts: [
            { label: 'Who', value: 'Alex Moreno' },
            { label: 'Request', value: 'I need a break from viewing' },
            { label: 'Off viewing since', value: '23 Nov 2026, 09:00' },
            { label: 'Back to viewing', value: '25 Nov 2026, 10:00, agreed with Sam Okafor' },
          ],
          lines: [],
          canConfirmReturn: false,
          canSetReview: false,
          canConfirmAccess: true,
          accessStepText:
            'Adding them back to the grading-access group automatically did not work. Restore their access to the grading systems now, then confirm here.',
        }),
    },
    {
      template: 'viewing-break',
      state: 'worst case text',
      card: () => viewingBreakCard({ ...supervisor, title: worstText(120), notice: worstText(200), lines: [{ text: worstText(400) }] }),
    },
    { template: 'step-away', state: 'stepped away', card: () => stepAwayCard(stepAwayView({ kind: 'started', away: SAMPLE_AWAY })) },
    {
      template: 'step-away',
      state: 'back',
      card: () => stepAwayCard(stepAwayView({ kind: 'back', away: { ...SAMPLE_AWAY, backAt: '2026-11-23T10:12:00.000Z' } })),
    },
    { template: 'step-away', state: 'not away', card: () => stepAwayCard(stepAwayView({ kind: 'notAway' })) },
  ];
}

const SAMPLE_AWAY = {
  id: 'away-000000000000000000000001',
  personId: 'alex.moreno',
  startedAt: '2026-11-23T10:00:00.000Z',
  endsAt: '2026-11-23T10:30:00.000Z',
};
