// What the person is shown of the exposure and workload log (issue 14): the weekly summary's inputs
// (inside a check-in, or on the small weekly card), and its confirmation. Figures are only ever shown
// to the person, or to their supervisor when policy.ts allows (flag card, views.ts).
import { CASELOADS, CASELOAD_TITLES, CATEGORIES, HOURS_BANDS, HOURS_BAND_TITLES, weekLabel } from './workload.ts';

export interface WorkloadSummaryFields {
  /** Empty when the summary is not asked (then the inputs are hidden and nothing is recorded). */
  week: string;
  heading: string;
  hoursChoices: { title: string; value: string }[];
  categoryChoices: { title: string; value: string }[];
  violentChoices: { title: string; value: string }[];
  caseloadChoices: { title: string; value: string }[];
  /** What the person had chosen, when a refused card comes back. */
  typed: { hours: string; categories: string; violent: string; caseload: string };
}

function sent(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  return typeof v === 'string' ? v : '';
}

/** The summary's inputs for `week` (empty fields when it is not asked). */
export function summaryFields(week: string | undefined, typed: Record<string, unknown> = {}): WorkloadSummaryFields {
  return {
    week: week ?? '',
    heading: week ? `Last week (${weekLabel(week)}), in one tap each` : '',
    hoursChoices: HOURS_BANDS.map((b) => ({ title: HOURS_BAND_TITLES[b], value: b })),
    categoryChoices: CATEGORIES.map((c) => ({ title: `Category ${c}`, value: c })),
    violentChoices: [
      { title: 'Yes', value: 'yes' },
      { title: 'No', value: 'no' },
    ],
    caseloadChoices: CASELOADS.map((c) => ({ title: CASELOAD_TITLES[c], value: c })),
    typed: {
      hours: sent(typed, 'wlHours'),
      categories: sent(typed, 'wlCategories'),
      violent: sent(typed, 'wlViolent'),
      caseload: sent(typed, 'wlCaseload'),
    },
  };
}

export interface WeeklySummaryCardData {
  title: string;
  intro: string;
  notice: string;
  summary: WorkloadSummaryFields;
  share: string;
  privacy: string;
}

export const WORKLOAD_PRIVACY =
  'These figures are yours. Your supervisor sees them only if you tick the box; the department head sees only unit totals over 5 or more people. If the figures show a run of heavy weeks, violent material week after week, or more than a part-time share, Haven asks your supervisor to offer you a conversation (saying why, never the figures) and brings your next check-in forward.';

export function weeklySummaryCardData(week: string, notice = '', typed: Record<string, unknown> = {}): WeeklySummaryCardData {
  return {
    title: 'Your week in one tap',
    intro: 'A short record of last week, so heavy weeks are noticed without you having to raise them.',
    notice,
    summary: summaryFields(week, typed),
    share: ['true', 'on', 'yes', '1'].includes(sent(typed, 'wlShare').toLowerCase()) ? 'true' : 'false',
    privacy: WORKLOAD_PRIVACY,
  };
}
