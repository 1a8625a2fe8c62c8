// Clinical supervision brought forward (issue #14 part 4): when a check-in flag or an "I'm not okay"
// request is raised about someone, their next clinical supervision is due within a few working days
// (HAVEN_CARE_FORWARD_WORKING_DAYS, default 10) if it was due later. Called by check-ins and
// declarations through care's index.ts. Idempotent and crash-safe: the stored record is one per
// person, written create-if-absent or with its ETag, and re-reading it settles a lost or conflicting
// write; calling it twice changes nothing the second time. Nothing here tells anyone why: the
// scheduled-care job (tick-care.ts) sends the usual "due" reminder and tray line, which say only that
// clinical supervision is due. The reason is kept for the person's own subject export alone.
import { VersionConflict } from '../../kernel/ports.ts';
import type { KernelDeps } from '../../kernel/context.ts';
import { localMoment } from '../../kernel/working-time.ts';
import { personById } from '../../kernel/identify-person.ts';
import { addWorkingDays, careItemsFor, DEFAULT_CARE_SCHEDULE } from './care-schedule.ts';
import { careForwardId, type CareForward } from './care-record.ts';
import type { CareRepository } from './repository.ts';
import type { CareSettings } from './deps.ts';

export type BringForwardDeps = Pick<KernelDeps, 'people' | 'clock' | 'audit' | 'rosterView'> & {
  care: CareRepository;
  careSettings: Pick<CareSettings, 'schedule'>;
};

export type BringForwardResult = 'broughtForward' | 'alreadySooner' | 'noSchedule';

/** The signal that brought it forward: a check-in flag, or an "I'm not okay" request. */
export type BringForwardReason = CareForward['reason'];

export async function bringClinicalSupervisionForward(
  deps: BringForwardDeps,
  personId: string,
  reason: BringForwardReason,
): Promise<BringForwardResult> {
  const person = (await personById(deps, personId))?.value;
  if (!person) return 'noSchedule';
  const schedule = deps.careSettings.schedule;
  const days = schedule.clinicalSupervisionForwardWorkingDays ?? DEFAULT_CARE_SCHEDULE.clinicalSupervisionForwardWorkingDays!;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now();
    const today = localMoment(now).date;
    const dueBy = addWorkingDays(today, days);
    // Issue 15: both reads at once, on a request's path.
    const [records, stored] = await Promise.all([deps.care.listRecordsFor(personId), deps.care.getForward(personId)]);
    const done = records.map((r) => r.value);
    const current = careItemsFor(person, today, schedule, done, stored ? [stored.value] : []).find((i) => i.item === 'clinicalSupervision');
    if (!current) return 'noSchedule';
    if (current.dueDate <= dueBy) return 'alreadySooner';
    const next: CareForward = {
      id: careForwardId(personId),
      personId,
      unitId: person.unitId,
      item: 'clinicalSupervision',
      raisedOn: today,
      dueBy,
      raisedAt: now.toISOString(),
      reason,
    };
    try {
      if (stored) await deps.care.saveForward(next, stored.version);
      else if ((await deps.care.addForward(next)) === 'duplicate') continue; // written meanwhile: look again
    } catch (error) {
      if (error instanceof VersionConflict) continue;
      throw error;
    }
    // The audit row names the item and the new date, never the signal behind it.
    await deps.audit.append({
      at: next.raisedAt,
      actor: 'system',
      action: 'care.broughtForward',
      subject: `person:${personId}`,
      reason: `clinicalSupervision ${dueBy}`,
      outcome: 'ok',
    });
    return 'broughtForward';
  }
  throw new VersionConflict(`care forward ${careForwardId(personId)}`);
}
