// npm run report -- predeployment --from YYYY-MM-DD --to YYYY-MM-DD [--unit ID] [--out DIR]
// The annual process review as <out>/predeployment-<from>-<to>.csv and .html. Arguments are checked
// before storage is opened: every problem is listed and nothing is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { isIsoDay, type ProcessReview, type ReviewPeriod } from '../features/process-review/rules.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import { processReviewCsv } from '../reports/process-review-csv.ts';
import { processReviewHtml } from '../reports/process-review-html.ts';
import { exportProcessReview } from '../features/process-review/process-review.ts';
import type { ReportCommand, ReportIo } from './report-command.ts';

export const DEFAULT_REPORT_DIR = 'reports';
const USAGE = 'npm run report -- predeployment --from YYYY-MM-DD --to YYYY-MM-DD [--unit UNIT_ID] [--out DIR]';

export interface PredeploymentArgs {
  period: ReviewPeriod;
  unitId?: string;
  outDir: string;
}

export function parsePredeploymentArgs(args: string[]): { ok: true; value: PredeploymentArgs } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  const known = new Set(['--from', '--to', '--unit', '--out']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (!known.has(flag)) {
      problems.push(`unknown argument "${a}"`);
      continue;
    }
    const value = inline ?? args[i + 1];
    if (inline === undefined) i++;
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      problems.push(`${flag} needs a value`);
      if (value?.startsWith('--')) i--;
      continue;
    }
    if (values[flag] !== undefined) problems.push(`${flag} is given twice`);
    values[flag] = value;
  }
  const from = values['--from'];
  const to = values['--to'];
  if (from === undefined) problems.push('--from is missing (the first day of the period, YYYY-MM-DD)');
  else if (!isIsoDay(from)) problems.push(`--from must be a real date YYYY-MM-DD (got "${from}")`);
  if (to === undefined) problems.push('--to is missing (the last day of the period, YYYY-MM-DD)');
  else if (!isIsoDay(to)) problems.push(`--to must be a real date YYYY-MM-DD (got "${to}")`);
  if (from && to && isIsoDay(from) && isIsoDay(to) && from > to) problems.push(`--from (${from}) is after --to (${to})`);
  const unitId = values['--unit'];
  if (unitId !== undefined && !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(unitId))
    problems.push(`--unit must be a unit id from the roster, like unit-2 (got "${unitId}")`);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { period: { from: from!, to: to! }, unitId, outDir: values['--out'] ?? DEFAULT_REPORT_DIR } };
}

export function reportFileBase(period: ReviewPeriod): string {
  return `predeployment-${period.from}-${period.to}`;
}

/** Writes both files; answers their paths. */
export function writeProcessReview(review: ProcessReview, outDir: string): { csv: string; html: string } {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, reportFileBase(review.period));
  const files = { csv: `${base}.csv`, html: `${base}.html` };
  writeFileSync(files.csv, processReviewCsv(review));
  writeFileSync(files.html, processReviewHtml(review));
  return files;
}

async function run(args: string[], io: ReportIo): Promise<number> {
  const parsed = parsePredeploymentArgs(args);
  if (!parsed.ok) {
    io.err(`predeployment: ${parsed.problems.length} problem(s); nothing was written.`);
    for (const p of parsed.problems) io.err(`  - ${p}`);
    io.err(`Usage: ${USAGE}`);
    return 1;
  }
  const { period, unitId, outDir } = parsed.value;
  const config = loadConfig();
  const storage = await openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    if (unitId && !(await storage.deps.units.get(unitId))) {
      io.err(`predeployment: 1 problem(s); nothing was written.\n  - --unit "${unitId}" is not a unit on the roster`);
      return 1;
    }
    const review = await exportProcessReview(storage.deps, period, unitId);
    const files = writeProcessReview(review, outDir);
    io.out(`${review.rows.length} journey(s) from ${period.from} to ${period.to}${unitId ? ` in ${unitId}` : ''}.`);
    io.out(files.csv);
    io.out(files.html);
    return 0;
  } finally {
    await storage.close();
  }
}

export const PREDEPLOYMENT_REPORT: ReportCommand = { usage: USAGE, run };
