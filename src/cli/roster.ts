// npm run roster -- import FILE.csv [--dry-run]   validate the whole file; write nothing unless every row is valid
// npm run roster -- export [FILE.csv]              the current roster as CSV (stdout when no file)
// npm run roster -- journey open --candidate ID --trainer ID --start YYYY-MM-DD [--unit ID] [--by ID]
// npm run roster -- journey list                   every pre-deployment journey: dates and state, no answers
// npm run roster -- sync [--unit ID] [--dry-run]    the roster from Entra ID (data/entra/<unit>.json), issue 16
// npm run roster -- install [--unit ID] [--dry-run]  install the Teams app for roster members who lack it (Graph)
// npm run roster -- duty-rota [FILE.csv]           check every duty rota (HAVEN_DUTY_ROTA_DIR) against the roster file, else the stored roster
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { parseRoster } from '../kernel/roster.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import { exportRoster, importRoster } from '../kernel/import-roster.ts';
import { JOURNEY_STATE_TITLES, daysToStart } from '../features/journeys/rules.ts';
import { openJourney } from '../features/journeys/open-journey.ts';
import type { HavenDeps } from '../haven-deps.ts';
import { installForPeople } from '../kernel/install-app.ts';
import { loadDutyRotas } from '../data-files.ts';
import { dutyRotaProblems } from '../kernel/duty-rota.ts';
import { join } from 'node:path';
import type { Roster } from '../kernel/types.ts';
// Issue 16, part 1: the roster from Entra ID.
import { syncRoster, type PersonChange, type RosterSyncDeps, type SyncResult } from '../features/roster-sync/index.ts';

const USAGE = `Usage:
  npm run roster -- import FILE.csv [--dry-run]
  npm run roster -- export [FILE.csv]
  npm run roster -- journey open --candidate ID --trainer ID --start YYYY-MM-DD [--unit ID] [--by ID]
  npm run roster -- journey list
  npm run roster -- sync [--unit ID] [--dry-run]
  npm run roster -- install [--unit ID] [--dry-run]
  npm run roster -- duty-rota [FILE.csv]

The roster file has one header line and a row per unit, person or absence (see README.md, "Roster").`;

export interface OpenedRosterStorage {
  deps: HavenDeps;
  /** Issue 16: what `sync` runs on (openStorage provides it). */
  rosterSyncDeps?: RosterSyncDeps;
  close(): Promise<void>;
}

async function openFromConfig(): Promise<OpenedRosterStorage> {
  const config = loadConfig();
  return openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
}

const JOURNEY_FLAGS = ['--candidate', '--trainer', '--start', '--unit', '--by'] as const;

/** `journey open` and `journey list`. Every problem is listed; nothing is written on error. */
async function runJourneyCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedRosterStorage>,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'open') {
    const flags: Record<string, string> = {};
    const problems: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const flag = rest[i]!;
      if (!(JOURNEY_FLAGS as readonly string[]).includes(flag)) problems.push(`unknown option "${flag}"`);
      else if (rest[i + 1] === undefined || rest[i + 1]!.startsWith('--')) problems.push(`${flag} needs a value`);
      else flags[flag] = rest[++i]!;
    }
    for (const required of ['--candidate', '--trainer', '--start'])
      if (!flags[required] && !problems.some((p) => p.startsWith(required))) problems.push(`${required} is required`);
    // The roster's checks need every flag; the date's format does not, so it is listed with the flags' problems.
    if (problems.length && flags['--start'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags['--start']))
      problems.push(`--start must be a date, YYYY-MM-DD (got "${flags['--start']}")`);
    if (problems.length) {
      err(`journey open: ${problems.length} problem(s); nothing was written.`);
      for (const p of problems) err(`  ${p}`);
      err(USAGE);
      return 2;
    }
    const storage = await open();
    try {
      const by = flags['--by'] ?? 'admin-cli';
      const r = await openJourney(storage.deps, {
        candidateId: flags['--candidate']!,
        trainerId: flags['--trainer']!,
        plannedStartDate: flags['--start']!,
        unitId: flags['--unit'],
        openedBy: by,
        // The same command run twice opens one journey.
        requestId: `cli|${flags['--trainer']}|${flags['--start']}|${flags['--unit'] ?? ''}|${by}`,
      });
      if (!r.ok) {
        err(`journey open: ${r.problems.length} problem(s); nothing was written.`);
        for (const p of r.problems) err(`  ${p}`);
        return 1;
      }
      out(
        r.duplicate
          ? `Already open: ${r.journey.id}`
          : `Opened ${r.journey.id} for ${r.journey.candidateId} (trainer ${r.journey.trainerId}, unit ${r.journey.unitId}, planned start ${r.journey.plannedStartDate}). The candidate and the trainer are told in Teams.`,
      );
      return 0;
    } finally {
      await storage.close();
    }
  }
  if (sub === 'list') {
    const storage = await open();
    try {
      const now = storage.deps.clock.now();
      const all = (await storage.deps.journeys.list()).map((v) => v.value).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
      if (all.length === 0) out('No pre-deployment journeys.');
      // Process data only (who, where, when, which step): never answers, notes or reasons.
      for (const j of all)
        out(
          [
            j.id,
            j.candidateId,
            j.unitId,
            `trainer ${j.trainerId}`,
            `start ${j.plannedStartDate} (${daysToStart(j.plannedStartDate, now)} days)`,
            JOURNEY_STATE_TITLES[j.state],
          ].join('  '),
        );
      return 0;
    } finally {
      await storage.close();
    }
  }
  err(`journey: use "open" or "list".\n${USAGE}`);
  return 2;
}

