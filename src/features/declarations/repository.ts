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
  /** Every declaration, open or not (data-protection requests must see them all). */
  list(): Promise<Versioned<Declaration>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
