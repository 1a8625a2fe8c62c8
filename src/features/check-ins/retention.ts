// Issue 16 part 4 (retention): check-ins, flags and workload weeks, deleted once past data/retention.json's period after
// they closed. A check-in is closed when it was answered or missed (its window ended) and nothing it
// decided is still to be sent; one whose flag is still open stays with it.
import { hasPendingEffects } from '../../kernel/pending-effects.ts';
import type { RetentionSource } from '../../kernel/retention.ts';
import type { CheckIn } from './check-in.ts';
import type { CheckInDeps } from './deps.ts';
import { isFlagOpen, type Flag } from './flag.ts';
import { isoWeekOf } from './workload.ts';

/** When the check-in closed: answered, else the day its window ended. */
export function checkInClosedAt(c: CheckIn): string {
  return c.answeredAt ?? `${c.closesOn}T00:00:00.000Z`;
}

/** When the flag closed: the conversation recorded, else its closing. */
export function flagClosedAt(f: Flag): string | undefined {
  return f.resolved?.at ?? f.closedAt;
}

export const checkInRetention: RetentionSource<CheckInDeps> = {
  kind: 'checkIns',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    const closed = await deps.checkIns.listClosedBefore(iso.slice(0, 10));
    const out = [];
    for (const c of closed) {
      if (c.value.status === 'open' || hasPendingEffects(c.value) || checkInClosedAt(c.value) >= iso) continue;
      const flag = c.value.flagId ? await deps.flags.get(c.value.flagId) : undefined;
      if (flag && isFlagOpen(flag.value)) continue;
      out.push({ id: c.value.id, version: c.version });
    }
    return out;
  },
  async apply(deps, item) {
    const current = await deps.checkIns.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.checkIns.delete(item.id, item.version);
    return true;
  },
};

export const flagRetention: RetentionSource<CheckInDeps> = {
  kind: 'flags',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.flags.listClosed())
      .filter((f) => !isFlagOpen(f.value) && (flagClosedAt(f.value) ?? '~') < iso)
      .map((f) => ({ id: f.value.id, version: f.version }));
  },
  async apply(deps, item) {
    const current = await deps.flags.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.flags.delete(item.id, item.version);
    return true;
  },
};

/** Workload weeks: a week is closed once it has ended and its figures were evaluated (or never came). */
export const workloadRetention: RetentionSource<CheckInDeps> = {
  kind: 'workloadWeeks',
  actions: ['delete'],
  async due(deps, cutoff) {
    // Weeks before the cutoff's week ended before the cutoff.
    const weeks = await deps.workloadWeeks.listWeeksBefore(isoWeekOf(cutoff.toISOString().slice(0, 10)));
    return weeks.filter((w) => !(w.value.figures && !w.value.evaluatedAt)).map((w) => ({ id: w.value.id, version: w.version }));
  },
  async apply(deps, item) {
    const current = await deps.workloadWeeks.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.workloadWeeks.delete(item.id, item.version);
    return true;
  },
};
