// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { Versioned } from '../../kernel/ports.ts';
import type { TrimFollowUp } from './model.ts';

export interface TrimRepository {
  /** Creates the follow-up unless one with the same id exists (then answers 'duplicate'): a handover retried after a crash creates it once. */
  add(followUp: TrimFollowUp): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<TrimFollowUp> | undefined>;
  save(followUp: TrimFollowUp, expectedVersion: string): Promise<string>;
  /** To ask, asked and unanswered, or wanted and not yet recorded. */
  listOpen(): Promise<Versioned<TrimFollowUp>[]>;
  listForPerson(personId: string): Promise<Versioned<TrimFollowUp>[]>;
  list(): Promise<Versioned<TrimFollowUp>[]>;
  /** Issue 16 (retention): every closed one, any age (no closing time is indexed yet: a filtered read of the table). */
  listClosed(): Promise<Versioned<TrimFollowUp>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
