import { targetKey } from '../kernel/types.ts';
import type { UnreachableEvent, UnreachableListener } from '../kernel/ports.ts';
import type { HavenDeps } from '../haven-deps.ts';
import type { Feature } from '../kernel/feature.ts';
import type { Logger } from 'pino';

/**
 * Someone Haven must reach cannot be reached. It is recorded in the audit trail here; workflows that
 * own the message register follow-ups (a Feature's onUnreachable, wired in main.ts) that escalate past the person.
 */
export class UnreachableRecorder implements UnreachableListener {
  private readonly followUps: ((event: UnreachableEvent) => Promise<void>)[] = [];

  constructor(private readonly deps: Pick<HavenDeps, 'audit'>) {}

  onFollowUp(handler: (event: UnreachableEvent) => Promise<void>): void {
    this.followUps.push(handler);
  }

  async onUnreachable(event: UnreachableEvent): Promise<void> {
    await this.deps.audit.append({
      at: event.at,
      actor: 'system',
      action: 'delivery.unreachable',
      subject: targetKey(event.target),
      reason: `${event.purpose}: ${event.reason}`,
      outcome: 'failed',
    });
    for (const f of this.followUps) await f(event);
  }
}

/** Each feature's onUnreachable, in FEATURES order, for UnreachableRecorder.onFollowUp. */
export function unreachableFollowUps<D>(
  features: readonly Feature<D>[],
  deps: D,
  log: Logger,
): ((event: UnreachableEvent) => Promise<void>)[] {
  return features.flatMap((feature) => {
    const onUnreachable = feature.onUnreachable;
    return onUnreachable ? [async (event: UnreachableEvent) => void (await onUnreachable(deps, event, log))] : [];
  });
}
