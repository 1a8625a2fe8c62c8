// The process-review feature, as the rest of Haven sees it: the only file other code imports.
export type { ProcessReviewDeps } from './deps.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { ProcessReviewDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';

export const processReview: Feature<ProcessReviewDeps> = {
  name: 'process-review',
  routes: routes.all,
  commands,
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
};
// Issue 16 part 4 (reports from Teams): who may have the review, and the export the CLI writes.
export { reviewAccessFor } from './policy.ts';
export { exportProcessReview } from './process-review.ts';
export { buildProcessReview, lastTwelveMonths, type ProcessReview, type ReviewPeriod } from './rules.ts';
