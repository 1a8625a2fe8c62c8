// The job loop's work, built from the features' own lists in FEATURES order: urgent work every tick,
// hours-and-days work at most every `scheduleEveryMs`.
import type { Logger } from 'pino';
import type { Feature } from '../kernel/feature.ts';
import type { Job } from './leased-loop.ts';

export function featureJobs<D>(features: readonly Feature<D>[], deps: D, log: Logger, scheduleEveryMs: number): Job[] {
  const jobs: Job[] = [];
  for (const feature of features) {
    for (const job of feature.jobs ?? []) {
      // The loop remembers when a job last ran by its name.
      if (jobs.some((j) => j.name === job.name)) throw new Error(`job ${job.name} is listed twice (the second in ${feature.name})`);
      jobs.push({
        name: job.name,
        run: async () => void (await job.run(deps, log)),
        ...(job.cadence === 'scheduled' ? { everyMs: scheduleEveryMs } : {}),
      });
    }
  }
  return jobs;
}
