// One roster size in a fresh process (started with --expose-gc), so the heap figures are this size's
// alone. Prints one JSON line: times (median of repeats) and heap/RSS figures.
import { findDueCheckIns, findDueDeclarationWork } from './find-due-work.ts';
import { syntheticWorld } from './synthetic-roster.ts';
import { median } from '../lib/stats.ts';

const size = Number(process.argv[2]);
const maxRepeats = Number(process.argv[3] ?? 5);
const budgetMs = Number(process.argv[4] ?? 20_000);
// A Monday mid-morning: most day patterns are at work (the rules take `now` in; nothing reads the clock).
const now = new Date('2026-11-23T10:30:00.000Z');

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const baseline = heap();
const buildStart = performance.now();
const world = syntheticWorld(size, now);
const buildMs = performance.now() - buildStart;
const withWorld = heap();

const runOnce = () => {
  const t0 = performance.now();
  const checkIns = findDueCheckIns(world.roster, world.lastCheckIn, now);
  const t1 = performance.now();
  const declarationWork = findDueDeclarationWork(world.roster, world.declarations, now);
  const t2 = performance.now();
  return { checkIns, declarationWork, checkInMs: t1 - t0, declarationMs: t2 - t1, totalMs: t2 - t0 };
};

let last = runOnce(); // warm-up (JIT), not counted
const times: { checkInMs: number; declarationMs: number; totalMs: number }[] = [];
const started = performance.now();
do {
  last = runOnce();
  times.push({ checkInMs: last.checkInMs, declarationMs: last.declarationMs, totalMs: last.totalMs });
} while (times.length < maxRepeats && performance.now() - started < budgetMs);
const withResult = heap();

process.stdout.write(
  `${JSON.stringify({
    size,
    units: world.roster.units.length,
    absences: world.roster.absences.length,
    declarations: world.declarations.length,
    due: {
      checkIns: last.checkIns.length,
      escalations: last.declarationWork.escalations.length,
      followUps: last.declarationWork.followUps.length,
    },
    repeats: times.length,
    buildMs: Math.round(buildMs),
    // The fastest repeat is the figure least disturbed by anything else running on the machine.
    ms: {
      total: Math.min(...times.map((t) => t.totalMs)),
      checkIns: Math.min(...times.map((t) => t.checkInMs)),
      declarations: Math.min(...times.map((t) => t.declarationMs)),
    },
    msMedian: {
      total: median(times.map((t) => t.totalMs)),
      checkIns: median(times.map((t) => t.checkInMs)),
      declarations: median(times.map((t) => t.declarationMs)),
    },
    heapBytes: { world: withWorld - baseline, dueWorkResult: withResult - withWorld },
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
