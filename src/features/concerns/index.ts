// The concerns feature, as the rest of Haven sees it: the only file other code imports.
export type { Concern } from './model.ts';
export type { ConcernDeps, ConcernSettings } from './deps.ts';
export type * from './repository.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { ConcernDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';
import { concernSubjectData } from './subject.ts';
import { tickConcerns } from './notify.ts';
// Issue 16 part 4: retention.
import { concernRetention } from './retention.ts';

export const concerns: Feature<ConcernDeps> = {
  name: 'concerns',
  routes: routes.all,
  subjectData: concernSubjectData,
  commands,
  retention: [concernRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  // Every tick: a concern about someone's safety escalates in minutes, like an "I'm not okay" request.
  jobs: [{ name: 'concerns', cadence: 'everyTick', run: tickConcerns }],
};
