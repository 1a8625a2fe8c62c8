// `npm run simulate -- [--days 365] [--unit realistic|demo] [--seed N] [--out DIR]`: runs Haven through
// a unit's year on a fake clock (sim/simulate.ts) and writes report.json and report.html to --out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from './simulate.ts';
import { buildReport, type SimReport } from './report.ts';
import { renderHtml } from './html.ts';

const HELP = `npm run simulate -- [options]

  --days N             days to simulate from go-live (default 365)
  --unit NAME          realistic (default: ~50 people, generated from the seed) or demo (data/demo-roster.csv)
  --seed N             seed of the generated unit and of people's behaviour (default 1)
  --out DIR            where report.json and report.html go (default sim-results)
`;

export interface SimulateArgs {
  days: number;
  unit: 'realistic' | 'demo';
  seed: number;
  out: string;
}

export function parseSimulateArgs(argv: string[]): SimulateArgs | 'help' {
  const args: SimulateArgs = { days: 365, unit: 'realistic', seed: 1, out: 'sim-results' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return 'help';
    const [name, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value\n\n${HELP}`);
    if (name === '--days' || name === '--seed') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (name === '--days' ? 1 : 0) || n > (name === '--days' ? 3660 : 2 ** 31))
        throw new Error(`${name} must be a whole number${name === '--days' ? ' from 1 to 3660' : ''} (got "${value}")`);
      if (name === '--days') args.days = n;
      else args.seed = n;
    } else if (name === '--unit') {
      if (value !== 'realistic' && value !== 'demo') throw new Error(`--unit must be realistic or demo (got "${value}")`);
      args.unit = value;
    } else if (name === '--out') args.out = value;
    else throw new Error(`unknown option ${name}\n\n${HELP}`);
  }
  return args;
}

/** Runs the simulation and writes its report; answers the report. */
export async function runSimulate(args: SimulateArgs, say: (line: string) => void): Promise<SimReport> {
  say(`simulate: the ${args.unit} unit, ${args.days} days, seed ${args.seed}`);
  const record = await simulate({ days: args.days, unit: args.unit, seed: args.seed, say: (l) => say(`simulate: ${l}`) });
  const report = buildReport(record);
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'report.html'), renderHtml(report));
  return report;
}

async function main(): Promise<void> {
  const parsed = parseSimulateArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const report = await runSimulate(parsed, say);
  const v = report.verdict;
  say(
    `simulate: done in ${report.run.wallSeconds} s; ${report.totals.delivered} messages delivered, ${report.totals.presses} buttons pressed`,
  );
  for (const r of report.headline.perRole) say(`simulate: ${r.role}: non-urgent cards per week median ${r.median}, max ${r.max}`);
  const b = report.headline.busiestSupervisor;
  if (b) say(`simulate: busiest supervisor (${b.reports} reports): max ${b.maxWeek} non-urgent cards in a week`);
  say(
    `simulate: budget ${v.budgetHolds ? 'holds' : 'does NOT hold'}; urgent items ${v.urgentInTime ? 'all in time' : 'NOT all in time'}; ${v.breaches.length} breach(es)`,
  );
  const w = report.waysBack;
  say(
    `simulate: breaks ${w.breaks.raised} raised, ${w.breaks.ended} ended (days ${w.breaks.daysToEnd.join(', ') || 'none'}); told the welfare lead first ${w.toldWelfareLeadFirst.requests}, welfare lead in time ${w.toldWelfareLeadFirst.welfareLeadInTime}; concerns ${w.concerns.raised} raised, ${w.concerns.handled} handled`,
  );
  if (w.eventProblems.length) say(`simulate: not carried out: ${w.eventProblems.join('; ')}`);
  say(`simulate: wrote ${join(parsed.out, 'report.json')} and ${join(parsed.out, 'report.html')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`simulate failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
