// npm run report -- unit --unit ID --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]
// The unit's check-in aggregates by calendar month as CSV: only for groups of HAVEN_MIN_GROUP_SIZE
// (at least 5) or more; smaller groups are written as "fewer than 5". No individual's data.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, ConfigError } from '../config.ts';
import { monthsBetween, overviewCsv } from '../features/check-ins/unit-aggregates.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import { overviewFor } from '../features/care/unit-overview.ts';

const USAGE = 'Usage: npm run report -- unit --unit UNIT_ID --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDay = (text: string) =>
  DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** The unit report's arguments: every problem at once, each reported once (a flag without its value is not also "missing"). */
export function parseUnitReportArgs(args: string[]): { opts: Record<string, string>; problems: string[] } {
  const opts: Record<string, string> = {};
  const problems: string[] = [];
  const flagged = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'unit' && i === 0) continue;
    if (!['--unit', '--from', '--to', '--out'].includes(a)) {
      problems.push(`unexpected argument "${a}"`);
      continue;
    }
    flagged.add(a);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) problems.push(`${a} needs a value`);
    else {
      if (opts[a.slice(2)] !== undefined) problems.push(`${a} is given twice`);
      opts[a.slice(2)] = args[++i]!;
    }
  }
  if (!flagged.has('--unit')) problems.push('--unit is required');
  for (const k of ['from', 'to'])
    if (!flagged.has(`--${k}`)) problems.push(`--${k} is required (a date, YYYY-MM-DD)`);
    else if (opts[k] !== undefined && !isDay(opts[k]!)) problems.push(`--${k} must be a date, YYYY-MM-DD (got "${opts[k]}")`);
  if (opts.from && opts.to && isDay(opts.from) && isDay(opts.to) && opts.from > opts.to) problems.push('--from must not be after --to');
  return { opts, problems };
}

export async function runUnitReport(
  args: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const { opts, problems } = parseUnitReportArgs(args);
  if (problems.length) {
    err(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const storage = await openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const unit = await storage.deps.units.get(opts.unit!);
    if (!unit) {
      err(`No unit "${opts.unit}" on the roster.\n`);
      return 1;
    }
    const overview = await overviewFor(storage.deps, unit.value.id, monthsBetween(opts.from!, opts.to!));
    await storage.deps.audit.append({
      at: new Date().toISOString(),
      actor: 'system',
      action: 'unit.report',
      subject: `unit:${unit.value.id}`,
      reason: `aggregates ${opts.from} to ${opts.to}`,
      outcome: 'ok',
    });
    const csv = overviewCsv(unit.value.id, overview);
    if (opts.out) writeFileSync(opts.out, csv, { mode: 0o600 });
    else out(csv);
    return 0;
  } finally {
    await storage.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runUnitReport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`report failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
