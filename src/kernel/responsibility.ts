import type { KernelDeps } from './context.ts';
import type { Absence, Person, Roster, Unit } from './types.ts';

/** ISO date (YYYY-MM-DD) of an instant, in UTC. Units in this release run on UK time; see README. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function activeAbsence(absences: readonly Absence[], personId: string, now: Date): Absence | undefined {
  const day = isoDay(now);
  return absences.find((a) => a.personId === personId && a.from <= day && day <= a.to);
}

export type Responsible =
  | { kind: 'supervisor'; personId: string }
  | { kind: 'cover'; personId: string; absentSupervisorId: string }
  | { kind: 'departmentHead'; personId: string; reason: 'noSupervisor' | 'supervisorAbsentNoCover' | 'coverAbsent' }
  | { kind: 'nobody'; reason: string };

/**
 * Who must act for this person right now. Never the absent supervisor alone: with no cover (or an
 * absent cover) the department head is on.
 */
export function responsibleFor(person: Person, roster: Pick<Roster, 'people' | 'units' | 'absences'>, now: Date): Responsible {
  const unit: Unit | undefined = roster.units.find((u) => u.id === person.unitId);
  // The next level is on, never the person themselves nor someone absent today (e.g. the report of
  // an absent department head goes to the person above, not back to the absent head).
  const next = [unit?.departmentHeadId, unit?.aboveId].find((id) => id && id !== person.id && !activeAbsence(roster.absences, id, now));
  const fallback = (reason: 'noSupervisor' | 'supervisorAbsentNoCover' | 'coverAbsent'): Responsible =>
    next ? { kind: 'departmentHead', personId: next, reason } : { kind: 'nobody', reason: `no supervisor, department head or person above is available for unit ${person.unitId}` };
  if (!person.supervisorId) return fallback('noSupervisor');
  const absence = activeAbsence(roster.absences, person.supervisorId, now);
  if (!absence) return { kind: 'supervisor', personId: person.supervisorId };
  const coverId = absence.coverId ?? roster.people.find((p) => p.id === person.supervisorId)?.coverId;
  if (!coverId || coverId === person.id) return fallback('supervisorAbsentNoCover');
  if (activeAbsence(roster.absences, coverId, now)) return fallback('coverAbsent');
  return { kind: 'cover', personId: coverId, absentSupervisorId: person.supervisorId };
}

export function directReports(people: readonly Person[], supervisorId: string): Person[] {
  return people.filter((p) => p.supervisorId === supervisorId);
}

/** Fallback responders: configured ones, else every department head on the roster. */
export function fallbackIds(deps: Pick<KernelDeps, 'fallbackResponders'>, roster: Roster): string[] {
  if (deps.fallbackResponders.length) return deps.fallbackResponders;
  return roster.people.filter((p) => p.roles.includes('departmentHead')).map((p) => p.id);
}
