// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { SAMPLE_SUPPORT as SUPPORT, typedAtMaxLength, worstText } from '../../kernel/card-fixtures.ts';
import { shownText } from '../../kernel/text.ts';
import { ANSWER_INPUT_MAX_LENGTH, ANSWER_MAX, PLACE_MAX, QUESTIONS } from './rules.ts';
import {
  journeyCard,
  journeyListCard,
  moveCancelledCard,
  openJourneyCard,
  questionnaireCard,
  withdrawCard,
  type JourneyCardData,
} from './cards.ts';

const JOURNEY_BASE: JourneyCardData = {
  journeyId: 'jrn-000000000000000000000001',
  title: 'Your move into the unit',
  notice: '',
  problems: [],
  facts: [
    { label: 'Candidate', value: 'Gus Novak' },
    { label: 'Unit', value: 'Online Child Abuse Team 2' },
    { label: 'Planned start', value: 'Mon, 1 Mar 2027' },
    { label: 'Days remaining', value: '98 days' },
    { label: 'Status', value: 'Nominated' },
  ],
  lines: [{ text: 'You have been put forward to join Online Child Abuse Team 2.' }],
  answersTitle: "The candidate's answers",
  answers: [],
  notes: [],
  showNoDetriment: false,
  noDetriment: 'It will never count against you.',
  support: [],
  showAgree: false,
  showSchedule: false,
  scheduleTitle: 'Book',
  exposureDate: '',
  exposureTime: '',
  exposurePlace: '',
  showRecord: false,
  showDebrief: false,
  debriefHeldOn: '',
  showQuestionnaire: false,
  showReview: false,
  showHeadReview: false,
  headReviewDue: '',
  showOfferAttachment: false,
  showRespondAttachment: false,
  showReady: false,
  showCancel: false,
  showWithdraw: true,
  typed: { reviewOutcome: 'noConcerns', reviewNote: '', headOutcome: 'proceed', headNote: '', cancelReason: '' },
};
const JOURNEY_ANSWERS = [
  { label: 'How do you feel after the controlled exposure?', value: 'Unsettled at first, then fine.', more: '' },
  { label: 'Do you have any reservations?', value: 'Night shifts.', more: '' },
  { label: 'How relevant did the exposure feel to the role?', value: 'Very.', more: '' },
  { label: 'What support would you want if you join the unit?', value: 'A mentor.', more: '' },
  { label: 'Training course', value: 'Not yet', more: '' },
];

