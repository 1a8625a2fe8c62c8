// The whole of Haven's dependencies: what main.ts builds and hands to every feature. Each feature
// takes only its own slice (features/<name>/deps.ts); this type exists for the composition root,
// the Teams adapter and the admin commands, which serve every feature.
import type { CareDeps } from './features/care/index.ts';
import type { CheckInDeps } from './features/check-ins/index.ts';
import type { DeclarationDeps } from './features/declarations/index.ts';
import type { DigestDeps } from './features/digest/index.ts';
import type { JourneyDeps } from './features/journeys/index.ts';
import type { ProcessReviewDeps } from './features/process-review/index.ts';
import type { SuitabilityDeps } from './features/suitability/index.ts';
// Issue 14 part 3: concerns about a colleague.
import type { ConcernDeps } from './features/concerns/index.ts';
import type { TrimDeps } from './features/trim/index.ts';
import type { AppInstaller, EntraDirectory, RosterSyncPort } from './kernel/ports.ts';
// Issue 16 part 4: files in the personal chat.
import type { FileOfferDeps } from './kernel/file-offers.ts';
// Issue 16 part 4: the admin card.
import type { OperationsDeps } from './features/operations/index.ts';

/** Issue 16: the directory and app installation (src/graph), and the roster sync as the admin card and jobs use it. */
export interface GoLiveDeps {
  directory: EntraDirectory;
  appInstaller: AppInstaller;
  rosterSync: RosterSyncPort;
}

export type HavenDeps = DeclarationDeps &
  JourneyDeps &
  CheckInDeps &
  CareDeps &
  SuitabilityDeps &
  ProcessReviewDeps &
  DigestDeps &
  ConcernDeps &
  TrimDeps &
  GoLiveDeps &
  FileOfferDeps &
  OperationsDeps;
