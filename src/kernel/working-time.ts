// When Haven may prompt someone: inside their working pattern, never on a rest day, on leave or at
// night (SPEC.md "Scheduled care"). Working patterns are written in the unit's local time (UK units:
// Europe/London, so 08:00 means 08:00 in summer and in winter). Pure: instants come in; Intl's time
// zone data is the only thing consulted.
import type { Absence, WorkingPattern, Weekday } from './types.ts';
import { WEEKDAYS } from './types.ts';
import { absencesOf } from './responsibility.ts';

export const UNIT_TIME_ZONE = 'Europe/London';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalMoment {
  /** YYYY-MM-DD in the unit's time zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
}

export function localMoment(instant: Date, timeZone = UNIT_TIME_ZONE): LocalMoment {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday!.toLowerCase().slice(0, 3) as Weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant at which the local clock shows `minute` on `date` (the earlier one on an ambiguous autumn hour). */
export function instantAt(date: string, minute: number, timeZone = UNIT_TIME_ZONE): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60);
  // Local = UTC + offset, and the offset is at most a few hours: two corrections settle it.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const local = localMoment(new Date(guess), timeZone);
    const [ly, lm, ld] = local.date.split('-').map(Number) as [number, number, number];
    const shownAsUtc = Date.UTC(ly, lm - 1, ld, Math.floor(local.minute / 60), local.minute % 60);
    guess += asUtc - shownAsUtc;
  }
  return new Date(guess);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/**
 * Does a shift of this pattern start on this local date? A weekly pattern: on its days. A cycle
 * (issue 16, rotas): on the first `onDays` of every `onDays + offDays` counted from its anchor date,
 * before the anchor as after it. The one answer for "is this a working day"; a night shift that
 * starts on it runs into the next date.
 */
export function startsShiftOn(pattern: WorkingPattern, date: string): boolean {
  if (pattern.kind !== 'cycle') return pattern.days.includes(weekdayOf(date));
  const length = pattern.onDays + pattern.offDays;
  const offset = (((daysBetween(pattern.from, date) % length) + length) % length) as number;
  return offset < pattern.onDays;
}

/** Absence rows name whoever is away (a supervisor, or anyone else on leave). */
export function isOnLeave(absences: readonly Absence[], personId: string, date: string): boolean {
  // The person's own absences through the roster's index (issue 15): jobs ask this for everyone each tick.
  return absencesOf(absences, personId).some((a) => a.from <= date && date <= a.to);
}

/**
 * The shift that covers `instant`, if any, as the local date it started on. A night shift (end
 * before start) that started on a working day runs past midnight into the next date.
 */
export function shiftAt(pattern: WorkingPattern, instant: Date, timeZone = UNIT_TIME_ZONE): string | undefined {
  const here = localMoment(instant, timeZone);
  const overnight = pattern.endMinute < pattern.startMinute;
  if (!overnight) {
    return startsShiftOn(pattern, here.date) && here.minute >= pattern.startMinute && here.minute < pattern.endMinute
      ? here.date
      : undefined;
  }
  if (startsShiftOn(pattern, here.date) && here.minute >= pattern.startMinute) return here.date;
  const yesterday = addDays(here.date, -1);
  if (startsShiftOn(pattern, yesterday) && here.minute < pattern.endMinute) return yesterday;
  return undefined;
}

/** May Haven prompt this person now? Inside a shift that did not start on a day of leave. */
export function isWorkingMoment(
  pattern: WorkingPattern,
  absences: readonly Absence[],
  personId: string,
  instant: Date,
  timeZone = UNIT_TIME_ZONE,
): boolean {
  const shift = shiftAt(pattern, instant, timeZone);
  return shift !== undefined && !isOnLeave(absences, personId, shift);
}

/**
 * The first moment at or after `from` when the person is working and not on leave, at least
 * `settleMinutes` into their shift (nobody wants a prompt in their first minute), or undefined when
 * there is none within `horizonDays` (a long absence: the caller decides, e.g. skips the round).
 */
export function nextWorkingMoment(
  pattern: WorkingPattern,
  absences: readonly Absence[],
  personId: string,
  from: Date,
  options: { settleMinutes?: number; horizonDays?: number; timeZone?: string } = {},
): Date | undefined {
  const { settleMinutes = 30, horizonDays = 60, timeZone = UNIT_TIME_ZONE } = options;
  const length = (pattern.endMinute - pattern.startMinute + 24 * 60) % (24 * 60);
  const settle = Math.min(settleMinutes, Math.max(0, length - 1));
  const startDate = addDays(localMoment(from, timeZone).date, -1);
  for (let i = 0; i <= horizonDays + 1; i++) {
    const date = addDays(startDate, i);
    if (!startsShiftOn(pattern, date) || isOnLeave(absences, personId, date)) continue;
    const begin = instantAt(date, pattern.startMinute, timeZone).getTime() + settle * 60_000;
    const end = begin - settle * 60_000 + length * 60_000;
    const candidate = Math.max(begin, from.getTime());
    if (candidate < end) return new Date(candidate);
  }
  return undefined;
}

/** ISO week of a local date, e.g. 2026-W48 (Thursday rule). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const firstThursday = jan4.getTime() + (3 - ((jan4.getUTCDay() + 6) % 7)) * 86_400_000;
  const week = 1 + Math.round((d.getTime() - firstThursday) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
