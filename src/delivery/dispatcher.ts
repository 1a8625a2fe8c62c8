// Delivers outbox messages at least once, within Teams' rate limits, alerts ahead of bulk.
// Ordering guarantee: messages to one conversation go one at a time, in due order.
import type { Logger } from 'pino';
import { CONVERSATION_WINDOWS, SlidingWindowLimiter, TENANT_WINDOWS, classifyAttempt, type DeliveryOutcome } from './delivery-policy.ts';
import { targetKey } from '../kernel/types.ts';
import {
  VersionConflict,
  type Clock,
  type ConnectorGateway,
  type ConversationRefRepository,
  type GatewayResult,
  type OutboxMessage,
  type OutboxRepository,
  type UnreachableListener,
  type Versioned,
} from '../kernel/ports.ts';

/** An express send told to wait longer than this is left to the holder's passes. */
const EXPRESS_RETRY_WITHIN_MS = 10_000;

export interface DispatcherOptions {
  maxAttempts: number;
  /** Messages claimed per pass; a small batch lets a newly queued alert overtake bulk work. */
  batchSize?: number;
  /** Conversations served in parallel. */
  concurrency?: number;
  /** How long a claimed ('sending') message is hidden before another pass may retry it after a crash. */
  claimTimeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds for rate limiting. Teams' limits are about real time, never the business clock (which tests fake). */
  rateClock?: () => number;
  /**
   * Sends per second of the tenant's 50 that bulk leaves free. Alerts may take them, including alerts sent
   * at once by another instance (the express path), whose sends this instance's limiter never sees.
   */
  alertReservePerSecond?: number;
}

