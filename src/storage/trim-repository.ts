import { isTrimOpen, type TrimFollowUp, type TrimRepository } from '../features/trim/index.ts';
import type { Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/** TRiM follow-ups, partitioned by person. They hold no content: who, when, the answer and whether it was held. */
export class TableTrimRepository implements TrimRepository {
  private readonly rows: DocumentTable<TrimFollowUp>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<TrimFollowUp>(store, TABLES.trimFollowUps, (f) => ({ partitionKey: f.personId, rowKey: f.id }), {
      indexed: (f) => ({ unitId: f.unitId, isOpen: isTrimOpen(f) }),
    });
  }
  async add(followUp: TrimFollowUp): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(followUp)) === undefined ? 'duplicate' : 'created';
  }
  async get(id: string): Promise<Versioned<TrimFollowUp> | undefined> {
    return (await this.rows.query(`RowKey eq ${keyLiteral(id)}`))[0];
  }
  save(followUp: TrimFollowUp, expectedVersion: string): Promise<string> {
    return this.rows.save(followUp, expectedVersion, `TRiM follow-up ${followUp.id}`);
  }
  listOpen(): Promise<Versioned<TrimFollowUp>[]> {
    return this.rows.query('isOpen eq true');
  }
  listForPerson(personId: string): Promise<Versioned<TrimFollowUp>[]> {
    return this.rows.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  list(): Promise<Versioned<TrimFollowUp>[]> {
    return this.rows.query();
  }
  listClosed(): Promise<Versioned<TrimFollowUp>[]> {
    return this.rows.query('isOpen eq false');
  }
  async delete(id: string, expectedVersion: string): Promise<void> {
    const f = await this.get(id);
    if (f) await this.rows.delete(f.value.personId, id, expectedVersion);
  }
}
