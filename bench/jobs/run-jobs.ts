// The real jobs at growing roster sizes (issue 15): each size in a fresh process (worker.ts) against its
// own in-memory Azurite, time-boxed: a size that runs past its box is stopped, and the phases it
// finished are kept and the rest reported as not finished.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { growthExponent, round } from '../lib/stats.ts';

export interface JobsOptions {
  sizes: number[];
  openRequests: number;
  /** Time box per size for the measured phases, seconds (seeding has its own). */
  boxSeconds: number;
}

export interface PhaseFigures {
  total: { cpuMs: number; wallMs: number; calls: number; writes: number; scans: number };
  jobs: Record<string, { cpuMs: number; wallMs: number; calls: number; writes: number; scans: number; warnings?: number }>;
}

export interface JobsSizeFigures {
  size: number;
  seedMs?: number;
  openRequests?: number;
  phases: Record<string, PhaseFigures>;
  /** Phases not finished inside the time box (or after a failure). */
  unfinished: string[];
  error?: string;
}

export interface JobsFigures {
  sizes: JobsSizeFigures[];
  /** Growth exponent of CPU between consecutive sizes, per phase (quiet minute, go-live, declaration job). */
  growth: { from: number; to: number; quietCpu?: number; goLiveWall?: number; declarationsCpu?: number }[];
}

const PHASES = ['declarations', 'declarationsAgain', 'quietFirst', 'quiet', 'goLive'];

function runWorker(size: number, o: JobsOptions, say: (line: string) => void): Promise<JobsSizeFigures> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/jobs/worker.ts', String(size), String(o.openRequests)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const figures: JobsSizeFigures = { size, phases: {}, unfinished: [] };
    let buffer = '';
    let stderr = '';
    let timedOut = false;
    const stop = () => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    // Seeding has its own, longer box; the phases' box starts when seeding ends.
    let timer = setTimeout(stop, Math.max(o.boxSeconds, 1200) * 1000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as { phase: string; seedMs?: number; openRequests?: number } & PhaseFigures;
        if (parsed.phase === 'seed') {
          clearTimeout(timer);
          timer = setTimeout(stop, o.boxSeconds * 1000);
          figures.seedMs = parsed.seedMs;
          figures.openRequests = parsed.openRequests;
          say(`jobs: ${size} people seeded in ${round((parsed.seedMs ?? 0) / 1000, 1)} s`);
        } else {
          figures.phases[parsed.phase] = { total: parsed.total, jobs: parsed.jobs };
          say(
            `jobs: ${size} ${parsed.phase}: ${parsed.total.cpuMs} ms CPU, ${parsed.total.wallMs} ms, ${parsed.total.calls} storage calls`,
          );
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      figures.unfinished = PHASES.filter((p) => !figures.phases[p]);
      if (timedOut) figures.error = `stopped after the ${o.boxSeconds} s time box`;
      else if (code !== 0) figures.error = `worker ended with ${signal ?? code}: ${stderr.trim().split('\n').pop()?.slice(0, 200) ?? ''}`;
      resolve(figures);
    });
  });
}

export async function runJobs(o: JobsOptions, say: (line: string) => void): Promise<JobsFigures> {
  const sizes: JobsSizeFigures[] = [];
  for (const size of o.sizes) {
    say(`jobs: ${size} people (time box ${o.boxSeconds} s)`);
    sizes.push(await runWorker(size, o, say));
  }
  const growth = sizes.slice(1).map((b, i) => {
    const a = sizes[i]!;
    const g = (phase: string, pick: (f: PhaseFigures) => number) => {
      const fa = a.phases[phase];
      const fb = b.phases[phase];
      return fa && fb && pick(fa) > 0 ? round(growthExponent(a.size, pick(fa), b.size, pick(fb)), 2) : undefined;
    };
    return {
      from: a.size,
      to: b.size,
      quietCpu: g('quiet', (f) => f.total.cpuMs),
      goLiveWall: g('goLive', (f) => f.total.wallMs),
      declarationsCpu: g('declarationsAgain', (f) => f.total.cpuMs),
    };
  });
  return { sizes, growth };
}

// ---- the RESULTS.md section: before (bench/jobs-before.json) and after (bench/out/jobs.json) side by side ----

export const JOBS_BEFORE = 'bench/jobs-before.json';
const BEGIN = '<!-- jobs:begin -->';
const END = '<!-- jobs:end -->';

interface Recorded {
  date: string;
  command: string;
  machine: { cpuModel: string; logicalCores: number; node: string };
  source: { commit: string };
  loadAverage: { before: number[]; after: number[] };
  options: unknown;
  figures: JobsFigures;
}

function cell(f: JobsSizeFigures | undefined, phase: string, pick: (p: PhaseFigures) => string): string {
  if (!f) return '–';
  const p = f.phases[phase];
  return p ? pick(p) : 'not finished';
}

