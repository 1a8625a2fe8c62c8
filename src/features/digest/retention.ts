// Issue 16 part 4 (retention): the records of past digests (who was sent which lines on a day), deleted
// once past data/retention.json's period. Only today's record is ever updated, so an old one is closed.
// The tray's resolved lines (kernel/tray.ts: what the digests showed) go by the same rule once resolved
// before the cutoff; an open line is never touched (a line posted again later is simply a new one).
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

/** The tray's resolved lines, by recipient and key. */
export const trayRetention: RetentionSource<DigestDeps> = {
  kind: 'digests',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.tray.listResolved())
      .filter((i) => !!i.value.resolvedAt && i.value.resolvedAt < iso)
      .map((i) => ({ id: `${i.value.recipientId}|${i.value.key}`, version: i.version }));
  },
  async apply(deps, item) {
    const at = item.id.indexOf('|');
    const current = await deps.tray.get(item.id.slice(0, at), item.id.slice(at + 1));
    if (!current || current.version !== item.version || !current.value.resolvedAt) return false;
    await deps.tray.delete(current.value, item.version);
    return true;
  },
};
