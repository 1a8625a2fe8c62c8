// The journeys job: questionnaire reminders, telling the trainer about an unanswered questionnaire,
// and escalating an overdue secondary review. Runs under the job lease; idempotent (what was sent is
// stored on the journey, and outbox ids derive from the journey and its revision).
import type { Logger } from 'pino';
import { transition, type Journey } from '../domain/journey.ts';
import type { WorkflowDeps } from './context.ts';
import { flushJourneyEffects } from './flush-journey-effects.ts';
import { journeyContext, withJourneyEffectIds } from './journey-context.ts';
import { loadRoster } from './load-roster.ts';
import { VersionConflict, type Versioned } from './ports.ts';

export async function tickJourneys(deps: WorkflowDeps, log: Logger): Promise<void> {
  const open = await deps.journeys.listOpen();
  // Closed journeys may still hold unsent effects (a crash between save and flush).
  const all = new Map<string, Versioned<Journey>>(open.map((j) => [j.value.id, j]));
  if (all.size === 0) return;
  const roster = await loadRoster(deps);
  for (let stored of all.values()) {
    try {
      const ctx = journeyContext(deps, stored.value, roster);
      const r = transition(stored.value, { type: 'tick' }, { kind: 'system' }, ctx);
      if (r.ok && r.changed) {
        const value: Journey = { ...r.journey, pendingEffects: [...(stored.value.pendingEffects ?? []), ...withJourneyEffectIds(r.journey, r.effects)] };
        try {
          stored = { value, version: await deps.journeys.save(value, stored.version) };
        } catch (error) {
          if (error instanceof VersionConflict) continue; // someone acted meanwhile; the next tick sees it
          throw error;
        }
      }
      await flushJourneyEffects(deps, stored, roster);
    } catch (error) {
      log.error({ journeyId: stored.value.id, err: { message: (error as Error).message } }, 'journey tick failed; it will be retried');
    }
  }
}
