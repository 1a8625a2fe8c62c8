// What the admin card reads and does, in domain words. src/delivery's Outbox implements DeliveryQueue;
// main.ts implements JobLoopStatus over the job loop's lease; the roster sync is the kernel's RosterSyncPort.
import type { OutboxMessage, Versioned } from '../../kernel/ports.ts';

export interface DeliveryQueue {
  /** Messages still waiting to go (pending, or claimed and sending). */
  waiting(): Promise<Versioned<OutboxMessage>[]>;
  /** Messages that ended with `status` whose last attempt was at or after `sinceIso`. */
  endedSince(status: 'failed' | 'unreachable', sinceIso: string): Promise<Versioned<OutboxMessage>[]>;
  message(id: string): Promise<Versioned<OutboxMessage> | undefined>;
  /** Puts a dead letter back in the queue, guarded by the version read (VersionConflict when it moved on). */
  requeue(read: Versioned<OutboxMessage>): Promise<void>;
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

export interface JobLoopStatus {
  /** The job loop's lease, or undefined when no instance has taken it (or it was released). */
  current(): Promise<JobLoopState | undefined>;
}
