// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { Declaration } from './rules.ts';
import type { Versioned } from '../../kernel/ports.ts';

export interface DeclarationRepository {
  create(declaration: Declaration): Promise<string>;
  get(id: string): Promise<Versioned<Declaration> | undefined>;
  save(declaration: Declaration, expectedVersion: string): Promise<string>;
  /** Declarations still open (escalation work). */
  listOpen(): Promise<Versioned<Declaration>[]>;
  listForPerson(personId: string): Promise<Versioned<Declaration>[]>;
  /** Any declaration (open or not) with a peer-support follow-up due by `now`. */
  listFollowUpsDue(now: Date): Promise<Versioned<Declaration>[]>;
  /** Breaks and requests to leave whose time off viewing still needs the job (off-viewing.ts hasOffViewingWork), open or not. */
  listOffViewing(): Promise<Versioned<Declaration>[]>;
  /** Every declaration, open or not (data-protection requests must see them all). */
  list(): Promise<Versioned<Declaration>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
  /** Issue 16 (retention): requests no longer open that were raised before `cutoffIso` (a closed one cannot have closed before it was raised). */
  listClosedRaisedBefore(cutoffIso: string): Promise<Versioned<Declaration>[]>;
}

/** A private screen break ("I'm stepping away for a bit", step-away.ts): nobody but the person sees it. */
export interface StepAway {
  id: string;
  personId: string;
  startedAt: string;
  /** When it ends by itself. */
  endsAt: string;
  /** When they pressed "I'm back", if they did before it ended by itself. */
  backAt?: string;
}

/** Storage for private screen breaks, in domain words (src/storage implements it). */
export interface StepAwayRepository {
  create(s: StepAway): Promise<string>;
  save(s: StepAway, expectedVersion: string): Promise<string>;
  listForPerson(personId: string): Promise<Versioned<StepAway>[]>;
  delete(s: StepAway, expectedVersion: string): Promise<void>;
}
