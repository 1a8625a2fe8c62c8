// The workload rules, in one place (issue 14): sustained heavy weeks, violent or sadistic material
// with no week off it, and a part-time person carrying a full-time load each raise a flag (a reason
// category, never the figures) and bring the person's next check-in forward. Pure: the person's
// weeks, the week just recorded, their working pattern and the thresholds (configuration) come in.
import type { FlagReason } from './flag.ts';
import type { PartTime, Person, WorkingPattern } from '../../kernel/types.ts';
import { viewingHours, weeklyPatternHours, weeksBefore, type WorkloadFigures } from './workload.ts';

export interface WorkloadThresholds {
  /** Viewing hours in a week at or above which the week is heavy (a band counts by its floor). */
  heavyHours: number;
  /** Heavy weeks within the last `heavyWindowWeeks` (the week recorded included) that raise "heavy weeks". */
  heavyWeeks: number;
  heavyWindowWeeks: number;
  /** Weeks in a row with violent or sadistic material that raise "violent material". */
  violentWeeksInARow: number;
  /** Contracted weekly hours of a full-time person; a working pattern with fewer is part-time. */
  fullTimeHours: number;
  /** Viewing hours a full-timer may carry in a week; a part-timer's share is pro rata. */
  fullTimeViewingHours: number;
}

export const WORKLOAD_REASONS = ['heavyWeeks', 'violentMaterial', 'partTimeLoad'] as const satisfies readonly FlagReason[];
export type WorkloadReason = (typeof WORKLOAD_REASONS)[number];

/** A heavy week: viewing hours at or above the threshold, or a caseload the person called heavy. */
export function isHeavyWeek(f: WorkloadFigures | undefined, t: Pick<WorkloadThresholds, 'heavyHours'>): boolean {
  return !!f && (viewingHours(f) >= t.heavyHours || f.caseload === 'heavy');
}

/** Whose hours the rules weigh: a working pattern alone, or a person with their roster part-time hours (issue 16). */
export type HoursOf = WorkingPattern | Pick<Person, 'workingPattern' | 'partTime'>;

/**
 * The person's fraction of full time, below 1 for a part-timer: the roster's part-time hours when it
 * gives them (a fraction, or hours a week over `fullTimeHours`), else the hours their pattern implies.
 */
export function fractionOfFullTime(of: HoursOf, t: Pick<WorkloadThresholds, 'fullTimeHours'>): number {
  const pattern = 'workingPattern' in of ? of.workingPattern : of;
  const partTime: PartTime | undefined = 'workingPattern' in of ? of.partTime : undefined;
  const fraction = partTime
    ? 'fraction' in partTime
      ? partTime.fraction
      : partTime.hoursPerWeek / t.fullTimeHours
    : weeklyPatternHours(pattern) / t.fullTimeHours;
  return Math.min(1, fraction);
}

/** The person's share of a full-timer's viewing hours, or undefined for a full-timer. */
export function proRataViewingHours(of: HoursOf, t: Pick<WorkloadThresholds, 'fullTimeHours' | 'fullTimeViewingHours'>) {
  const fraction = fractionOfFullTime(of, t);
  if (fraction >= 1) return undefined;
  return t.fullTimeViewingHours * fraction;
}

/**
 * The heavy-week threshold for this person: `heavyHours` for a full-timer, scaled by their fraction
 * for a part-timer whose part-time hours the roster gives (issue 16: 0.6 of 12 hours is 7.2).
 */
export function heavyHoursFor(of: HoursOf, t: Pick<WorkloadThresholds, 'heavyHours' | 'fullTimeHours'>): number {
  if (!('workingPattern' in of) || !of.partTime) return t.heavyHours;
  return t.heavyHours * fractionOfFullTime(of, t);
}

/**
 * The reasons the week `week` raises, given the person's weeks (week → figures; a week with no
 * figures counts as neither heavy nor violent: nothing is assumed) and the reasons already covered by
 * an open flag of theirs (left out, as check-in flags do: the open flag keeps escalating instead).
 */
export function workloadReasonsFor(
  weeks: ReadonlyMap<string, WorkloadFigures>,
  week: string,
  of: HoursOf,
  t: WorkloadThresholds,
  openReasons: readonly FlagReason[] = [],
): WorkloadReason[] {
  const latest = weeks.get(week);
  if (!latest) return [];
  const reasons = new Set<WorkloadReason>();
  const heavyAt = { heavyHours: heavyHoursFor(of, t) };
  if (t.heavyWeeks >= 1 && isHeavyWeek(latest, heavyAt)) {
    let heavy = 0;
    for (let i = 0; i < t.heavyWindowWeeks; i++) if (isHeavyWeek(weeks.get(weeksBefore(week, i)), heavyAt)) heavy++;
    if (heavy >= t.heavyWeeks) reasons.add('heavyWeeks');
  }
  if (t.violentWeeksInARow >= 1 && latest.violent) {
    let run = 0;
    while (run < t.violentWeeksInARow && weeks.get(weeksBefore(week, run))?.violent) run++;
    if (run >= t.violentWeeksInARow) reasons.add('violentMaterial');
  }
  const share = proRataViewingHours(of, t);
  if (share !== undefined && viewingHours(latest) > share) reasons.add('partTimeLoad');
  return WORKLOAD_REASONS.filter((r) => reasons.has(r) && !openReasons.includes(r));
}
