// Issue 16 part 4 (retention): TRiM follow-ups, deleted once past data/retention.json's period after
// they closed (held or not arranged, declined, lapsed). An open one (to ask, asked, wanted) is never touched.
import type { RetentionSource } from '../../kernel/retention.ts';
import type { TrimDeps } from './deps.ts';
import type { TrimFollowUp } from './model.ts';
import { isTrimOpen } from './rules.ts';

/** When the follow-up closed: the last thing that happened to it. */
export function trimClosedAt(f: TrimFollowUp): string {
  return [f.createdAt, f.asked?.at, f.answer?.at, f.outcome?.at, f.lapsedAt, f.closedAt]
    .filter((t): t is string => !!t)
    .sort()
    .at(-1)!;
}

export const trimRetention: RetentionSource<TrimDeps> = {
  kind: 'trimFollowUps',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.trimFollowUps.listClosed())
      .filter((f) => !isTrimOpen(f.value) && trimClosedAt(f.value) < iso)
      .map((f) => ({ id: f.value.id, version: f.version }));
  },
  async apply(deps, item) {
    const current = await deps.trimFollowUps.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.trimFollowUps.delete(item.id, item.version);
    return true;
  },
};
