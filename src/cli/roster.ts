// npm run roster -- import FILE.csv [--dry-run]   validate the whole file; write nothing unless every row is valid
// npm run roster -- export [FILE.csv]              the current roster as CSV (stdout when no file)
// npm run roster -- journey open --candidate ID --trainer ID --start YYYY-MM-DD [--unit ID] [--by ID]
// npm run roster -- journey list                   every pre-deployment journey: dates and state, no answers
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { parseRoster } from '../kernel/roster.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import { exportRoster, importRoster } from '../kernel/import-roster.ts';
import { JOURNEY_STATE_TITLES, daysToStart } from '../features/journeys/rules.ts';
import { openJourney } from '../features/journeys/open-journey.ts';
import type { HavenDeps } from '../haven-deps.ts';

const USAGE = `Usage:
  npm run roster -- import FILE.csv [--dry-run]
  npm run roster -- export [FILE.csv]
  npm run roster -- journey open --candidate ID --trainer ID --start YYYY-MM-DD [--unit ID] [--by ID]
  npm run roster -- journey list

The roster file has one header line and a row per unit, person or absence (see README.md, "Roster").`;

export interface OpenedRosterStorage {
  deps: HavenDeps;
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

export async function runRosterCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedRosterStorage> = openFromConfig,
): Promise<number> {
  const [command, file, ...rest] = args;
  if (command === 'journey') return runJourneyCommand(args.slice(1), out, err, open);
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