/** Every free-text field at its byte budget in a 3-byte script: others' words shortened as the views do, the viewer's own forms holding what they typed. */
function worstCase(): CardFixture[] {
  const W = worstText(ANSWER_MAX);
  const TYPED = typedAtMaxLength(ANSWER_INPUT_MAX_LENGTH);
  const shown = (more: string) => ({ value: shownText(W, true).text, more });
  const answers = [
    ...QUESTIONS.map((q) => ({ label: q.label, ...shown(q.key) })),
    { label: 'Training course', value: 'Not yet', more: '' },
  ];
  const notes = [
    { label: 'Note from Tom Reed', ...shown('trainerNote') },
    { label: 'Secondary review note from Dana Hughes', ...shown('headNote') },
    { label: 'What the candidate chose to tell you', ...shown('rationale') },
    { label: 'Your reason for cancelling (only you see it)', ...shown('cancelReason') },
  ];
  const place = { label: 'Controlled exposure', value: `3 Dec 2026, 10:00, ${shownText(worstText(PLACE_MAX), true).text}` };
  const lines = Array.from({ length: 8 }, () => ({ text: '23 Nov 2026, 09:00: Secondary review requested from Dana Hughes' }));
  return [
    // The head at the secondary review: the answers and the trainer's note shortened; their own review and cancel forms refused holding what they typed.
    {
      template: 'journey',
      state: 'at the limit: head, secondary review refused holding the note and the reason',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          title: 'Pre-deployment: Gus Novak',
          showWithdraw: false,
          answers,
          notes: notes.slice(0, 1),
          lines,
          notice: 'Nothing was changed:',
          problems: [
            {
              text: 'Your note is too long by about 10 characters (written as you write it, the limit is about 1,333 characters). Please shorten it; everything you typed is still here.',
            },
          ],
          facts: [...JOURNEY_BASE.facts, place],
          showHeadReview: true,
          headReviewDue: 'Due by 3 Dec 2026, 09:00.',
          showCancel: true,
          typed: { ...JOURNEY_BASE.typed, headOutcome: 'doNotProceed', headNote: W, cancelReason: W },
        }),
    },
    {
      template: 'journey',
      state: 'typed to the input limit in a 3-byte script: head, secondary review refused holding the note and the reason',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          title: 'Pre-deployment: Gus Novak',
          showWithdraw: false,
          answers,
          notes: notes.slice(0, 1),
          lines,
          notice: 'Nothing was changed:',
          problems: [
            {
              text: 'Your note is too long by about 467 characters (written as you write it, the limit is about 1,333 characters). Please shorten it; everything you typed is still here.',
            },
          ],
          facts: [...JOURNEY_BASE.facts, place],
          showHeadReview: true,
          headReviewDue: 'Due by 3 Dec 2026, 09:00.',
          showCancel: true,
          typed: { ...JOURNEY_BASE.typed, headOutcome: 'doNotProceed', headNote: TYPED, cancelReason: TYPED },
        }),
    },
    // The trainer reviewing the answers (and able to rebook): their review form refused holding the note, the place as typed.
    {
      template: 'journey',
      state: 'at the limit: trainer review refused holding the note and the place',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          title: 'Pre-deployment: Gus Novak',
          showWithdraw: false,
          answers,
          lines,
          notice: 'Haven could not save this just now.',
          facts: [...JOURNEY_BASE.facts, place],
          showSchedule: true,
          scheduleTitle: 'Rebook',
          exposureDate: '2026-12-03',
          exposureTime: '10:00',
          exposurePlace: worstText(PLACE_MAX),
          showRecord: true,
          showReview: true,
          typed: { ...JOURNEY_BASE.typed, reviewOutcome: 'concerns', reviewNote: W },
        }),
    },
    // The head once the move is cancelled: every note there can be, shortened.
    {
      template: 'journey',
      state: 'at the limit: head, cancelled, every note',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          title: 'Pre-deployment: Gus Novak',
          showWithdraw: false,
          answers,
          notes: [notes[0]!, notes[1]!, notes[3]!],
          lines,
          facts: [...JOURNEY_BASE.facts, place],
        }),
    },
    // The candidate once they have withdrawn: their own answers and reason, shortened, as typed.
    {
      template: 'journey',
      state: 'at the limit: candidate, withdrawn',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          showWithdraw: false,
          showNoDetriment: true,
          support: SUPPORT,
          answersTitle: 'Your answers',
          answers: QUESTIONS.map((q) => ({ label: q.label, value: shownText(W, false).text, more: q.key })),
          notes: [{ label: 'What you told them', value: shownText(W, false).text, more: 'rationale' }],
          facts: [...JOURNEY_BASE.facts, place],
        }),
    },
    {
      template: 'journey-questionnaire',
      state: 'typed to the input limit in a 3-byte script: every answer, refused',
      card: () =>
        questionnaireCard({
          journeyId: 'jrn-000000000000000000000001',
          notice: 'Nothing was sent yet.',
          problems: QUESTIONS.map((q) => ({ text: `Your answer to "${q.label}" is too long by about 467 characters.` })),
          facts: JOURNEY_BASE.facts.slice(1, 4),
          feelings: TYPED,
          reservations: TYPED,
          relevance: TYPED,
          support: TYPED,
          willingness: 'notYet',
        }),
    },
    {
      template: 'journey-questionnaire',
      state: 'at the limit: every answer, refused',
      card: () =>
        questionnaireCard({
          journeyId: 'jrn-000000000000000000000001',
          notice: 'Nothing was sent yet.',
          problems: QUESTIONS.map((q) => ({ text: `Your answer to "${q.label}" is too long by about 10 characters.` })),
          facts: JOURNEY_BASE.facts.slice(1, 4),
          feelings: W,
          reservations: W,
          relevance: W,
          support: W,
          willingness: 'notYet',
        }),
    },
    {
      template: 'journey-withdraw',
      state: 'at the limit: the reason, refused',
      card: () =>
        withdrawCard({
          journeyId: 'jrn-000000000000000000000001',
          unitName: 'Online Child Abuse Team 2',
          facts: JOURNEY_BASE.facts.slice(1, 4),
          notice: 'Haven could not save this just now.',
          rationale: W,
        }),
    },
  ];
}

