import { bindTemplate, type Card, type ShownFact } from '../../kernel/cards.ts';

export interface SuitabilityCardData {
  questionnaireId: string;
  title: string;
  intro: string;
  notice: string;
  /** The form (open, or a draft); otherwise the person's own read-only view of what they sent. */
  editable: boolean;
  questions: { id: string; label: string; value: string }[];
  maxLength: number;
  continueLabel: string;
  continueChoices: { title: string; value: string }[];
  continueValue: string;
  answers: ShownFact[];
  statusLine: string;
  /** Who reads it, said plainly before they send it. */
  privacy: string;
  /** Whom they may choose to read it (issue 14 part 2); empty where the unit does not allow a choice. */
  readerChoices: { title: string; value: string }[];
  readByValue: string;
  /** For each choice, exactly who reads the answers and who is told only that the review is done. */
  readerLines: { text: string }[];
}

/** The officer's questionnaire, and their own view of it once sent. Never carries the reviewer's note. */
export function suitabilityCard(data: SuitabilityCardData): Card {
  return bindTemplate('suitability', data);
}

export interface SuitabilityReviewCardData {
  questionnaireId: string;
  title: string;
  notice: string;
  facts: { label: string; value: string }[];
  /** Shortened when long, with "Show all" (`more` names the answer). */
  answers: ShownFact[];
  reviewedLine: string;
  note: string;
  /** The note was shortened: offer "Show all". */
  noteMore: boolean;
  canReview: boolean;
  /** The reviewer's note as typed, when the review comes back refused. */
  typedNote: string;
  outcomeChoices: { title: string; value: string }[];
  privacy: string;
}

/** The reviewer's card: the answers and, once reviewed, the outcome and note. */
export function suitabilityReviewCard(data: SuitabilityReviewCardData): Card {
  return bindTemplate('suitability-review', data);
}
