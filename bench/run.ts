// `npm run bench`: the performance figures of issue items 8 (inbound), 9 (fan-out) and 10 (scheduler
// scale), and the unit-year of `npm run simulate` (issue 13: cards per supervisor per week). Everything runs on loopback, is bounded in count and time, and stops by itself. Raw figures
// go to bench/out/<section>.json (git-ignored); bench/RESULTS.md is rewritten from them.
//
//   npm run bench                      full run (about 20 minutes on 2 cores, plus 10-25 for the simulated year)
//   npm run bench -- --quick           smaller variant (about 2 minutes)
//   npm run bench -- --only fanout --fanout-count 2000
//   npm run bench -- --only simulate       the realistic unit's year alone (about 10-25 minutes)
//   npm run bench -- --help
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runInbound } from './inbound/run-inbound.ts';
import { runFanout } from './fanout/run-fanout.ts';
import { runScheduler } from './scheduler/run-scheduler.ts';
import { describeMachine, describeSource, type Machine } from './lib/machine.ts';
import { runSimulateBench } from './simulate/run-simulate.ts';
import { spliceInbound, spliceSimulate, writeResults, type SectionRecord } from './results.ts';
import { keptJobsSection, runJobs, spliceJobs } from './jobs/run-jobs.ts';

const OUT = 'bench/out';
const SECTIONS = ['inbound', 'fanout', 'scheduler', 'simulate'] as const;
// Issue 15: the real jobs against Azurite; only with --only jobs (it seeds up to 50,000 people).
type Section = (typeof SECTIONS)[number] | 'jobs';

const HELP = `npm run bench -- [options]

  --quick                    smaller variant: inbound 2 rounds of 4 s, fan-out 1,000 messages, fewer repeats, 60 simulated days
  --only LIST                comma-separated sections: inbound, fanout, scheduler, simulate (default: all four)
  --inbound-seconds N        length of each measured inbound run (default 10; quick 4)
  --inbound-rounds N         measured rounds per target, alternating which goes first (default 3; quick 2)
  --inbound-connections N    autocannon connections (default 10)
  --inbound-auth MODE        token (production mode, signed channel tokens; default) or local (no authentication)
  --storage-latency MS       inbound: delay added to every storage call of Haven and the stateful echo bot by a
                             proxy in front of Azurite, in the load runs and the first probe (default 0; a
                             second probe always runs at 7 ms, the figure of the issue 15 targets)
  --inbound-probe-cycles N   inbound: cycles of the four verbs in each single-connection probe (default 25; quick 10)
  --inbound-scale-people N   inbound: people in the synthetic roster of the scale probe (default 50000; 0 skips it)
  --azurite WHERE            memory (default) or disk, for the inbound and fan-out Azurite
  --fanout-count N           bulk messages (default 10000; quick 1000)
  --fanout-people N          recipients (default 2000; quick 200)
  --fanout-alerts N          "I'm not okay" alerts raised during the fan-out (default 20; quick 10)
  --fanout-instances N       Haven instances on one Azurite, clicks alternating between them (default 1; 2 for issue 15)
  --scheduler-sizes LIST     roster sizes (default 5000,20000,50000)
  --scheduler-repeats N      timed repeats per size (default 7; quick 3)
  --simulate-days N          days of the realistic unit's simulated year (default 365; quick 60)
  --simulate-seed N          seed of the simulated unit (default 1)
  --jobs-sizes LIST          roster sizes of --only jobs (default 5000,20000,50000)
  --jobs-open N              open requests for the declaration job (default 750)
  --jobs-box SECONDS         time box per size of --only jobs (default 600)
  --report                   only rewrite bench/RESULTS.md from bench/out/*.json (runs nothing)
  --profile                  also write V8 CPU profiles of the inbound servers to bench/out/profiles
                             (profiling slows them: use it to find where time goes, not for figures)
`;

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"\n\n${HELP}`);
    const eq = a.indexOf('=');
    if (eq > 0) args.set(a.slice(2, eq), a.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) args.set(a.slice(2), argv[++i]!);
    else args.set(a.slice(2), 'true');
  }
  return args;
}

