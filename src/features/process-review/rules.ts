// The annual process review of pre-deployment (SPEC.md "Annual process review"): every journey in a
// period with its dates and outcome, for the department head and trainers. Pure: `now` comes in.
//
// Privacy rule: a review row is built from an explicit list of dates, states and enumerated
// outcomes. Questionnaire answers and drafts, review notes, a withdrawal rationale and a
// cancellation reason are never read here; only the FACT that a trainer raised concerns is shown.
//
// "In the period": a journey belongs to the period when the time it was open overlaps it, i.e. it was
// opened on or before the last day AND it was still open on or after the first day (closed on or
// after it, or not closed yet). So journeys opened in the period, closed in the period, or open
// throughout it are all in; one closed before the period began or opened after it ended is not.
import { JOURNEY_STATE_TITLES, JOURNEY_STATES, type ExposureOutcome, type Journey, type JourneyState } from '../journeys/index.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { isIsoDay } from '../../kernel/format.ts';

/** Inclusive calendar days, YYYY-MM-DD. */
export interface ReviewPeriod {
  from: string;
  to: string;
}

export const REVIEW_OUTCOMES = ['readyToStart', 'withdrawn', 'cancelled', 'inProgress'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const REVIEW_OUTCOME_TITLES: Record<ReviewOutcome, string> = {
  readyToStart: 'Ready to start',
  withdrawn: 'Withdrawn',
  cancelled: 'Cancelled',
  inProgress: 'In progress',
};

export const EXPOSURE_OUTCOME_TITLES: Record<ExposureOutcome, string> = {
  done: 'Done',
  didNotAttend: 'Did not attend',
  stoppedEarly: 'Stopped early',
};

export type HeadReviewOutcome = 'proceed' | 'doNotProceed' | 'pending';
export const HEAD_REVIEW_TITLES: Record<HeadReviewOutcome, string> = {
  proceed: 'Proceed',
  doNotProceed: 'Do not proceed',
  pending: 'Pending',
};

/**
 * Unit-level aggregates (e.g. check-in trends) shown only for groups of at least this many people
 * (SPEC.md "People and what each may see": department head sees unit aggregates for groups of 5 or more).
 */
export const MIN_AGGREGATE_GROUP = 5;

/** One journey in the review. Dates are YYYY-MM-DD (UTC day). */
export interface ProcessReviewRow {
  journeyId: string;
  candidateId: string;
  candidateName: string;
  unitId: string;
  unitName: string;
  trainerName: string;
  openedOn: string;
  agreedOn?: string;
  /** The day of the controlled exposure appointment. */
  exposureOn?: string;
  exposureOutcome?: ExposureOutcome;
  answeredOn?: string;
  readyOn?: string;
  /** Withdrawn, cancelled or ready. */
  closedOn?: string;
  plannedStart: string;
  outcome: ReviewOutcome;
  /** For a withdrawal or cancellation: the step the journey was at. */
  outcomeStep?: JourneyState;
  /** e.g. "Withdrawn at Controlled exposure booked". */
  outcomeText: string;
  /** The state the journey is in now (for journeys in progress). */
  state: JourneyState;
  daysAgreementToExposure?: number;
  /** Days from agreement to the actual ready-to-start day when reached, else to the planned start date. */
  daysAgreementToStart?: number;
  startBasis?: 'ready' | 'planned';
  /** True when the trainer's review outcome was "concerns". Never the note itself. */
  concernsRaised: boolean;
  headReview?: HeadReviewOutcome;
}

export interface DaysFigures {
  count: number;
  median?: number;
  mean?: number;
  min?: number;
  max?: number;
}

export interface ProcessReviewSummary {
  total: number;
  byOutcome: Record<ReviewOutcome, number>;
  /** Withdrawals by the step they happened at, in journey order; only steps with at least one. */
  withdrawalsByStep: { step: JourneyState; title: string; count: number }[];
  concernsRaised: number;
  headReviews: number;
  agreementToExposure: DaysFigures;
  agreementToStart: DaysFigures;
}

/**
 * Extension point for unit-level check-in trends (aggregates only). The check-in feature supplies
 * these; renderers show a point only when `respondents >= MIN_AGGREGATE_GROUP`.
 */
export interface CheckInTrendPoint {
  /** e.g. "2026-Q1" or "Jan 2026". */
  label: string;
  respondents: number;
  measures: { name: string; value: number }[];
}

export interface CheckInTrends {
  unitName: string;
  points: CheckInTrendPoint[];
}

export interface ProcessReview {
  period: ReviewPeriod;
  generatedAt: string;
  unitNames: string[];
  rows: ProcessReviewRow[];
  summary: ProcessReviewSummary;
  /** Only present when the check-in feature provides aggregates. */
  checkInTrends?: CheckInTrends[];
}

const DAY_MS = 86_400_000;

/** The UTC calendar day of an ISO instant or date. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** True for a real calendar day written YYYY-MM-DD. */

/** Whole days from day `a` to day `b` (negative when b is earlier). */
export { isIsoDay };

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${dayOf(b)}T00:00:00Z`) - Date.parse(`${dayOf(a)}T00:00:00Z`)) / DAY_MS);
}

/** The default period of the card: the twelve months up to and including today. */
export function lastTwelveMonths(now: Date): ReviewPeriod {
  const to = now.toISOString().slice(0, 10);
  const start = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: start.toISOString().slice(0, 10), to };
}

export function closedOn(j: Journey): string | undefined {
  if (j.state === 'readyToStart') return j.readyAt ? dayOf(j.readyAt) : lastEventDay(j, 'readyToStart');
  if (j.state === 'withdrawn') return j.withdrawal ? dayOf(j.withdrawal.at) : lastEventDay(j, 'withdrawn');
  if (j.state === 'cancelled') return j.cancellation ? dayOf(j.cancellation.at) : lastEventDay(j, 'cancelled');
  return undefined;
}

function lastEventDay(j: Journey, event: string): string | undefined {
  const e = [...j.timeline].reverse().find((x) => x.event === event);
  return e ? dayOf(e.at) : undefined;
}

/** See the file comment: open at any time during the period. */
export function isInPeriod(j: Journey, period: ReviewPeriod): boolean {
  if (dayOf(j.openedAt) > period.to) return false;
  const closed = closedOn(j);
  return closed === undefined || closed >= period.from;
}

function stepOf(j: Journey, fromState: JourneyState | undefined, event: string): JourneyState | undefined {
  if (fromState && (JOURNEY_STATES as readonly string[]).includes(fromState)) return fromState;
  return [...j.timeline].reverse().find((x) => x.event === event)?.from;
}

function outcomeOf(j: Journey): { outcome: ReviewOutcome; step?: JourneyState; text: string } {
  if (j.state === 'readyToStart') return { outcome: 'readyToStart', text: REVIEW_OUTCOME_TITLES.readyToStart };
  if (j.state === 'withdrawn') {
    const step = stepOf(j, j.withdrawal?.fromState, 'withdrawn');
    return { outcome: 'withdrawn', step, text: step ? `Withdrawn at ${JOURNEY_STATE_TITLES[step]}` : 'Withdrawn' };
  }
  if (j.state === 'cancelled') {
    const step = stepOf(j, j.cancellation?.fromState, 'cancelled');
    return { outcome: 'cancelled', step, text: step ? `Cancelled at ${JOURNEY_STATE_TITLES[step]}` : 'Cancelled' };
  }
  return { outcome: 'inProgress', text: `In progress: ${JOURNEY_STATE_TITLES[j.state]}` };
}

function nameOf(people: Map<string, Person>, id: string): string {
  return people.get(id)?.name ?? id;
}

/** One review row, from an explicit list of non-free-text fields (see the file comment). */
export function reviewRow(j: Journey, roster: Roster): ProcessReviewRow {
  const people = new Map(roster.people.map((p) => [p.id, p]));
  const unit = roster.units.find((u) => u.id === j.unitId);
  const o = outcomeOf(j);
  const agreedOn = j.agreedAt ? dayOf(j.agreedAt) : undefined;
  const exposureOn = j.exposure ? dayOf(j.exposure.at) : undefined;
  const readyOn = j.state === 'readyToStart' ? closedOn(j) : undefined;
  const startDay = readyOn ?? j.plannedStartDate;
  const headReview: HeadReviewOutcome | undefined = j.headReview ? (j.headReview.outcome ?? 'pending') : undefined;
  const row: ProcessReviewRow = {
    journeyId: j.id,
    candidateId: j.candidateId,
    candidateName: nameOf(people, j.candidateId),
    unitId: j.unitId,
    unitName: unit?.name ?? j.unitId,
    trainerName: nameOf(people, j.trainerId),
    openedOn: dayOf(j.openedAt),
    plannedStart: j.plannedStartDate,
    outcome: o.outcome,
    outcomeText: o.text,
    state: j.state,
    concernsRaised: j.trainerReview?.outcome === 'concerns',
  };
  if (agreedOn) row.agreedOn = agreedOn;
  if (exposureOn) row.exposureOn = exposureOn;
  if (j.exposure?.outcome) row.exposureOutcome = j.exposure.outcome;
  if (j.questionnaire?.submittedAt) row.answeredOn = dayOf(j.questionnaire.submittedAt);
  if (readyOn) row.readyOn = readyOn;
  const closed = closedOn(j);
  if (closed) row.closedOn = closed;
  if (o.step) row.outcomeStep = o.step;
  if (agreedOn && exposureOn) row.daysAgreementToExposure = daysBetween(agreedOn, exposureOn);
  if (agreedOn) {
    row.daysAgreementToStart = daysBetween(agreedOn, startDay);
    row.startBasis = readyOn ? 'ready' : 'planned';
  }
  if (headReview) row.headReview = headReview;
  return row;
}

export function daysFigures(values: number[]): DaysFigures {
  if (values.length === 0) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = Math.round((sorted.reduce((s, v) => s + v, 0) / sorted.length) * 10) / 10;
  return { count: sorted.length, median, mean, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function summarise(rows: readonly ProcessReviewRow[]): ProcessReviewSummary {
  const byOutcome = Object.fromEntries(REVIEW_OUTCOMES.map((o) => [o, 0])) as Record<ReviewOutcome, number>;
  const steps = new Map<JourneyState, number>();
  let unknownStep = 0;
  for (const r of rows) {
    byOutcome[r.outcome]++;
    if (r.outcome === 'withdrawn') {
      if (r.outcomeStep) steps.set(r.outcomeStep, (steps.get(r.outcomeStep) ?? 0) + 1);
      else unknownStep++;
    }
  }
  const withdrawalsByStep = JOURNEY_STATES.filter((s) => steps.has(s)).map((s) => ({
    step: s,
    title: JOURNEY_STATE_TITLES[s],
    count: steps.get(s)!,
  }));
  // A withdrawal whose step was not recorded still counts; it is listed under the closing state.
  if (unknownStep) withdrawalsByStep.push({ step: 'withdrawn', title: 'Step not recorded', count: unknownStep });
  return {
    total: rows.length,
    byOutcome,
    withdrawalsByStep,
    concernsRaised: rows.filter((r) => r.concernsRaised).length,
    headReviews: rows.filter((r) => r.headReview !== undefined).length,
    agreementToExposure: daysFigures(rows.flatMap((r) => (r.daysAgreementToExposure === undefined ? [] : [r.daysAgreementToExposure]))),
    agreementToStart: daysFigures(rows.flatMap((r) => (r.daysAgreementToStart === undefined ? [] : [r.daysAgreementToStart]))),
  };
}

/** The review of `journeys` (already limited to the units the viewer may see) for a period. */
export function buildProcessReview(
  journeys: readonly Journey[],
  roster: Roster,
  period: ReviewPeriod,
  unitIds: readonly string[] | undefined,
  now: Date,
): ProcessReview {
  const units = unitIds ? new Set(unitIds) : undefined;
  const rows = journeys
    .filter((j) => (!units || units.has(j.unitId)) && isInPeriod(j, period))
    .map((j) => reviewRow(j, roster))
    .sort(
      (a, b) =>
        a.openedOn.localeCompare(b.openedOn) || a.candidateName.localeCompare(b.candidateName) || a.journeyId.localeCompare(b.journeyId),
    );
  const unitNames = (unitIds ?? [...new Set(rows.map((r) => r.unitId))])
    .map((id) => roster.units.find((u) => u.id === id)?.name ?? id)
    .sort();
  return { period, generatedAt: now.toISOString(), unitNames, rows, summary: summarise(rows) };
}

/** Trend points safe to show: groups smaller than MIN_AGGREGATE_GROUP are withheld. */
export function showableTrendPoints(points: readonly CheckInTrendPoint[]): CheckInTrendPoint[] {
  return points.filter((p) => p.respondents >= MIN_AGGREGATE_GROUP);
}

export interface JourneyDetail {
  journeyId: string;
  candidateName: string;
  unitName: string;
  trainerName: string;
  outcomeText: string;
  facts: { label: string; value: string }[];
  /** What happened, when: domain events only (never free text). */
  timeline: { on: string; at: string; text: string }[];
}

function humanise(event: string): string {
  if ((JOURNEY_STATES as readonly string[]).includes(event)) return JOURNEY_STATE_TITLES[event as JourneyState];
  // Timeline events are domain words by contract; anything else is shown as a neutral placeholder so
  // free text can never reach a card even if a record broke that contract.
  if (!/^[a-zA-Z][a-zA-Z.]{0,60}$/.test(event)) return 'Recorded step';
  const words = event
    .replace(/\./g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One journey for the department head: dates and the timeline of states. No answers, no notes. */
export function journeyDetail(j: Journey, roster: Roster): JourneyDetail {
  const r = reviewRow(j, roster);
  const people = new Map(roster.people.map((p) => [p.id, p]));
  const facts: { label: string; value: string }[] = [
    { label: 'Outcome', value: r.outcomeText },
    { label: 'Opened', value: r.openedOn },
    { label: 'Agreed in principle', value: r.agreedOn ?? '—' },
    {
      label: 'Controlled exposure',
      value: r.exposureOn ? `${r.exposureOn}${r.exposureOutcome ? ` (${EXPOSURE_OUTCOME_TITLES[r.exposureOutcome]})` : ''}` : '—',
    },
    { label: 'Questionnaire answered', value: r.answeredOn ?? '—' },
    { label: 'Concerns raised', value: r.concernsRaised ? 'Yes' : 'No' },
    { label: 'Department head review', value: r.headReview ? HEAD_REVIEW_TITLES[r.headReview] : '—' },
    { label: 'Planned start', value: r.plannedStart },
    { label: 'Days agreement to exposure', value: r.daysAgreementToExposure === undefined ? '—' : String(r.daysAgreementToExposure) },
    {
      label: 'Days agreement to start',
      value: r.daysAgreementToStart === undefined ? '—' : `${r.daysAgreementToStart}${r.startBasis === 'planned' ? ' (planned)' : ''}`,
    },
  ];
  const timeline = [...j.timeline]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => ({
      on: dayOf(e.at),
      at: e.at,
      text: `${humanise(e.event)}${e.by && e.by !== 'system' ? ` (${nameOf(people, e.by)})` : ''}`,
    }));
  return {
    journeyId: j.id,
    candidateName: r.candidateName,
    unitName: r.unitName,
    trainerName: r.trainerName,
    outcomeText: r.outcomeText,
    facts,
    timeline,
  };
}
