// The words for a data-encryption key that is not the one the stored data was written with. The
// storage layer raises DataKeyMismatch; commands (src/cli) recognise it without importing storage.

/** What to tell an operator when stored data cannot be decrypted with HAVEN_DATA_KEY. */
export const DATA_KEY_MISMATCH = 'HAVEN_DATA_KEY does not match the data already stored (it was encrypted with another key)';

/** A stored field that fails authentication: the key is not the one it was written with, or the value was altered or moved. */
export class DataKeyMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyMismatch';
  }
}
