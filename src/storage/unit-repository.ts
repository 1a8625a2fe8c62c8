import type { Absence, Unit } from '../kernel/types.ts';
import type { AbsenceRepository, UnitRepository, Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

export class TableUnitRepository implements UnitRepository {
  private readonly units: DocumentTable<Unit>;
  constructor(store: TableStore) {
    this.units = new DocumentTable<Unit>(store, TABLES.units, (u) => ({ partitionKey: u.id, rowKey: 'unit' }));
  }
  get(id: string): Promise<Versioned<Unit> | undefined> {
    return this.units.get(id, 'unit');
  }
  list(): Promise<Versioned<Unit>[]> {
    return this.units.query();
  }
  create(unit: Unit): Promise<string> {
    return this.units.create(unit, `unit ${unit.id}`);
  }
  save(unit: Unit, expectedVersion: string): Promise<string> {
    return this.units.save(unit, expectedVersion, `unit ${unit.id}`);
  }
}

/** Absences are partitioned by the absent supervisor: routing reads one supervisor's absences. */
export class TableAbsenceRepository implements AbsenceRepository {
  private readonly absences: DocumentTable<Absence>;
  constructor(store: TableStore) {
    this.absences = new DocumentTable<Absence>(store, TABLES.absences, (a) => ({ partitionKey: a.supervisorId, rowKey: a.id }));
  }
  list(): Promise<Versioned<Absence>[]> {
    return this.absences.query();
  }
  create(absence: Absence): Promise<string> {
    return this.absences.create(absence, `absence ${absence.id}`);
  }
  save(absence: Absence, expectedVersion: string): Promise<string> {
    return this.absences.save(absence, expectedVersion, `absence ${absence.id}`);
  }
  delete(absence: Absence, expectedVersion: string): Promise<void> {
    return this.absences.delete(absence.supervisorId, absence.id, expectedVersion);
  }
}
