// Scheduler scale: time and memory to find due work for synthetic rosters of growing size, each size
// in a fresh process so its heap figures are its own, and how the time grows between sizes.
import { spawn } from 'node:child_process';
import { growthExponent, round } from '../lib/stats.ts';

export interface SchedulerOptions {
  sizes: number[];
  repeats: number;
  /** Stop repeating a size after this long (at least one timed run always happens). */
  budgetMs: number;
}

export interface SizeFigures {
  size: number;
  units: number;
  absences: number;
  declarations: number;
  due: { checkIns: number; escalations: number; followUps: number };
  repeats: number;
  buildMs: number;
  /** Fastest repeat. */
  ms: { total: number; checkIns: number; declarations: number };
  msMedian: { total: number; checkIns: number; declarations: number };
  heapBytes: { world: number; dueWorkResult: number };
  maxRssBytes: number;
}

export interface SchedulerFigures {
  sizes: SizeFigures[];
  growth: { from: number; to: number; total: number; checkIns: number; declarations: number }[];
}

function runWorker(size: number, o: SchedulerOptions): Promise<SizeFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/scheduler/worker.ts', String(size), String(o.repeats), String(o.budgetMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    // Bounded: a size that runs away is stopped, and the benchmark says so.
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(120_000, o.budgetMs * 10));
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`scheduler worker for ${size} people ended with ${signal ?? code}`));
      try {
        resolve(JSON.parse(line) as SizeFigures);
      } catch {
        reject(new Error(`scheduler worker for ${size} people printed: ${line.slice(0, 200)}`));
      }
    });
  });
}

export async function runScheduler(o: SchedulerOptions, say: (line: string) => void): Promise<SchedulerFigures> {
  const sizes: SizeFigures[] = [];
  for (const size of o.sizes) {
    say(`scheduler: ${size} people`);
    const f = await runWorker(size, o);
    const r = (m: SizeFigures['ms']) => ({
      total: round(m.total, 1),
      checkIns: round(m.checkIns, 1),
      declarations: round(m.declarations, 1),
    });
    f.ms = r(f.ms);
    f.msMedian = r(f.msMedian);
    sizes.push(f);
  }
  const growth = sizes.slice(1).map((b, i) => {
    const a = sizes[i]!;
    return {
      from: a.size,
      to: b.size,
      total: round(growthExponent(a.size, a.ms.total, b.size, b.ms.total), 2),
      checkIns: round(growthExponent(a.size, a.ms.checkIns, b.size, b.ms.checkIns), 2),
      declarations: round(growthExponent(a.size, a.ms.declarations, b.size, b.ms.declarations), 2),
    };
  });
  return { sizes, growth };
}
