// Issue 16 part 4 (retention): closed and withdrawn requests, deleted once past data/retention.json's
// period after they closed. A request with work still to do (a peer-support follow-up still due, a time
// off viewing still being watched) is not closed for this purpose, whatever its status says.
import type { RetentionSource } from '../../kernel/retention.ts';
import type { DeclarationDeps } from './deps.ts';
import type { Declaration } from './model.ts';
import { hasOffViewingWork } from './off-viewing.ts';
import { isOpen } from './rules.ts';

/** When the request closed: its closing, else the last thing that happened to it (a withdrawal). */
export function closedAt(d: Declaration): string {
  const times = [d.raisedAt, d.closed?.at, ...d.timeline.map((e) => e.at), ...(d.followUps ?? []).map((f) => f.sentAt)];
  return times
    .filter((t): t is string => !!t)
    .sort()
    .at(-1)!;
}

/** Past its time: closed, nothing left to do, and closed before the cutoff. */
export function pastRetention(d: Declaration, cutoff: Date): boolean {
  if (isOpen(d) || hasOffViewingWork(d)) return false;
  // Peer-support follow-ups still due keep a closed request (a withdrawn one sends none).
  if (d.status !== 'withdrawn' && (d.followUps ?? []).some((f) => !f.sentAt)) return false;
  return closedAt(d) < cutoff.toISOString();
}

export const declarationRetention: RetentionSource<DeclarationDeps> = {
  kind: 'declarations',
  actions: ['delete'],
  async due(deps, cutoff) {
    const closed = await deps.declarations.listClosedRaisedBefore(cutoff.toISOString());
    return closed.filter((d) => pastRetention(d.value, cutoff)).map((d) => ({ id: d.value.id, version: d.version }));
  },
  async apply(deps, item) {
    // Read again: it must still be past its time (a re-run, or a change since it was listed).
    const current = await deps.declarations.get(item.id);
    if (!current || current.version !== item.version) return false;
    await deps.declarations.delete(item.id, item.version);
    return true;
  },
};
