// What the review cards show, from the domain review. No answers or notes exist in the input, so
// none can reach a card.
import type { BarStyle, ProcessReviewCardData, ProcessReviewJourneyCardData } from './cards.ts';
import { formatDay } from '../../kernel/format.ts';
import {
  REVIEW_OUTCOME_TITLES,
  REVIEW_OUTCOMES,
  type DaysFigures,
  type JourneyDetail,
  type ProcessReview,
  type ReviewOutcome,
} from './rules.ts';

/** Teams refuses cards over about 28 KB; the journey list is cut here and the export has them all. */
export const REVIEW_CARD_MAX_JOURNEYS = 25;

export const CARD_PRIVACY_NOTE =
  'No answers or free text are shown in this review: only dates, steps, outcomes and whether concerns were raised.';
export const DETAIL_PRIVACY_NOTE =
  'Answers, review notes and reasons are not shown here. Opening this journey was recorded in the audit trail.';

const BAR_STYLES: Record<ReviewOutcome, BarStyle> = {
  readyToStart: 'good',
  withdrawn: 'warning',
  cancelled: 'emphasis',
  inProgress: 'accent',
};
function days(f: DaysFigures): string {
  return f.count ? `median ${f.median} days (mean ${f.mean}, ${f.count} journey${f.count === 1 ? '' : 's'})` : '—';
}

export function processReviewCardData(
  review: ProcessReview,
  canOpenDetail: boolean,
  limit = REVIEW_CARD_MAX_JOURNEYS,
): ProcessReviewCardData {
  const s = review.summary;
  const max = Math.max(1, ...REVIEW_OUTCOMES.map((o) => s.byOutcome[o]));
  const summary = [
    { label: 'Journeys', value: String(s.total) },
    ...REVIEW_OUTCOMES.map((o) => ({ label: REVIEW_OUTCOME_TITLES[o], value: String(s.byOutcome[o]) })),
    {
      label: 'Withdrawals by step',
      value: s.withdrawalsByStep.length ? s.withdrawalsByStep.map((w) => `${w.title}: ${w.count}`).join('; ') : 'none',
    },
    { label: 'Concerns raised', value: String(s.concernsRaised) },
    { label: 'Department head reviews', value: String(s.headReviews) },
    { label: 'Agreement to exposure', value: days(s.agreementToExposure) },
    { label: 'Agreement to start', value: days(s.agreementToStart) },
  ];
  const shown = review.rows.slice(0, limit);
  const more = review.rows.length - shown.length;
  return {
    unitText: review.unitNames.join(', ') || 'No unit',
    periodText: `${formatDay(review.period.from)} to ${formatDay(review.period.to)}: every journey open at any time in this period`,
    from: review.period.from,
    to: review.period.to,
    summary,
    outcomeBars: REVIEW_OUTCOMES.map((o) => ({
      title: REVIEW_OUTCOME_TITLES[o],
      n: s.byOutcome[o],
      rest: max - s.byOutcome[o],
      style: BAR_STYLES[o],
      bar: ' ',
      countText: String(s.byOutcome[o]),
    })),
    chartText: `Outcomes: ${REVIEW_OUTCOMES.map((o) => `${REVIEW_OUTCOME_TITLES[o]} ${s.byOutcome[o]}`).join(', ')}.`,
    journeys: shown.map((r) => ({
      journeyId: r.journeyId,
      name: r.candidateName,
      outcomeText: r.outcomeText + (r.concernsRaised ? ' · concerns raised' : ''),
      daysText:
        r.daysAgreementToStart === undefined
          ? 'not agreed yet'
          : `${r.daysAgreementToStart} days to ${r.startBasis === 'ready' ? 'ready' : 'planned start'}`,
      canOpenDetail,
    })),
    moreText:
      more > 0 ? `${more} more journey${more === 1 ? ' is' : 's are'} in the exported report (npm run report -- predeployment).` : '',
    privacyNote: CARD_PRIVACY_NOTE,
  };
}

export function journeyDetailCardData(d: JourneyDetail): ProcessReviewJourneyCardData {
  return {
    candidateName: d.candidateName,
    unitName: d.unitName,
    trainerName: d.trainerName,
    facts: d.facts.map((f) => ({
      label: f.label,
      value: /^\d{4}-\d{2}-\d{2}/.test(f.value) ? f.value.replace(/^\d{4}-\d{2}-\d{2}/, (m) => formatDay(m)) : f.value,
    })),
    timeline: d.timeline.map((e) => ({ on: formatDay(e.on), text: e.text })),
    privacyNote: DETAIL_PRIVACY_NOTE,
  };
}
