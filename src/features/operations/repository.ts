// What the admin card reads and does, in domain words. src/delivery's Outbox implements DeliveryQueue;
// main.ts implements JobLoopStatus over the job loop's lease; the roster sync is the kernel's RosterSyncPort.
import type { OutboxMessage, Versioned } from '../../kernel/ports.ts';
import type { BoundRetentionSource, RetentionAction, RetentionKind, RetentionPolicy } from '../../kernel/retention.ts';

export interface DeliveryQueue {
  /** Messages still waiting to go (pending, or claimed and sending). */
  waiting(): Promise<Versioned<OutboxMessage>[]>;
  /** Messages that ended with `status` whose last attempt was at or after `sinceIso`. */
  endedSince(status: 'failed' | 'unreachable', sinceIso: string): Promise<Versioned<OutboxMessage>[]>;
  message(id: string): Promise<Versioned<OutboxMessage> | undefined>;
  /** Puts a dead letter back in the queue, guarded by the version read (VersionConflict when it moved on). */
  requeue(read: Versioned<OutboxMessage>): Promise<void>;
  /** Retention: messages that ended `status` with their last attempt before `cutoffIso`. */
  endedBefore(status: 'sent' | 'failed' | 'unreachable', cutoffIso: string): Promise<Versioned<OutboxMessage>[]>;
  /** Retention: deletes one message, guarded by the version listed (VersionConflict when it moved on). */
  remove(id: string, expectedVersion: string): Promise<void>;
}

export interface JobLoopState {
  /** The holder as the card may show it: the process number, never the instance's random id. */
  holderProcess: string;
  /** Whether the instance answering this card holds the lease. */
  thisInstance: boolean;
  /** ISO instant: when the holder last took or renewed the lease (its last tick). */
  lastTickAt?: string;
  /** ISO instant the lease runs out unless renewed. */
  leaseUntil: string;
}

/** Issue 16 (retention): claims "once per period" across every instance (a lease taken for the period). */
export interface OncePer {
  /** True for the first caller in each period of `periodMs` from the last claim, false for every other. */
  claim(name: string, now: Date, periodMs: number): Promise<boolean>;
}

export interface JobLoopStatus {
  /** The job loop's lease, or undefined when no instance has taken it (or it was released). */
  current(): Promise<JobLoopState | undefined>;
}
/** The policy as loaded (or every problem with the file) and every feature's retention sources, bound to Haven's deps. */
export interface RetentionSetup {
  policy?: RetentionPolicy;
  /** HAVEN_RETENTION_FILE=off: no retention job (the test harness's default, as care's). */
  off?: boolean;
  problems: string[];
  sources: readonly BoundRetentionSource[];
}

export interface RetentionLine {
  kind: RetentionKind;
  action: RetentionAction;
  period: string;
  cutoff: string;
  /** Records past their time (dry run: would be acted on; otherwise: acted on). */
  count: number;
  /** false: the force's rule is on file, but nothing in Haven enforces it yet. */
  enforced: boolean;
}
