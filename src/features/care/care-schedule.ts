// Scheduled care (SPEC.md "Scheduled care"): what is due for someone, from the day they joined the
// unit, what was recorded done, and the intervals in configuration. Pure: `today` comes in as a
// date in the unit's time zone. Peer-support follow-ups after a declaration are scheduled by the
// declaration itself (declaration.ts followUps) and are not repeated here.
import type { Person, Role } from '../../kernel/types.ts';
import { addDays } from '../../kernel/working-time.ts';

export const CARE_ITEMS = ['clinicalSupervision', 'oneToOne', 'suitability', 'tenureReview', 'screening'] as const;
export type CareItem = (typeof CARE_ITEMS)[number];

export const CARE_ITEM_TITLES: Record<CareItem, string> = {
  clinicalSupervision: 'Clinical supervision / psychological support',
  oneToOne: 'One-to-one with supervisor',
  suitability: 'Annual suitability questionnaire',
  tenureReview: 'Tenure review',
  screening: 'Psychological screening',
};

export interface CareSchedule {
  clinicalSupervisionMonths: number;
  oneToOneMonths: number;
  /** One-to-ones are scheduled every `oneToOneMonths` during this many months after joining the unit. */
  oneToOneForMonths: number;
  /**
   * After that first period one-to-ones continue at this pace (months; HAVEN_CARE_ONE_TO_ONE_LATER_MONTHS,
   * default 3). 0 stops them after the first period. Optional so older settings keep their meaning.
   */
  oneToOneLaterMonths?: number;
  /**
   * When a check-in flag or an "I'm not okay" request is raised, clinical supervision due later than
   * this many working days (Monday to Friday) away is brought forward to then
   * (HAVEN_CARE_FORWARD_WORKING_DAYS, default 10).
   */
  clinicalSupervisionForwardWorkingDays?: number;
  suitabilityMonths: number;
  tenureReviewMonths: number;
  /** Screening starts this many months after joining, then repeats every `screeningMonths`. */
  screeningAfterMonths: number;
  screeningMonths: number;
  /** An item shows as due (and its reminder goes out) this many days before its due date. */
  noticeDays: number;
  /** After the due date plus this many days, an item is overdue and escalates. */
  overdueGraceDays: number;
  /**
   * ISO date the force started recording care in Haven. An occurrence that fell due before it is due
   * on it instead: on the first day, a sergeant is told what to arrange, not that years of care are
   * overdue for everyone.
   */
  countFrom?: string;
  /**
   * Care that fell due before `countFrom` is spread over this many weeks from it (HAVEN_CARE_SPREAD_WEEKS,
   * default 4), each person in a week of their own, so go-live is not one day of every backlog at once.
   */
  goLiveSpreadWeeks?: number;
}

export const DEFAULT_CARE_SCHEDULE: CareSchedule = {
  clinicalSupervisionMonths: 6,
  oneToOneMonths: 1,
  oneToOneForMonths: 12,
  oneToOneLaterMonths: 3,
  clinicalSupervisionForwardWorkingDays: 10,
  suitabilityMonths: 12,
  tenureReviewMonths: 48,
  screeningAfterMonths: 60,
  screeningMonths: 6,
  noticeDays: 7,
  overdueGraceDays: 7,
};

export interface CareDone {
  item: CareItem;
  /** ISO date the care happened (recorded by the supervisor). */
  doneOn: string;
}

/** An item brought forward (care-record.ts CareForward): due by `dueBy` until it is done on a day after `raisedOn`. */
export interface CareBroughtForward {
  item: CareItem;
  raisedOn: string;
  dueBy: string;
}

