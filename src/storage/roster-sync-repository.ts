// Issue 16: the last roster sync's summary, one row (counts only; no personal data).
import type { RosterSyncSummary, Versioned } from '../kernel/ports.ts';
import type { RosterSyncRunRepository } from '../features/roster-sync/index.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

export class TableRosterSyncRunRepository implements RosterSyncRunRepository {
  private readonly runs: DocumentTable<RosterSyncSummary>;
  constructor(store: TableStore) {
    this.runs = new DocumentTable<RosterSyncSummary>(store, TABLES.rosterSyncRuns, () => ({ partitionKey: 'last', rowKey: 'run' }));
  }
  last(): Promise<Versioned<RosterSyncSummary> | undefined> {
    return this.runs.get('last', 'run');
  }
  save(summary: RosterSyncSummary, expectedVersion: string | undefined): Promise<string> {
    return expectedVersion === undefined
      ? this.runs.create(summary, 'roster sync run')
      : this.runs.save(summary, expectedVersion, 'roster sync run');
  }
}
