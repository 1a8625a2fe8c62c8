// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { typedAtMaxLength, worstText } from '../../kernel/card-fixtures.ts';
import { shownText } from '../../kernel/text.ts';
import { SUITABILITY_MAX_CHARS } from './rules.ts';
import { suitabilityCard, suitabilityReviewCard, type SuitabilityCardData, type SuitabilityReviewCardData } from './cards.ts';

export function cardFixtures(): CardFixture[] {
  return SUITABILITY_FIXTURES();
}

function SUITABILITY_FIXTURES(): CardFixture[] {
  const privacy =
    'Your supervisor reads your answers: that is what the questionnaire is for. Nobody else sees your answers, except the department head if your supervisor escalates it.';
  const form: SuitabilityCardData = {
    questionnaireId: 'suitability:bea.clarke:2025-02-12',
    title: 'Your annual suitability questionnaire',
    intro: 'Due by 12 Feb 2025. There are no right answers and nothing is scored.',
    notice: '',
    editable: true,
    questions: [
      { id: 'work', label: 'How are you finding the work, and what impact is it having on you? (required)', value: '' },
      { id: 'coping', label: 'How are you coping? What helps, and what does not? (required)', value: '' },
      { id: 'support', label: 'Is there any support you would like that you are not getting?', value: '' },
      { id: 'forSupervisor', label: 'Is there anything else you want your supervisor to know?', value: '' },
    ],
    maxLength: 2000,
    continueLabel: 'Do you wish to continue in the role? (required)',
    continueChoices: [
      { title: 'Yes', value: 'yes' },
      { title: 'Not sure', value: 'unsure' },
      { title: 'No', value: 'no' },
    ],
    continueValue: '',
    answers: [],
    statusLine: '',
    privacy,
    readerChoices: [],
    readByValue: '',
    readerLines: [],
  };
  const answers = [
    {
      label: 'How are you finding the work, and what impact is it having on you?',
      value: 'Harder since the spring; sleeping less.',
      more: '',
    },
    { label: 'How are you coping? What helps, and what does not?', value: 'Walking at lunch helps; late shifts do not.', more: '' },
    { label: 'Is there any support you would like that you are not getting?', value: 'No answer', more: '' },
    { label: 'Do you wish to continue in the role?', value: 'Not sure', more: '' },
  ];
  const review: SuitabilityReviewCardData = {
    questionnaireId: 'suitability:bea.clarke:2025-02-12',
    title: 'Suitability questionnaire: Bea Clarke',
    notice: '',
    facts: [
      { label: 'Who', value: 'Bea Clarke' },
      { label: 'Due', value: '12 Feb 2025' },
      { label: 'Sent', value: '23 Nov 2026' },
    ],
    answers,
    reviewedLine: '',
    note: '',
    noteMore: false,
    typedNote: '',
    canReview: true,
    outcomeChoices: [
      { title: 'Reviewed: no concerns', value: 'noConcerns' },
      { title: 'Reviewed: follow-up agreed', value: 'followUp' },
    ],
    privacy: 'Only you, as the person responsible for them now, can see these answers; every time they are opened is recorded.',
  };
  // Every free-text field at its byte budget in a 3-byte script.
  const W = worstText(SUITABILITY_MAX_CHARS);
  const worstOwn = form.questions.map((q) => ({ label: q.label, value: W, more: '' }));
  const worstShown = form.questions.map((q) => ({ label: q.label, value: shownText(W, true).text, more: q.id }));
  const typed = typedAtMaxLength(form.maxLength);
  return [
    {
      template: 'suitability',
      state: 'typed to the input limit in a 3-byte script: refused, holding every answer',
      card: () =>
        suitabilityCard({
          ...form,
          notice: 'Your answer to "How are you coping?" is too long by about 1,334 characters. Nothing was sent yet.',
          questions: form.questions.map((q) => ({ ...q, value: typed })),
          continueValue: 'unsure',
        }),
    },
    {
      template: 'suitability',
      state: 'at the limit: the form refused, holding every answer',
      card: () =>
        suitabilityCard({
          ...form,
          notice: 'Your answer to "How are you coping?" is too long by about 10 characters. Nothing was sent yet.',
          questions: form.questions.map((q) => ({ ...q, value: W })),
          continueValue: 'unsure',
        }),
    },
    {
      template: 'suitability',
      state: 'at the limit: sent (own view, whole answers)',
      card: () =>
        suitabilityCard({
          ...form,
          title: 'Your suitability questionnaire',
          editable: false,
          questions: [],
          answers: [...worstOwn, answers[3]!],
          statusLine: "Sent on 23 Nov 2026; waiting for your supervisor's review.",
        }),
    },
    {
      template: 'suitability-review',
      state: 'at the limit: answers shortened, review refused holding the note',
      card: () =>
        suitabilityReviewCard({
          ...review,
          answers: [...worstShown, answers[3]!],
          notice: 'Your note is too long by about 10 characters. Nothing was changed.',
          typedNote: W,
        }),
    },
    {
      template: 'suitability-review',
      state: 'at the limit: reviewed, answers and note shortened',
      card: () =>
        suitabilityReviewCard({
          ...review,
          canReview: false,
          answers: [...worstShown, answers[3]!],
          reviewedLine: 'Reviewed: follow-up agreed: by Sam Okafor, 24 Nov 2026.',
          note: `Note: ${shownText(W, true).text}`,
          noteMore: true,
        }),
    },
    { template: 'suitability', state: 'empty form', card: () => suitabilityCard(form) },
    // Issue 14 part 2: the unit allows a choice of reader.
    {
      template: 'suitability',
      state: 'empty form with a choice of who reads it',
      card: () =>
        suitabilityCard({
          ...form,
          readerChoices: [
            { title: 'Sam Okafor (your supervisor), as usual', value: 'supervisor' },
            { title: 'Wes Lyle (the welfare lead)', value: 'welfareLead' },
            { title: 'Dana Hughes (the department head)', value: 'departmentHead' },
          ],
          readByValue: 'supervisor',
          readerLines: [
            { text: 'Sam Okafor (your supervisor) will read your answers.' },
            {
              text: 'Wes Lyle (the welfare lead) will read your answers; Sam Okafor (your supervisor) will see only that your review is done.',
            },
            {
              text: 'Dana Hughes (the department head) will read your answers; Sam Okafor (your supervisor) will see only that your review is done.',
            },
          ],
        }),
    },
    {
      template: 'suitability',
      state: 'sent to the chosen reader (own view)',
      card: () =>
        suitabilityCard({
          ...form,
          title: 'Your suitability questionnaire',
          editable: false,
          questions: [],
          answers,
          statusLine: "Sent on 23 Nov 2026; waiting for Wes Lyle's review.",
          notice:
            'Thank you: your answers are stored. Wes Lyle (the welfare lead) will read your answers; Sam Okafor (your supervisor) will see only that your review is done.',
          privacy:
            'You chose Wes Lyle (the welfare lead) to read your answers: nobody else can open them in Haven, and your supervisor sees only that your review is done.',
        }),
    },
    {
      template: 'suitability',
      state: 'draft with a validation problem',
      card: () =>
        suitabilityCard({
          ...form,
          notice: 'Nothing was sent yet. Please answer "How are you coping?" (a few words are enough).',
          questions: form.questions.map((q, i) => (i === 0 ? { ...q, value: 'Harder since the spring.' } : q)),
          continueValue: 'unsure',
        }),
    },
    {
      template: 'suitability',
      state: 'sent, waiting for review (own view)',
      card: () =>
        suitabilityCard({
          ...form,
          title: 'Your suitability questionnaire',
          editable: false,
          questions: [],
          answers,
          statusLine: "Sent on 23 Nov 2026; waiting for your supervisor's review.",
          notice: 'Thank you: your answers are stored and shared with Sam Okafor.',
        }),
    },
    {
      template: 'suitability',
      state: 'reviewed (own view, no reviewer note)',
      card: () =>
        suitabilityCard({
          ...form,
          title: 'Your suitability questionnaire',
          editable: false,
          questions: [],
          answers,
          statusLine: 'Reviewed: follow-up agreed (24 Nov 2026).',
        }),
    },
    {
      template: 'suitability-review',
      state: 'to the cover, ready to review',
      card: () => suitabilityReviewCard({ ...review, notice: 'You are covering for Priya Shah, so this comes to you.' }),
    },
    {
      template: 'suitability-review',
      state: 'reviewed, with the note',
      card: () =>
        suitabilityReviewCard({
          ...review,
          canReview: false,
          notice: 'Recorded: Reviewed: follow-up agreed. The next questionnaire is due by 24 Nov 2027.',
          reviewedLine: 'Reviewed: follow-up agreed: by Sam Okafor, 24 Nov 2026.',
          note: 'Note: agreed fewer late shifts for a month.',
        }),
    },
  ];
}
