import type { StagedExposure } from '../features/care/staged-exposure.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { StagedExposureRepository } from '../features/care/index.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

/** One row per person. Reflections and private notes are the officer's words: encrypted. */
export class TableStagedExposureRepository implements StagedExposureRepository {
  private readonly rows: DocumentTable<StagedExposure>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<StagedExposure>(store, TABLES.stages, (r) => ({ partitionKey: r.personId, rowKey: 'stages' }), {
      secretFields: ['reflections', 'privateNotes'],
      indexed: (r) => ({ unitId: r.unitId, status: r.status, stage: r.stage ?? '' }),
    });
  }
  get(personId: string): Promise<Versioned<StagedExposure> | undefined> {
    return this.rows.get(personId, 'stages');
  }
  create(record: StagedExposure): Promise<string> {
    return this.rows.create(record, `staged exposure of ${record.personId}`);
  }
  save(record: StagedExposure, expectedVersion: string): Promise<string> {
    return this.rows.save(record, expectedVersion, `staged exposure of ${record.personId}`);
  }
  list(): Promise<Versioned<StagedExposure>[]> {
    return this.rows.query();
  }
  delete(personId: string, expectedVersion: string): Promise<void> {
    return this.rows.delete(personId, 'stages', expectedVersion);
  }
}
