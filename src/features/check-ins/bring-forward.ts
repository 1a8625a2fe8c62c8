// Issue 14: when the workload log raises a flag, the person's next check-in is brought forward to
// their next working day (the rules in workload-rules.ts say when). The brought-forward check-in IS
// the next cycle's check-in (same id, an earlier due date), so the schedule never sends that cycle
// again; it closes when that cycle would have closed. Nothing is brought forward while the current
// check-in is still with the person (it is their next check-in already).
import { checkInId, closesOnFor, currentDueOn, receivesCheckIns, type CheckIn } from './check-in.ts';
import type { CheckInSchedule } from './question-set.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { addDays, instantAt, localMoment, nextWorkingMoment } from '../../kernel/working-time.ts';
import type { CheckInDeps } from './deps.ts';

/** The first regular due date after `today` (a person before their first cycle included). Pure. */
export function nextRegularDueOn(person: Pick<Person, 'joinedUnitOn'>, schedule: CheckInSchedule, today: string): string | undefined {
  for (let i = 1; i <= 120; i++) {
    const day = addDays(today, i);
    if (currentDueOn(person, schedule, day) === day) return day;
  }
  return undefined;
}

/** The person's next working day after `today` (their pattern, not on leave), or undefined within 60 days. */
export function nextWorkingDay(person: Pick<Person, 'id' | 'workingPattern'>, roster: Pick<Roster, 'absences'>, today: string) {
  const at = nextWorkingMoment(person.workingPattern, roster.absences, person.id, instantAt(addDays(today, 1), 0), { settleMinutes: 0 });
  return at ? localMoment(at).date : undefined;
}

/** Brings the next check-in forward; answers its new due date, or undefined when nothing was moved. */
export async function bringCheckInForward(deps: CheckInDeps, person: Person, roster: Roster, week: string): Promise<string | undefined> {
  if (!receivesCheckIns(person)) return undefined;
  const schedule = deps.checkInSettings.scheduleFor(person.unitId);
  const set = deps.checkInSettings.questionSet(schedule.questionSetId);
  if (!set) return undefined;
  const now = deps.clock.now();
  const today = localMoment(now).date;
  const current = currentDueOn(person, schedule, today);
  if (current) {
    const stored = (await deps.checkIns.get(checkInId(person.id, current)))?.value;
    // Still open (or about to be sent today): that check-in is their next one already.
    if (!stored || stored.status === 'open') return undefined;
  }
  const regular = nextRegularDueOn(person, schedule, today);
  const next = nextWorkingDay(person, roster, today);
  if (!regular || !next || next >= regular) return undefined;
  const id = checkInId(person.id, regular);
  const fresh: CheckIn = {
    id,
    personId: person.id,
    unitId: person.unitId,
    questionSetId: set.id,
    dueOn: next,
    closesOn: closesOnFor(regular, schedule),
    onDemand: false,
    status: 'open',
    sentAt: now.toISOString(),
    shared: false,
    broughtForward: { from: regular, week },
  };
  if ((await deps.checkIns.add(fresh)) === 'created') {
    await deps.audit.append({
      at: fresh.sentAt,
      actor: 'system',
      action: 'checkIn.broughtForward',
      subject: id,
      about: person.id,
      reason: `from ${regular} to ${next}`,
      outcome: 'ok',
    });
    return next;
  }
  const existing = (await deps.checkIns.get(id))?.value;
  return existing?.broughtForward && existing.status === 'open' ? existing.dueOn : undefined;
}