/** `[--unit ID] [--dry-run]`, as `install` and `sync` take them: every problem listed, none stops the others. */
function unitAndDryRun(args: string[]): { unitId?: string; dryRun: boolean; problems: string[] } {
  const problems: string[] = [];
  let unitId: string | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dry-run') {
      if (dryRun) problems.push('--dry-run is given twice');
      dryRun = true;
    } else if (a === '--unit') {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) problems.push('--unit needs a unit id');
      else {
        if (unitId !== undefined) problems.push('--unit is given twice');
        unitId = v;
        i++;
      }
    } else problems.push(`unknown option "${a}"`);
  }
  return { unitId, dryRun, problems };
}

/**
 * Issue 16 (graph): `install [--unit ID] [--dry-run]`. Installs Haven in the personal scope of every roster
 * member (of the unit) who lacks it, through Microsoft Graph; people who left and people without an Entra
 * object id are skipped. Prints a summary and who could not be installed and why (names: the admin's own
 * console). Exit 1 when anyone could not be installed; 2 for bad options or no configuration.
 */
async function runInstallCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedRosterStorage>,
): Promise<number> {
  const { unitId, dryRun, problems } = unitAndDryRun(args);
  const storage = await open();
  try {
    const { deps } = storage;
    // Checks that need the roster and the configuration join the option problems: one list, one pass.
    const units = (await deps.units.list()).map((u) => u.value);
    if (unitId !== undefined && !units.some((u) => u.id === unitId))
      problems.push(`--unit: no unit "${unitId}" on the roster (units: ${units.map((u) => u.id).join(', ') || 'none'})`);
    if (!deps.appInstaller.configured)
      problems.push(
        "app installation is not configured: set HAVEN_TEAMS_APP_CATALOG_ID (Haven's id in the app catalogue; docs/deploy.md §10), and in local mode HAVEN_GRAPH_URL (e.g. the fake Graph server of npm run graph:fake)",
      );
    if (problems.length) {
      err(`install: ${problems.length} problem(s); nothing was installed.`);
      for (const p of problems) err(`  ${p}`);
      if (problems.some((p) => p.startsWith('unknown option') || p.includes('needs') || p.includes('twice'))) err(USAGE);
      return 2;
    }
    const people = (await deps.people.list())
      .map((p) => p.value)
      .filter((p) => unitId === undefined || p.unitId === unitId)
      .sort((a, b) => a.id.localeCompare(b.id));
    if (people.length === 0 && unitId === undefined)
      out('The roster is empty: import one first (npm run roster -- import data/demo-roster.csv), or run npm start once.');
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    const run = await installForPeople(deps.appInstaller, people, { dryRun });
    const scope = unitId ? `unit ${unitId}` : 'every unit';
    out(`${dryRun ? 'Dry run (nothing installed)' : 'Haven installation'} for ${scope}: ${people.length} people on the roster.`);
    if (dryRun) out(`  would install: ${run.wouldInstall}`);
    else out(`  installed now: ${run.installed}`);
    out(`  already installed: ${run.alreadyInstalled}`);
    const left = run.results.filter((r) => r.outcome === 'skipped' && r.reason === 'left').length;
    out(`  skipped, left: ${left}`);
    out(`  skipped, no Entra object id: ${run.skipped - left}`);
    out(`  could not: ${run.failed}`);
    if (dryRun && run.wouldInstall)
      out(
        `Would install for: ${run.results
          .filter((r) => r.outcome === 'wouldInstall')
          .map((r) => nameOf.get(r.personId) ?? r.personId)
          .join(', ')}`,
      );
    const failed = run.results.flatMap((r) => (r.outcome === 'failed' ? [r] : []));
    if (failed.length) {
      err(`Could not ${dryRun ? 'check' : 'install'} for ${failed.length}:`);
      for (const f of failed) err(`  ${nameOf.get(f.personId) ?? f.personId} (${f.personId}): ${f.reason}`);
      return 1;
    }
    return 0;
  } finally {
    await storage.close();
  }
}

