import type { Versioned } from '../kernel/ports.ts';
import type { WorkloadRepository, WorkloadWeek } from '../features/check-ins/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * Issue 14's exposure and workload log. Partitioned by person; the figures are encrypted (what a
 * person viewed is wellbeing data), the week and the unit stay queryable for the schedule and the
 * unit overview's aggregates.
 */
export class TableWorkloadRepository implements WorkloadRepository {
  private readonly rows: DocumentTable<WorkloadWeek>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<WorkloadWeek>(store, TABLES.workloadWeeks, (w) => ({ partitionKey: w.personId, rowKey: w.id }), {
      secretFields: ['figures'],
      indexed: (w) => ({ unitId: w.unitId, week: w.week, unevaluated: !!w.figures && !w.evaluatedAt }),
    });
  }
  private personOf(id: string): string | undefined {
    return /^workload:([^:]+):/.exec(id)?.[1];
  }
  async add(week: WorkloadWeek): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(week)) === undefined ? 'duplicate' : 'created';
  }
  async get(id: string): Promise<Versioned<WorkloadWeek> | undefined> {
    const person = this.personOf(id);
    return person ? this.rows.get(person, id) : undefined;
  }
  save(week: WorkloadWeek, expectedVersion: string): Promise<string> {
    return this.rows.save(week, expectedVersion, `workload week ${week.id}`);
  }
  listForPerson(personId: string): Promise<Versioned<WorkloadWeek>[]> {
    return this.rows.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  listForUnit(unitId: string, fromWeek: string, toWeek: string): Promise<Versioned<WorkloadWeek>[]> {
    return this.rows.query(`unitId eq ${keyLiteral(unitId)} and week ge ${keyLiteral(fromWeek)} and week le ${keyLiteral(toWeek)}`);
  }
  listUnevaluated(): Promise<Versioned<WorkloadWeek>[]> {
    return this.rows.query('unevaluated eq true');
  }
  list(): Promise<Versioned<WorkloadWeek>[]> {
    return this.rows.query();
  }
  listWeeksBefore(week: string): Promise<Versioned<WorkloadWeek>[]> {
    return this.rows.query(`week lt ${keyLiteral(week)}`);
  }
  async delete(id: string, expectedVersion: string): Promise<void> {
    const person = this.personOf(id);
    if (person) await this.rows.delete(person, id, expectedVersion);
  }
}
