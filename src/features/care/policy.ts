// Who may see and act on ongoing care and staged exposure, at the moment of asking. Pure: the caller
// passes the roster, `now` and who acts for the person now (kernel/responsibility.ts); views and
// workflows ask here and never re-decide. Entitlements are time-bound: a cover records care while
// covering, not after; someone told about an overdue item acts on it while they are still on its
// chain, and the audit trail keeps what they did.
import type { ChainEntry } from '../../kernel/escalation.ts';
import { activeAbsence, type Responsible } from '../../kernel/responsibility.ts';
import { mayActOnTask, type EscalatingTask } from '../../kernel/task-escalation.ts';
import type { Person, Roster } from '../../kernel/types.ts';

type RosterParts = Pick<Roster, 'people' | 'units' | 'absences'>;

/**
 * Who may record care for this person: their supervisor (not while away), whoever acts for them now,
 * the department head; and, for the suitability item only, the person the officer chose to read their
 * questionnaire (`suitabilityReaderId`: the suitability feature's policy says who that may be now), not while away.
 */
export function mayRecordCare(
  person: Person,
  roster: RosterParts,
  actorId: string,
  now: Date,
  actsNow: Responsible,
  chosen?: { item: string; suitabilityReaderId?: string },
): boolean {
  if (actorId === person.id) return false;
  if (chosen?.item === 'suitability' && chosen.suitabilityReaderId === actorId && !activeAbsence(roster.absences, actorId, now))
    return true;
  if (person.supervisorId === actorId && !activeAbsence(roster.absences, actorId, now)) return true;
  if (actsNow.kind !== 'nobody' && actsNow.personId === actorId) return true;
  return roster.units.some((u) => u.id === person.unitId && u.departmentHeadId === actorId);
}

/**
 * May this person record the care item an open reminder is about? Whoever may record care for the
 * person, and anyone the reminder reached who is still on its chain now (kernel/task-escalation.ts).
 */
export function mayActOnCareReminder(reminder: EscalatingTask, chain: readonly ChainEntry[], actorId: string): boolean {
  return mayActOnTask(reminder, chain, actorId);
}

/**
 * Who may confirm the next stage of staged exposure now, and so read the stage: whoever acts for the
 * person now (supervisor, cover while covering, the next level) and the unit's trainers who are not away.
 */
export function stageConfirmers(person: Person, roster: RosterParts, now: Date, actsNow: Responsible): string[] {
  const out: string[] = [];
  if (actsNow.kind !== 'nobody') out.push(actsNow.personId);
  for (const p of roster.people) {
    if (
      p.unitId === person.unitId &&
      p.id !== person.id &&
      p.roles.includes('trainer') &&
      !activeAbsence(roster.absences, p.id, now) &&
      !out.includes(p.id)
    )
      out.push(p.id);
  }
  return out;
}

/** May this person read (and confirm) someone's stage? The officer themselves, or a confirmer now. */
export function maySeeStage(person: Pick<Person, 'id'>, confirmers: readonly string[], actorId: string): boolean {
  return actorId === person.id || confirmers.includes(actorId);
}

/** May this person confirm the next stage? Never the officer themselves; only a confirmer now. */
export function mayConfirmStage(person: Pick<Person, 'id'>, confirmers: readonly string[], actorId: string): boolean {
  return actorId !== person.id && confirmers.includes(actorId);
}
