import { WEEKDAYS, type PartTime, type Weekday, type WorkingPattern } from './types.ts';

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

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Longest cycle (on + off days) a rota may repeat over. */
export const MAX_CYCLE_DAYS = 56;

/** Issue 16 (rotas): "4on4off from 2026-01-05 07:00-19:00" (nights: "… 19:00-07:00"). Every problem in one message. */
function parseCycle(text: string): ParseResult<WorkingPattern> | undefined {
  if (!/^\s*\d+\s*on/i.test(text)) return undefined;
  const example = '"4on4off from 2026-01-05 07:00-19:00"';
  const m = /^\s*(\d+)\s*on\s*(\d+)\s*off\s+from\s+(\S+)\s+(\d\d:\d\d)-(\d\d:\d\d)\s*$/i.exec(text);
  if (!m) return { ok: false, error: `working pattern "${text}" should look like ${example}` };
  const onDays = Number(m[1]);
  const offDays = Number(m[2]);
  const problems: string[] = [];
  if (onDays < 1 || offDays < 1 || onDays + offDays > MAX_CYCLE_DAYS)
    problems.push(`a cycle needs at least one day on and one day off, ${MAX_CYCLE_DAYS} days at most in all`);
  if (!isCalendarDate(m[3]!)) problems.push(`cycle start "${m[3]}" must be the date of a first day on, like 2026-01-05`);
  const startMinute = parseClock(m[4]!);
  const endMinute = parseClock(m[5]!);
  if (startMinute === undefined || endMinute === undefined) problems.push(`working hours "${m[4]}-${m[5]}" are not valid 24-hour times`);
  else if (startMinute === endMinute) problems.push('working hours start and end at the same time');
  if (problems.length) return { ok: false, error: `working pattern "${text}": ${problems.join('; ')}` };
  return { ok: true, value: { kind: 'cycle', onDays, offDays, from: m[3]!, startMinute: startMinute!, endMinute: endMinute! } };
}

/**
 * Parses "Mon-Fri 08:00-16:00" or "Mon,Wed,Thu 07:00-19:00", or a repeating cycle "4on4off from
 * 2026-01-05 07:00-19:00". Night shifts (end before start) are allowed: they run into the next morning.
 */
export function parseWorkingPattern(text: string): ParseResult<WorkingPattern> {
  const cycle = parseCycle(text);
  if (cycle) return cycle;
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
  if (p.kind === 'cycle') return `${p.onDays}on${p.offDays}off from ${p.from} ${hhmm(p.startMinute)}-${hhmm(p.endMinute)}`;
  const idx = p.days.map((d) => WEEKDAYS.indexOf(d));
  const contiguous = idx.length > 1 && idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  const days = contiguous ? `${cap(p.days[0]!)}-${cap(p.days[p.days.length - 1]!)}` : p.days.map(cap).join(',');
  return `${days} ${hhmm(p.startMinute)}-${hhmm(p.endMinute)}`;
}

/** Issue 16 (rotas): the roster's `part_time`: a fraction of full time ("0.6") or hours a week ("22.5h"). */
export function parsePartTime(text: string): ParseResult<PartTime> {
  const t = text.trim().toLowerCase();
  const hours = /^(\d{1,2}(?:\.\d{1,2})?)\s*h$/.exec(t);
  if (hours) {
    const h = Number(hours[1]);
    if (h > 0 && h <= 80) return { ok: true, value: { hoursPerWeek: h } };
    return { ok: false, error: `part_time "${text}": hours a week must be more than 0 and at most 80` };
  }
  if (/^(0?\.\d{1,3}|1(\.0{1,3})?)$/.test(t)) {
    const f = Number(t);
    if (f > 0) return { ok: true, value: { fraction: f } };
  }
  return { ok: false, error: `part_time "${text}" should be a fraction of full time like 0.6, or hours a week like 22.5h` };
}

export function formatPartTime(p: PartTime): string {
  return 'fraction' in p ? String(p.fraction) : `${p.hoursPerWeek}h`;
}