/** `days` working days (Monday to Friday) after `date`. */
export function addWorkingDays(date: string, days: number): string {
  let d = date;
  for (let left = days; left > 0;) {
    d = addDays(d, 1);
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

export type CareStatus = 'upcoming' | 'due' | 'overdue';

export interface CareItemState {
  item: CareItem;
  title: string;
  dueDate: string;
  status: CareStatus;
  /** The first date the item counts as overdue. */
  overdueFrom: string;
}

/** Roles whose work exposes them to the material and who therefore get the schedule. */
export const CARED_ROLES: readonly Role[] = ['officer', 'supervisor', 'trainer'];

export function hasCareSchedule(person: Pick<Person, 'roles' | 'joinedUnitOn'>): boolean {
  return !!person.joinedUnitOn && person.roles.some((r) => CARED_ROLES.includes(r));
}

/** The week (0…weeks-1) a person's go-live backlog falls in: a stable hash of their id, so reruns agree. */
export function goLiveWeekOf(personId: string, weeks: number): number {
  let h = 2166136261;
  for (let i = 0; i < personId.length; i++) h = Math.imul(h ^ personId.charCodeAt(i), 16777619) >>> 0;
  return weeks > 1 ? h % weeks : 0;
}

/**
 * When care scheduled before Haven started counting is due. Spread: it comes due (its notice window
 * opens) on the first day of the person's go-live week, so it is due `noticeDays` after that. Not
 * spread: on `countFrom` itself.
 */
function goLiveDue(personId: string, schedule: CareSchedule): string {
  if (!schedule.goLiveSpreadWeeks) return schedule.countFrom!;
  return addDays(schedule.countFrom!, 7 * goLiveWeekOf(personId, schedule.goLiveSpreadWeeks) + schedule.noticeDays);
}

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** Calendar months later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

function statusOn(today: string, dueDate: string, s: CareSchedule): { status: CareStatus; overdueFrom: string } {
  const overdueFrom = addDays(dueDate, s.overdueGraceDays + 1);
  if (today >= overdueFrom) return { status: 'overdue', overdueFrom };
  if (today >= addDays(dueDate, -s.noticeDays)) return { status: 'due', overdueFrom };
  return { status: 'upcoming', overdueFrom };
}

/**
 * The next occurrence of every care item for this person, with its status today. Each item's next
 * due date counts from the last time it was recorded done (a late one-to-one moves the next one on),
 * else from the day the person joined the unit.
 */
export function careItemsFor(
  person: Pick<Person, 'id' | 'roles' | 'joinedUnitOn'>,
  today: string,
  schedule: CareSchedule,
  done: readonly CareDone[],
  broughtForward: readonly CareBroughtForward[] = [],
): CareItemState[] {
  if (!hasCareSchedule(person)) return [];
  const joined = person.joinedUnitOn!;
  const lastDone = (item: CareItem) =>
    done
      .filter((d) => d.item === item && d.doneOn >= joined)
      .map((d) => d.doneOn)
      .sort()
      .at(-1);
  const out: CareItemState[] = [];
  const push = (item: CareItem, scheduled: string) => {
    const dueDate = schedule.countFrom && scheduled < schedule.countFrom ? goLiveDue(person.id, schedule) : scheduled;
    out.push({ item, title: CARE_ITEM_TITLES[item], dueDate, ...statusOn(today, dueDate, schedule) });
  };

  const periodic = (item: CareItem, months: number) => {
    const last = lastDone(item);
    const scheduled = addMonths(last ?? joined, months);
    // Brought forward and not done on a later day since (done the same day may have been before the signal):
    // due by the earlier date, never pushed later.
    const forward = broughtForward
      .filter((f) => f.item === item && (!last || last <= f.raisedOn))
      .map((f) => f.dueBy)
      .sort()[0];
    const counted = schedule.countFrom && scheduled < schedule.countFrom ? goLiveDue(person.id, schedule) : scheduled;
    push(item, forward && forward < counted ? forward : scheduled);
  };
  periodic('clinicalSupervision', schedule.clinicalSupervisionMonths);

  const lastOneToOne = lastDone('oneToOne') ?? joined;
  const oneToOneDue = addMonths(lastOneToOne, schedule.oneToOneMonths);
  // The new-joiner pace holds inside the first period, also when the start of counting moved the date on;
  // after it, one-to-ones continue at the later pace (counted from the last one, else from joining).
  const oneToOneCounted = schedule.countFrom && oneToOneDue < schedule.countFrom ? goLiveDue(person.id, schedule) : oneToOneDue;
  if (oneToOneCounted <= addMonths(joined, schedule.oneToOneForMonths)) push('oneToOne', oneToOneDue);
  else if (schedule.oneToOneLaterMonths)
    push('oneToOne', addMonths(lastOneToOne, Math.max(schedule.oneToOneLaterMonths, schedule.oneToOneMonths)));

  periodic('suitability', schedule.suitabilityMonths);

  const tenureDue = addMonths(joined, schedule.tenureReviewMonths);
  if (!done.some((d) => d.item === 'tenureReview' && d.doneOn >= addMonths(joined, Math.max(0, schedule.tenureReviewMonths - 12))))
    push('tenureReview', tenureDue);

  const screeningStart = addMonths(joined, schedule.screeningAfterMonths);
  const lastScreening = lastDone('screening');
  push(
    'screening',
    lastScreening && lastScreening >= addDays(screeningStart, -schedule.noticeDays)
      ? addMonths(lastScreening, schedule.screeningMonths)
      : screeningStart,
  );

  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || CARE_ITEMS.indexOf(a.item) - CARE_ITEMS.indexOf(b.item));
}

/** Due or overdue items only: what a reminder or a supervisor's card is about. */
export function actionableCare(items: readonly CareItemState[]): CareItemState[] {
  return items.filter((i) => i.status !== 'upcoming');
}

/** Span of control (the watchdog case: 22 reports where about six is usual). */
export function spanExceeded(directReports: number, limit: number): boolean {
  return directReports > limit;
}
