// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { Versioned } from '../../kernel/ports.ts';
import type { Concern } from './model.ts';

export interface ConcernRepository {
  /** Creates the concern unless one with the same id exists (then answers 'duplicate'). */
  add(concern: Concern): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<Concern> | undefined>;
  save(concern: Concern, expectedVersion: string): Promise<string>;
  /** Concerns with no welfare conversation recorded yet (the escalation tick). */
  listOpen(): Promise<Versioned<Concern>[]>;
  /** Concerns about this person. */
  listAbout(personId: string): Promise<Versioned<Concern>[]>;
  /** Every concern (data-protection requests only: who raised one is encrypted, so finding them is a scan). */
  list(): Promise<Versioned<Concern>[]>;
  /** Issue 16 (retention): every closed one, any age (no closing time is indexed yet: a filtered read of the table). */
  listClosed(): Promise<Versioned<Concern>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