/**
 * Issue 16: `sync [--unit ID] [--dry-run]`. Prints what it adds, updates and marks as left (names and roster
 * ids: this is the admin's console) and every problem at once; writes nothing unless there are none.
 * Exit codes: 0 done (or a clean dry run), 1 problems (nothing written), 2 usage, 3 Graph unavailable or no
 * directory configured (nothing written).
 */
async function runSyncCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedRosterStorage>,
): Promise<number> {
  const { unitId, dryRun, problems } = unitAndDryRun(args);
  if (problems.length) {
    err(`sync: ${problems.length} problem(s); nothing was written.`);
    for (const p of problems) err(`  ${p}`);
    err(USAGE);
    return 2;
  }
  const storage = await open();
  try {
    if (!storage.rosterSyncDeps) throw new Error('this storage cannot run a roster sync');
    const result = await syncRoster(storage.rosterSyncDeps, { trigger: 'cli', by: 'admin-cli', unitId, dryRun });
    printSync(result, dryRun, out, err);
    const { outcome } = result.summary;
    return outcome === 'applied' ? 0 : outcome === 'blocked' ? 1 : 3;
  } finally {
    await storage.close();
  }
}

function printSync(result: SyncResult, dryRun: boolean, out: (s: string) => void, err: (s: string) => void): void {
  const { summary, plan } = result;
  if (summary.outcome === 'notConfigured') {
    err(`sync: cannot run: ${result.problems.join('; ')}. Nothing was written.`);
    return;
  }
  if (summary.outcome === 'failed') {
    err(`sync: ${result.failure ?? 'Microsoft Graph could not be read'}. Nothing was written; try again later.`);
    return;
  }
  if (summary.outcome === 'blocked') {
    err(`sync: ${result.problems.length} problem(s); nothing was written. Fix them in Entra ID or the mapping files and run again:`);
    for (const p of result.problems) err(`  ${p}`);
    return;
  }
  if (!plan) return;
  const person = (p: { id: string; name: string; unitId: string; roles: string[]; supervisorId?: string }) =>
    `${p.id}  ${p.name}  unit ${p.unitId}  ${p.roles.join(';')}${p.supervisorId ? `  supervisor ${p.supervisorId}` : ''}`;
  const change = (c: PersonChange) =>
    `${c.after.id}  ${c.after.name}: ${c.changes
      .map((k) =>
        k === 'roles'
          ? `roles ${c.before.roles.join(';')} → ${c.after.roles.join(';')}`
          : k === 'supervisor'
            ? `supervisor ${c.before.supervisorId ?? '(none)'} → ${c.after.supervisorId ?? '(none)'}`
            : k === 'unit'
              ? `unit ${c.before.unitId} → ${c.after.unitId}`
              : k === 'name'
                ? `name was ${c.before.name}`
                : k === 'returned'
                  ? `back (had left on ${c.before.leftOn})`
                  : k,
      )
      .join(', ')}`;
  const verb = dryRun ? 'Would' : 'Did';
  out(`Roster sync from Entra ID${dryRun ? ' (dry run: nothing written)' : ''}`);
  for (const u of plan.unitsToCreate)
    out(`  unit + ${u.id}  ${u.name}  head ${u.departmentHeadId ?? '(none)'}${u.aboveId ? `  above ${u.aboveId}` : ''}`);
  for (const { after } of plan.unitsToUpdate)
    out(
      `  unit ~ ${after.id}  ${after.name}  head ${after.departmentHeadId ?? '(none)'}${after.aboveId ? `  above ${after.aboveId}` : ''}`,
    );
  out(`${verb} add ${plan.add.length}:`);
  for (const p of plan.add) out(`  + ${person(p)}`);
  out(`${verb} update ${plan.update.length}:`);
  for (const c of plan.update) out(`  ~ ${change(c)}`);
  out(`${verb} mark as left ${plan.left.length}:`);
  for (const c of plan.left)
    out(`  - ${c.after.id}  ${c.after.name}  unit ${c.after.unitId}  (left on ${c.after.leftOn}; nothing deleted)`);
  if (plan.disabled) out(`Disabled accounts left out: ${plan.disabled}.`);
  if (dryRun) out('Nothing was written (--dry-run). Run again without --dry-run to apply.');
  else if (plan.add.length) out('New people are matched by their Entra object id when they first use Haven; no Teams id is needed.');
}

