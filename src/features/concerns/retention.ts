// Issue 16 part 4 (retention): concerns about a colleague, deleted once past data/retention.json's
// period after the welfare conversation was recorded (or the concern closed). An open one is never touched.
import type { RetentionSource } from '../../kernel/retention.ts';
import type { ConcernDeps } from './deps.ts';
import { isConcernOpen, type Concern } from './model.ts';

/** When the concern closed: its outcome recorded, else its closing. */
export function concernClosedAt(c: Concern): string | undefined {
  return c.outcome?.at ?? c.closedAt;
}

export const concernRetention: RetentionSource<ConcernDeps> = {
  kind: 'concerns',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.concerns.listClosed())
      .filter((c) => !isConcernOpen(c.value) && (concernClosedAt(c.value) ?? '~') < iso)
      .map((c) => ({ id: c.value.id, version: c.version }));
  },
  async apply(deps, item) {
    const current = await deps.concerns.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.concerns.delete(item.id, item.version);
    return true;
  },
};
