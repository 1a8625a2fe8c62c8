// npm run workload -- import FILE.csv [--dry-run]
//   A grading tool's export into the exposure and workload log (issue 14). The whole file is checked
//   first and every problem listed; nothing is written unless every row is valid. --dry-run checks
//   against the roster and writes nothing. Shares the Azurite of a running `npm start`, as roster does.
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import { IMPORT_COLUMNS, importWorkload } from '../features/check-ins/index.ts';
import type { HavenDeps } from '../haven-deps.ts';

const USAGE = `Usage:
  npm run workload -- import FILE.csv [--dry-run]

The file has one header line naming its columns (${IMPORT_COLUMNS.join(',')}) and a row per person per week:
person (roster id or Entra object id), week (2026-W49, or a date in that week), hours (e.g. 12.5),
categories (any of A;B;C, optional), violent (yes or no, optional). See README.md, "Check-ins and flags".`;

export interface OpenedWorkloadStorage {
  deps: HavenDeps;
  close(): Promise<void>;
}

async function openFromConfig(): Promise<OpenedWorkloadStorage> {
  const config = loadConfig();
  return openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
}

export async function runWorkloadCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedWorkloadStorage> = openFromConfig,
): Promise<number> {
  const [command, file, ...rest] = args;
  if (command !== 'import') {
    err(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
    return 2;
  }
  // Every argument problem at once: a missing file and a mistyped option are both listed.
  const argProblems = [
    ...(!file || file.startsWith('--') ? ['import needs a file'] : []),
    ...[file, ...rest].filter((a) => a?.startsWith('--') && a !== '--dry-run').map((a) => `unknown option ${a}`),
    ...rest.filter((a) => !a.startsWith('--')).map((a) => `unexpected argument ${a} (one file at a time)`),
  ];
  if (argProblems.length) {
    err(`${argProblems.join('; ')}; nothing was imported.\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file!);
  } catch (error) {
    err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const dryRun = rest.includes('--dry-run');
  const storage = await open();
  try {
    const r = await importWorkload(storage.deps, bytes, 'admin-cli', dryRun);
    if (!r.ok) {
      err(`${file}: ${r.problems.length} problem(s); nothing was imported.`);
      for (const p of r.problems) err(`  line ${p.line}: ${p.reason}`);
      return 1;
    }
    if (r.dryRun) out(`${file} is valid: ${r.rows} row(s), ${r.people} people, ${r.weeks} week(s). Nothing written (--dry-run).`);
    else
      out(
        `Imported ${file}: ${r.rows} row(s), ${r.people} people, ${r.weeks} week(s); ${r.flagged} person(s) flagged to their supervisor (the reason only, never the figures).`,
      );
    return 0;
  } finally {
    await storage.close();
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runWorkloadCommand(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  )
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `workload: ${error.message}\n`);
      process.exit(1);
    });
}
