// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { SAMPLE_SUPPORT as SUPPORT } from '../../kernel/card-fixtures.ts';
import { journeyCard, journeyListCard, moveCancelledCard, openJourneyCard, questionnaireCard, withdrawCard, type JourneyCardData } from './cards.ts';

const JOURNEY_BASE: JourneyCardData = {
  journeyId: 'jrn-000000000000000000000001', title: 'Your move into the unit', notice: '', problems: [],
  facts: [{ label: 'Candidate', value: 'Gus Novak' }, { label: 'Unit', value: 'Online Child Abuse Team 2' }, { label: 'Planned start', value: 'Mon, 1 Mar 2027' }, { label: 'Days remaining', value: '98 days' }, { label: 'Status', value: 'Nominated' }],
  lines: [{ text: 'You have been put forward to join Online Child Abuse Team 2.' }],
  answersTitle: 'The candidate\'s answers', answers: [], notes: [], showNoDetriment: false, noDetriment: 'It will never count against you.', support: [],
  showAgree: false, showSchedule: false, scheduleTitle: 'Book', exposureDate: '', exposureTime: '', exposurePlace: '', showRecord: false, showQuestionnaire: false,
  showReview: false, showHeadReview: false, headReviewDue: '', showOfferAttachment: false, showRespondAttachment: false, showReady: false, showCancel: false, showWithdraw: true,
  typed: { reviewOutcome: 'noConcerns', reviewNote: '', headOutcome: 'proceed', headNote: '', cancelReason: '' },
};
const JOURNEY_ANSWERS = [
  { label: 'How do you feel after the controlled exposure?', value: 'Unsettled at first, then fine.' }, { label: 'Do you have any reservations?', value: 'Night shifts.' },
  { label: 'How relevant did the exposure feel to the role?', value: 'Very.' }, { label: 'What support would you want if you join the unit?', value: 'A mentor.' }, { label: 'Training course', value: 'Not yet' },
];

export function cardFixtures(): CardFixture[] {
  return [
    { template: 'journey', state: 'candidate, nominated', card: () => journeyCard(JOURNEY_BASE) },
    { template: 'journey', state: 'candidate, exposure booked with what to expect and support', card: () => journeyCard({ ...JOURNEY_BASE, lines: [{ text: 'Your controlled exposure: 3 Dec 2026, 10:00, Room 4.' }, { text: 'You may stop at any moment.' }], support: SUPPORT }) },
    { template: 'journey', state: 'candidate, questionnaire waiting', card: () => journeyCard({ ...JOURNEY_BASE, showQuestionnaire: true }) },
    { template: 'journey', state: 'candidate, attachment offered', card: () => journeyCard({ ...JOURNEY_BASE, showRespondAttachment: true }) },
    { template: 'journey', state: 'candidate, withdrawn with no detriment', card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, showNoDetriment: true, support: SUPPORT, notes: [{ label: 'What you told them', value: 'Family reasons.' }], notice: 'Done. Your move is cancelled.' }) },
    { template: 'journey', state: 'head, nominated: agree and cancel', card: () => journeyCard({ ...JOURNEY_BASE, title: 'Pre-deployment: Gus Novak', showWithdraw: false, showAgree: true, showCancel: true, lines: [{ text: '21 Nov 2026, 09:00: Journey opened by Dana Hughes' }] }) },
    { template: 'journey', state: 'trainer, book the exposure', card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, showSchedule: true }) },
    { template: 'journey', state: 'trainer, rebook or record the exposure', card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, showSchedule: true, scheduleTitle: 'Rebook', exposureDate: '2026-12-03', exposureTime: '10:00', exposurePlace: 'Room 4', showRecord: true }) },
    { template: 'journey', state: 'trainer, review the answers', card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, answers: JOURNEY_ANSWERS, showReview: true }) },
    { template: 'journey', state: 'head, secondary review with the trainer\'s note', card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, answers: JOURNEY_ANSWERS, notes: [{ label: 'Note from Tom Reed', value: 'Seemed shaken.' }], showHeadReview: true, headReviewDue: 'Due by 3 Dec 2026, 09:00.', showCancel: true }) },
    { template: 'journey', state: 'head, cleared: attachment or ready', card: () => journeyCard({ ...JOURNEY_BASE, showWithdraw: false, showOfferAttachment: true, showReady: true, showCancel: true }) },
    { template: 'journey', state: 'refused, with problems', card: () => journeyCard({ ...JOURNEY_BASE, notice: 'Nothing was changed:', problems: [{ text: 'Say where the controlled exposure takes place.' }] }) },
    { template: 'journey-questionnaire', state: 'empty', card: () => questionnaireCard({ journeyId: 'jrn-000000000000000000000001', notice: '', problems: [], facts: JOURNEY_BASE.facts.slice(1, 4), feelings: '', reservations: '', relevance: '', support: '', willingness: '' }) },
    { template: 'journey-questionnaire', state: 'draft with missing answers', card: () => questionnaireCard({ journeyId: 'jrn-000000000000000000000001', notice: 'Some answers are missing; nothing was sent yet.', problems: [{ text: 'Please answer "Do you have any reservations?"' }], facts: JOURNEY_BASE.facts.slice(1, 4), feelings: 'Fine', reservations: '', relevance: 'Very', support: '', willingness: 'notYet' }) },
    { template: 'journey-withdraw', state: 'confirm', card: () => withdrawCard({ journeyId: 'jrn-000000000000000000000001', unitName: 'Online Child Abuse Team 2', facts: JOURNEY_BASE.facts.slice(1, 4), notice: '', rationale: '' }) },
    { template: 'journey-move-cancelled', state: 'HR', card: () => moveCancelledCard({ unitName: 'Online Child Abuse Team 2', plannedStart: 'Mon, 1 Mar 2027', daysLeft: '98 days' }) },
    { template: 'journey-open', state: 'empty form', card: () => openJourneyCard({ notice: '', problems: [], candidates: [{ title: 'Gus Novak', value: 'gus.novak' }], trainers: [{ title: 'Tom Reed', value: 'tom.reed' }], units: [{ title: 'Online Child Abuse Team 2', value: 'unit-2' }], candidateId: '', trainerId: '', unitId: 'unit-2', plannedStartDate: '' }) },
    { template: 'journey-open', state: 'with problems', card: () => openJourneyCard({ notice: 'The journey was not opened:', problems: [{ text: 'The planned start date must be in the future.' }], candidates: [{ title: 'Gus Novak', value: 'gus.novak' }], trainers: [{ title: 'Tom Reed', value: 'tom.reed' }], units: [{ title: 'Online Child Abuse Team 2', value: 'unit-2' }], candidateId: 'gus.novak', trainerId: 'tom.reed', unitId: 'unit-2', plannedStartDate: '2020-01-01' }) },
    { template: 'journey-list', state: 'head with journeys', card: () => journeyListCard({ rows: [{ journeyId: 'jrn-000000000000000000000001', title: 'Gus Novak', subtitle: 'Nominated · planned start Mon, 1 Mar 2027' }], emptyText: 'None yet.', canOpen: true }) },
    { template: 'journey-list', state: 'empty', card: () => journeyListCard({ rows: [], emptyText: 'You are not on any pre-deployment journey yet.', canOpen: false }) },
  ];
}
