// The journeys feature, as the rest of Haven sees it: the only file other code imports.
export { isJourneyClosed, JOURNEY_STATE_TITLES, JOURNEY_STATES, type ExposureOutcome, type Journey, type JourneyState } from './rules.ts';
export type { JourneyDeps } from './deps.ts';
export type * from './repository.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { JourneyDeps } from './deps.ts';
import { routes } from './routes.ts';
import { journeySubjectData } from './subject.ts';
import { commands } from './commands.ts';
import { tickJourneys } from './jobs.ts';
// Issue 16 part 4: retention of closed journeys.
import { journeyRetention } from './retention.ts';

export const journeys: Feature<JourneyDeps> = {
  name: 'journeys',
  routes: routes.all,
  subjectData: journeySubjectData,
  commands,
  retention: [journeyRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  jobs: [{ name: 'journeys', cadence: 'scheduled', run: tickJourneys }],
};
