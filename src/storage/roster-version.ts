// Issue 15: the roster version row. Every write to people, units or absences replaces it (with the ETag it
// read), so its ETag changes; a process holding the roster in memory reads this one row to know whether it
// is still current (kernel/roster-view.ts).
import type { RosterVersion, Versioned } from '../kernel/ports.ts';
import { VersionConflict } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

interface VersionRow {
  /** How many bumps it has had: only so that each write differs; the ETag is the version. */
  bumps: number;
}

const PARTITION = 'roster';
const ROW = 'version';

export class TableRosterVersion implements RosterVersion {
  private readonly rows: DocumentTable<VersionRow>;
  private bumped = 0;

  constructor(store: TableStore) {
    this.rows = new DocumentTable<VersionRow>(store, TABLES.rosterVersion, () => ({ partitionKey: PARTITION, rowKey: ROW }));
  }

  get localBumps(): number {
    return this.bumped;
  }

  async current(): Promise<string | undefined> {
    return (await this.rows.get(PARTITION, ROW))?.version;
  }

  async bump(): Promise<void> {
    // Counted first: even if the write below fails, this process reloads its own roster next time.
    this.bumped++;
    const row: Versioned<VersionRow> | undefined = await this.rows.get(PARTITION, ROW);
    try {
      if (row) await this.rows.save({ bumps: row.value.bumps + 1 }, row.version, 'roster version');
      else await this.rows.create({ bumps: 1 }, 'roster version');
    } catch (error) {
      // Someone else changed it since it was read: the version moved on, which is all a bump is for.
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
}

const shared = new WeakMap<TableStore, TableRosterVersion>();

/** One per store, so the repositories of a process and its roster view count the same local bumps. */
export function rosterVersionOf(store: TableStore): TableRosterVersion {
  let v = shared.get(store);
  if (!v) {
    v = new TableRosterVersion(store);
    shared.set(store, v);
  }
  return v;
}
