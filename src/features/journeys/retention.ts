// Issue 16 part 4 (retention): journeys (their questionnaire, reviews and timeline are inside the
// record), deleted once past data/retention.json's period (journeys) after they closed: withdrawn,
// cancelled or ready to start. One with messages still to send stays until they went; an open one is
// never touched.
import { hasPendingEffects } from '../../kernel/pending-effects.ts';
import type { RetentionSource } from '../../kernel/retention.ts';
import type { JourneyDeps } from './deps.ts';
import { isJourneyClosed, type Journey } from './rules.ts';

/** When the journey closed: ready to start, withdrawn or cancelled, else its last timeline event. */
export function journeyClosedAt(j: Journey): string | undefined {
  return j.readyAt ?? j.withdrawal?.at ?? j.cancellation?.at ?? j.timeline[j.timeline.length - 1]?.at;
}

export const journeyRetention: RetentionSource<JourneyDeps> = {
  kind: 'journeys',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.journeys.listClosed())
      .filter((j) => isJourneyClosed(j.value) && !hasPendingEffects(j.value) && (journeyClosedAt(j.value) ?? '~') < iso)
      .map((j) => ({ id: j.value.id, version: j.version }));
  },
  async apply(deps, item) {
    const current = await deps.journeys.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.journeys.delete(item.id, item.version);
    return true;
  },
};
