// The operations feature (issue 16 part 4: the admin card), as the rest of Haven sees it: the only file other code imports.
export type { OperationsDeps } from './deps.ts';
export type { DeliveryQueue, JobLoopState, JobLoopStatus } from './repository.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { OperationsDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';
import { dailyRetention, operationsRetention } from './retention.ts';
export { runRetention, retentionSummary, type RetentionRun } from './retention.ts';
export type { RetentionLine, RetentionSetup } from './repository.ts';

export const operations: Feature<OperationsDeps> = {
  name: 'operations',
  routes: routes.all,
  commands,
  retention: operationsRetention,
  // Retention runs once a day (it checks the audit trail for today's run), on the schedule's cadence.
  jobs: [{ name: 'retention', cadence: 'scheduled', run: dailyRetention }],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
};
