// The department head's view of a unit: aggregates only, and only for groups large enough that no
// one person can be picked out (SPEC.md: "unit aggregates (only for groups of 5 or more)"). Pure.
import { addDays } from '../../kernel/working-time.ts';
import { isHeavyWeek } from './workload-rules.ts';
import { weekLabel, type WorkloadFigures } from './workload.ts';

export interface CheckInFact {
  personId: string;
  dueOn: string;
  closesOn: string;
  onDemand: boolean;
  status: 'open' | 'answered' | 'missed';
  percentage?: number;
}

export interface Period {
  label: string;
  /** Inclusive local dates. */
  from: string;
  to: string;
}

export interface PeriodAggregate extends Period {
  /** Distinct people who answered a check-in due in the period. */
  answeredPeople: number;
  /** Distinct people with a scheduled check-in due (and closed, or answered) in the period. */
  duePeople: number;
  /** Mean wellbeing percentage; undefined when fewer than the minimum group answered. */
  meanPercentage?: number;
  /** Answered / due scheduled check-ins, 0..100; undefined when fewer than the minimum group were due. */
  completionPercent?: number;
}

export interface UnitOverview {
  periods: PeriodAggregate[];
  minGroupSize: number;
  /** Latest shown mean minus the one before it, when both are shown. */
  trendPoints?: number;
  /** Overdue scheduled-care items across the unit; undefined when fewer than the minimum group have a schedule. */
  overdueCareItems?: number;
  /** Issue 14: the workload log, week by week; figures only for weeks with at least the minimum group. */
  workload?: WorkloadAggregate[];
}

export interface WorkloadAggregate {
  week: string;
  label: string;
  /** Distinct people with figures for the week. */
  people: number;
  /** Shown only when `people` is at least the minimum group. */
  heavyPercent?: number;
  violentPercent?: number;
}

/**
 * The unit's workload weeks as aggregates: per week, how many people gave figures and, only when at
 * least `minGroupSize` did, the share with a heavy week and the share who saw violent or sadistic
 * material. Never a person's figures, never a count small enough to point at someone. Pure.
 */
export function workloadAggregates(
  weeks: readonly { personId: string; week: string; figures?: WorkloadFigures }[],
  shownWeeks: readonly string[],
  minGroupSize: number,
  heavyHours: number,
): WorkloadAggregate[] {
  return shownWeeks.map((week) => {
    const rows = weeks.filter((w) => w.week === week && w.figures);
    const people = new Set(rows.map((w) => w.personId)).size;
    const agg: WorkloadAggregate = { week, label: weekLabel(week), people };
    if (people >= minGroupSize) {
      agg.heavyPercent = Math.round((rows.filter((w) => isHeavyWeek(w.figures, { heavyHours })).length / rows.length) * 100);
      agg.violentPercent = Math.round((rows.filter((w) => w.figures!.violent).length / rows.length) * 100);
    }
    return agg;
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Calendar months from the month of `from` to the month of `to`, clipped to both dates. */
export function monthsBetween(from: string, to: string): Period[] {
  const out: Period[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 240; guard++) {
    const first = `${y}-${String(m).padStart(2, '0')}-01`;
    if (first > to) break;
    const nextFirst = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    out.push({
      label: `${MONTHS[m - 1]} ${y}`,
      from: first < from ? from : first,
      to: addDays(nextFirst, -1) > to ? to : addDays(nextFirst, -1),
    });
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last `count` calendar months up to and including `today`'s. */
export function lastMonths(today: string, count: number): Period[] {
  let [y, m] = today.split('-').map(Number) as [number, number];
  m -= count - 1;
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  return monthsBetween(`${y}-${String(m).padStart(2, '0')}-01`, today);
}

export function unitOverview(
  facts: readonly CheckInFact[],
  periods: readonly Period[],
  today: string,
  minGroupSize: number,
  overdueCareItems?: number,
): UnitOverview {
  const out: PeriodAggregate[] = periods.map((p) => {
    const inPeriod = facts.filter((f) => f.dueOn >= p.from && f.dueOn <= p.to);
    const answered = inPeriod.filter((f) => f.status === 'answered' && f.percentage !== undefined);
    const answeredPeople = new Set(answered.map((f) => f.personId)).size;
    // Scheduled check-ins still open and not yet closed are in progress: neither done nor missed.
    const settled = inPeriod.filter((f) => !f.onDemand && (f.status !== 'open' || f.closesOn <= today));
    const duePeople = new Set(settled.map((f) => f.personId)).size;
    const agg: PeriodAggregate = { ...p, answeredPeople, duePeople };
    if (answeredPeople >= minGroupSize) agg.meanPercentage = Math.round(answered.reduce((s, f) => s + f.percentage!, 0) / answered.length);
    if (duePeople >= minGroupSize && settled.length)
      agg.completionPercent = Math.round((settled.filter((f) => f.status === 'answered').length / settled.length) * 100);
    return agg;
  });
  const shown = out.filter((p) => p.meanPercentage !== undefined);
  const trendPoints = shown.length >= 2 ? shown[shown.length - 1]!.meanPercentage! - shown[shown.length - 2]!.meanPercentage! : undefined;
  return {
    periods: out,
    minGroupSize,
    ...(trendPoints !== undefined ? { trendPoints } : {}),
    ...(overdueCareItems !== undefined ? { overdueCareItems } : {}),
  };
}

/** The aggregates as CSV rows (the report command). Nothing below the group size is written. */
export function overviewCsv(unitId: string, o: UnitOverview): string {
  const lines = ['unit,period,from,to,people_answered,wellbeing_mean_percent,people_due,completion_percent'];
  const cell = (n: number | undefined) => (n === undefined ? `fewer than ${o.minGroupSize}` : String(n));
  for (const p of o.periods) {
    const few = (people: number) => (people < o.minGroupSize ? `fewer than ${o.minGroupSize}` : String(people));
    lines.push(
      [unitId, p.label, p.from, p.to, few(p.answeredPeople), cell(p.meanPercentage), few(p.duePeople), cell(p.completionPercent)]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
