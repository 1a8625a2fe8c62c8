// TRiM follow-ups, as the rest of Haven sees it: the only file other code imports.
export { isTrimOpen, type TrimFollowUp, type TrimSettings, DEFAULT_TRIM_SETTINGS } from './rules.ts';
export type { TrimDeps } from './deps.ts';
export type * from './repository.ts';
export { handOverRequestFollowUp } from './follow-ups.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { TrimDeps } from './deps.ts';
import { routes } from './routes.ts';
import { trimSubjectData } from './subject.ts';
import { commands } from './commands.ts';
import { tickTrim } from './tick-trim.ts';
// Issue 16 part 4: retention.
import { trimRetention } from './retention.ts';

export const trim: Feature<TrimDeps> = {
  name: 'trim',
  routes: routes.all,
  subjectData: trimSubjectData,
  commands,
  retention: [trimRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  // Asking in working hours and telling practitioners: hours-and-days work.
  jobs: [{ name: 'trim', cadence: 'scheduled', run: tickTrim }],
};
