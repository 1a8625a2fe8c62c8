// The workload rules, in one place (issue 14): sustained heavy weeks, violent or sadistic material
// with no week off it, and a part-time person carrying a full-time load each raise a flag (a reason
// category, never the figures) and bring the person's next check-in forward. Pure: the person's
// weeks, the week just recorded, their working pattern and the thresholds (configuration) come in.
import type { FlagReason } from './flag.ts';
import type { WorkingPattern } from '../../kernel/types.ts';
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

/** The person's share of a full-timer's viewing hours, or undefined for a full-timer. */
export function proRataViewingHours(pattern: WorkingPattern, t: Pick<WorkloadThresholds, 'fullTimeHours' | 'fullTimeViewingHours'>) {
  const hours = weeklyPatternHours(pattern);
  if (hours >= t.fullTimeHours) return undefined;
  return (t.fullTimeViewingHours * hours) / t.fullTimeHours;
}

/**
 * The reasons the week `week` raises, given the person's weeks (week → figures; a week with no
 * figures counts as neither heavy nor violent: nothing is assumed) and the reasons already covered by
 * an open flag of theirs (left out, as check-in flags do: the open flag keeps escalating instead).
 */
export function workloadReasonsFor(
  weeks: ReadonlyMap<string, WorkloadFigures>,
  week: string,
  pattern: WorkingPattern,
  t: WorkloadThresholds,
  openReasons: readonly FlagReason[] = [],
): WorkloadReason[] {
  const latest = weeks.get(week);
  if (!latest) return [];
  const reasons = new Set<WorkloadReason>();
  if (t.heavyWeeks >= 1 && isHeavyWeek(latest, t)) {
    let heavy = 0;
    for (let i = 0; i < t.heavyWindowWeeks; i++) if (isHeavyWeek(weeks.get(weeksBefore(week, i)), t)) heavy++;
    if (heavy >= t.heavyWeeks) reasons.add('heavyWeeks');
  }
  if (t.violentWeeksInARow >= 1 && latest.violent) {
    let run = 0;
    while (run < t.violentWeeksInARow && weeks.get(weeksBefore(week, run))?.violent) run++;
    if (run >= t.violentWeeksInARow) reasons.add('violentMaterial');
  }
  const share = proRataViewingHours(pattern, t);
  if (share !== undefined && viewingHours(latest) > share) reasons.add('partTimeLoad');
  return WORKLOAD_REASONS.filter((r) => reasons.has(r) && !openReasons.includes(r));
}
