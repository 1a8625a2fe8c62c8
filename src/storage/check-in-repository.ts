import { isSettled, type CheckIn } from '../features/check-ins/check-in.ts';
import type { Versioned } from '../kernel/ports.ts';
import { hasPendingEffects } from '../kernel/pending-effects.ts';
import type { CheckInRepository } from '../features/check-ins/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * Partitioned by person (one person's history is one partition). Answers, the score and free text
 * are encrypted with the row's own location as associated data; status, dates and the share choice
 * stay queryable because the schedule, the overview and the flag card need them without the answers.
 */
/** A settled check-in in its due day's partition: only the keys, nothing about the person's answers. */
interface SettledRow {
  dueOn: string;
  id: string;
}

export class TableCheckInRepository implements CheckInRepository {
  private readonly rows: DocumentTable<CheckIn>;
  // Issue 15: the check-in job asks "which of today's check-ins are done with?" every minute; one
  // partition per due day answers it with a key-pinned query instead of a read per person.
  private readonly settled: DocumentTable<SettledRow>;
  constructor(store: TableStore) {
    this.settled = new DocumentTable<SettledRow>(store, TABLES.checkInsSettled, (r) => ({ partitionKey: r.dueOn, rowKey: r.id }));
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
    const created = (await this.rows.createIfAbsent(checkIn)) !== undefined;
    // After the record itself: a crash between the two leaves a record the job finds by its own read
    // (and marks settled then), never a settled mark without a record.
    if (created && isSettled(checkIn)) await this.markSettled(checkIn);
    return created ? 'created' : 'duplicate';
  }
  async get(id: string): Promise<Versioned<CheckIn> | undefined> {
    const person = this.personOf(id);
    return person ? this.rows.get(person, id) : undefined;
  }
  async save(checkIn: CheckIn, expectedVersion: string): Promise<string> {
    const version = await this.rows.save(checkIn, expectedVersion, `check-in ${checkIn.id}`);
    if (isSettled(checkIn)) await this.markSettled(checkIn);
    return version;
  }
  async markSettled(checkIn: CheckIn): Promise<void> {
    // Create-if-absent: the row never changes once written, so there is no version to present.
    await this.settled.createIfAbsent({ dueOn: checkIn.dueOn, id: checkIn.id });
  }
  async listSettledOn(dueOn: string): Promise<Set<string>> {
    const rows = await this.settled.query(`PartitionKey eq ${keyLiteral(dueOn)}`);
    return new Set(rows.map((r) => r.value.id));
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
    if (!person) return;
    await this.rows.delete(person, id, expectedVersion);
    // The settled mark goes with its record (the due day is the id's last part: checkin:{person}:{dueOn}).
    const dueOn = id.slice(`checkin:${person}:`.length);
    if (dueOn) await this.settled.delete(dueOn, id);
  }
}