export function cardFixtures(): CardFixture[] {
  return [
    ...worstCase(),
    { template: 'journey', state: 'candidate, nominated', card: () => journeyCard(JOURNEY_BASE) },
    {
      template: 'journey',
      state: 'candidate, exposure booked with what to expect and support',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          lines: [{ text: 'Your controlled exposure: 3 Dec 2026, 10:00, Room 4.' }, { text: 'You may stop at any moment.' }],
          support: SUPPORT,
        }),
    },
    {
      template: 'journey',
      state: 'candidate, questionnaire waiting',
      card: () => journeyCard({ ...JOURNEY_BASE, showQuestionnaire: true }),
    },
    {
      template: 'journey',
      state: 'candidate, attachment offered',
      card: () => journeyCard({ ...JOURNEY_BASE, showRespondAttachment: true }),
    },
    {
      template: 'journey',
      state: 'candidate, withdrawn with no detriment',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          showWithdraw: false,
          showNoDetriment: true,
          support: SUPPORT,
          notes: [{ label: 'What you told them', value: 'Family reasons.', more: '' }],
          notice: 'Done. Your move is cancelled.',
        }),
    },
    {
      template: 'journey',
      state: 'head, nominated: agree and cancel',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          title: 'Pre-deployment: Gus Novak',
          showWithdraw: false,
          showAgree: true,
          showCancel: true,
          lines: [{ text: '21 Nov 2026, 09:00: Journey opened by Dana Hughes' }],
        }),
    },
    {
      template: 'journey',
      state: 'trainer, book the exposure',
      card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, showSchedule: true }),
    },
    {
      template: 'journey',
      state: 'trainer, rebook or record the exposure',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          showWithdraw: false,
          showSchedule: true,
          scheduleTitle: 'Rebook',
          exposureDate: '2026-12-03',
          exposureTime: '10:00',
          exposurePlace: 'Room 4',
          showRecord: true,
        }),
    },
    // Issue #14 part 4: the debrief after the controlled exposure, before the questionnaire.
    {
      template: 'journey',
      state: 'trainer, record the debrief',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          title: 'Pre-deployment: Gus Novak',
          showWithdraw: false,
          showDebrief: true,
          debriefHeldOn: '2026-12-03',
          lines: [{ text: '3 Dec 2026, 11:30: Controlled exposure done' }],
        }),
    },
    {
      template: 'journey',
      state: 'candidate, exposure done: the debrief comes first, support shown',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          support: SUPPORT,
          lines: [
            {
              text: 'Thank you for taking part in the controlled exposure. Before anything else, Tom Reed will hold a short debrief with you: time to talk about how it was and to unwind. Nothing you say there is written down.',
            },
          ],
        }),
    },
    {
      template: 'journey',
      state: 'trainer, review the answers',
      card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, answers: JOURNEY_ANSWERS, showReview: true }),
    },
    {
      template: 'journey',
      state: "head, secondary review with the trainer's note",
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          showWithdraw: false,
          answers: JOURNEY_ANSWERS,
          notes: [{ label: 'Note from Tom Reed', value: 'Seemed shaken.', more: '' }],
          showHeadReview: true,
          headReviewDue: 'Due by 3 Dec 2026, 09:00.',
          showCancel: true,
        }),
    },
    {
      template: 'journey',
      state: 'head, cleared: attachment or ready',
      card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, showOfferAttachment: true, showReady: true, showCancel: true }),
    },
    {
      template: 'journey',
      state: 'refused, with problems',
      card: () =>
        journeyCard({
          ...JOURNEY_BASE,
          notice: 'Nothing was changed:',
          problems: [{ text: 'Say where the controlled exposure takes place.' }],
        }),
    },
    {
      template: 'journey-questionnaire',
      state: 'empty',
      card: () =>
        questionnaireCard({
          journeyId: 'jrn-000000000000000000000001',
          notice: '',
          problems: [],
          facts: JOURNEY_BASE.facts.slice(1, 4),
          feelings: '',
          reservations: '',
          relevance: '',
          support: '',
          willingness: '',
        }),
    },
    {
      template: 'journey-questionnaire',
      state: 'draft with missing answers',
      card: () =>
        questionnaireCard({
          journeyId: 'jrn-000000000000000000000001',
          notice: 'Some answers are missing; nothing was sent yet.',
          problems: [{ text: 'Please answer "Do you have any reservations?"' }],
          facts: JOURNEY_BASE.facts.slice(1, 4),
          feelings: 'Fine',
          reservations: '',
          relevance: 'Very',
          support: '',
          willingness: 'notYet',
        }),
    },
    {
      template: 'journey-withdraw',
      state: 'confirm',
      card: () =>
        withdrawCard({
          journeyId: 'jrn-000000000000000000000001',
          unitName: 'Online Child Abuse Team 2',
          facts: JOURNEY_BASE.facts.slice(1, 4),
          notice: '',
          rationale: '',
        }),
    },
    {
      template: 'journey-move-cancelled',
      state: 'HR',
      card: () => moveCancelledCard({ unitName: 'Online Child Abuse Team 2', plannedStart: 'Mon, 1 Mar 2027', daysLeft: '98 days' }),
    },
    {
      template: 'journey-open',
      state: 'empty form',
      card: () =>
        openJourneyCard({
          notice: '',
          problems: [],
          candidates: [{ title: 'Gus Novak', value: 'gus.novak' }],
          trainers: [{ title: 'Tom Reed', value: 'tom.reed' }],
          units: [{ title: 'Online Child Abuse Team 2', value: 'unit-2' }],
          candidateId: '',
          trainerId: '',
          unitId: 'unit-2',
          plannedStartDate: '',
        }),
    },
    {
      template: 'journey-open',
      state: 'with problems',
      card: () =>
        openJourneyCard({
          notice: 'The journey was not opened:',
          problems: [{ text: 'The planned start date must be in the future.' }],
          candidates: [{ title: 'Gus Novak', value: 'gus.novak' }],
          trainers: [{ title: 'Tom Reed', value: 'tom.reed' }],
          units: [{ title: 'Online Child Abuse Team 2', value: 'unit-2' }],
          candidateId: 'gus.novak',
          trainerId: 'tom.reed',
          unitId: 'unit-2',
          plannedStartDate: '2020-01-01',
        }),
    },
    {
      template: 'journey-list',
      state: 'head with journeys',
      card: () =>
        journeyListCard({
          rows: [{ journeyId: 'jrn-000000000000000000000001', title: 'Gus Novak', subtitle: 'Nominated · planned start Mon, 1 Mar 2027' }],
          emptyText: 'None yet.',
          canOpen: true,
        }),
    },
    {
      template: 'journey-list',
      state: 'empty',
      card: () => journeyListCard({ rows: [], emptyText: 'You are not on any pre-deployment journey yet.', canOpen: false }),
    },
  ];
}
