import type { Clock, NewOutboxMessage, Notifier, OutboxRepository, OutboxStatus, ShownMessage } from '../kernel/ports.ts';

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

  async enqueue(message: NewOutboxMessage): Promise<'created' | 'duplicate'> {
    const now = this.clock.now().toISOString();
    const result = await this.repo.add({ ...message, createdAt: now, status: 'pending', attempts: 0, nextAttemptAt: now });
    if (result === 'created') this.wakeListener?.();
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
}
