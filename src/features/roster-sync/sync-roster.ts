// Issue 16, part 1: one roster sync from Entra ID. Reads every mapped unit from the directory, plans
// (rules.ts), and writes nothing unless the plan has no problems; every write carries the version read.
// The CLI prints the plan (names are fine on the admin's console); the summary, the audit trail and
// the admin card carry counts only.
import { GraphUnavailable, type RosterSyncPort, type RosterSyncSummary, type Versioned } from '../../kernel/ports.ts';
import type { Person } from '../../kernel/types.ts';
import { installForPeople } from '../../kernel/install-app.ts';
import type { RosterSyncDeps } from './deps.ts';
import { planCounts, planSync, ROLE_GROUPS, type EntraMapping, type SyncPlan, type UnitDirectory } from './rules.ts';

export interface SyncOptions {
  trigger: RosterSyncSummary['trigger'];
  /** Roster id of whoever asked (admin card), else the trigger is the actor. */
  by?: string;
  /** Only this unit's mapping file. */
  unitId?: string;
  /** Plan and print; write nothing (no roster change, no run record, no audit entry). */
  dryRun?: boolean;
}

export interface SyncResult {
  summary: RosterSyncSummary;
  /** The plan when the directory could be read (also when blocked, to show its problems). */
  plan?: SyncPlan;
  /** Every problem that blocked the run (mapping files, the directory, the plan). */
  problems: string[];
  /** Why the directory could not be read (outcome failed), safe to show an admin. */
  failure?: string;
  /** People added by this run (not on a dry run), for the app installation that follows. */
  added: Person[];
}

/** Reads what the directory says about each mapped unit. Throws GraphUnavailable when Graph cannot answer. */
export async function readDirectory(deps: Pick<RosterSyncDeps, 'directory'>, mappings: readonly EntraMapping[]): Promise<UnitDirectory[]> {
  const out: UnitDirectory[] = [];
  for (const mapping of mappings) {
    const members = await deps.directory.transitiveUserMembers(mapping.membersGroup);
    const roleMembers: UnitDirectory['roleMembers'] = {};
    for (const g of ROLE_GROUPS) {
      const group = mapping.roleGroups[g];
      if (group) roleMembers[g] = (await deps.directory.transitiveUserMembers(group)).map((u) => u.id);
    }
    const managers = new Map<string, string | undefined>();
    for (const m of members) if (m.accountEnabled !== false) managers.set(m.id, await deps.directory.managerOf(m.id));
    const head = await deps.directory.user(mapping.unit.head);
    // The head's own manager is not asked: a head has no supervisor in the unit they head.
    const above = mapping.unit.above ? await deps.directory.user(mapping.unit.above) : undefined;
    out.push({ mapping, members, roleMembers, managers, head, above });
  }
  return out;
}

const ukToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);

