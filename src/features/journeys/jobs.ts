// The journeys job: questionnaire reminders, telling the trainer about an unanswered questionnaire,
// and escalating an overdue secondary review. Runs under the job lease; idempotent (what was sent is
// stored on the journey, and outbox ids derive from the journey and its revision).
import { hasPendingEffects, withPendingEffects } from '../../kernel/pending-effects.ts';
import type { Logger } from 'pino';
import { isJourneyClosed, transition, type Journey } from './rules.ts';
import { flushJourneyEffects } from './flush-effects.ts';
import { recordExposureLine } from './journey-tray.ts';
import { postToTray } from '../../kernel/tray.ts';
import { journeyContext, withJourneyEffectIds } from './journey-context.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import type { JourneyDeps } from './deps.ts';

export async function tickJourneys(deps: JourneyDeps, log: Logger): Promise<void> {
  // Open journeys for the timed work, and any journey still holding unsent messages (a crash between
  // a withdrawal's save and its flush must still tell the trainer, the head and HR).
  const all = new Map<string, Versioned<Journey>>(
    (await deps.journeys.list()).filter((j) => !isJourneyClosed(j.value) || hasPendingEffects(j.value)).map((j) => [j.value.id, j]),
  );
  if (all.size === 0) return;
  const roster = await loadRoster(deps);
  for (let stored of all.values()) {
    try {
      const ctx = journeyContext(deps, stored.value, roster);
      const r = transition(stored.value, { type: 'tick' }, { kind: 'system' }, ctx);
      if (r.ok && r.changed) {
        const value: Journey = withPendingEffects(stored.value, r.journey, withJourneyEffectIds(r.journey, r.effects));
        try {
          stored = { value, version: await deps.journeys.save(value, stored.version) };
        } catch (error) {
          if (error instanceof VersionConflict) continue; // someone acted meanwhile; the next tick sees it
          throw error;
        }
      }
      await flushJourneyEffects(deps, stored, roster);
      // The booked exposure's time has passed: the trainer is asked to record it (a repeat post changes nothing).
      const recordIt = recordExposureLine(stored.value, deps.clock.now(), roster);
      if (recordIt) await postToTray(deps, recordIt);
    } catch (error) {
      log.error({ journeyId: stored.value.id, err: { message: (error as Error).message } }, 'journey tick failed; it will be retried');
    }
  }
}
