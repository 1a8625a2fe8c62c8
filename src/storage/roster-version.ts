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
  /** The row as this process last wrote it. */
  private last: Versioned<VersionRow> | undefined;

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
    // The row must change after the caller's write. A save with the version this process last wrote usually
    // does it in one call (an import writes thousands of rows); a conflict then proves only that someone
    // changed it at some time, so the row is read and saved again, and a conflict on that fresh version
    // means someone else changed it after the caller's write, which is all a bump is for.
    for (;;) {
      const fresh = !this.last;
      const row = fresh ? await this.rows.get(PARTITION, ROW) : this.last;
      try {
        const bumps = (row?.value.bumps ?? 0) + 1;
        const version = row
          ? await this.rows.save({ bumps }, row.version, 'roster version')
          : await this.rows.create({ bumps }, 'roster version');
        this.last = { value: { bumps }, version };
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
        this.last = undefined;
        if (fresh) return;
      }
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
