import type { DigestRecord, DigestRepository, DigestState } from '../features/digest/index.ts';
import { VersionConflict, type Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * Digests, keyed for the job's questions: havenDigests has PartitionKey = the day, RowKey = recipient
 * ("who was considered today, whose card may need an update" is one partition a tick); havenDigestState
 * has PartitionKey = recipient (when their last digest went out, their last weekly one). The records
 * copy the lines shown (names and dates, no answers or free text); a subject request scans them.
 */
export class TableDigestRepository implements DigestRepository {
  private readonly days: DocumentTable<DigestRecord>;
  private readonly states: DocumentTable<DigestState>;
  constructor(store: TableStore) {
    this.days = new DocumentTable<DigestRecord>(store, TABLES.digests, (d) => ({ partitionKey: d.date, rowKey: d.recipientId }), {
      indexed: (d) => ({ recipientId: d.recipientId }),
    });
    this.states = new DocumentTable<DigestState>(store, TABLES.digestState, (s) => ({ partitionKey: s.recipientId, rowKey: 'state' }));
  }
  get(date: string, recipientId: string): Promise<Versioned<DigestRecord> | undefined> {
    return this.days.get(date, recipientId);
  }
  async add(record: DigestRecord): Promise<'created' | 'duplicate'> {
    return (await this.days.createIfAbsent(record)) === undefined ? 'duplicate' : 'created';
  }
  save(record: DigestRecord, expectedVersion: string): Promise<string> {
    return this.days.save(record, expectedVersion, 'digest');
  }
  listOn(date: string): Promise<Versioned<DigestRecord>[]> {
    return this.days.query(`PartitionKey eq ${keyLiteral(date)}`);
  }
  getState(recipientId: string): Promise<Versioned<DigestState> | undefined> {
    return this.states.get(recipientId, 'state');
  }
  async putState(state: DigestState, expectedVersion: string | undefined): Promise<string> {
    if (expectedVersion === undefined) {
      const v = await this.states.createIfAbsent(state);
      if (v === undefined) throw new VersionConflict('digest state');
      return v;
    }
    return this.states.save(state, expectedVersion, 'digest state');
  }
  listFor(recipientId: string): Promise<Versioned<DigestRecord>[]> {
    return this.days.query(`recipientId eq '${recipientId.replace(/'/g, "''")}'`);
  }
  async listNaming(personId: string): Promise<Versioned<DigestRecord>[]> {
    return (await this.days.query()).filter((d) => d.value.lines.some((l) => l.aboutPersonId === personId));
  }
  listBefore(date: string): Promise<Versioned<DigestRecord>[]> {
    return this.days.query(`PartitionKey lt ${keyLiteral(date)}`);
  }
  delete(record: DigestRecord, expectedVersion: string): Promise<void> {
    return this.days.delete(record.date, record.recipientId, expectedVersion);
  }
  deleteState(recipientId: string): Promise<void> {
    return this.states.delete(recipientId, 'state');
  }
}
