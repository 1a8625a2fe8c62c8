// The tray: everything non-urgent someone must act on (care due, a flag, a stage to confirm, a review),
// held per recipient until it is done, so that it reaches them as one line of one digest a day
// (ARCHITECTURE.md principle 10) instead of a card each. Features post and resolve items here; the
// digest feature reads the tray and composes the card. Urgent things ("I'm not okay", its escalations,
// unreachable notices) never go through the tray: they stay one card each, at once.
//
// A key names the thing, not the recipient (`care:{personId}:{item}:{dueDate}`), so the same thing
// told to the supervisor and later to the department head is one key with two rows, and resolving it
// (the cover recorded it) clears it for everyone. Posting the same thing again changes nothing.
import { VersionConflict, type Clock, type TrayItem, type TrayRepository } from './ports.ts';

export type { TrayAction, TrayItem } from './ports.ts';

export type NewTrayItem = Omit<TrayItem, 'postedAt' | 'updatedAt' | 'resolvedAt' | 'resolvedAs'>;

export interface TrayDeps {
  tray: TrayRepository;
  clock: Clock;
}

/** Lines longer than this are cut: a digest holds many lines and Teams caps a card at about 28 KB. */
export const TRAY_LINE_MAX = 200;

const ATTEMPTS = 3;

function sameContent(a: NewTrayItem, b: TrayItem): boolean {
  return (
    a.line === b.line &&
    a.since === b.since &&
    !!a.overdue === !!b.overdue &&
    a.aboutPersonId === b.aboutPersonId &&
    JSON.stringify(a.actions) === JSON.stringify(b.actions)
  );
}

function clip(line: string): string {
  const one = line.replace(/\s+/g, ' ').trim();
  return one.length <= TRAY_LINE_MAX ? one : `${one.slice(0, TRAY_LINE_MAX - 1)}…`;
}

/**
 * Puts a thing in the recipient's tray, or brings the open line up to date (upsert by recipient and
 * key, every write guarded by its ETag). 'unchanged' when the open line already says this: a repeat
 * post never re-notifies. A thing resolved earlier and posted again is open again ('posted').
 */
export async function postToTray(deps: TrayDeps, item: NewTrayItem): Promise<'posted' | 'updated' | 'unchanged'> {
  const wanted: NewTrayItem = { ...item, line: clip(item.line) };
  for (let attempt = 1; ; attempt++) {
    const at = deps.clock.now().toISOString();
    try {
      const stored = await deps.tray.get(item.recipientId, item.key);
      if (!stored) {
        const created = await deps.tray.create({ ...wanted, postedAt: at, updatedAt: at });
        if (created === 'created') return 'posted';
        continue; // someone posted it between our read and our write: read it again
      }
      const current = stored.value;
      if (!current.resolvedAt && sameContent(wanted, current)) return 'unchanged';
      const reopened = !!current.resolvedAt;
      const next: TrayItem = { ...wanted, postedAt: reopened ? at : current.postedAt, updatedAt: at };
      // Reopened: no longer resolved (a spread of `current` would have kept resolvedAt/resolvedAs; `wanted` has neither).
      await deps.tray.save(next, stored.version);
      return reopened ? 'posted' : 'updated';
    } catch (error) {
      if (error instanceof VersionConflict && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * The thing is done (or no longer due): its line is resolved for every recipient who holds it, e.g.
 * the cover recorded the care the supervisor was told about. Answers how many open lines it closed.
 */
export async function resolveInTray(deps: TrayDeps, key: string, at: Date = deps.clock.now()): Promise<number> {
  let closed = 0;
  for (const recipientId of await deps.tray.recipientsOf(key)) {
    if (await resolveOne(deps, recipientId, key, at)) closed++;
  }
  return closed;
}

/**
 * Resolves one recipient's line only: put aside by them ('done'), or the thing is now someone else's to
 * act on ('elsewhere', e.g. a cover whose cover ended; the digest then does not call it done).
 */
export async function resolveOne(
  deps: TrayDeps,
  recipientId: string,
  key: string,
  at: Date = deps.clock.now(),
  as: 'done' | 'elsewhere' = 'done',
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.tray.get(recipientId, key);
    if (!stored || stored.value.resolvedAt) return false;
    try {
      await deps.tray.save({ ...stored.value, resolvedAt: at.toISOString(), resolvedAs: as }, stored.version);
      return true;
    } catch (error) {
      if (error instanceof VersionConflict && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Resolves every open line whose key starts with `prefix` for this recipient (e.g. last week's team summary). */
export async function resolvePrefixFor(deps: TrayDeps, recipientId: string, prefix: string, at: Date = deps.clock.now()): Promise<number> {
  let closed = 0;
  for (const open of await deps.tray.listOpenFor(recipientId)) {
    if (open.value.key.startsWith(prefix) && (await resolveOne(deps, recipientId, open.value.key, at))) closed++;
  }
  return closed;
}
