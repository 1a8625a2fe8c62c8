// Free text (notes, answers, card payloads that may quote them) is encrypted by the application
// before it reaches storage, so a storage administrator cannot read it. AES-256-GCM with the
// table/partition/row/field as associated data: a ciphertext copied to another row or field fails
// to decrypt instead of leaking into the wrong place.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DATA_KEY_MISMATCH, DataKeyMismatch } from '../kernel/data-key.ts';

export { DATA_KEY_MISMATCH, DataKeyMismatch };

export interface FieldLocation {
  table: string;
  partitionKey: string;
  rowKey: string;
  field: string;
}

const PREFIX = 'enc:v1:';

export class FieldCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the data-encryption key must be 32 bytes (AES-256)');
    this.key = Buffer.from(key);
  }

  private static aad(loc: FieldLocation): Buffer {
    return Buffer.from(JSON.stringify([loc.table, loc.partitionKey, loc.rowKey, loc.field]), 'utf8');
  }

  encrypt(plaintext: string, loc: FieldLocation): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(FieldCipher.aad(loc));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string, loc: FieldLocation): string {
    if (!stored.startsWith(PREFIX)) throw new Error(`field ${loc.field} in ${loc.table} is not encrypted`);
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(FieldCipher.aad(loc));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // GCM cannot tell a wrong key from an altered value; the start-up check (TableStore.verifyDataKey) can.
      throw new DataKeyMismatch(
        `cannot decrypt field ${loc.field} in ${loc.table}: ${DATA_KEY_MISMATCH}, or the stored value was altered or moved`,
      );
    }
  }
}
