import type { Clock, NewOutboxMessage, Notifier, OutboxRepository } from '../kernel/ports.ts';

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
}
