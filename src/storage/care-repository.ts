import type { CareForward, CareRecord, CareReminder } from '../features/care/care-record.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { CareRepository } from '../features/care/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/** Care records and reminder state, partitioned by person. They hold dates and ids, no free text. */
export class TableCareRepository implements CareRepository {
  private readonly records: DocumentTable<CareRecord>;
  private readonly reminders: DocumentTable<CareReminder>;
  private readonly marks: DocumentTable<{ key: string; at: string }>;
  private readonly forwards: DocumentTable<CareForward>;
  constructor(store: TableStore) {
    this.records = new DocumentTable<CareRecord>(store, TABLES.careRecords, (r) => ({ partitionKey: r.personId, rowKey: r.id }), {
      indexed: (r) => ({ unitId: r.unitId, item: r.item, doneOn: r.doneOn }),
    });
    this.reminders = new DocumentTable<CareReminder>(store, TABLES.careReminders, (r) => ({ partitionKey: r.personId, rowKey: r.id }), {
      indexed: (r) => ({ unitId: r.unitId, item: r.item, dueDate: r.dueDate, isOpen: !r.closedAt }),
    });
    this.marks = new DocumentTable<{ key: string; at: string }>(store, TABLES.careMarks, (m) => ({
      partitionKey: m.key.split(':')[0] ?? 'mark',
      rowKey: m.key,
    }));
    this.forwards = new DocumentTable<CareForward>(store, TABLES.careForwards, (f) => ({ partitionKey: f.personId, rowKey: f.item }));
  }
  getForward(personId: string): Promise<Versioned<CareForward> | undefined> {
    return this.forwards.get(personId, 'clinicalSupervision');
  }
  async addForward(forward: CareForward): Promise<'created' | 'duplicate'> {
    return (await this.forwards.createIfAbsent(forward)) === undefined ? 'duplicate' : 'created';
  }
  saveForward(forward: CareForward, expectedVersion: string): Promise<string> {
    return this.forwards.save(forward, expectedVersion, `care forward ${forward.id}`);
  }
  listForwards(): Promise<Versioned<CareForward>[]> {
    return this.forwards.query();
  }
  deleteForward(forward: CareForward, expectedVersion: string): Promise<void> {
    return this.forwards.delete(forward.personId, forward.item, expectedVersion);
  }
  async addMark(key: string, at: string): Promise<'created' | 'duplicate'> {
    return (await this.marks.createIfAbsent({ key, at })) === undefined ? 'duplicate' : 'created';
  }
  async hasMark(key: string): Promise<boolean> {
    return (await this.marks.get(key.split(':')[0] ?? 'mark', key)) !== undefined;
  }
  async addRecord(record: CareRecord): Promise<'created' | 'duplicate'> {
    return (await this.records.createIfAbsent(record)) === undefined ? 'duplicate' : 'created';
  }
  listRecords(): Promise<Versioned<CareRecord>[]> {
    return this.records.query();
  }
  listRecordsFor(personId: string): Promise<Versioned<CareRecord>[]> {
    return this.records.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  getRecord(personId: string, id: string): Promise<Versioned<CareRecord> | undefined> {
    return this.records.get(personId, id);
  }
  // Retention: `isOpen` is a property, not a key: a filtered scan of the table, once a day.
  listClosedReminders(): Promise<Versioned<CareReminder>[]> {
    return this.reminders.query('isOpen eq false');
  }
  async getReminder(id: string): Promise<Versioned<CareReminder> | undefined> {
    const personId = id.split(':')[0] ?? '';
    return this.reminders.get(personId, id);
  }
  async addReminder(reminder: CareReminder): Promise<'created' | 'duplicate'> {
    return (await this.reminders.createIfAbsent(reminder)) === undefined ? 'duplicate' : 'created';
  }
  saveReminder(reminder: CareReminder, expectedVersion: string): Promise<string> {
    return this.reminders.save(reminder, expectedVersion, `care reminder ${reminder.id}`);
  }
  listReminders(): Promise<Versioned<CareReminder>[]> {
    return this.reminders.query();
  }
  listRemindersFor(personId: string): Promise<Versioned<CareReminder>[]> {
    return this.reminders.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  deleteRecord(record: CareRecord, expectedVersion: string): Promise<void> {
    return this.records.delete(record.personId, record.id, expectedVersion);
  }
  deleteReminder(reminder: CareReminder, expectedVersion: string): Promise<void> {
    return this.reminders.delete(reminder.personId, reminder.id, expectedVersion);
  }
  /** Marks are keyed `{kind}:{supervisor id}:…`: those naming the person. */
  async listMarksNaming(personId: string): Promise<{ key: string; at: string }[]> {
    return (await this.marks.query()).filter((m) => m.value.key.split(':').includes(personId)).map((m) => m.value);
  }
  /** Marks are keyed `{kind}:{supervisor id}:…`: those naming the person are removed. */
  async deleteMarksNaming(personId: string): Promise<number> {
    const naming = (await this.marks.query()).filter((m) => m.value.key.split(':').includes(personId));
    for (const m of naming) await this.marks.delete(m.value.key.split(':')[0] ?? 'mark', m.value.key, m.version);
    return naming.length;
  }
}
