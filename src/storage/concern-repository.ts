import { isConcernOpen, type Concern } from '../features/concerns/model.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { ConcernRepository } from '../features/concerns/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * Concerns are partitioned by the person they are about. Who raised one, their note and the note on
 * the welfare conversation record are encrypted (with the row's location as associated data), so a
 * raw read of the table cannot tell who raised a concern; category, route, dates and who was told
 * stay plain for the escalation tick.
 */
export class TableConcernRepository implements ConcernRepository {
  private readonly rows: DocumentTable<Concern>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Concern>(store, TABLES.concerns, (c) => ({ partitionKey: c.personId, rowKey: c.id }), {
      secretFields: ['raisedBy', 'note', 'outcomeNote'],
      indexed: (c) => ({ unitId: c.unitId, isOpen: isConcernOpen(c) }),
    });
  }
  async add(concern: Concern): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(concern)) === undefined ? 'duplicate' : 'created';
  }
  async get(id: string): Promise<Versioned<Concern> | undefined> {
    const found = await this.rows.query(`RowKey eq ${keyLiteral(id)}`);
    return found[0];
  }
  save(concern: Concern, expectedVersion: string): Promise<string> {
    return this.rows.save(concern, expectedVersion, `concern ${concern.id}`);
  }
  listOpen(): Promise<Versioned<Concern>[]> {
    return this.rows.query('isOpen eq true');
  }
  listAbout(personId: string): Promise<Versioned<Concern>[]> {
    return this.rows.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  list(): Promise<Versioned<Concern>[]> {
    return this.rows.query();
  }
  listClosed(): Promise<Versioned<Concern>[]> {
    return this.rows.query('isOpen eq false');
  }
  async delete(id: string, expectedVersion: string): Promise<void> {
    const found = await this.get(id);
    if (found) await this.rows.delete(found.value.personId, id, expectedVersion);
  }
}
