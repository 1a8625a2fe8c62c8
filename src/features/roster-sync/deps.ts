import type { KernelDeps } from '../../kernel/context.ts';
import type { AppInstaller, EntraDirectory } from '../../kernel/ports.ts';
import type { RosterSyncRunRepository } from './repository.ts';
import type { EntraMapping } from './rules.ts';

/** The mapping files as read now (data/entra/<unit>.json): the valid ones and every problem in the others. */
export interface MappingLoad {
  dir: string;
  mappings: EntraMapping[];
  problems: string[];
}

/** What the roster sync needs: the roster, the directory and app installation, its own run record. */
export interface RosterSyncDeps extends Pick<KernelDeps, 'people' | 'units' | 'audit' | 'clock'> {
  directory: EntraDirectory;
  appInstaller: AppInstaller;
  rosterSyncRuns: RosterSyncRunRepository;
  /** Read on every run, so an edited mapping file counts without a restart. */
  entraMappings(): MappingLoad;
}
