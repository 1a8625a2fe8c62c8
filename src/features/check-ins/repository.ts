// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { CheckIn } from './check-in.ts';
import type { Flag } from './flag.ts';
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
  delete(id: string, expectedVersion: string): Promise<void>;
}

export interface CheckInRepository {
  /** Creates the check-in unless one with the same id exists (then answers 'duplicate'). */
  add(checkIn: CheckIn): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<CheckIn> | undefined>;
  save(checkIn: CheckIn, expectedVersion: string): Promise<string>;
  /** Sent and not yet answered or closed (miss detection). */
  listOpen(): Promise<Versioned<CheckIn>[]>;
  /** Check-ins still carrying pending effects (a flag a crash left unraised): the job finishes them. */
  listWithPendingEffects(): Promise<Versioned<CheckIn>[]>;
  listForPerson(personId: string): Promise<Versioned<CheckIn>[]>;
  /** A unit's check-ins due between two local dates (inclusive): the overview and the report. */
  listForUnit(unitId: string, fromDueOn: string, toDueOn: string): Promise<Versioned<CheckIn>[]>;
  list(): Promise<Versioned<CheckIn>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
