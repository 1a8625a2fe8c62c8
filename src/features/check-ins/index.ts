// The check-ins feature, as the rest of Haven sees it: the only file other code imports.
export { FLAG_REASON_TITLES, isFlagOpen, type Flag } from './flag.ts';
export { flagOnTeamCard } from './policy.ts';
export type { CheckIn } from './check-in.ts';
export { lastMonths, unitOverview, type Period, type UnitOverview } from './unit-aggregates.ts';
export { workloadAggregates } from './unit-aggregates.ts';
export { summaryWeekFor, weeksBefore } from './workload.ts';
export type { UnitOverviewCardData } from './cards.ts';
export type { CheckInDeps, CheckInSettings } from './deps.ts';
export type * from './repository.ts';
// Issue 14: the exposure and workload log.
export type { WorkloadWeek } from './workload.ts';
export { IMPORT_COLUMNS, importWorkload } from './workload-import.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { CheckInDeps } from './deps.ts';
import { routes } from './routes.ts';
import { checkInSubjectData } from './subject.ts';
import { commands } from './commands.ts';
import { sendDueCheckIns } from './send-due-check-ins.ts';
import { tickFlags } from './tick-flags.ts';
import { flagUnreachableCheckIn } from './raise-check-in-flag.ts';
import { sendWeeklySummaries } from './weekly-summary.ts';
// Issue 16 part 4: retention of closed check-ins and flags.
import { checkInRetention, flagRetention, workloadRetention } from './retention.ts';

export const checkIns: Feature<CheckInDeps> = {
  name: 'check-ins',
  routes: routes.all,
  subjectData: checkInSubjectData,
  commands,
  retention: [checkInRetention, flagRetention, workloadRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  jobs: [
    { name: 'check-ins', cadence: 'scheduled', run: sendDueCheckIns },
    { name: 'flags', cadence: 'scheduled', run: tickFlags },
    // Issue 14: the weekly workload card, and weeks a crash left unevaluated.
    { name: 'workload', cadence: 'scheduled', run: sendWeeklySummaries },
  ],
  onUnreachable: (deps, event) => flagUnreachableCheckIn(deps, event),
};
export { unitOverviewCard } from './cards.ts';
// Issue 16 part 4 (reports from Teams): the months and the CSV of `npm run report -- unit`.
export { monthsBetween, overviewCsv } from './unit-aggregates.ts';
