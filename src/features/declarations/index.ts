// The declarations feature, as the rest of Haven sees it: the only file other code imports.
export { DECLARATION_KINDS, isOpen, offViewingSince, type Declaration } from './rules.ts';
export { offViewingSummary, type OffViewingSummary } from './off-viewing.ts';
export type { DeclarationDeps } from './deps.ts';
export { teamCardShows } from './policy.ts';
export type * from './repository.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { DeclarationDeps } from './deps.ts';
import { routes } from './routes.ts';
import { breakRoutes } from './break-routes.ts';
import { declarationSubjectData } from './subject.ts';
import { commands } from './commands.ts';
import { onAlertUnreachable, tickDeclarations } from './jobs.ts';
import { tickOffViewing } from './break-jobs.ts';
// Issue 16 part 4: retention of closed requests.
import { declarationRetention } from './retention.ts';

export const declarations: Feature<DeclarationDeps> = {
  name: 'declarations',
  routes: [...routes.all, ...breakRoutes.all],
  subjectData: declarationSubjectData,
  commands,
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  // Alerts escalate on time: every tick.
  jobs: [
    { name: 'declarations', cadence: 'everyTick', run: tickDeclarations },
    // A break that ends: the restore after an agreed return, review prompts and unreviewed breaks (issue 14, part 1).
    { name: 'off-viewing', cadence: 'everyTick', run: tickOffViewing },
  ],
  onUnreachable: onAlertUnreachable,
  retention: [declarationRetention],
};
