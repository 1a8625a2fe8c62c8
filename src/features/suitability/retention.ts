// Issue 16 part 4 (retention): suitability questionnaires, deleted once past data/retention.json's period
// (the journeys rule: journeys and their questionnaires) after they were reviewed. A draft or a submitted
// one waiting for review is never touched. The care record that it was done is the care feature's, kept
// by its own rule; a questionnaire's due date lies before the cutoff too, so the schedule never asks for it again.
import type { RetentionSource } from '../../kernel/retention.ts';
import type { SuitabilityDeps } from './deps.ts';

export const suitabilityRetention: RetentionSource<SuitabilityDeps> = {
  kind: 'journeys',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.suitability.listReviewed())
      .filter((q) => q.value.status === 'reviewed' && (q.value.review?.at ?? '~') < iso && q.value.dueDate < iso.slice(0, 10))
      .map((q) => ({ id: q.value.id, version: q.version }));
  },
  async apply(deps, item) {
    const current = await deps.suitability.get(item.id);
    if (!current || current.version !== item.version || current.value.status !== 'reviewed') return false;
    await deps.suitability.delete(item.id, item.version);
    return true;
  },
};
