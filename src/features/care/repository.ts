// The storage this feature needs, in domain words. src/storage implements it; only main.ts wires it.
import type { CareForward, CareRecord, CareReminder } from './care-record.ts';
import type { StagedExposure } from './staged-exposure.ts';
import type { Versioned } from '../../kernel/ports.ts';

export interface StagedExposureRepository {
  /** One record per person. */
  get(personId: string): Promise<Versioned<StagedExposure> | undefined>;
  create(record: StagedExposure): Promise<string>;
  save(record: StagedExposure, expectedVersion: string): Promise<string>;
  list(): Promise<Versioned<StagedExposure>[]>;
  delete(personId: string, expectedVersion: string): Promise<void>;
}

export interface CareRepository {
  /** Stores the record unless one with the same id exists (then answers 'duplicate'). */
  addRecord(record: CareRecord): Promise<'created' | 'duplicate'>;
  listRecords(): Promise<Versioned<CareRecord>[]>;
  listRecordsFor(personId: string): Promise<Versioned<CareRecord>[]>;
  /** Retention only: one record, to delete it guarded by the version it was listed with. */
  getRecord(personId: string, id: string): Promise<Versioned<CareRecord> | undefined>;
  getReminder(id: string): Promise<Versioned<CareReminder> | undefined>;
  /** Creates the reminder state unless it exists (then answers 'duplicate'). */
  addReminder(reminder: CareReminder): Promise<'created' | 'duplicate'>;
  saveReminder(reminder: CareReminder, expectedVersion: string): Promise<string>;
  listReminders(): Promise<Versioned<CareReminder>[]>;
  listRemindersFor(personId: string): Promise<Versioned<CareReminder>[]>;
  /** Retention only: reminders closed (done or superseded), a scan filtered on `isOpen`. */
  listClosedReminders(): Promise<Versioned<CareReminder>[]>;
  /** Marks a periodic message (a weekly team card, a span-of-control notice) as sent; 'duplicate' if it already was. */
  addMark(key: string, at: string): Promise<'created' | 'duplicate'>;
  hasMark(key: string): Promise<boolean>;
  /** Data-protection erasure only: the person's care history and reminder state, and marks naming them. */
  deleteRecord(record: CareRecord, expectedVersion: string): Promise<void>;
  deleteReminder(reminder: CareReminder, expectedVersion: string): Promise<void>;
  deleteMarksNaming(personId: string): Promise<number>;
  /** Data-protection requests only: the marks `deleteMarksNaming` would remove. */
  listMarksNaming(personId: string): Promise<{ key: string; at: string }[]>;
  // Issue #14 part 4 (care pace): clinical supervision brought forward, one per person.
  getForward(personId: string): Promise<Versioned<CareForward> | undefined>;
  /** Stores it unless one exists for the person (then answers 'duplicate'). */
  addForward(forward: CareForward): Promise<'created' | 'duplicate'>;
  saveForward(forward: CareForward, expectedVersion: string): Promise<string>;
  listForwards(): Promise<Versioned<CareForward>[]>;
  deleteForward(forward: CareForward, expectedVersion: string): Promise<void>;
}
