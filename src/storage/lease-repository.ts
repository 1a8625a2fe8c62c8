import type { LeaseReader, LeaseRepository } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';
import { VersionConflict } from '../kernel/ports.ts';

interface Lease {
  name: string;
  holder: string;
  expiresAt: string;
  /** Issue 16: when the holder last took or renewed it (every tick of the job loop does). */
  renewedAt?: string;
}

/** A lease is one ETag-guarded row: whoever writes it first with the version they read holds it. */
export class TableLeaseRepository implements LeaseRepository, LeaseReader {
  private readonly rows: DocumentTable<Lease>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Lease>(store, TABLES.leases, (l) => ({ partitionKey: l.name, rowKey: 'lease' }));
  }
  async tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const next: Lease = { name, holder, expiresAt: new Date(now.getTime() + ttlMs).toISOString(), renewedAt: now.toISOString() };
    const current = await this.rows.get(name, 'lease');
    try {
      if (!current) return (await this.rows.createIfAbsent(next)) !== undefined;
      if (current.value.holder !== holder && current.value.expiresAt > now.toISOString()) return false;
      await this.rows.save(next, current.version, `lease ${name}`);
      return true;
    } catch (error) {
      if (error instanceof VersionConflict) return false;
      throw error;
    }
  }
  async current(name: string): Promise<{ holder: string; expiresAt: string; renewedAt?: string } | undefined> {
    const row = await this.rows.get(name, 'lease');
    if (!row) return undefined;
    const { holder, expiresAt, renewedAt } = row.value;
    return { holder, expiresAt, ...(renewedAt ? { renewedAt } : {}) };
  }
  async release(name: string, holder: string): Promise<void> {
    const current = await this.rows.get(name, 'lease');
    if (!current || current.value.holder !== holder) return;
    try {
      await this.rows.delete(name, 'lease', current.version);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
}