export async function runRosterCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedRosterStorage> = openFromConfig,
): Promise<number> {
  const [command, file, ...rest] = args;
  if (command === 'journey') return runJourneyCommand(args.slice(1), out, err, open);
  if (command === 'sync') return runSyncCommand(args.slice(1), out, err, open); // issue 16 (sync)
  if (command === 'install') return runInstallCommand(args.slice(1), out, err, open); // issue 16 (graph)
  if (command === 'import') {
    // Arguments and the file are checked in one pass: a mistyped option (--dryrun) is a problem, never a
    // real import, and it is listed together with every problem in the file.
    const [files, options] = [args.slice(1).filter((a) => !a.startsWith('--')), args.slice(1).filter((a) => a.startsWith('--'))];
    const argProblems = [
      ...(files.length === 0 ? ['import needs a file'] : files.length > 1 ? [`one file at a time (got ${files.join(', ')})`] : []),
      ...options.filter((o) => o !== '--dry-run').map((o) => `unknown option "${o}" (the only option is --dry-run)`),
    ];
    const path = files[0];
    let text: string | undefined;
    if (path !== undefined && files.length === 1) {
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        argProblems.push(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    // Validate before touching storage: a bad file changes nothing.
    const parsed = text === undefined ? undefined : parseRoster(text);
    const fileProblems = parsed && !parsed.ok ? parsed.problems : [];
    if (argProblems.length || fileProblems.length || !parsed?.ok) {
      err(`${path ?? 'roster import'}: ${argProblems.length + fileProblems.length} problem(s); nothing was imported.`);
      for (const p of argProblems) err(`  ${p}`);
      for (const p of fileProblems) err(`  line ${p.line}: ${p.reason}`);
      if (argProblems.length) err(USAGE);
      return argProblems.length ? 2 : 1;
    }
    const file = path!;
    if (options.includes('--dry-run')) {
      out(
        `${file} is valid: ${parsed.roster.units.length} unit(s), ${parsed.roster.people.length} people, ${parsed.roster.absences.length} absence(s). Nothing written (--dry-run).`,
      );
      return 0;
    }
    const storage = await open();
    try {
      const result = await importRoster(storage.deps, text!, 'admin-cli');
      if (!result.ok) {
        for (const p of result.problems) err(`  line ${p.line}: ${p.reason}`);
        return 1;
      }
      out(
        `Imported ${file}: ${result.units} unit(s), ${result.people} people, ${result.absences} absence(s) — ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
      );
      if (result.notInFile.length) out(`Not in this file (left as they are): ${result.notInFile.join(', ')}`);
      return 0;
    } finally {
      await storage.close();
    }
  }
  if (command === 'duty-rota') {
    // Issue 16 (rotas): every duty rota against the roster (a file, else the stored one); every problem listed.
    const config = loadConfig();
    const dir = config.declarations.dutyRotaDir;
    if (!dir) {
      err('No duty rota is configured (HAVEN_DUTY_ROTA_DIR is empty).');
      return 2;
    }
    let roster: Roster;
    if (file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        err(`Cannot read ${file}: ${(error as Error).message}`);
        return 2;
      }
      const parsed = parseRoster(text);
      if (!parsed.ok) {
        err(`${file}: ${parsed.problems.length} problem(s); fix the roster first.`);
        for (const p of parsed.problems) err(`  line ${p.line}: ${p.reason}`);
        return 1;
      }
      roster = parsed.roster;
    } else {
      const storage = await open();
      try {
        roster = { people: (await storage.deps.people.list()).map((p) => p.value), units: [], absences: [] };
      } finally {
        await storage.close();
      }
    }
    const problems: string[] = [];
    const rotas = loadDutyRotas(dir, problems);
    for (const [unitId, rota] of rotas) {
      const source = join(dir, `${unitId}.json`);
      if (file && !roster.units.some((u) => u.id === unitId)) problems.push(`${source}: unit "${unitId}" is not in ${file}`);
      problems.push(...dutyRotaProblems(rota, roster, source));
    }
    if (problems.length) {
      err(`${problems.length} problem(s) in the duty rota:`);
      for (const p of problems) err(`  ${p}`);
      return 1;
    }
    out(`The duty rota is valid: ${rotas.size} unit(s) (${[...rotas.keys()].join(', ') || 'none'}).`);
    return 0;
  }
  if (command === 'export') {
    const storage = await open();
    try {
      const csv = await exportRoster(storage.deps);
      if (file) {
        writeFileSync(file, csv);
        out(`Wrote ${file}`);
      } else out(csv.trimEnd());
      return 0;
    } finally {
      await storage.close();
    }
  }
  err(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  return 2;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runRosterCommand(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  )
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `roster: ${error.message}\n`);
      process.exit(1);
    });
}
