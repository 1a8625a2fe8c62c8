// Real Azurite, in process, in memory, on a free port. Each call gets its own table prefix and its
// own data-encryption key, so test files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { FieldCipher } from '../../src/storage/field-cipher.ts';
import { TableStore } from '../../src/storage/table-store.ts';

export interface TestStore {
  store: TableStore;
  connectionString: string;
  /** The table prefix of `store`. */
  prefix: string;
  /** The data-encryption key of `store`, for tests that build a second cipher. */
  key: Buffer;
  /**
   * Another TableStore on the same Azurite: with the same prefix and key it is a second Haven
   * instance over the same tables; with a new prefix it is an empty store. Tables are ensured.
   */
  openStore(options?: { prefix?: string; key?: Buffer }): Promise<TableStore>;
  close(): Promise<void>;
}

/** A table-name prefix: letters and digits only, starting with a letter (Azure table naming rules). */
export function randomTablePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function startTestStore(): Promise<TestStore> {
  const azurite = await startEmbeddedAzurite();
  const open = async (prefix: string, key: Buffer): Promise<TableStore> => {
    const store = new TableStore({ connectionString: azurite.connectionString }, new FieldCipher(key), prefix);
    await store.ensureTables();
    return store;
  };
  try {
    const key = randomBytes(32);
    const prefix = randomTablePrefix();
    const store = await open(prefix, key);
    return {
      store,
      connectionString: azurite.connectionString,
      prefix,
      key,
      openStore: (options = {}) => open(options.prefix ?? randomTablePrefix(), options.key ?? key),
      close: () => azurite.close(),
    };
  } catch (error) {
    await azurite.close();
    throw error;
  }
}
