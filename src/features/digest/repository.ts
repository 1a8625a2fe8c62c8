// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { Versioned } from '../../kernel/ports.ts';
import type { DigestRecord, DigestState } from './model.ts';

export interface DigestRepository {
  get(date: string, recipientId: string): Promise<Versioned<DigestRecord> | undefined>;
  /** Creates the day's record unless it exists (then 'duplicate': the day was already considered). */
  add(record: DigestRecord): Promise<'created' | 'duplicate'>;
  save(record: DigestRecord, expectedVersion: string): Promise<string>;
  /** Every recipient's record of one day (one partition): who was considered, whose card may need updating. */
  listOn(date: string): Promise<Versioned<DigestRecord>[]>;
  getState(recipientId: string): Promise<Versioned<DigestState> | undefined>;
  /** Create (expectedVersion undefined) or replace, guarded by the version read. */
  putState(state: DigestState, expectedVersion: string | undefined): Promise<string>;
  /** Data-protection requests only (a scan): the recipient's records. */
  listFor(recipientId: string): Promise<Versioned<DigestRecord>[]>;
  /** Data-protection requests only (a scan): records holding a line about this person. */
  listNaming(personId: string): Promise<Versioned<DigestRecord>[]>;
  /** Issue 16 (retention): every recipient's records of days before `date` (a range of day partitions). */
  listBefore(date: string): Promise<Versioned<DigestRecord>[]>;
  delete(record: DigestRecord, expectedVersion: string): Promise<void>;
  deleteState(recipientId: string): Promise<void>;
}
