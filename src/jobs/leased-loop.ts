// Timer-driven work runs only where this instance holds the lease, so two instances never run the
// same tick. Each job must be idempotent anyway: a crash between work and lease renewal reruns it.
import type { Logger } from 'pino';
import type { Clock, LeaseRepository } from '../kernel/ports.ts';

/**
 * What a running job may ask of the lease it runs under. A long job (one that goes through people one
 * by one) calls `renew()` between people and stops as soon as it answers false: another instance may
 * take the lease from then on, and whatever this one does next would overlap its run.
 */
export interface LeaseCheck {
  /** Renews the lease when a third of it has gone since the last renewal (else no storage call); false once it is lost. */
  renew(): Promise<boolean>;
  /** No storage call: whether the last renewal still covers now, with a margin for clocks and latency. */
  stillHolding(): boolean;
}

export interface Job {
  name: string;
  /** `lease` is always given by the loop; optional so a job can be run by hand (tests, CLI). */
  run(lease?: LeaseCheck): Promise<void>;
  /**
   * Run at most this often (by the clock), however often the loop ticks. The loop ticks every few
   * seconds for alerts and delivery; schedules measured in hours and days (check-ins, care) need not
   * reload the whole roster that often.
   */
  everyMs?: number;
}

export class LeasedLoop implements LeaseCheck {
  private timer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private renewing: Promise<boolean> | undefined;
  private stopped = true;
  private rerun = false;
  /** When the lease was last taken or renewed, by the clock the lease row is written with. */
  private renewedAtMs = 0;
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

  // The other instance may take the lease once its row's expiry (taken-at + leaseMs) has passed by its
  // own clock. Stopping a fifth of the lease earlier leaves room for clock skew and a slow storage answer.
  stillHolding(): boolean {
    return this.holding && this.clock.now().getTime() < this.renewedAtMs + this.leaseMs - this.leaseMs / 5;
  }

  renew(): Promise<boolean> {
    if (!this.holding) return Promise.resolve(false);
    if (this.clock.now().getTime() - this.renewedAtMs < this.leaseMs / 3) return Promise.resolve(this.stillHolding());
    // One renewal at a time: two writes of the same row by one holder would conflict with each other.
    this.renewing ??= (async () => {
      const at = this.clock.now();
      try {
        if (await this.leases.tryAcquire(this.leaseName, this.holder, at, this.leaseMs)) this.renewedAtMs = at.getTime();
        else {
          this.holding = false;
          this.log.warn({ lease: this.leaseName }, 'job lease taken by another instance; this one stops its jobs');
        }
      } catch (error) {
        // Not lost yet: the last renewal still counts until it runs out (stillHolding says when).
        this.log.warn({ lease: this.leaseName, err: { message: (error as Error).message } }, 'job lease could not be renewed');
      } finally {
        this.renewing = undefined;
      }
      return this.stillHolding();
    })();
    return this.renewing;
  }

  /** One tick; exposed for tests that drive time by hand. */
  async tick(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        const at = this.clock.now();
        this.holding = await this.leases.tryAcquire(this.leaseName, this.holder, at, this.leaseMs);
        if (this.holding) {
          this.renewedAtMs = at.getTime();
          // Renews while a job awaits I/O; a job that holds the event loop must call renew() itself.
          this.renewTimer = setInterval(() => void this.renew(), Math.max(1, this.leaseMs / 3));
          this.renewTimer.unref();
          try {
            await this.runJobs();
          } finally {
            clearInterval(this.renewTimer);
            this.renewTimer = undefined;
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

  private async runJobs(): Promise<void> {
    for (const job of this.jobs) {
      if (!(await this.renew())) {
        this.log.warn({ lease: this.leaseName, job: job.name }, 'job lease lost mid-tick; the rest of the tick is left to its holder');
        return;
      }
      const now = this.clock.now().getTime();
      const last = this.lastRun.get(job.name);
      if (job.everyMs && last !== undefined && now - last < job.everyMs && now >= last) continue;
      this.lastRun.set(job.name, now);
      try {
        await job.run(this);
      } catch (error) {
        this.log.error({ job: job.name, err: { message: (error as Error).message } }, 'job failed; it will run again next tick');
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.holding) await this.leases.release(this.leaseName, this.holder).catch(() => undefined);
  }
}