function positive(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a whole number above 0 (got "${v}")`);
  return n;
}

/** Like positive(), but 0 is allowed. */
function whole(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got "${v}")`);
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  if (args.has('help')) {
    process.stdout.write(HELP);
    return;
  }
  const known = new Set([
    'quick',
    'only',
    'inbound-seconds',
    'inbound-rounds',
    'inbound-connections',
    'inbound-auth',
    'storage-latency',
    'inbound-probe-cycles',
    'inbound-scale-people',
    'fanout-count',
    'fanout-people',
    'fanout-alerts',
    'fanout-instances',
    'scheduler-sizes',
    'scheduler-repeats',
    'profile',
    'azurite',
    'report',
    'simulate-days',
    'simulate-seed',
    'jobs-sizes',
    'jobs-open',
    'jobs-box',
  ]);
  for (const name of args.keys()) if (!known.has(name)) throw new Error(`unknown option --${name}\n\n${HELP}`);
  const quick = args.has('quick');
  const only = (args.get('only') ?? SECTIONS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of only)
    if (!(SECTIONS as readonly string[]).includes(s) && s !== 'jobs') throw new Error(`--only takes ${SECTIONS.join(', ')} (got "${s}")`);
  const auth = args.get('inbound-auth') ?? 'token';
  if (auth !== 'token' && auth !== 'local') throw new Error('--inbound-auth must be token or local');
  const azurite = args.get('azurite') ?? 'memory';
  if (azurite !== 'memory' && azurite !== 'disk') throw new Error('--azurite must be memory or disk');
  const sizes = (args.get('scheduler-sizes') ?? '5000,20000,50000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 25)) throw new Error('--scheduler-sizes must be whole numbers of at least 25');

  mkdirSync(OUT, { recursive: true });
  if (args.has('report')) {
    writeReport();
    return;
  }
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const machine: Machine = describeMachine();
  const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  say(`bench: ${only.join(', ')}${quick ? ' (quick)' : ''} on ${machine.cpuModel}, ${machine.logicalCores} cores, Node ${machine.node}`);

  const record = async <T>(section: Section, options: Record<string, unknown>, run: () => Promise<T>) => {
    const loadBefore = loadavg();
    const started = new Date();
    const figures = await run();
    const entry: SectionRecord<T> = {
      section,
      date: started.toISOString(),
      seconds: Math.round((Date.now() - started.getTime()) / 1000),
      command,
      quick,
      machine,
      source: describeSource(),
      loadAverage: { before: loadBefore.map((x) => Math.round(x * 100) / 100), after: loadavg().map((x) => Math.round(x * 100) / 100) },
      options,
      figures,
    };
    writeFileSync(join(OUT, `${section}.json`), `${JSON.stringify(entry, null, 2)}\n`);
    say(`bench: ${section} done in ${entry.seconds} s`);
  };

  if (only.includes('inbound')) {
    const options = {
      outDir: OUT,
      auth: auth as 'token' | 'local',
      azurite: azurite as 'memory' | 'disk',
      connections: positive(args, 'inbound-connections', 10),
      seconds: positive(args, 'inbound-seconds', quick ? 4 : 10),
      rounds: positive(args, 'inbound-rounds', quick ? 2 : 3),
      warmupSeconds: quick ? 3 : 5,
      storageLatencyMs: whole(args, 'storage-latency', 0),
      probeCycles: positive(args, 'inbound-probe-cycles', quick ? 10 : 25),
      scalePeople: whole(args, 'inbound-scale-people', 50_000),
      scaleBudgetMs: quick ? 30_000 : 90_000,
      ...(args.has('profile') ? { profileDir: join(OUT, 'profiles') } : {}),
    };
    await record('inbound', options, () => runInbound(options, say));
  }
  if (only.includes('fanout')) {
    const options = {
      outDir: OUT,
      count: positive(args, 'fanout-count', quick ? 1000 : 10_000),
      people: positive(args, 'fanout-people', quick ? 200 : 2000),
      alerts: positive(args, 'fanout-alerts', quick ? 10 : 20),
      throttleShare: 0.05,
      // Issue 15: alert latency reported with and without one 429 (Retry-After: 1).
      throttleEveryOtherAlert: true,
      instances: positive(args, 'fanout-instances', 1),
      seed: 20261121,
      azurite: azurite as 'memory' | 'disk',
    };
    await record('fanout', options, () => runFanout(options, say));
  }
  if (only.includes('scheduler')) {
    const options = { sizes, repeats: positive(args, 'scheduler-repeats', quick ? 3 : 7), budgetMs: quick ? 10_000 : 30_000 };
    await record('scheduler', options, () => runScheduler(options, say));
  }

  if (only.includes('simulate')) {
    const options = {
      days: positive(args, 'simulate-days', quick ? 60 : 365),
      seed: positive(args, 'simulate-seed', 1),
      outDir: join(OUT, 'simulate'),
    };
    await record('simulate', options, () => runSimulateBench(options, say));
  }

  if (only.includes('jobs')) {
    const options = {
      sizes: (args.get('jobs-sizes') ?? '5000,20000,50000').split(',').map(Number),
      openRequests: positive(args, 'jobs-open', 750),
      boxSeconds: positive(args, 'jobs-box', 600),
    };
    await record('jobs', options, () => runJobs(options, say));
    spliceJobs('bench/RESULTS.md', JSON.parse(readFileSync(join(OUT, 'jobs.json'), 'utf8')));
    if (only.length === 1) {
      say('bench: wrote the jobs section of bench/RESULTS.md');
      return;
    }
  }

  writeReport(only);
  say('bench: wrote bench/RESULTS.md');
}

