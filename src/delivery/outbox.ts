import type {
  Clock,
  NewOutboxMessage,
  Notifier,
  OutboxMessage,
  OutboxRepository,
  OutboxStatus,
  ShownMessage,
  Versioned,
} from '../kernel/ports.ts';

/** Stores every proactive message before anything is sent; the dispatcher picks it up. */
export class Outbox implements Notifier {
  private wakeListener: (() => void) | undefined;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  onEnqueued(listener: () => void): void {
    this.wakeListener = listener;
  }

  /** Issue 15: called with every alert-lane message this process stores, so it can send it at once. */
  onAlertEnqueued(listener: (id: string, target: OutboxMessage['target']) => void): void {
    this.alertListener = listener;
  }
  private alertListener: ((id: string, target: OutboxMessage['target']) => void) | undefined;

  async enqueue(message: NewOutboxMessage): Promise<'created' | 'duplicate'> {
    const now = this.clock.now().toISOString();
    const result = await this.repo.add({ ...message, createdAt: now, status: 'pending', attempts: 0, nextAttemptAt: now });
    if (result === 'created') {
      if (message.lane === 'alert') this.alertListener?.(message.id, message.target);
      this.wakeListener?.();
    }
    return result;
  }

  async recordShown(message: ShownMessage): Promise<void> {
    const now = this.clock.now().toISOString();
    // Stored as already sent: the dispatcher never picks it up, and updates find its activity id.
    await this.repo.add({
      ...message,
      lane: 'alert',
      operation: 'send',
      createdAt: now,
      status: 'sent',
      attempts: 0,
      nextAttemptAt: now,
      sentAt: now,
    });
  }

  async statusOf(id: string): Promise<OutboxStatus | undefined> {
    return (await this.repo.get(id))?.value.status;
  }

  // Issue 16 (the admin card): what operators see of the queue, and a dead letter put back in it.

  waiting(): Promise<Versioned<OutboxMessage>[]> {
    return this.repo.listWaiting();
  }

  endedSince(status: 'failed' | 'unreachable', sinceIso: string): Promise<Versioned<OutboxMessage>[]> {
    return this.repo.listEndedSince(status, sinceIso);
  }

  message(id: string): Promise<Versioned<OutboxMessage> | undefined> {
    return this.repo.get(id);
  }

  /**
   * A dead letter back in the queue, as if just enqueued: pending, due now, its attempts counted afresh,
   * guarded by the version read (a second click on the same card finds it pending and changes nothing).
   */
  async requeue(read: Versioned<OutboxMessage>): Promise<void> {
    const now = this.clock.now().toISOString();
    const { lastError: _lastError, ...rest } = read.value;
    await this.repo.save({ ...rest, status: 'pending', attempts: 0, nextAttemptAt: now }, read.version, read.value);
    this.wakeListener?.();
  }

  // Issue 16 (retention): delivery records past their time.

  endedBefore(status: 'sent' | 'failed' | 'unreachable', cutoffIso: string): Promise<Versioned<OutboxMessage>[]> {
    return this.repo.listEndedBefore(status, cutoffIso);
  }

  remove(id: string, expectedVersion: string): Promise<void> {
    return this.repo.delete(id, expectedVersion);
  }
}
