// Issue 16 part 4 (retention): care reminders and care records, deleted once past data/retention.json's
// period (careRecords) after they closed. A reminder is closed once its item was done or its due date was
// superseded (closedAt), and its due date lies before the cutoff too, so the schedule can never find it
// due again. A care record is closed once a newer record of the same item for the same person exists:
// it closed when that newer one was recorded. The latest record of each item is never deleted, however
// old: it is what schedules the next occurrence (and a person who left keeps theirs until their
// data-protection erasure, which removes the whole history).
import type { RetentionSource } from '../../kernel/retention.ts';
import type { CareRecord } from './care-record.ts';
import type { CareDeps } from './deps.ts';

const SEP = '|';
const idOf = (personId: string, id: string) => `${personId}${SEP}${id}`;
const split = (item: string): [string, string] => {
  const at = item.indexOf(SEP);
  return [item.slice(0, at), item.slice(at + 1)];
};

export const careReminderRetention: RetentionSource<CareDeps> = {
  kind: 'careRecords',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    return (await deps.care.listClosedReminders())
      .filter((r) => !!r.value.closedAt && r.value.closedAt < iso && r.value.dueDate < iso.slice(0, 10))
      .map((r) => ({ id: r.value.id, version: r.version }));
  },
  async apply(deps, item) {
    const current = await deps.care.getReminder(item.id);
    if (!current || current.version !== item.version || !current.value.closedAt) return false;
    await deps.care.deleteReminder(current.value, item.version);
    return true;
  },
};

/** When a record closed: when the next record of the same item for the person was recorded; undefined for the latest. */
export function careRecordsClosed(records: readonly CareRecord[]): Map<string, string> {
  const byItem = new Map<string, CareRecord[]>();
  for (const r of records) {
    const key = `${r.personId}${SEP}${r.item}`;
    byItem.set(key, [...(byItem.get(key) ?? []), r]);
  }
  const closed = new Map<string, string>();
  for (const list of byItem.values()) {
    const sorted = [...list].sort((a, b) => a.doneOn.localeCompare(b.doneOn) || a.recordedAt.localeCompare(b.recordedAt));
    for (let i = 0; i < sorted.length - 1; i++) closed.set(sorted[i]!.id, sorted[i + 1]!.recordedAt);
  }
  return closed;
}

export const careRecordRetention: RetentionSource<CareDeps> = {
  kind: 'careRecords',
  actions: ['delete'],
  async due(deps, cutoff) {
    const iso = cutoff.toISOString();
    // A full scan of the care records, once a day: which record superseded which is only known per item.
    const all = await deps.care.listRecords();
    const closed = careRecordsClosed(all.map((r) => r.value));
    return all
      .filter((r) => (closed.get(r.value.id) ?? '~') < iso)
      .map((r) => ({ id: idOf(r.value.personId, r.value.id), version: r.version }));
  },
  async apply(deps, item) {
    const [personId, id] = split(item.id);
    const current = await deps.care.getRecord(personId, id);
    if (!current || current.version !== item.version) return false;
    // Never the latest of its item: only if a newer record of the same item still exists.
    const newer = (await deps.care.listRecordsFor(personId)).some(
      (r) => r.value.item === current.value.item && r.value.id !== id && r.value.doneOn >= current.value.doneOn,
    );
    if (!newer) return false;
    await deps.care.deleteRecord(current.value, item.version);
    return true;
  },
};
