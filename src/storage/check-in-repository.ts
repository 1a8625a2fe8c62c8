import type { CheckIn } from '../features/check-ins/check-in.ts';
import type { Versioned } from '../kernel/ports.ts';
import { hasPendingEffects } from '../kernel/pending-effects.ts';
import type { CheckInRepository } from '../features/check-ins/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * Partitioned by person (one person's history is one partition). Answers, the score and free text
 * are encrypted with the row's own location as associated data; status, dates and the share choice
 * stay queryable because the schedule, the overview and the flag card need them without the answers.
 */
export class TableCheckInRepository implements CheckInRepository {
  private readonly rows: DocumentTable<CheckIn>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<CheckIn>(store, TABLES.checkIns, (c) => ({ partitionKey: c.personId, rowKey: c.id }), {
      secretFields: ['answers', 'freeText', 'score'],
      // hasPendingEffects: the job finds the few check-ins a crash left half done without reading the rest.
      indexed: (c) => ({
        unitId: c.unitId,
        status: c.status,
        dueOn: c.dueOn,
        closesOn: c.closesOn,
        onDemand: c.onDemand,
        shared: c.shared,
        hasPendingEffects: hasPendingEffects(c),
      }),
    });
  }
  private personOf(id: string): string | undefined {
    const m = /^checkin:([^:]+):/.exec(id);
    return m?.[1];
  }
  async add(checkIn: CheckIn): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(checkIn)) === undefined ? 'duplicate' : 'created';
  }
  async get(id: string): Promise<Versioned<CheckIn> | undefined> {
    const person = this.personOf(id);
    return person ? this.rows.get(person, id) : undefined;
  }
  save(checkIn: CheckIn, expectedVersion: string): Promise<string> {
    return this.rows.save(checkIn, expectedVersion, `check-in ${checkIn.id}`);
  }
  listOpen(): Promise<Versioned<CheckIn>[]> {
    return this.rows.query("status eq 'open'");
  }
  listWithPendingEffects(): Promise<Versioned<CheckIn>[]> {
    return this.rows.query('hasPendingEffects eq true');
  }
  listForPerson(personId: string): Promise<Versioned<CheckIn>[]> {
    return this.rows.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  listForUnit(unitId: string, fromDueOn: string, toDueOn: string): Promise<Versioned<CheckIn>[]> {
    return this.rows.query(`unitId eq ${keyLiteral(unitId)} and dueOn ge ${keyLiteral(fromDueOn)} and dueOn le ${keyLiteral(toDueOn)}`);
  }
  list(): Promise<Versioned<CheckIn>[]> {
    return this.rows.query();
  }
  // Issue 16 (retention): a range on the indexed closing date, across partitions.
  listClosedBefore(cutoffDay: string): Promise<Versioned<CheckIn>[]> {
    return this.rows.query(`status ne 'open' and closesOn lt ${keyLiteral(cutoffDay)}`);
  }
  async delete(id: string, expectedVersion: string): Promise<void> {
    const person = this.personOf(id);
    if (person) await this.rows.delete(person, id, expectedVersion);
  }
}
