// Typed binders for the pre-deployment journey cards. What each viewer may see is decided in
// views.ts from the domain rules; these only bind what they are given.
import { ANSWER_INPUT_MAX_LENGTH } from './model.ts';
import { bindTemplate, type Card, type ShownFact } from '../../kernel/cards.ts';

type Fact = { label: string; value: string };
type Line = { text: string };

export interface JourneyCardData {
  journeyId: string;
  title: string;
  /** A refusal or a second click, in plain words; empty when there is nothing to say. */
  notice: string;
  problems: Line[];
  facts: Fact[];
  lines: Line[];
  answersTitle: string;
  /** Empty unless the viewer may read the answers. */
  answers: ShownFact[];
  /** Review notes, withdrawal rationale, cancellation reason: each only for whoever may read it. */
  notes: ShownFact[];
  showNoDetriment: boolean;
  noDetriment: string;
  support: { name: string; detail: string }[];
  showAgree: boolean;
  showSchedule: boolean;
  scheduleTitle: string;
  exposureDate: string;
  exposureTime: string;
  exposurePlace: string;
  showRecord: boolean;
  /** The trainer's "debrief held" form after the controlled exposure (the day only; no content). */
  showDebrief: boolean;
  debriefHeldOn: string;
  showQuestionnaire: boolean;
  showReview: boolean;
  showHeadReview: boolean;
  headReviewDue: string;
  showOfferAttachment: boolean;
  showRespondAttachment: boolean;
  showReady: boolean;
  showCancel: boolean;
  /** The candidate's "I don't want to continue" (on every card they get while the journey is open). */
  showWithdraw: boolean;
  /** What the viewer chose and typed into the card's forms, when it comes back refused (nothing typed is lost). */
  typed: JourneyTyped;
}

export interface JourneyTyped {
  reviewOutcome: string;
  reviewNote: string;
  headOutcome: string;
  headNote: string;
  cancelReason: string;
}

export function journeyCard(data: JourneyCardData): Card {
  return bindTemplate('journey', { ...data, noteMaxLength: ANSWER_INPUT_MAX_LENGTH });
}

export interface QuestionnaireCardData {
  journeyId: string;
  notice: string;
  problems: Line[];
  facts: Fact[];
  feelings: string;
  reservations: string;
  relevance: string;
  support: string;
  willingness: string;
}

export function questionnaireCard(data: QuestionnaireCardData): Card {
  return bindTemplate('journey-questionnaire', { ...data, answerMaxLength: ANSWER_INPUT_MAX_LENGTH });
}

export interface WithdrawCardData {
  journeyId: string;
  unitName: string;
  facts: Fact[];
  /** A refusal in plain words, and the reason as typed, when the card comes back. */
  notice: string;
  rationale: string;
}

export function withdrawCard(data: WithdrawCardData): Card {
  return bindTemplate('journey-withdraw', data);
}

/**
 * HR / resource planning: that the move is cancelled, the unit, the planned start date and the days
 * left to find an alternative. The type has no room for anything else, by design: no name, no
 * reason, no answers, not even whether the candidate withdrew or the move was cancelled.
 */
export interface MoveCancelledCardData {
  unitName: string;
  plannedStart: string;
  daysLeft: string;
}

export function moveCancelledCard(data: MoveCancelledCardData): Card {
  return bindTemplate('journey-move-cancelled', { unitName: data.unitName, plannedStart: data.plannedStart, daysLeft: data.daysLeft });
}

export interface OpenJourneyCardData {
  notice: string;
  problems: Line[];
  candidates: { title: string; value: string }[];
  trainers: { title: string; value: string }[];
  units: { title: string; value: string }[];
  candidateId: string;
  trainerId: string;
  unitId: string;
  plannedStartDate: string;
}

export function openJourneyCard(data: OpenJourneyCardData): Card {
  return bindTemplate('journey-open', data);
}

export interface JourneyListCardData {
  rows: { journeyId: string; title: string; subtitle: string }[];
  emptyText: string;
  canOpen: boolean;
}

export function journeyListCard(data: JourneyListCardData): Card {
  return bindTemplate('journey-list', data);
}
