import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../kernel/types.ts';
import type { AuditLog } from '../kernel/ports.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

type Row = AuditEntry & { rowId: string };
/** An index copy: its partition is `indexKey` (absent on copies written before `about`: the subject). */
type IndexRow = Row & { indexKey?: string };
const indexedEntry = ({ indexKey: _indexKey, ...row }: IndexRow): Row => row;

/** Subjects longer than this are not indexed (a table key holds 1 KiB; Haven's subjects are short ids). */
const MAX_INDEXED_SUBJECT = 400;

/**
 * The index partitions an entry is listed under: its subject, and `person:<about>` when the subject is one
 * of that person's records (a declaration, a journey, a flag), so "audit <person>" lists those too.
 */
function indexKeys(entry: AuditEntry): string[] {
  const keys = [entry.subject, ...(entry.about ? [`person:${entry.about}`] : [])];
  return [...new Set(keys)].filter((k) => k.length <= MAX_INDEXED_SUBJECT);
}

/**
 * Append-only: rows are only ever created, one partition per day, row keys sort by time.
 *
 * Issue 16 part 4 (audit viewer): every append also writes a copy of the entry to a per-subject index
 * (partition = the subject, row key = the same time-ordered id), so "what happened to person:<id>"
 * is one partition query, never a scan of the trail. Cost: two writes per audit entry instead of one,
 * and the index doubles the trail's storage. Entries appended before the index existed are not in it.
 * An entry about one of a person's records (`about` set) has a second copy under `person:<about>`; one
 * appended before `about` existed is listed under its record subject only.
 */
export class TableAuditLog implements AuditLog {
  private readonly rows: DocumentTable<Row>;
  private readonly bySubject: DocumentTable<IndexRow>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Row>(store, TABLES.audit, (r) => ({ partitionKey: r.at.slice(0, 10), rowKey: r.rowId }), {
      indexed: (r) => ({ at: r.at, actor: r.actor, action: r.action }),
    });
    this.bySubject = new DocumentTable<IndexRow>(
      store,
      TABLES.auditBySubject,
      (r) => ({ partitionKey: r.indexKey ?? r.subject, rowKey: r.rowId }),
      {
        indexed: (r) => ({ at: r.at, actor: r.actor, action: r.action }),
      },
    );
  }
  async append(entry: AuditEntry): Promise<void> {
    const row = { ...entry, rowId: `${entry.at}-${randomUUID()}` };
    // Issue 15: the trail row and its index copies are independent rows, written together (one round trip on
    // a click's path, not three). Any failure fails the append as before; a copy may then outlive a trail row
    // that was not written, and the viewer shows it: the action it names did happen (it is audited after).
    await Promise.all([
      this.rows.create(row, 'audit entry'),
      ...indexKeys(entry).map((key) => this.bySubject.create({ ...row, indexKey: key }, 'audit index entry')),
    ]);
  }
  async list(fromIso: string, toIso: string): Promise<AuditEntry[]> {
    const rows = await this.rows.query(`PartitionKey ge '${fromIso.slice(0, 10)}' and PartitionKey le '${toIso.slice(0, 10)}'`);
    return rows
      .map((r) => r.value)
      .filter((r) => r.at >= fromIso && r.at <= toIso)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ rowId: _rowId, ...entry }) => entry);
  }
  async listBySubject(subject: string): Promise<AuditEntry[]> {
    if (subject.length > MAX_INDEXED_SUBJECT) return [];
    const rows = await this.bySubject.query(`PartitionKey eq ${keyLiteral(subject)}`);
    return rows
      .map((r) => indexedEntry(r.value))
      .sort((a, b) => b.rowId.localeCompare(a.rowId))
      .map(({ rowId: _rowId, ...entry }) => entry);
  }
  async redact(rewrite: (entry: AuditEntry) => AuditEntry | undefined): Promise<number> {
    let changed = 0;
    for (const row of await this.rows.query()) {
      const { rowId, ...entry } = row.value;
      const next = rewrite(entry);
      if (!next || JSON.stringify(next) === JSON.stringify(entry)) continue;
      // Same keys (day partition, time-ordered row id): the row keeps its place in the trail.
      const redacted = { ...next, at: entry.at, rowId };
      await this.rows.save(redacted, row.version, 'audit entry');
      // The index copies follow: they move when the subject or whose record it is changed (each is a partition).
      await this.reindex(rowId, entry, redacted);
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
    const current = await this.rows.get(day, rowId);
    if (!current) return;
    const before = current.value;
    if (!entry) await this.rows.delete(day, rowId, version);
    else await this.rows.save({ ...entry, at: before.at, rowId }, version, 'audit entry');
    // The per-subject index copies follow the trail row: deleted with it, or moved when its subject (or
    // whose record it is) changed. Retention must not leave behind in the index what it removed from the trail.
    await this.reindex(rowId, before, entry ? { ...entry, at: before.at, rowId } : undefined);
  }
  /** Brings the index copies of one trail row from `before` to `after` (undefined: the row is gone). */
  private async reindex(rowId: string, before: AuditEntry, after: (AuditEntry & { rowId: string }) | undefined): Promise<void> {
    const current = new Map<string, string>();
    for (const key of indexKeys(before)) {
      const copy = await this.bySubject.get(key, rowId);
      if (copy) current.set(key, copy.version);
    }
    // A row appended before the index existed has no copy, and gets none now.
    if (current.size === 0) return;
    const newKeys = after ? indexKeys(after) : [];
    for (const key of newKeys) {
      const copy: IndexRow = { ...after!, rowId, indexKey: key };
      const version = current.get(key);
      if (version) await this.bySubject.save(copy, version, 'audit index entry');
      else await this.bySubject.createIfAbsent(copy);
    }
    for (const [key, version] of current) if (!newKeys.includes(key)) await this.bySubject.delete(key, rowId, version);
  }
}
