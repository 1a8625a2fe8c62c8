import type { Versioned } from '../kernel/ports.ts';
import type { StepAway, StepAwayRepository } from '../features/declarations/index.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

/** Private screen breaks, one partition per person: only that person's turns and their subject export read them. */
export class TableStepAwayRepository implements StepAwayRepository {
  private readonly rows: DocumentTable<StepAway>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<StepAway>(store, TABLES.stepAways, (s) => ({ partitionKey: s.personId, rowKey: s.id }), {
      indexed: (s) => ({ personId: s.personId }),
    });
  }
  create(s: StepAway): Promise<string> {
    return this.rows.create(s, `screen break ${s.id}`);
  }
  save(s: StepAway, expectedVersion: string): Promise<string> {
    return this.rows.save(s, expectedVersion, `screen break ${s.id}`);
  }
  listForPerson(personId: string): Promise<Versioned<StepAway>[]> {
    return this.rows.query(`personId eq '${personId.replace(/'/g, "''")}'`);
  }
  delete(s: StepAway, expectedVersion: string): Promise<void> {
    return this.rows.delete(s.personId, s.id, expectedVersion);
  }
}
