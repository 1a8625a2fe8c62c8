import { bindTemplate, type Card } from '../../kernel/cards.ts';
import type { WeeklySummaryCardData, WorkloadSummaryFields } from './workload-views.ts';

export interface CheckInCardData {
  checkInId: string;
  title: string;
  intro: string;
  /** e.g. "Due Mon, 23 Nov 2026. Answers are welcome until Mon, 7 Dec 2026, whenever suits you." */
  dueLine: string;
  notice?: string;
  scaleLabel: string;
  /** `value`: the answer chosen, when the card comes back refused (nothing typed is ever lost). */
  items: { id: string; text: string; value: string }[];
  scaleChoices: { title: string; value: string }[];
  workloadText: string;
  workloadChoices: { title: string; value: string }[];
  breaksText: string;
  breaksChoices: { title: string; value: string }[];
  conversationText: string;
  conversationChoices: { title: string; value: string }[];
  /** Whom a conversation would be with (talk-to.ts): shown when the person has more than their supervisor to choose. */
  showTalkTo: boolean;
  talkToChoices: { title: string; value: string }[];
  freeTextLabel: string;
  freeTextPlaceholder: string;
  freeTextMaxLength: number;
  /** What the person had chosen and typed, when the card comes back; empty on a fresh card. */
  typed: { workload: string; breaks: string; conversation: string; conversationWith: string; freeText: string; share: string };
  /** Issue 14: last week's one-tap workload summary, when it is asked in this check-in (else `week` is ''). */
  summary: WorkloadSummaryFields;
}

export function checkInCard(data: CheckInCardData): Card {
  return bindTemplate('check-in', { notice: '', ...data });
}

export interface CheckInConfirmationCardData {
  headline: string;
  notice?: string;
  lines: { text: string }[];
  visibility: { who: string; sees: string }[];
  showSupport: boolean;
  supportIntro: string;
  support: { name: string; detail: string }[];
}

export function checkInConfirmationCard(data: CheckInConfirmationCardData): Card {
  return bindTemplate('check-in-confirmation', { notice: '', ...data });
}

export interface FlagCardData {
  flagId: string;
  title: string;
  facts: { label: string; value: string }[];
  /** Says that answers were not shared; empty when they were. */
  privacyLine: string;
  sharedTitle: string;
  /** Only the answers of the one check-in the person chose to share; otherwise empty. */
  sharedAnswers: { label: string; value: string }[];
  sharedNote: string;
  /** The note was shortened: offer "Show all" for the check-in `checkInId`. */
  sharedNoteMore: boolean;
  checkInId: string;
  history: { text: string }[];
  notice: string;
  canAcknowledge: boolean;
  canResolve: boolean;
}

export function flagCard(data: FlagCardData): Card {
  return bindTemplate('flag', data);
}

export interface UnitOverviewCardData {
  title: string;
  rule: string;
  periods: {
    label: string;
    shown: boolean;
    barWeight: number;
    restWeight: number;
    meanText: string;
    hiddenText: string;
    completionText: string;
  }[];
  facts: { label: string; value: string }[];
}

export function unitOverviewCard(data: UnitOverviewCardData): Card {
  return bindTemplate('unit-overview', data);
}

/** Issue 14: the small weekly workload card, in weeks without a check-in. */
export function weeklySummaryCard(data: WeeklySummaryCardData): Card {
  return bindTemplate('weekly-summary', data);
}
