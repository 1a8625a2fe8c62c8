import type { SuitabilityQuestionnaire } from '../features/suitability/rules.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { SuitabilityRepository } from '../features/suitability/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * Partitioned by person. The answers and the reviewer's note are the person's and the reviewer's
 * own words: encrypted, with the row's location as associated data. Status, dates and who it was
 * shared with stay plain so the schedule and the privacy checks need no decryption.
 */
export class TableSuitabilityRepository implements SuitabilityRepository {
  private readonly rows: DocumentTable<SuitabilityQuestionnaire>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<SuitabilityQuestionnaire>(
      store,
      TABLES.suitability,
      (q) => ({ partitionKey: q.personId, rowKey: q.id }),
      {
        secretFields: ['answers', 'reviewNote'],
        indexed: (q) => ({ unitId: q.unitId, status: q.status, dueDate: q.dueDate }),
      },
    );
  }
  private personOf(id: string): string | undefined {
    return /^suitability:([^:]+):/.exec(id)?.[1];
  }
  async add(q: SuitabilityQuestionnaire): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(q)) === undefined ? 'duplicate' : 'created';
  }
  async get(id: string): Promise<Versioned<SuitabilityQuestionnaire> | undefined> {
    const person = this.personOf(id);
    return person ? this.rows.get(person, id) : undefined;
  }
  save(q: SuitabilityQuestionnaire, expectedVersion: string): Promise<string> {
    return this.rows.save(q, expectedVersion, `suitability questionnaire ${q.id}`);
  }
  listForPerson(personId: string): Promise<Versioned<SuitabilityQuestionnaire>[]> {
    return this.rows.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  list(): Promise<Versioned<SuitabilityQuestionnaire>[]> {
    return this.rows.query();
  }
  // Retention: `status` is a property, not a key: a filtered scan of the table, once a day.
  listReviewed(): Promise<Versioned<SuitabilityQuestionnaire>[]> {
    return this.rows.query("status eq 'reviewed'");
  }
  async delete(id: string, expectedVersion: string): Promise<void> {
    const person = this.personOf(id);
    if (person) await this.rows.delete(person, id, expectedVersion);
  }
}
