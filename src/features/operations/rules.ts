// What the admin card says about delivery, from the outbox rows, the roster and the conversation
// references. Pure: everything comes in. Only ids, statuses, purposes, lanes and times are read from a
// message; its activity (what it said) is never looked at.
import type { ConversationRef, Person, Roster } from '../../kernel/types.ts';
import type { OutboxMessage } from '../../kernel/ports.ts';

/** Dead letters and unreachable recipients are shown for this many days. */
export const WINDOW_DAYS = 7;

/** The dispatcher's words for an update it dropped because its original never arrived: not a dead letter. */
const DROPPED_UPDATE = 'the message to update was never delivered';

/** A message the dispatcher gave up on (after its retries, or refused for good): "Retry" may queue it again. */
export function isDeadLetter(m: Pick<OutboxMessage, 'status' | 'lastError'>): boolean {
  return m.status === 'failed' && !(m.lastError ?? '').startsWith(DROPPED_UPDATE);
}

export type UnreachableReason = 'blocked' | 'notInstalled' | 'left';

export interface UnreachablePerson {
  personId: string;
  reason: UnreachableReason;
  /** ISO date they left, or ISO instant a message last failed to reach them. */
  since?: string;
}

export interface DeliveryFacts {
  backlog: { lane: string; count: number }[];
  /** ISO instant the oldest waiting message was queued. */
  oldestWaitingSince?: string;
  deadLetters: { id: string; purpose: string; createdAt: string; lastError?: string; attempts: number }[];
  unreachable: UnreachablePerson[];
  /** Channels whose messages could not be delivered in the window (no reference, or refused). */
  unreachableChannels: string[];
}

/**
 * Who Haven cannot reach, and why: anyone who left (Person.leftOn); anyone on the roster with no 1:1
 * conversation reference (the app is not installed for them, so nothing can be sent); anyone whose
 * 1:1 chat refused a message with 403 in the window (they blocked Haven, or removed it since).
 * One reason a person: left, then not installed, then blocked.
 */
export function unreachablePeople(
  people: readonly Person[],
  personalRefs: ReadonlySet<string>,
  unreachableRows: readonly Pick<OutboxMessage, 'target' | 'lastError' | 'nextAttemptAt'>[],
): UnreachablePerson[] {
  const out: UnreachablePerson[] = [];
  const refused = new Map<string, string>();
  for (const m of unreachableRows) {
    if (m.target.kind !== 'person' || !(m.lastError ?? '').startsWith('403')) continue;
    const at = refused.get(m.target.personId);
    if (!at || at < m.nextAttemptAt) refused.set(m.target.personId, m.nextAttemptAt);
  }
  for (const p of people) {
    if (p.leftOn) out.push({ personId: p.id, reason: 'left', since: p.leftOn });
    else if (!personalRefs.has(p.id)) out.push({ personId: p.id, reason: 'notInstalled' });
    else if (refused.has(p.id)) out.push({ personId: p.id, reason: 'blocked', since: refused.get(p.id)! });
  }
  return out;
}

export function deliveryFacts(input: {
  waiting: readonly OutboxMessage[];
  failed: readonly OutboxMessage[];
  unreachableRows: readonly OutboxMessage[];
  roster: Roster;
  refs: readonly ConversationRef[];
}): DeliveryFacts {
  const lanes = new Map<string, number>([
    ['alert', 0],
    ['bulk', 0],
  ]);
  for (const m of input.waiting) lanes.set(m.lane, (lanes.get(m.lane) ?? 0) + 1);
  const oldest = input.waiting.map((m) => m.createdAt).sort()[0];
  const personalRefs = new Set(input.refs.flatMap((r) => (r.target.kind === 'person' ? [r.target.personId] : [])));
  const channelRefs = new Set(input.refs.flatMap((r) => (r.target.kind === 'channel' ? [r.target.channelId] : [])));
  const unreachableChannels = [
    ...new Set(input.unreachableRows.flatMap((m) => (m.target.kind === 'channel' ? [m.target.channelId] : [])).filter((c) => !!c)),
    ...input.roster.units.flatMap((u) => (u.supervisorChannelId && !channelRefs.has(u.supervisorChannelId) ? [u.supervisorChannelId] : [])),
  ];
  return {
    backlog: [...lanes].map(([lane, count]) => ({ lane, count })),
    ...(oldest ? { oldestWaitingSince: oldest } : {}),
    deadLetters: input.failed
      .filter(isDeadLetter)
      .sort((a, b) => b.nextAttemptAt.localeCompare(a.nextAttemptAt))
      .map((m) => ({
        id: m.id,
        purpose: m.purpose,
        createdAt: m.createdAt,
        attempts: m.attempts,
        ...(m.lastError ? { lastError: m.lastError } : {}),
      })),
    unreachable: unreachablePeople(input.roster.people, personalRefs, input.unreachableRows),
    unreachableChannels: [...new Set(unreachableChannels)],
  };
}

/** "45 min", "3 h 20 min", "2 days 4 h": how long ago, to the minute. */
export function ageText(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} days ${hours % 24} h` : `${days} days`;
}

/** Why the dispatcher gave up, in plain words, from its status code (never the connector's own message). */
export function failureText(lastError: string | undefined, attempts: number): string {
  const tries = `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
  const text = lastError ?? '';
  const gaveUp = /^gave up after \d+ attempts \(last (\d+|network error)\)$/.exec(text);
  if (gaveUp)
    return gaveUp[1] === 'network error' ? `no answer from Teams after ${tries}` : `Teams kept failing (${gaveUp[1]}) after ${tries}`;
  const code = Number(text.split(' ')[0]);
  if (!text || Number.isNaN(code)) return `not delivered after ${tries}`;
  if (code === 413) return 'Teams refused it as too large (413)';
  if (code === 401) return 'Teams refused Haven’s credentials (401)';
  if (code === 404) return 'Teams no longer knows the conversation (404)';
  return `Teams refused it (${code})`;
}
