// The digest feature, as the rest of Haven sees it: the only file other code imports.
// Everything non-urgent someone must act on arrives as one card a working day (kernel/tray.ts holds
// the lines; features post and resolve them; this feature composes, sends and updates the card).
export type { DigestDeps } from './deps.ts';
export type { DigestRepository } from './repository.ts';
export type { DigestRecord, DigestState, DigestLine } from './model.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { DigestDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';
import { composeDigests } from './compose-digest.ts';
import { afterDigestAction } from './show-digest.ts';
import { digestSubjectData } from './subject.ts';
// Issue 16 part 4: retention of past digests.
import { digestRetention, trayRetention } from './retention.ts';

export const digest: Feature<DigestDeps> = {
  name: 'digest',
  routes: routes.all,
  commands,
  subjectData: digestSubjectData,
  retention: [digestRetention, trayRetention],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
  jobs: [{ name: 'digest', cadence: 'scheduled', run: composeDigests }],
  afterAction: afterDigestAction,
};
