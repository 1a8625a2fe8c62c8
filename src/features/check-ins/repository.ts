// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { CheckIn } from './check-in.ts';
import type { Flag } from './flag.ts';
import type { WorkloadWeek } from './workload.ts';
import type { Versioned } from '../../kernel/ports.ts';

export interface FlagRepository {
  /** Creates the flag unless one with the same id exists (then answers 'duplicate'). */
  add(flag: Flag): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<Flag> | undefined>;
  save(flag: Flag, expectedVersion: string): Promise<string>;
  /** Flags not yet resolved or closed. */
  listOpen(): Promise<Versioned<Flag>[]>;
  listForPerson(personId: string): Promise<Versioned<Flag>[]>;
  list(): Promise<Versioned<Flag>[]>;
  /** Issue 16 (retention): flags no longer open (resolved or closed), any age; the rule picks the old ones. */
  listClosed(): Promise<Versioned<Flag>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}

export interface CheckInRepository {
  /** Creates the check-in unless one with the same id exists (then answers 'duplicate'). */
  add(checkIn: CheckIn): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<CheckIn> | undefined>;
  save(checkIn: CheckIn, expectedVersion: string): Promise<string>;
  /** Sent and not yet answered or closed (miss detection). */
  listOpen(): Promise<Versioned<CheckIn>[]>;
  /**
   * Issue 15: ids of the check-ins due on `dueOn` the schedule has nothing more to do for (card sent,
   * answered or closed; check-in.ts isSettled), read as one day, not one person at a time.
   */
  listSettledOn(dueOn: string): Promise<Set<string>>;
  /** Records a settled check-in for listSettledOn when a write did not (a crash after the save); idempotent. */
  markSettled(checkIn: CheckIn): Promise<void>;
  /** Check-ins still carrying pending effects (a flag a crash left unraised): the job finishes them. */
  listWithPendingEffects(): Promise<Versioned<CheckIn>[]>;
  listForPerson(personId: string): Promise<Versioned<CheckIn>[]>;
  /** A unit's check-ins due between two local dates (inclusive): the overview and the report. */
  listForUnit(unitId: string, fromDueOn: string, toDueOn: string): Promise<Versioned<CheckIn>[]>;
  list(): Promise<Versioned<CheckIn>[]>;
  /** Issue 16 (retention): check-ins no longer open whose answering window ended before `cutoffDay` (YYYY-MM-DD). */
  listClosedBefore(cutoffDay: string): Promise<Versioned<CheckIn>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}

/** Issue 14: the exposure and workload log, one record per person per ISO week. */
export interface WorkloadRepository {
  /** Creates the week's record unless it exists (then answers 'duplicate'). */
  add(week: WorkloadWeek): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<WorkloadWeek> | undefined>;
  save(week: WorkloadWeek, expectedVersion: string): Promise<string>;
  listForPerson(personId: string): Promise<Versioned<WorkloadWeek>[]>;
  /** A unit's weeks between two ISO weeks (inclusive): the unit overview's aggregates. */
  listForUnit(unitId: string, fromWeek: string, toWeek: string): Promise<Versioned<WorkloadWeek>[]>;
  /** Weeks with figures the rules have not yet been run on (a crash between the write and the flag). */
  listUnevaluated(): Promise<Versioned<WorkloadWeek>[]>;
  list(): Promise<Versioned<WorkloadWeek>[]>;
  /** Issue 16 (retention): every person's weeks before `week` (ISO weeks sort as text), a range on the indexed week. */
  listWeeksBefore(week: string): Promise<Versioned<WorkloadWeek>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
