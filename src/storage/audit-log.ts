import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../kernel/types.ts';
import type { AuditLog } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

type Row = AuditEntry & { rowId: string };

/** Append-only: rows are only ever created, one partition per day, row keys sort by time. */
export class TableAuditLog implements AuditLog {
  private readonly rows: DocumentTable<Row>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Row>(store, TABLES.audit, (r) => ({ partitionKey: r.at.slice(0, 10), rowKey: r.rowId }), {
      indexed: (r) => ({ at: r.at, actor: r.actor, action: r.action }),
    });
  }
  async append(entry: AuditEntry): Promise<void> {
    await this.rows.create({ ...entry, rowId: `${entry.at}-${randomUUID()}` }, 'audit entry');
  }
  async list(fromIso: string, toIso: string): Promise<AuditEntry[]> {
    const rows = await this.rows.query(`PartitionKey ge '${fromIso.slice(0, 10)}' and PartitionKey le '${toIso.slice(0, 10)}'`);
    return rows
      .map((r) => r.value)
      .filter((r) => r.at >= fromIso && r.at <= toIso)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ rowId: _rowId, ...entry }) => entry);
  }
  async redact(rewrite: (entry: AuditEntry) => AuditEntry | undefined): Promise<number> {
    let changed = 0;
    for (const row of await this.rows.query()) {
      const { rowId, ...entry } = row.value;
      const next = rewrite(entry);
      if (!next || JSON.stringify(next) === JSON.stringify(entry)) continue;
      // Same keys (day partition, time-ordered row id): the row keeps its place in the trail.
      await this.rows.save({ ...next, at: entry.at, rowId }, row.version, 'audit entry');
      changed++;
    }
    return changed;
  }
  // Issue 16 (retention). Day partitions make "before the cutoff" a key range: the partitions up to the
  // cutoff's day, then the rows of that day before it.
  async listBefore(cutoffIso: string): Promise<{ ref: string; version: string; entry: AuditEntry }[]> {
    const cutoff = new Date(cutoffIso).toISOString();
    const rows = await this.rows.query(`PartitionKey le '${cutoff.slice(0, 10)}'`);
    return rows
      .filter((r) => r.value.at < cutoff)
      .map(({ value: { rowId, ...entry }, version }) => ({ ref: `${entry.at.slice(0, 10)}|${rowId}`, version, entry }));
  }
  async replace(ref: string, version: string, entry: AuditEntry | undefined): Promise<void> {
    const [day, rowId] = ref.split('|') as [string, string];
    if (!entry) return this.rows.delete(day, rowId, version);
    const current = await this.rows.get(day, rowId);
    if (!current) return;
    await this.rows.save({ ...entry, at: current.value.at, rowId }, version, 'audit entry');
  }
}
