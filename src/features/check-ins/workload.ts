// The exposure and workload log (issue 14, "signals that are not self-report"): one record per
// person per ISO week, from the weekly one-tap summary (in the check-in, or a small card of its own
// in weeks without one) or from a grading tool's export. The figures belong to the person: only they,
// and their responsible supervisor when they share a week (policy.ts), see them; the unit overview
// shows them as aggregates for groups of at least the minimum size. Pure: inputs come in.
import type { WorkingPattern } from '../../kernel/types.ts';
import { addDays, isoWeek } from '../../kernel/working-time.ts';
import { formatWeekday } from '../../kernel/format.ts';

export const HOURS_BANDS = ['none', 'under5', '5to15', '15to25', 'over25'] as const;
export type HoursBand = (typeof HOURS_BANDS)[number];

export const HOURS_BAND_TITLES: Record<HoursBand, string> = {
  none: 'None',
  under5: 'Under 5 hours',
  '5to15': '5 to 15 hours',
  '15to25': '15 to 25 hours',
  over25: 'Over 25 hours',
};

/** The least hours each band stands for: the rules never assume more than was said. */
const BAND_FLOOR: Record<HoursBand, number> = { none: 0, under5: 0, '5to15': 5, '15to25': 15, over25: 25 };

export const CATEGORIES = ['A', 'B', 'C'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CASELOADS = ['light', 'usual', 'heavy'] as const;
export type Caseload = (typeof CASELOADS)[number];
export const CASELOAD_TITLES: Record<Caseload, string> = { light: 'Light', usual: 'Usual', heavy: 'Heavy' };

export interface WorkloadWeek {
  /** `workload:{personId}:{week}`. */
  id: string;
  personId: string;
  unitId: string;
  /** ISO week, e.g. 2026-W49. */
  week: string;
  /** When the weekly card was queued (weeks without a check-in); the figures may follow. */
  askedAt?: string;
  /** Absent until the person (or an import) gives the week's figures. */
  figures?: WorkloadFigures;
  /** The person chose to share this week's figures with their supervisor (self-reported weeks only). */
  shared?: boolean;
  /** Set once the rules have been run on these figures (and any flag raised): the job finishes the rest. */
  evaluatedAt?: string;
}

export interface WorkloadFigures {
  hours: HoursBand;
  /** Exact viewing hours, from a grading tool's export. */
  exactHours?: number;
  categories: Category[];
  violent: boolean;
  caseload?: Caseload;
  source: 'self' | 'import';
  recordedAt: string;
}

export function workloadWeekId(personId: string, week: string): string {
  return `workload:${personId}:${week}`;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** The Monday (YYYY-MM-DD) of an ISO week, or undefined when it is not one. */
export function mondayOf(week: string): string | undefined {
  const m = WEEK.exec(week);
  if (!m) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayWeek1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  const monday = new Date(mondayWeek1 + (n - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  return n >= 1 && isoWeekOf(monday) === week ? monday : undefined;
}

/** ISO week of a local date (Thursday rule): the kernel's. */
export const isoWeekOf = isoWeek;

/** The ISO week `n` weeks before (negative: after) `week`. */
export function weeksBefore(week: string, n: number): string {
  return isoWeekOf(addDays(mondayOf(week)!, -7 * n));
}

/** "Mon, 30 Nov 2026 to Sun, 6 Dec 2026". */
export function weekLabel(week: string): string {
  const monday = mondayOf(week)!;
  return `${formatWeekday(monday)} to ${formatWeekday(addDays(monday, 6))}`;
}

/** The week a summary given in `date`'s week is about: the week before (a whole week, never a part). */
export function summaryWeekFor(date: string): string {
  return isoWeekOf(addDays(date, -7));
}

/** Exact hours to a band (an import's 15 is "15 to 25": bands include their floor). */
export function bandOf(hours: number): HoursBand {
  if (hours <= 0) return 'none';
  if (hours < 5) return 'under5';
  if (hours < 15) return '5to15';
  if (hours < 25) return '15to25';
  return 'over25';
}

/** The viewing hours the rules count: the exact figure when imported, else the band's floor. */
export function viewingHours(f: Pick<WorkloadFigures, 'hours' | 'exactHours'>): number {
  return f.exactHours ?? BAND_FLOOR[f.hours];
}

/** The figures in words, for the person and (when shared) their supervisor. Never in a log. */
export function figuresInWords(f: WorkloadFigures): string {
  const hours = f.exactHours !== undefined ? `${f.exactHours} hours viewing` : `${HOURS_BAND_TITLES[f.hours].toLowerCase()} viewing`;
  const parts = [
    hours,
    f.categories.length ? `categories ${f.categories.join(', ')}` : 'no categories recorded',
    f.violent ? 'violent or sadistic material' : 'no violent or sadistic material',
  ];
  if (f.caseload) parts.push(`caseload ${f.caseload}`);
  return parts.join('; ');
}

export type SummaryParse = { ok: true; figures?: Omit<WorkloadFigures, 'source' | 'recordedAt'> } | { ok: false; problems: string[] };

/**
 * The summary's inputs (`wlHours`, `wlCategories` "A,B", `wlViolent` yes/no, `wlCaseload`). On the
 * weekly card the hours and the violent-material answer are required; inside a check-in the whole
 * summary is optional (nothing chosen: nothing recorded), but once begun it must be whole.
 */
export function parseSummary(input: Record<string, unknown>, required: boolean): SummaryParse {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const v = input[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      problems.push('Part of your weekly summary could not be read.');
      return undefined;
    }
    return v.trim() === '' ? undefined : v.trim();
  };
  const hours = text('wlHours');
  const categories = text('wlCategories');
  const violent = text('wlViolent');
  const caseload = text('wlCaseload');
  if (problems.length) return { ok: false, problems: [...new Set(problems)] };
  if (!required && hours === undefined && categories === undefined && violent === undefined && caseload === undefined) return { ok: true };
  if (hours === undefined) problems.push('Weekly summary: please choose your hours viewing last week.');
  else if (!(HOURS_BANDS as readonly string[]).includes(hours))
    problems.push('Weekly summary: hours viewing: choose one of the answers given.');
  const cats = (categories ?? '').split(/[,;\s]+/).filter(Boolean);
  if (cats.some((c) => !(CATEGORIES as readonly string[]).includes(c)))
    problems.push('Weekly summary: categories: choose from the categories given.');
  if (violent === undefined) problems.push('Weekly summary: please say whether you saw violent or sadistic material.');
  else if (violent !== 'yes' && violent !== 'no') problems.push('Weekly summary: violent or sadistic material: choose yes or no.');
  if (caseload !== undefined && !(CASELOADS as readonly string[]).includes(caseload))
    problems.push('Weekly summary: caseload: choose one of the answers given.');
  // "None" with a category ticked is kept as given, not refused: a check-in is never turned back over it.
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    figures: {
      hours: hours as HoursBand,
      categories: CATEGORIES.filter((c) => cats.includes(c)),
      violent: violent === 'yes',
      ...(caseload ? { caseload: caseload as Caseload } : {}),
    },
  };
}

/**
 * Contracted hours a week from a working pattern (days × shift length; a night shift counts its hours).
 * A cycle (issue 16) averages over its length: 4 on, 4 off of 12 hours is 42 hours a week.
 */
export function weeklyPatternHours(pattern: WorkingPattern): number {
  const minutes = (pattern.endMinute - pattern.startMinute + 24 * 60) % (24 * 60);
  const shiftsAWeek = pattern.kind === 'cycle' ? (7 * pattern.onDays) / (pattern.onDays + pattern.offDays) : pattern.days.length;
  return (shiftsAWeek * minutes) / 60;
}
