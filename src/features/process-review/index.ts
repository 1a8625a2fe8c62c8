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
