// Issue 16: what Haven uses when no directory, app installation or roster sync is configured (the CSV
// roster, an app setup policy). Each says so honestly instead of pretending to work.
import type { AppInstaller, EntraDirectory, RosterSyncPort, RosterSyncSummary } from './ports.ts';
import { GraphUnavailable } from './ports.ts';

export const noDirectory: EntraDirectory = {
  configured: false,
  async transitiveUserMembers() {
    throw new GraphUnavailable(undefined, 'no directory is configured');
  },
  async managerOf() {
    throw new GraphUnavailable(undefined, 'no directory is configured');
  },
  async user() {
    throw new GraphUnavailable(undefined, 'no directory is configured');
  },
};

export const noAppInstaller: AppInstaller = {
  configured: false,
  async isInstalled() {
    return false;
  },
  async install() {
    return { outcome: 'notConfigured' };
  },
};

export function noRosterSync(now: () => Date): RosterSyncPort {
  return {
    configured: false,
    async lastRun() {
      return undefined;
    },
    async runNow(trigger): Promise<RosterSyncSummary> {
      return { at: now().toISOString(), trigger, outcome: 'notConfigured', added: 0, updated: 0, left: 0, problems: 0, installFailures: 0 };
    },
  };
}
