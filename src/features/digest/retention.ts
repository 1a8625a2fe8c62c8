// Issue 16 part 4 (retention): the records of past digests (who was sent which lines on a day), deleted
// once past data/retention.json's period. Only today's record is ever updated, so an old one is closed.
// The tray's resolved lines are not covered yet.
import type { RetentionSource } from '../../kernel/retention.ts';
import type { DigestDeps } from './deps.ts';

export const digestRetention: RetentionSource<DigestDeps> = {
  kind: 'digests',
  actions: ['delete'],
  async due(deps, cutoff) {
    // Days before the cutoff's day ended before it (a day's record is keyed by its UK date: a day's margin).
    const before = new Date(cutoff.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    return (await deps.digests.listBefore(before)).map((d) => ({ id: `${d.value.date}|${d.value.recipientId}`, version: d.version }));
  },
  async apply(deps, item) {
    const [date, recipientId] = item.id.split('|') as [string, string];
    const current = await deps.digests.get(date, recipientId);
    if (!current || current.version !== item.version) return false;
    await deps.digests.delete(current.value, item.version);
    return true;
  },
};
