// Timer-driven work runs only where this instance holds the lease, so two instances never run the
// same tick. Each job must be idempotent anyway: a crash between work and lease renewal reruns it.
import type { Logger } from 'pino';
import type { Clock, LeaseRepository } from '../kernel/ports.ts';

export interface Job {
  name: string;
  run(): Promise<void>;
  /**
   * Run at most this often (by the clock), however often the loop ticks. The loop ticks every few
   * seconds for alerts and delivery; schedules measured in hours and days (check-ins, care) need not
   * reload the whole roster that often.
   */
  everyMs?: number;
}

export class LeasedLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private rerun = false;
  /** When the loop last completed a tick (held the lease or not): readiness uses it. */
  heartbeat: Date | undefined;
  holding = false;
  private readonly lastRun = new Map<string, number>();

  constructor(
    private readonly leaseName: string,
    private readonly holder: string,
    private readonly leases: LeaseRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly leaseMs: number,
    private readonly jobs: Job[],
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Run a tick as soon as possible (e.g. an alert was just queued). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  /** One tick; exposed for tests that drive time by hand. */
  async tick(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        this.holding = await this.leases.tryAcquire(this.leaseName, this.holder, this.clock.now(), this.leaseMs);
        if (this.holding) {
          for (const job of this.jobs) {
            const now = this.clock.now().getTime();
            const last = this.lastRun.get(job.name);
            if (job.everyMs && last !== undefined && now - last < job.everyMs && now >= last) continue;
            this.lastRun.set(job.name, now);
            try {
              await job.run();
            } catch (error) {
              this.log.error({ job: job.name, err: { message: (error as Error).message } }, 'job failed; it will run again next tick');
            }
          }
        }
        this.heartbeat = this.clock.now();
      } catch (error) {
        this.log.error({ err: { message: (error as Error).message } }, 'job loop could not take its lease');
      }
    })();
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.schedule(this.rerun ? 0 : this.intervalMs);
    this.rerun = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.holding) await this.leases.release(this.leaseName, this.holder).catch(() => undefined);
  }
}
