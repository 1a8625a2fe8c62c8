// What Haven stores about scheduled care: that an item was done (and when, and who recorded it), and
// for each due occurrence, who was reminded and how far an overdue item has escalated. No answers
// or free text live here.
import type { CareItem } from './care-schedule.ts';
import type { EscalatingTask } from '../../kernel/task-escalation.ts';

export interface CareRecord {
  /** Deterministic: `care-{personId}-{item}-{doneOn}`: recording the same thing twice stores it once. */
  id: string;
  personId: string;
  unitId: string;
  item: CareItem;
  /** ISO date the care happened. */
  doneOn: string;
  recordedBy: string;
  recordedAt: string;
}

/** One due occurrence of an item for a person: `{personId}:{item}:{dueDate}`. */
export interface CareReminder extends EscalatingTask {
  id: string;
  personId: string;
  unitId: string;
  item: CareItem;
  dueDate: string;
  /** When the person's own reminder went out. */
  personRemindedAt?: string;
  /** Who was reminded as responsible (supervisor, cover or department head), and when. */
  responsibleReminded?: { personId: string; at: string };
  /** When the responsible person's tray line became "overdue since …". */
  trayOverdueAt?: string;
}

export function careRecordId(personId: string, item: CareItem, doneOn: string): string {
  return `care-${personId}-${item}-${doneOn}`;
}

export function careReminderId(personId: string, item: CareItem, dueDate: string): string {
  return `${personId}:${item}:${dueDate}`;
}

/** The tray key of one due occurrence: the same for every recipient, so recording it resolves it everywhere. */
export function careTrayKey(personId: string, item: CareItem, dueDate: string): string {
  return `care:${personId}:${item}:${dueDate}`;
}

/**
 * Clinical supervision brought forward for a person because a check-in flag or an "I'm not okay"
 * request was raised about them: due by `dueBy` instead of later, until clinical supervision is next
 * recorded done on a day after `raisedOn`. One per person (id `{personId}:clinicalSupervision`), written
 * with its ETag. Only the person's own subject export shows `reason`; the reminder and the responsible
 * person's line just say the item is due.
 */
export interface CareForward {
  id: string;
  personId: string;
  unitId: string;
  item: 'clinicalSupervision';
  /** ISO date (unit time zone) it was last brought forward. */
  raisedOn: string;
  /** ISO date it is now due by. */
  dueBy: string;
  raisedAt: string;
  reason: 'flag' | 'request';
}

export function careForwardId(personId: string): string {
  return `${personId}:clinicalSupervision`;
}
