import { FLAG_REASONS, isFlagOpen, type Flag } from '../features/check-ins/flag.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { FlagRepository } from '../features/check-ins/index.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

/**
 * The person ids a flag id can name: ids are `flag-{personId}-{reason}-{when}` (flag.ts), and a person id
 * may hold hyphens, so each known reason is tried where it occurs. Almost always exactly one.
 */
function personIdsIn(id: string): string[] {
  if (!id.startsWith('flag-')) return [];
  const out = new Set<string>();
  for (const reason of FLAG_REASONS)
    for (let at = id.indexOf(`-${reason}-`, 5); at > 5; at = id.indexOf(`-${reason}-`, at + 1)) out.add(id.slice(5, at));
  return [...out];
}

/** Flags are partitioned by person (a person's history is one partition). They hold no answers. */
export class TableFlagRepository implements FlagRepository {
  private readonly rows: DocumentTable<Flag>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Flag>(store, TABLES.flags, (f) => ({ partitionKey: f.personId, rowKey: f.id }), {
      indexed: (f) => ({ unitId: f.unitId, reason: f.reason, isOpen: isFlagOpen(f) }),
    });
  }
  async add(flag: Flag): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(flag)) === undefined ? 'duplicate' : 'created';
  }
  /** Issue 15: a point read in the person's partition (the id names them), never a query across every partition. */
  async get(id: string): Promise<Versioned<Flag> | undefined> {
    for (const personId of personIdsIn(id)) {
      const found = await this.rows.get(personId, id);
      if (found) return found;
    }
    return undefined;
  }
  save(flag: Flag, expectedVersion: string): Promise<string> {
    return this.rows.save(flag, expectedVersion, `flag ${flag.id}`);
  }
  listOpen(): Promise<Versioned<Flag>[]> {
    return this.rows.query('isOpen eq true');
  }
  listForPerson(personId: string): Promise<Versioned<Flag>[]> {
    return this.rows.query(`PartitionKey eq ${keyLiteral(personId)}`);
  }
  list(): Promise<Versioned<Flag>[]> {
    return this.rows.query();
  }
  // Issue 16 (retention): no closing time is indexed yet, so this reads every closed flag (filtered server side).
  listClosed(): Promise<Versioned<Flag>[]> {
    return this.rows.query('isOpen eq false');
  }
  delete(id: string, expectedVersion: string): Promise<void> {
    return this.get(id).then((f) => (f ? this.rows.delete(f.value.personId, id, expectedVersion) : undefined));
  }
}