export class Dispatcher {
  private readonly tenantLimiter = new SlidingWindowLimiter(TENANT_WINDOWS);
  private readonly conversationLimiter = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
  private readonly opts: Required<DispatcherOptions>;
  lastPassAt: Date | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly refs: ConversationRefRepository,
    private readonly gateway: ConnectorGateway,
    private readonly listener: UnreachableListener,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: DispatcherOptions,
  ) {
    this.opts = {
      batchSize: 50,
      concurrency: 8,
      claimTimeoutMs: 60_000,
      random: Math.random,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      rateClock: () => performance.now(),
      alertReservePerSecond: 2,
      ...options,
    };
  }

  private readonly expressing = new Set<Promise<void>>();
  /** Express sends per conversation, chained so one process keeps a conversation's alerts in order. */
  private readonly expressChains = new Map<string, Promise<void>>();

  /**
   * The alert express path: the process that queued an alert sends it now, lease or no lease, instead of
   * waiting for the holder's next pass. The claim is the same ETag-guarded write a pass makes, so of an
   * express send and a pass (here or on another instance) only one sends; the pass stays the safety net
   * for an express send that fails or a process that stops. Never throws; answers at once.
   */
  express(id: string, target: OutboxMessage['target']): void {
    if (this.closed) return;
    const send = async () => {
      const read = await this.outbox.get(id);
      if (!read || read.value.status !== 'pending' || read.value.lane !== 'alert') return;
      if (read.value.nextAttemptAt > this.clock.now().toISOString()) return;
      if ((await this.deliver(read)) !== 'deferred') return;
      // Teams asked it to wait (429 Retry-After, 5xx): try again here when the wait is over, rather than
      // at the holder's next pass after that, which may be a pass of bulk work later.
      const after = await this.outbox.get(id);
      if (!after || after.value.status !== 'pending') return;
      const waitMs = Math.max(0, new Date(after.value.nextAttemptAt).getTime() - this.clock.now().getTime());
      if (waitMs > EXPRESS_RETRY_WITHIN_MS || this.closed) return;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.express(id, target);
      }, waitMs);
      timer.unref();
      this.retryTimers.add(timer);
    };
    const key = targetKey(target);
    const run = (this.expressChains.get(key) ?? Promise.resolve()).then(send).catch((error: unknown) => {
      this.log.warn({ messageId: id, err: { message: (error as Error).message } }, 'express send failed; the next pass retries it');
    });
    this.expressChains.set(key, run);
    this.expressing.add(run);
    void run.then(() => {
      this.expressing.delete(run);
      if (this.expressChains.get(key) === run) this.expressChains.delete(key);
    });
  }

  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Shutdown: no more express retries; waits for the sends in flight. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await this.expressSettled();
  }

  /** Resolves once every express send started so far has ended (tests, shutdown). */
  async expressSettled(): Promise<void> {
    while (this.expressing.size) await Promise.all([...this.expressing]);
  }

  /** One pass over due messages. Answers how many were attempted. */
  async pass(): Promise<number> {
    const due = await this.outbox.listDue(this.clock.now(), this.opts.batchSize);
    this.lastPassAt = this.clock.now();
    if (due.length === 0) return 0;
    const queues = new Map<string, Versioned<OutboxMessage>[]>();
    for (const m of due) {
      const key = targetKey(m.value.target);
      queues.set(key, [...(queues.get(key) ?? []), m]);
    }
    // Within a conversation, the order things were queued in (not their retry times) decides.
    const lanes = [...queues.values()].map((q) =>
      q.sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt) || a.value.id.localeCompare(b.value.id)),
    );
    let attempted = 0;
    const worker = async () => {
      for (let q = lanes.shift(); q; q = lanes.shift()) {
        for (const m of q) {
          const result = await this.deliver(m);
          if (result !== 'skipped') attempted++;
          // Keep a conversation's messages in order: once one must wait, the rest of its queue waits too.
          if (result !== 'done') break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, lanes.length) }, worker));
    return attempted;
  }

  /**
   * Repeats passes until nothing is due (bounded, so a tick always ends). `stillMine` is asked before each
   * pass (the job lease renewing itself): once it answers false another instance is the dispatcher.
   */
  async drain(maxPasses = 20, stillMine: () => Promise<boolean> = async () => true): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      if (!(await stillMine())) break;
      const n = await this.pass();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /**
   * Sends once both limiters have room, counting the send in both only then (a send that waits for its
   * conversation must not use up tenant slots meanwhile), and re-counts it at the time the answer came.
   */
  private async sendWithinLimits(key: string, lane: OutboxMessage['lane'], call: () => Promise<GatewayResult>): Promise<GatewayResult> {
    let takenAt: number;
    const reserve = lane === 'alert' ? 0 : this.opts.alertReservePerSecond;
    for (;;) {
      takenAt = this.opts.rateClock();
      const wait = Math.max(this.tenantLimiter.waitMs('tenant', takenAt, reserve), this.conversationLimiter.waitMs(key, takenAt));
      if (wait <= 0) break;
      await this.opts.sleep(wait);
    }
    this.tenantLimiter.tryTake('tenant', takenAt);
    this.conversationLimiter.tryTake(key, takenAt);
    const result = await this.safely(call);
    const answeredAt = this.opts.rateClock();
    this.tenantLimiter.restamp('tenant', takenAt, answeredAt);
    this.conversationLimiter.restamp(key, takenAt, answeredAt);
    return result;
  }

  private async deliver(read: Versioned<OutboxMessage>): Promise<'done' | 'deferred' | 'skipped'> {
    const now = this.clock.now();
    let message: OutboxMessage = {
      ...read.value,
      status: 'sending',
      attempts: read.value.attempts + 1,
      nextAttemptAt: new Date(now.getTime() + this.opts.claimTimeoutMs).toISOString(),
    };
    let version: string;
    try {
      version = await this.outbox.save(message, read.version, read.value);
    } catch (error) {
      if (error instanceof VersionConflict) return 'skipped'; // another pass claimed it
      throw error;
    }

    // 'dropped': nothing was attempted, so nothing is learnt about the recipient (see the update rule below).
    const settle = async (outcome: DeliveryOutcome | { kind: 'dropped'; reason: string }, extra: Partial<OutboxMessage> = {}) => {
      const at = this.clock.now();
      const next: OutboxMessage = { ...message, ...extra };
      if (outcome.kind === 'delivered')
        Object.assign(next, {
          status: 'sent',
          activityId: outcome.activityId || next.activityId,
          sentAt: at.toISOString(),
          lastError: undefined,
        });
      else if (outcome.kind === 'retry')
        Object.assign(next, { status: 'pending', nextAttemptAt: new Date(outcome.atMs).toISOString(), lastError: outcome.reason });
      else if (outcome.kind === 'dropped') Object.assign(next, { status: 'failed', lastError: outcome.reason });
      else Object.assign(next, { status: outcome.kind, lastError: outcome.reason });
      message = next;
      // Moves it out of the place it was claimed from (read.value's) in the due queue.
      await this.outbox.save(next, version, read.value);
      const fields = { messageId: next.id, purpose: next.purpose, lane: next.lane, attempt: next.attempts, outcome: outcome.kind };
      if (outcome.kind === 'delivered') this.log.info(fields, 'outbox message delivered');
      else if (outcome.kind === 'dropped') this.log.info(fields, 'outbox update dropped: its original was never delivered');
      else if (outcome.kind === 'retry')
        this.log.warn({ ...fields, reason: outcome.reason, retryAt: next.nextAttemptAt }, 'outbox message will be retried');
      else {
        this.log.error(
          { ...fields, reason: outcome.reason },
          outcome.kind === 'unreachable' ? 'recipient unreachable; escalating' : 'outbox message dead-lettered; escalating',
        );
        await this.listener.onUnreachable({
          messageId: next.id,
          purpose: next.purpose,
          target: next.target,
          reason: outcome.reason,
          at: at.toISOString(),
        });
      }
    };

    // An update of a message that was never delivered is dropped, not attempted. There is nothing on
    // the recipient's screen to update, and the failure of the original was already reported (as
    // unreachable, escalated by its workflow). Failing it again would report the recipient unreachable
    // once more, even after they became reachable: an alert chain would skip a supervisor who can now
    // be reached. Nor does it become a send: every later update of the same original would then be one
    // more new card. Whatever the recipient must see now comes as a fresh send from its workflow (an
    // alert moving back to them sends them a new card, which later updates then replace).
    let original: Versioned<OutboxMessage> | undefined;
    if (message.operation === 'update') {
      original = message.updateOf ? await this.outbox.get(message.updateOf) : undefined;
      if (!original || original.value.status === 'failed' || original.value.status === 'unreachable') {
        await settle({ kind: 'dropped', reason: 'the message to update was never delivered; nothing to update' });
        return 'done';
      }
    }

    const ref = await this.refs.get(message.target);
    if (!ref) {
      await settle({ kind: 'unreachable', reason: 'no conversation reference (Haven is not installed for this recipient)' });
      return 'done';
    }

    let result: GatewayResult;
    if (original) {
      if (original.value.status !== 'sent') {
        // The original is still on its way; try again shortly without spending an attempt.
        await settle(
          { kind: 'retry', atMs: this.clock.now().getTime() + 1000, reason: 'waiting for the original message' },
          { attempts: message.attempts - 1 },
        );
        return 'deferred';
      }
      const activityId = original.value.activityId;
      // A connector that answered without an activity id (the Agents Playground answers 202 with no
      // body) leaves nothing to update: the new state goes out as a new message rather than never.
      result = activityId
        ? await this.sendWithinLimits(targetKey(message.target), message.lane, () =>
            this.gateway.update(ref.value, activityId, message.activity),
          )
        : await this.sendWithinLimits(targetKey(message.target), message.lane, () => this.gateway.send(ref.value, message.activity));
    } else {
      result = await this.sendWithinLimits(targetKey(message.target), message.lane, () => this.gateway.send(ref.value, message.activity));
    }
    const outcome = classifyAttempt(result, message.attempts, this.opts.maxAttempts, this.clock.now().getTime(), this.opts.random());
    await settle(outcome, { conversationId: ref.value.conversationId });
    return outcome.kind === 'retry' ? 'deferred' : 'done';
  }

  private async safely(call: () => Promise<GatewayResult>): Promise<GatewayResult> {
    try {
      return await call();
    } catch (error) {
      this.log.warn({ err: { message: (error as Error).message } }, 'connector call failed before an answer');
      return { status: 0 };
    }
  }
}
