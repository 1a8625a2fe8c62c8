// Issue 16, part 1: the roster from Entra ID, as the rest of Haven sees it: the only file other code imports.
// The sync itself runs from the CLI (`npm run roster -- sync`), the admin card (deps.rosterSync.runNow) and
// the daily job below; it holds no personal data of its own (its run record is counts only).
import type { Feature } from '../../kernel/feature.ts';
import type { Clock, RosterSyncPort } from '../../kernel/ports.ts';
import { runDailyRosterSync } from './jobs.ts';

export type { RosterSyncDeps, MappingLoad } from './deps.ts';
export type { RosterSyncRunRepository } from './repository.ts';
export type { EntraMapping, SyncPlan, PersonChange, UnitDirectory } from './rules.ts';
export { parseMapping, planSync, rosterIdOf } from './rules.ts';
export { loadEntraMappings } from './mapping-files.ts';
export { syncRoster, createRosterSync, type SyncOptions, type SyncResult } from './sync-roster.ts';
export { dailySyncDue } from './jobs.ts';

export const rosterSyncFeature: Feature<{ rosterSync: RosterSyncPort; clock: Clock }> = {
  name: 'roster-sync',
  routes: [],
  jobs: [{ name: 'roster-sync', cadence: 'scheduled', run: runDailyRosterSync }],
};
