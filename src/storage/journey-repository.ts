import { isJourneyClosed, type Journey } from '../features/journeys/rules.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { JourneyRepository } from '../features/journeys/index.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

/**
 * One row per journey. Everything the candidate, trainer or department head wrote is encrypted:
 * questionnaire drafts and answers, review notes, a withdrawal rationale, a cancellation reason.
 * Dates and states stay queryable for reminders and the annual process review.
 */
export class TableJourneyRepository implements JourneyRepository {
  private readonly rows: DocumentTable<Journey>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Journey>(store, TABLES.journeys, (j) => ({ partitionKey: j.id, rowKey: 'journey' }), {
      secretFields: ['questionnaire', 'trainerReview', 'headReview', 'withdrawal', 'cancellation'],
      indexed: (j) => ({ candidateId: j.candidateId, unitId: j.unitId, state: j.state, isOpen: !isJourneyClosed(j), openedAt: j.openedAt }),
    });
  }
  create(journey: Journey): Promise<string> {
    return this.rows.create(journey, `journey ${journey.id}`);
  }
  get(id: string): Promise<Versioned<Journey> | undefined> {
    return this.rows.get(id, 'journey');
  }
  save(journey: Journey, expectedVersion: string): Promise<string> {
    return this.rows.save(journey, expectedVersion, `journey ${journey.id}`);
  }
  listOpen(): Promise<Versioned<Journey>[]> {
    return this.rows.query('isOpen eq true');
  }
  // Retention: `isOpen` is a property, not a key: a filtered scan of the table, once a day.
  listClosed(): Promise<Versioned<Journey>[]> {
    return this.rows.query('isOpen eq false');
  }
  listForCandidate(candidateId: string): Promise<Versioned<Journey>[]> {
    return this.rows.query(`candidateId eq '${candidateId.replace(/'/g, "''")}'`);
  }
  list(): Promise<Versioned<Journey>[]> {
    return this.rows.query();
  }
  delete(id: string, expectedVersion: string): Promise<void> {
    return this.rows.delete(id, 'journey', expectedVersion);
  }
}
