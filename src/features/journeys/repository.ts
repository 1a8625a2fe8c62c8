// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { Journey } from './rules.ts';
import type { Versioned } from '../../kernel/ports.ts';

export interface JourneyRepository {
  create(journey: Journey): Promise<string>;
  get(id: string): Promise<Versioned<Journey> | undefined>;
  save(journey: Journey, expectedVersion: string): Promise<string>;
  /** Journeys not yet withdrawn, cancelled or ready to start (reminder and review work). */
  listOpen(): Promise<Versioned<Journey>[]>;
  /** Retention only: journeys withdrawn, cancelled or ready to start, a scan filtered on `isOpen`. */
  listClosed(): Promise<Versioned<Journey>[]>;
  listForCandidate(candidateId: string): Promise<Versioned<Journey>[]>;
  /** Every journey (the annual process review, data-protection requests). */
  list(): Promise<Versioned<Journey>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
