import type { RosterSyncSummary, Versioned } from '../../kernel/ports.ts';

/** The last roster sync's summary (counts only), one row: what the admin card and the daily job read. */
export interface RosterSyncRunRepository {
  last(): Promise<Versioned<RosterSyncSummary> | undefined>;
  /** Replaces the row, guarded by the version read (undefined: there must be none yet). */
  save(summary: RosterSyncSummary, expectedVersion: string | undefined): Promise<string>;
}
