// Installing Haven for people (issue 16, part 2): the install command and the daily sync's newcomers.
// Per person: installed, already installed, would install (dry run), skipped (left, or no Entra object
// id), or could not (a short plain reason from the installer). At most `concurrency` calls at once; a
// throttled call is retried by the Graph client underneath, so nobody is dropped for a 429 — someone
// still throttled after its retries is reported as could-not, with the reason, never left out.
import type { AppInstaller } from './ports.ts';
import { GraphUnavailable } from './ports.ts';

export interface InstallCandidate {
  id: string;
  /** Entra object id; empty or absent when unknown. */
  aadObjectId?: string;
  /** Set for someone who left: Haven is never installed for them. */
  leftOn?: string;
}

export type PersonInstallResult =
  | { personId: string; outcome: 'installed' | 'alreadyInstalled' | 'wouldInstall' }
  | { personId: string; outcome: 'skipped'; reason: 'left' | 'noAadObjectId' }
  | { personId: string; outcome: 'failed'; reason: string };

export interface InstallRun {
  /** In the order of `people`. */
  results: PersonInstallResult[];
  installed: number;
  alreadyInstalled: number;
  wouldInstall: number;
  skipped: number;
  failed: number;
}

export interface InstallOptions {
  /** Look only (GET): who already has it and who would get it; installs nothing. */
  dryRun?: boolean;
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof GraphUnavailable)) return 'the installation could not be checked';
  if (error.status === undefined) return 'no answer from Microsoft Graph';
  if (error.status === 404) return 'user not in the tenant (Graph 404)';
  if (error.status === 403) return 'Graph refused: 403';
  if (error.status === 429 || error.status === 503 || error.status === 504) return `Graph still busy after retries (${error.status})`;
  return `Graph answered ${error.status}`;
}

async function one(installer: AppInstaller, person: InstallCandidate, dryRun: boolean): Promise<PersonInstallResult> {
  const personId = person.id;
  if (person.leftOn) return { personId, outcome: 'skipped', reason: 'left' };
  const oid = person.aadObjectId?.trim();
  if (!oid) return { personId, outcome: 'skipped', reason: 'noAadObjectId' };
  if (!installer.configured) return { personId, outcome: 'failed', reason: 'app installation is not configured' };
  if (dryRun) {
    try {
      return { personId, outcome: (await installer.isInstalled(oid)) ? 'alreadyInstalled' : 'wouldInstall' };
    } catch (error) {
      return { personId, outcome: 'failed', reason: reasonOf(error) };
    }
  }
  try {
    const r = await installer.install(oid);
    if (r.outcome === 'installed' || r.outcome === 'alreadyInstalled') return { personId, outcome: r.outcome };
    if (r.outcome === 'notConfigured') return { personId, outcome: 'failed', reason: 'app installation is not configured' };
    return { personId, outcome: 'failed', reason: r.reason };
  } catch (error) {
    return { personId, outcome: 'failed', reason: reasonOf(error) };
  }
}

export async function installForPeople(
  installer: AppInstaller,
  people: readonly InstallCandidate[],
  options: InstallOptions = {},
): Promise<InstallRun> {
  const dryRun = options.dryRun ?? false;
  const results: PersonInstallResult[] = new Array(people.length);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const i = next++;
      results[i] = await one(installer, people[i]!, dryRun);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, people.length));
  await Promise.all(Array.from({ length: width }, worker));
  const count = (o: PersonInstallResult['outcome']) => results.filter((r) => r.outcome === o).length;
  return {
    results,
    installed: count('installed'),
    alreadyInstalled: count('alreadyInstalled'),
    wouldInstall: count('wouldInstall'),
    skipped: count('skipped'),
    failed: count('failed'),
  };
}
