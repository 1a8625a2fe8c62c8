import { WEEKDAYS, type Weekday, type WorkingPattern } from './types.ts';

export const DEFAULT_WORKING_PATTERN: WorkingPattern = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  startMinute: 8 * 60,
  endMinute: 17 * 60,
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function parseClock(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "Mon", "Tues", "Thurs", "Friday": at least three letters of a day's name, and nothing else. */
function dayIndex(text: string): number {
  const t = text.trim();
  return t.length < 3 ? -1 : DAY_NAMES.findIndex((name) => name.startsWith(t));
}

function parseDays(text: string): Weekday[] | undefined {
  const days = new Set<Weekday>();
  for (const part of text.toLowerCase().split(',')) {
    const range = part.trim().split('-');
    const idx = range.map(dayIndex);
    if (idx.some((i) => i < 0) || idx.length > 2 || idx.length === 0) return undefined;
    const [a, b = a] = idx as [number, number?];
    if (b! < a) return undefined;
    for (let i = a; i <= b!; i++) days.add(WEEKDAYS[i]!);
  }
  return WEEKDAYS.filter((d) => days.has(d));
}

/** Parses "Mon-Fri 08:00-16:00" or "Mon,Wed,Thu 07:00-19:00". Night shifts (end before start) are allowed. */
export function parseWorkingPattern(text: string): ParseResult<WorkingPattern> {
  // Days may be written with spaces ("Mon, Wed, Fri"), as people do in a spreadsheet.
  const m = /^\s*(\S.*?)\s+(\d\d:\d\d)-(\d\d:\d\d)\s*$/.exec(text);
  if (!m) return { ok: false, error: `working pattern "${text}" should look like "Mon-Fri 08:00-16:00"` };
  const days = parseDays(m[1]!);
  if (!days) return { ok: false, error: `working days "${m[1]}" should be days like Mon-Fri or Mon,Wed,Fri` };
  const startMinute = parseClock(m[2]!);
  const endMinute = parseClock(m[3]!);
  if (startMinute === undefined || endMinute === undefined)
    return { ok: false, error: `working hours "${m[2]}-${m[3]}" are not valid 24-hour times` };
  if (startMinute === endMinute) return { ok: false, error: 'working hours start and end at the same time' };
  return { ok: true, value: { days, startMinute, endMinute } };
}

export function formatWorkingPattern(p: WorkingPattern): string {
  const cap = (d: Weekday) => d[0]!.toUpperCase() + d.slice(1);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const idx = p.days.map((d) => WEEKDAYS.indexOf(d));
  const contiguous = idx.length > 1 && idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  const days = contiguous ? `${cap(p.days[0]!)}-${cap(p.days[p.days.length - 1]!)}` : p.days.map(cap).join(',');
  return `${days} ${hhmm(p.startMinute)}-${hhmm(p.endMinute)}`;
}
