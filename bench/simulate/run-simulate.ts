// `npm run bench -- --only simulate`: the realistic unit's year through `npm run simulate` (sim/),
// keeping the figures issue 13 compares before and after the digest. The whole report goes to
// bench/out/simulate/report.{json,html}; the figures for RESULTS.md are returned.
import { runSimulate } from '../../sim/run.ts';
import type { RoleFigures, SimReport } from '../../sim/report.ts';

export interface SimulateFigures {
  days: number;
  seed: number;
  unit: string;
  start: string;
  run: SimReport['run'];
  totals: SimReport['totals'];
  roles: Pick<
    RoleFigures,
    'role' | 'people' | 'nonUrgentCardsPerWeek' | 'cardsPerWeek' | 'textsPerWeek' | 'neededAction' | 'repeats' | 'neverActedOn'
  >[];
  busiestSupervisor: SimReport['headline']['busiestSupervisor'];
  /** Weeks (1 = go-live week) in which someone budgeted went over, and how many people did. */
  overBudgetWeeks: { week: number; people: number }[];
  verdict: {
    holds: boolean;
    budgetHolds: boolean;
    urgentInTime: boolean;
    breaches: number;
    nonUrgentBreaches: number;
    urgentLate: string[];
  };
  urgent: { requests: number; maxMinutesToReach: number; maxMinutesToAcknowledge: number };
  outsideWorkingTime: { urgent: number; nonUrgent: number; purposes: string[] };
  neverActedOn: number;
  lost: number;
  notes: string[];
}

export function figuresOf(report: SimReport): SimulateFigures {
  const urgent = report.requests.filter((q) => q.urgent);
  const outside = report.outsideWorkingTime;
  return {
    days: report.options.days,
    seed: report.options.seed,
    unit: report.options.unit,
    start: report.options.start,
    run: report.run,
    totals: report.totals,
    roles: report.roles.map(({ role, people, nonUrgentCardsPerWeek, cardsPerWeek, textsPerWeek, neededAction, repeats, neverActedOn }) => ({
      role,
      people,
      nonUrgentCardsPerWeek,
      cardsPerWeek,
      textsPerWeek,
      neededAction,
      repeats,
      neverActedOn,
    })),
    busiestSupervisor: report.headline.busiestSupervisor,
    verdict: {
      holds: report.verdict.holds,
      budgetHolds: report.verdict.budgetHolds,
      urgentInTime: report.verdict.urgentInTime,
      breaches: report.verdict.breaches.length,
      nonUrgentBreaches: report.verdict.breaches.filter((b) => b.kind === 'nonUrgentCards').length,
      urgentLate: report.verdict.breaches.filter((b) => b.kind === 'urgentLate').map((b) => b.detail),
    },
    overBudgetWeeks: [...new Set(report.verdict.breaches.map((b) => b.week).filter((w): w is number => w !== undefined))]
      .sort((a, b) => a - b)
      .map((week) => ({ week, people: report.verdict.breaches.filter((b) => b.week === week).length })),
    urgent: {
      requests: urgent.length,
      maxMinutesToReach: Math.max(0, ...urgent.map((q) => q.minutesToReach ?? 0)),
      maxMinutesToAcknowledge: Math.max(0, ...urgent.map((q) => q.minutesToAcknowledge ?? 0)),
    },
    outsideWorkingTime: {
      urgent: outside.filter((x) => x.urgent).length,
      nonUrgent: outside.filter((x) => !x.urgent).length,
      purposes: [...new Set(outside.filter((x) => !x.urgent).map((x) => x.purpose))].sort(),
    },
    neverActedOn: report.neverActedOn.length,
    lost: report.lost.length,
    notes: report.notes,
  };
}

export async function runSimulateBench(
  options: { days: number; seed: number; outDir: string },
  say: (line: string) => void,
): Promise<SimulateFigures> {
  const report = await runSimulate({ days: options.days, unit: 'realistic', seed: options.seed, out: options.outDir }, say);
  return figuresOf(report);
}
