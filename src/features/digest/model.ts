// What a digest is and when one goes out. Pure: the job (compose-digest.ts) reads the tray and the
// clock and asks these rules; nothing here does I/O.
import type { TrayItem } from '../../kernel/tray.ts';
import { WEEKDAYS, type Weekday } from '../../kernel/types.ts';

/** One line as the digest showed it (a copy: the digest can be redrawn showing it done). */
export type DigestLine = Pick<TrayItem, 'key' | 'feature' | 'aboutPersonId' | 'line' | 'since' | 'overdue' | 'actions'>;

/** One recipient's digest of one working day: at most one per day. */
export interface DigestRecord {
  recipientId: string;
  /** The unit-local date (YYYY-MM-DD). */
  date: string;
  /** 'sent': the card went out (`messageId`); 'quiet': they were considered today and nothing was new. */
  status: 'sent' | 'quiet';
  messageId?: string;
  /** This was their weekly digest (sent even when nothing was new). */
  weekly: boolean;
  lines: DigestLine[];
  /** Lines done (resolved) since the card went out; the card was updated in place to show them. */
  doneKeys: string[];
  /** Lines that became someone else's to act on since the card went out (shown so, not as done). */
  elsewhereKeys?: string[];
  /** How many in-place updates were enqueued (their ids end `:u1`, `:u2`, …). */
  updates: number;
  composedAt: string;
}

/** What the digest remembers about a recipient across days. */
export interface DigestState {
  recipientId: string;
  /** When their last digest was composed: lines changed since then are new. */
  lastSentAt?: string;
  /** The keys their last digest showed: a line not among them is new. */
  lastShown?: string[];
  /** ISO week of their last weekly digest. */
  lastWeeklyWeek?: string;
}

export function digestMessageId(recipientId: string, date: string): string {
  return `digest:${recipientId}:${date}`;
}

export function digestUpdateId(recipientId: string, date: string, n: number): string {
  return `${digestMessageId(recipientId, date)}:u${n}`;
}

export function asDigestLine(item: TrayItem): DigestLine {
  return {
    key: item.key,
    feature: item.feature,
    ...(item.aboutPersonId ? { aboutPersonId: item.aboutPersonId } : {}),
    line: item.line,
    since: item.since,
    ...(item.overdue ? { overdue: true } : {}),
    actions: item.actions,
  };
}

/**
 * Whether today's digest goes out: never with nothing open; otherwise when a line is new or changed
 * since the last digest, or on the weekly day (the first working day of the week on or after
 * `weeklyDay` without a weekly digest yet), when anything is still open. An unchanged overdue line
 * alone does not send a card every day: it waits for the weekly digest.
 */
export function decideDigest(input: {
  open: readonly Pick<TrayItem, 'key' | 'updatedAt'>[];
  state: DigestState | undefined;
  weekday: Weekday;
  week: string;
  weeklyDay: Weekday;
}): { send: boolean; weekly: boolean } {
  if (input.open.length === 0) return { send: false, weekly: false };
  const weekly = WEEKDAYS.indexOf(input.weekday) >= WEEKDAYS.indexOf(input.weeklyDay) && input.state?.lastWeeklyWeek !== input.week;
  const lastSentAt = input.state?.lastSentAt;
  const shown = new Set(input.state?.lastShown ?? []);
  const fresh = input.open.some((i) => !lastSentAt || !shown.has(i.key) || i.updatedAt > lastSentAt);
  return { send: fresh || weekly, weekly };
}

/** Lines in a stable order: overdue first, then by since (oldest first), then by key. */
export function orderLines<T extends Pick<DigestLine, 'overdue' | 'since' | 'key'>>(lines: readonly T[]): T[] {
  return [...lines].sort(
    (a, b) => Number(!!b.overdue) - Number(!!a.overdue) || a.since.localeCompare(b.since) || a.key.localeCompare(b.key),
  );
}
