import { bindTemplate, type Card } from '../../kernel/cards.ts';

/** Adaptive Card container styles used as bar colours (Adaptive Cards 1.5 has no chart element). */
export type BarStyle = 'good' | 'warning' | 'emphasis' | 'accent';

export interface ProcessReviewCardData {
  unitText: string;
  periodText: string;
  /** YYYY-MM-DD, carried by the Refresh button. */
  from: string;
  to: string;
  summary: { label: string; value: string }[];
  /** One bar per outcome: `n` and `rest` are column weights (n + rest = the largest count). */
  outcomeBars: { title: string; n: number; rest: number; style: BarStyle; bar: string; countText: string }[];
  /** The chart's numbers in words, for screen readers. */
  chartText: string;
  journeys: { journeyId: string; name: string; outcomeText: string; daysText: string; canOpenDetail: boolean }[];
  /** "3 more journeys are in the exported report", or empty. */
  moreText: string;
  privacyNote: string;
}

export function processReviewCard(data: ProcessReviewCardData): Card {
  return bindTemplate('process-review', data);
}

export interface ProcessReviewJourneyCardData {
  candidateName: string;
  unitName: string;
  trainerName: string;
  facts: { label: string; value: string }[];
  timeline: { on: string; text: string }[];
  privacyNote: string;
}

export function processReviewJourneyCard(data: ProcessReviewJourneyCardData): Card {
  return bindTemplate('process-review-journey', data);
}
