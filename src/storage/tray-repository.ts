import type { TrayItem } from '../kernel/tray.ts';
import type { TrayRepository, Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, keyLiteral, type TableStore } from './table-store.ts';

interface KeyIndexRow {
  key: string;
  recipientId: string;
}

/**
 * The tray, keyed for the questions asked of it:
 * - havenTray: PartitionKey = recipient, RowKey = item key, with `isOpen` and `aboutPersonId` as
 *   properties. "My open items" (every digest) is one partition query, `PartitionKey eq r and
 *   isOpen eq true`; get/save are point operations.
 * - havenTrayKeys: PartitionKey = item key, RowKey = recipient. "Resolve this everywhere" reads one
 *   small partition and then point-reads each recipient's row; nothing scans history.
 * The index row is written before the item, so an item always has its index row; an index row whose
 * item write failed points at nothing and is skipped. Lines are plain text about due work (names and
 * dates, no answers or free text), so no field is encrypted.
 */
export class TableTrayRepository implements TrayRepository {
  private readonly items: DocumentTable<TrayItem>;
  private readonly keys: DocumentTable<KeyIndexRow>;
  constructor(store: TableStore) {
    this.items = new DocumentTable<TrayItem>(store, TABLES.tray, (i) => ({ partitionKey: i.recipientId, rowKey: i.key }), {
      indexed: (i) => ({ isOpen: !i.resolvedAt, aboutPersonId: i.aboutPersonId ?? '' }),
    });
    this.keys = new DocumentTable<KeyIndexRow>(store, TABLES.trayKeys, (k) => ({ partitionKey: k.key, rowKey: k.recipientId }));
  }
  get(recipientId: string, key: string): Promise<Versioned<TrayItem> | undefined> {
    return this.items.get(recipientId, key);
  }
  async create(item: TrayItem): Promise<'created' | 'duplicate'> {
    await this.keys.createIfAbsent({ key: item.key, recipientId: item.recipientId });
    return (await this.items.createIfAbsent(item)) === undefined ? 'duplicate' : 'created';
  }
  save(item: TrayItem, expectedVersion: string): Promise<string> {
    return this.items.save(item, expectedVersion, 'tray item');
  }
  listOpenFor(recipientId: string): Promise<Versioned<TrayItem>[]> {
    return this.items.query(`PartitionKey eq ${keyLiteral(recipientId)} and isOpen eq true`);
  }
  listFor(recipientId: string): Promise<Versioned<TrayItem>[]> {
    return this.items.query(`PartitionKey eq ${keyLiteral(recipientId)}`);
  }
  async recipientsOf(key: string): Promise<string[]> {
    return (await this.keys.query(`PartitionKey eq ${keyLiteral(key)}`)).map((r) => r.value.recipientId);
  }
  listAbout(personId: string): Promise<Versioned<TrayItem>[]> {
    return this.items.query(`aboutPersonId eq '${personId.replace(/'/g, "''")}'`);
  }
  // Retention: `isOpen` is a property, not a key: a filtered scan of the table, once a day.
  listResolved(): Promise<Versioned<TrayItem>[]> {
    return this.items.query('isOpen eq false');
  }
  async delete(item: TrayItem, expectedVersion: string): Promise<void> {
    await this.items.delete(item.recipientId, item.key, expectedVersion);
    await this.keys.delete(item.key, item.recipientId);
  }
}