function rows(before: Recorded | undefined, after: Recorded): string {
  const sizes = [...new Set([...(before?.figures.sizes ?? []), ...after.figures.sizes].map((s) => s.size))].sort((a, b) => a - b);
  const lines: string[] = [];
  const add = (label: string, phase: string, pick: (p: PhaseFigures) => string) => {
    for (const size of sizes) {
      const b = before?.figures.sizes.find((s) => s.size === size);
      const a = after.figures.sizes.find((s) => s.size === size);
      lines.push(`| ${label} | ${size.toLocaleString('en-GB')} | ${cell(b, phase, pick)} | ${cell(a, phase, pick)} |`);
    }
  };
  const cpu = (p: PhaseFigures) => `${round(p.total.cpuMs, 0)} ms CPU, ${p.total.calls} calls (${p.total.scans} scans)`;
  const wall = (p: PhaseFigures) => `${round(p.total.wallMs / 1000, 1)} s, ${round(p.total.cpuMs / 1000, 1)} s CPU, ${p.total.calls} calls`;
  add('Quiet minute, all five jobs', 'quiet', cpu);
  add('Go-live Monday, all five jobs', 'goLive', wall);
  add('Declaration job, steady tick', 'declarationsAgain', cpu);
  add('Declaration job, first tick (escalations due)', 'declarations', cpu);
  const perJob = (name: string) => (p: PhaseFigures) => {
    const j = p.jobs[name];
    return j ? `${round(j.cpuMs, 0)} ms CPU, ${j.calls} calls` : '–';
  };
  for (const name of ['check-ins', 'flags', 'care', 'journeys', 'declarations']) add(`Quiet minute: ${name}`, 'quiet', perJob(name));
  return ['| What | People | Before | After |', '|---|---:|---|---|', ...lines].join('\n');
}

function growthLine(r: Recorded | undefined, label: string): string {
  if (!r) return `- ${label}: not measured`;
  const parts = r.figures.growth.map(
    (g) =>
      `${g.from.toLocaleString('en-GB')}→${g.to.toLocaleString('en-GB')}: quiet CPU ${g.quietCpu ?? 'n/a'}, go-live wall ${g.goLiveWall ?? 'n/a'}, declaration tick CPU ${g.declarationsCpu ?? 'n/a'}`,
  );
  return `- ${label}: ${parts.join('; ') || 'one size only'}`;
}

function header(r: Recorded | undefined, label: string): string {
  if (!r) return `- ${label}: not measured`;
  const boxed = r.figures.sizes.filter((s) => s.error).map((s) => `${s.size.toLocaleString('en-GB')}: ${s.error}`);
  return `- ${label}: ${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.source.commit.slice(0, 7)}, ${r.machine.cpuModel} (${r.machine.logicalCores} cores), Node ${r.machine.node}, load average ${r.loadAverage.before.join(' ')} → ${r.loadAverage.after.join(' ')}, \`${r.command}\`${boxed.length ? `; ${boxed.join('; ')}` : ''}`;
}

export function jobsSection(after: Recorded): string {
  const before = existsSync(JOBS_BEFORE) ? (JSON.parse(readFileSync(JOBS_BEFORE, 'utf8')) as Recorded) : undefined;
  return `${BEGIN}
## The real jobs at 5,000 / 20,000 / 50,000 people (issue 15)

What was measured: a synthetic force (bench/scheduler/synthetic-roster.ts: units of 25, absences, open
requests) seeded into a real in-memory Azurite, then the real jobs (check-ins, flags, care, journeys,
declarations) run one tick each through the storage proxy, which counts every storage call; CPU is this
process's (process.cpuUsage), Azurite's is not included. Phases: the declaration job alone with the open
requests (first tick: their escalations fall due; then a steady tick a second later); a quiet minute (a
Monday at 10:31: today's check-ins already sent and this week's team lines marked, both seeded as the jobs
store them; care not yet counted; measured on the second such minute, the first having let the jobs write
their own marks; the code before issue 15 has none, so its first and second minutes do the same work); then the go-live (care counted from today, so every backlog falls due
at once, spread over the configured weeks; the check-ins were already sent).
Each size runs in a fresh process; its phases run inside a time box, and a phase that did not finish in it
says so.

${header(before, 'Before')}
${header(after, 'After')}

${rows(before, after)}

Growth exponents (1.0 is linear):
${growthLine(before, 'Before')}
${growthLine(after, 'After')}
${END}`;
}

/** The jobs section of a RESULTS.md and the notes after it up to the next heading of its level, '' when none. */
export function keptJobsSection(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return '';
  const after = text.slice(end + END.length);
  const next = after.search(/\n## /);
  return `${text.slice(start, end + END.length)}${next >= 0 ? after.slice(0, next) : after}`.trimEnd();
}

/** Puts the jobs section into RESULTS.md (replacing the one there), leaving the other sections as they are. */
export function spliceJobs(file: string, after: Recorded): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = jobsSection(after);
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
