// botbuilder's Storage interface on Azure Table Storage, for the stateful echo bot (bench only: Haven
// keeps its storage in src/storage). One row per state key; reads of several keys go out together;
// a write of an item read before carries that read's ETag, a new item is created only if absent.
// Under load several turns of one conversation overlap; a write that loses the race (412, or 409 on
// create) re-reads the row and writes once more with its new ETag, as a careful bot would, and those
// extra calls are counted like any other.
import { TableClient, type TableEntityResult } from '@azure/data-tables';
import type { Storage, StoreItems } from 'botbuilder';

interface StateRow {
  partitionKey: string;
  rowKey: string;
  state: string;
}

// Keys look like msteams/<bot>/conversations/<id>: '/', '\\', '#' and '?' are not allowed in table keys.
const keyOf = (key: string) => encodeURIComponent(key);

export class TableTurnStorage implements Storage {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string, tableName: string): Promise<TableTurnStorage> {
    const table = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
    await table.createTable();
    return new TableTurnStorage(table);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        try {
          const row: TableEntityResult<StateRow> = await this.table.getEntity<StateRow>(keyOf(key), '');
          items[key] = { ...(JSON.parse(row.state) as object), eTag: row.etag };
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        }
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const { eTag, ...rest } = value as { eTag?: string };
        const row: StateRow = { partitionKey: keyOf(key), rowKey: '', state: JSON.stringify(rest) };
        for (let attempt = 0; ; attempt++) {
          try {
            if (attempt === 0 && !(eTag && eTag !== '*')) await this.table.createEntity(row);
            else if (attempt === 0) await this.table.updateEntity(row, 'Replace', { etag: eTag });
            else await this.table.updateEntity(row, 'Replace', { etag: (await this.table.getEntity<StateRow>(row.partitionKey, '')).etag });
            return;
          } catch (error) {
            const status = (error as { statusCode?: number }).statusCode;
            if ((status !== 412 && status !== 409) || attempt >= 5) throw error;
          }
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.table.deleteEntity(keyOf(key), '')));
  }
}
