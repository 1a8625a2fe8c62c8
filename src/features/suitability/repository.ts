// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { SuitabilityQuestionnaire } from './rules.ts';
import type { Versioned } from '../../kernel/ports.ts';

export interface SuitabilityRepository {
  /** Creates the questionnaire unless one with the same id exists (then answers 'duplicate'). */
  add(questionnaire: SuitabilityQuestionnaire): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<SuitabilityQuestionnaire> | undefined>;
  save(questionnaire: SuitabilityQuestionnaire, expectedVersion: string): Promise<string>;
  listForPerson(personId: string): Promise<Versioned<SuitabilityQuestionnaire>[]>;
  list(): Promise<Versioned<SuitabilityQuestionnaire>[]>;
  /** Retention only: questionnaires reviewed, a scan filtered on `status`. */
  listReviewed(): Promise<Versioned<SuitabilityQuestionnaire>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}
