// The care feature, as the rest of Haven sees it: the only file other code imports.
export type { CareRecord } from './care-record.ts';
export type { CareItem } from './care-schedule.ts';
export type { StagedExposure } from './staged-exposure.ts';
export type { CareDeps, CareSettings } from './deps.ts';
export type * from './repository.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { CareDeps } from './deps.ts';
import { routes } from './routes.ts';
import { careSubjectData } from './subject.ts';
import { commands } from './commands.ts';
import { tickCare } from './tick-care.ts';
// Issue 16 part 4: retention of closed care reminders and superseded care records.
import { careRecordRetention, careReminderRetention } from './retention.ts';

export const care: Feature<CareDeps> = {
  name: 'care',
  routes: routes.all,
  subjectData: careSubjectData,
  commands,
  retention: [careReminderRetention, careRecordRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  jobs: [{ name: 'care', cadence: 'scheduled', run: tickCare }],
};
export { recordCare } from './record-care.ts';
export { mayRecordCare } from './policy.ts';
export { careItemsFor, hasCareSchedule } from './care-schedule.ts';
// Issue #14 part 4: a flag or a request brings the person's clinical supervision forward.
export { bringClinicalSupervisionForward } from './bring-forward.ts';
export type { BringForwardDeps, BringForwardReason, BringForwardResult } from './bring-forward.ts';
// Issue 16 part 4 (reports from Teams): the unit's check-in aggregates, as `npm run report -- unit` builds them.
export { overviewFor } from './unit-overview.ts';