/** One sync: plan, and unless dry or blocked, apply, record the summary and audit it (counts only). */
export async function syncRoster(deps: RosterSyncDeps, options: SyncOptions): Promise<SyncResult> {
  const now = deps.clock.now();
  const base = { at: now.toISOString(), trigger: options.trigger, added: 0, updated: 0, left: 0, problems: 0, installFailures: 0 };
  const load = deps.entraMappings();
  if (!deps.directory.configured || (load.mappings.length === 0 && load.problems.length === 0)) {
    const why = !deps.directory.configured
      ? 'no directory is configured (HAVEN_GRAPH_URL and the Graph credentials)'
      : `no mapping files in ${load.dir}`;
    return { summary: { ...base, outcome: 'notConfigured' }, problems: [why], added: [] };
  }
  const problems = [...load.problems];
  let mappings = load.mappings;
  if (options.unitId) {
    mappings = mappings.filter((m) => m.unit.id === options.unitId);
    if (mappings.length === 0 && !problems.some((p) => p.startsWith(`${options.unitId}.json`)))
      problems.push(`no mapping file for unit ${options.unitId} in ${load.dir}`);
  }
  if (problems.length) return finish(deps, options, { ...base, outcome: 'blocked', problems: problems.length }, { problems, added: [] });

  let directory: UnitDirectory[];
  try {
    directory = await readDirectory(deps, mappings);
  } catch (error) {
    if (!(error instanceof GraphUnavailable)) throw error;
    const failure = `Microsoft Graph could not be read${error.status ? ` (${error.status})` : ''}: ${error.message}`;
    return finish(deps, options, { ...base, outcome: 'failed' }, { problems: [], failure, added: [] });
  }
  const [people, units] = await Promise.all([deps.people.list(), deps.units.list()]);
  const plan = planSync(directory, { people: people.map((p) => p.value), units: units.map((u) => u.value) }, ukToday(now));
  const counts = planCounts(plan);
  if (plan.problems.length)
    return finish(deps, options, { ...base, ...counts, outcome: 'blocked' }, { plan, problems: plan.problems, added: [] });
  if (options.dryRun) return { summary: { ...base, ...counts, outcome: 'applied' }, plan, problems: [], added: [] };

  const versionOf = new Map<string, string>(people.map((p: Versioned<Person>) => [p.value.id, p.version]));
  const unitVersion = new Map(units.map((u) => [u.value.id, u.version]));
  for (const u of plan.unitsToCreate) await deps.units.create(u);
  for (const { after } of plan.unitsToUpdate) await deps.units.save(after, unitVersion.get(after.id)!);
  for (const p of plan.add) await deps.people.create(p);
  for (const { before, after } of [...plan.update, ...plan.left]) await deps.people.save(after, versionOf.get(before.id)!);
  return finish(deps, options, { ...base, ...counts, outcome: 'applied' }, { plan, problems: [], added: plan.add });
}

/** Records the run (not a dry run) and audits it: counts only, never names. */
async function finish(
  deps: RosterSyncDeps,
  options: SyncOptions,
  summary: RosterSyncSummary,
  rest: Omit<SyncResult, 'summary'>,
): Promise<SyncResult> {
  if (options.dryRun) return { summary, ...rest };
  await recordRun(deps, summary, options.by);
  return { summary, ...rest };
}

async function recordRun(deps: RosterSyncDeps, summary: RosterSyncSummary, by: string | undefined): Promise<void> {
  const last = await deps.rosterSyncRuns.last();
  await deps.rosterSyncRuns.save(summary, last?.version);
  await deps.audit.append({
    at: summary.at,
    actor: by ?? 'system',
    action: 'roster.synced',
    subject: 'roster',
    reason: `${summary.trigger}: ${summary.outcome}; added ${summary.added}, updated ${summary.updated}, left ${summary.left}, problems ${summary.problems}, install failures ${summary.installFailures}`,
    outcome: summary.outcome === 'applied' ? 'ok' : 'failed',
  });
}

/**
 * The port the admin card and the daily job use: a run, then the app installed for the people it
 * added when app installation is configured; the summary is stored after both.
 */
export function createRosterSync(deps: RosterSyncDeps): RosterSyncPort {
  return {
    get configured() {
      return deps.directory.configured && deps.entraMappings().mappings.length > 0;
    },
    async lastRun() {
      return (await deps.rosterSyncRuns.last())?.value;
    },
    async runNow(trigger, byPersonId) {
      const result = await syncRoster(deps, { trigger, by: byPersonId, dryRun: false });
      if (result.summary.outcome !== 'applied' || result.added.length === 0 || !deps.appInstaller.configured) return result.summary;
      // Newcomers only: the install command (npm run roster -- install) covers everyone else.
      const run = await installForPeople(deps.appInstaller, result.added);
      const installFailures = run.failed;
      const summary = { ...result.summary, installFailures };
      const last = await deps.rosterSyncRuns.last();
      await deps.rosterSyncRuns.save(summary, last?.version);
      return summary;
    },
  };
}
