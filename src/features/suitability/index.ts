// The suitability feature, as the rest of Haven sees it: the only file other code imports.
export type { SuitabilityQuestionnaire } from './rules.ts';
export type { SuitabilityDeps } from './deps.ts';
export type * from './repository.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { SuitabilityDeps } from './deps.ts';
import { routes } from './routes.ts';
import { suitabilitySubjectData } from './subject.ts';
import { commands } from './commands.ts';
// Issue 16 part 4: retention of reviewed questionnaires.
import { suitabilityRetention } from './retention.ts';

export const suitability: Feature<SuitabilityDeps> = {
  name: 'suitability',
  routes: routes.all,
  subjectData: suitabilitySubjectData,
  commands,
  retention: [suitabilityRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
};