function writeReport(measured?: readonly string[]): void {
  const sections = SECTIONS.map((s) => join(OUT, `${s}.json`))
    .filter((f) => existsSync(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as SectionRecord<unknown>);
  // This run measured only sections that can be spliced alone (inbound, simulate): splice those, whatever
  // older raw figures lie in bench/out, so the other sections of RESULTS.md stay as they were measured.
  if (existsSync('bench/RESULTS.md') && measured?.length && measured.every((s) => s === 'inbound' || s === 'simulate')) {
    for (const r of sections) {
      if (!(measured as readonly string[]).includes(r.section)) continue;
      if (r.section === 'inbound') spliceInbound('bench/RESULTS.md', r as SectionRecord<never>);
      else spliceSimulate('bench/RESULTS.md', r as SectionRecord<never>);
    }
    return;
  }
  // Only the simulation measured here (the others' raw figures are elsewhere): rewrite its part alone,
  // keeping the other sections of RESULTS.md as they were measured.
  if (existsSync('bench/RESULTS.md') && sections.every((s) => s.section === 'simulate')) {
    spliceSimulate('bench/RESULTS.md', sections[0] as SectionRecord<never> | undefined);
    return;
  }
  // Only the inbound section measured here: splice its part alone (it renders the committed "before" beside it).
  if (existsSync('bench/RESULTS.md') && sections.length === 1 && sections[0]!.section === 'inbound') {
    spliceInbound('bench/RESULTS.md', sections[0] as SectionRecord<never>);
    return;
  }
  // The jobs section (issue 15) is measured on its own, and the delivery section (issue 15: before and after,
  // one and two instances) was written by hand from several runs: a rewrite of the others keeps both as they were.
  const previous = existsSync('bench/RESULTS.md') ? readFileSync('bench/RESULTS.md', 'utf8') : '';
  const jobsBlock = keptJobsSection(previous);
  const deliveryBlock = keptBlock(previous, '<!-- delivery:begin -->', '<!-- delivery:end -->');
  writeResults('bench/RESULTS.md', sections);
  const kept = [deliveryBlock, jobsBlock].filter(Boolean).join('\n\n');
  if (kept) writeFileSync('bench/RESULTS.md', `${readFileSync('bench/RESULTS.md', 'utf8').trimEnd()}\n\n${kept}\n`);
}

/** The text between two markers (markers included), or '' when the file has none. */
function keptBlock(text: string, begin: string, end: string): string {
  const a = text.indexOf(begin);
  const z = text.indexOf(end);
  return a >= 0 && z > a ? text.slice(a, z + end.length) : '';
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.message}\n`);
    process.exit(1);
  },
);
