// Real Azurite, in process, in memory, on a free port. Each call gets its own table prefix and its
// own data-encryption key, so test files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { FieldCipher } from '../../src/storage/field-cipher.ts';
import { TableStore } from '../../src/storage/table-store.ts';

export interface TestStore {
  store: TableStore;
  connectionString: string;
  /** The key the store encrypts with, for tests that build a second cipher. */
  key: Buffer;
  close(): Promise<void>;
}

/** A table-name prefix: letters and digits only, starts with a letter (Azure table naming rules). */
export function randomTablePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function startTestStore(): Promise<TestStore> {
  const azurite = await startEmbeddedAzurite();
  try {
    const key = randomBytes(32);
    const store = new TableStore({ connectionString: azurite.connectionString }, new FieldCipher(key), randomTablePrefix());
    await store.ensureTables();
    return { store, connectionString: azurite.connectionString, key, close: () => azurite.close() };
  } catch (error) {
    await azurite.close();
    throw error;
  }
}
