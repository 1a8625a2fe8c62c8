import type { Absence, Unit } from '../kernel/types.ts';
import type { AbsenceRepository, RosterVersion, UnitRepository, Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';
import { rosterVersionOf } from './roster-version.ts';

/** Issue 15: a write, then the roster version bump that tells every process's roster view about it. */
async function thenBump<T>(version: RosterVersion, write: Promise<T>): Promise<T> {
  const result = await write;
  await version.bump();
  return result;
}

export class TableUnitRepository implements UnitRepository {
  private readonly units: DocumentTable<Unit>;
  private readonly rosterVersion: RosterVersion;
  constructor(store: TableStore) {
    this.rosterVersion = rosterVersionOf(store);
    this.units = new DocumentTable<Unit>(store, TABLES.units, (u) => ({ partitionKey: u.id, rowKey: 'unit' }));
  }
  get(id: string): Promise<Versioned<Unit> | undefined> {
    return this.units.get(id, 'unit');
  }
  list(): Promise<Versioned<Unit>[]> {
    return this.units.query();
  }
  create(unit: Unit): Promise<string> {
    return thenBump(this.rosterVersion, this.units.create(unit, `unit ${unit.id}`));
  }
  save(unit: Unit, expectedVersion: string): Promise<string> {
    return thenBump(this.rosterVersion, this.units.save(unit, expectedVersion, `unit ${unit.id}`));
  }
}

/**
 * An absence as stored. The absent person's id is kept in the document as `supervisorId` (its name
 * before the domain called it `personId`), so rows written by earlier releases read unchanged and
 * earlier releases can still read rows written now. The partition key is that same id.
 */
type StoredAbsence = Omit<Absence, 'personId'> & { supervisorId: string; personId?: string };

function toStored({ personId, ...rest }: Absence): StoredAbsence {
  return { ...rest, supervisorId: personId };
}

function fromStored(stored: Versioned<StoredAbsence>): Versioned<Absence> {
  const { supervisorId, personId, ...rest } = stored.value;
  return { value: { ...rest, personId: personId ?? supervisorId }, version: stored.version };
}

/** Absences are partitioned by the absent person: routing reads one person's absences. */
export class TableAbsenceRepository implements AbsenceRepository {
  private readonly absences: DocumentTable<StoredAbsence>;
  private readonly rosterVersion: RosterVersion;
  constructor(store: TableStore) {
    this.rosterVersion = rosterVersionOf(store);
    this.absences = new DocumentTable<StoredAbsence>(store, TABLES.absences, (a) => ({ partitionKey: a.supervisorId, rowKey: a.id }));
  }
  async list(): Promise<Versioned<Absence>[]> {
    return (await this.absences.query()).map(fromStored);
  }
  create(absence: Absence): Promise<string> {
    return thenBump(this.rosterVersion, this.absences.create(toStored(absence), `absence ${absence.id}`));
  }
  save(absence: Absence, expectedVersion: string): Promise<string> {
    return thenBump(this.rosterVersion, this.absences.save(toStored(absence), expectedVersion, `absence ${absence.id}`));
  }
  delete(absence: Absence, expectedVersion: string): Promise<void> {
    return thenBump(this.rosterVersion, this.absences.delete(absence.personId, absence.id, expectedVersion));
  }
}
