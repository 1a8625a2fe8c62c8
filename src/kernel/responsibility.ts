// The ONE answer to "who acts for this person now": declarations, check-in flags, care reminders,
// staged exposure, the suitability review, "my team" and the journeys' head review all ask here,
// so they cannot disagree. Pure: the roster, the policy, `now` and the fallbacks come in.
import type { ChainEntry, EscalationPolicy } from './escalation.ts';
import type { Absence, Person, Roster } from './types.ts';

/** ISO date (YYYY-MM-DD) of an instant, in UTC. Units in this release run on UK time; see README. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The absence of this person (whoever they are) that covers today, if any. */
export function activeAbsence(absences: readonly Absence[], personId: string, now: Date): Absence | undefined {
  const day = isoDay(now);
  return absences.find((a) => a.personId === personId && a.from <= day && day <= a.to);
}

/**
 * Issue 16: whether someone is still a member of their unit, not marked left by the roster sync. The ONE
 * rule for every piece of scheduled or chosen work: no check-ins, care reminders, journeys started,
 * workload prompts, digests or "my team" listing for someone who left, and never chosen as a new responder.
 * `leftOn` is only ever the day the sync saw them gone (never a future day), so any `leftOn` means left.
 * Open requests keep their owner: this decides who is picked from now on, not who already holds something.
 */
export function isCurrentMember(person: Pick<Person, 'leftOn'>): boolean {
  return !person.leftOn;
}

/** The person the chain is about: someone on the roster, or a probe (a candidate's id and the unit they join). */
export type ChainSubject = Pick<Person, 'id' | 'unitId'> & Partial<Pick<Person, 'supervisorId'>>;
type RosterParts = Pick<Roster, 'people' | 'units' | 'absences'>;

/**
 * Who is on, level by level, for anything about `subject` right now. Absent people are never on;
 * a supervisor's cover (named on the absence, else their standing cover) takes the supervisor level;
 * when there is no cover the next level is on. A person appears once (first level wins), the subject
 * is never their own responder, and only people on the roster are on.
 *
 * Never a dead end: with nobody on any level (no supervisor, head or person above, or all away) the
 * fallback responders are on; if even they are all away they are on anyway, because someone must be.
 * Pass `fallbackIds(deps, roster)`, never the configured list raw: with none configured, every
 * department head is a fallback.
 */
export function responsibilityChain(
  subject: ChainSubject | undefined,
  roster: RosterParts,
  policy: Pick<EscalationPolicy, 'levels'>,
  now: Date,
  fallbacks: readonly string[] = [],
): ChainEntry[] {
  const unit = subject ? roster.units.find((u) => u.id === subject.unitId) : undefined;
  const byId = (id: string | undefined) => (id ? roster.people.find((p) => p.id === id) : undefined);
  const absent = (id: string) => activeAbsence(roster.absences, id, now) !== undefined;
  const supervisor = byId(subject?.supervisorId);
  const supervisorAbsence = supervisor ? activeAbsence(roster.absences, supervisor.id, now) : undefined;
  const coverId = supervisorAbsence?.coverId ?? supervisor?.coverId;

  const out: ChainEntry[] = [];
  const add = (personId: string | undefined, level: EscalationPolicy['levels'][number], note?: string) => {
    if (!personId || personId === subject?.id || absent(personId) || out.some((e) => e.personId === personId)) return;
    if (!roster.people.some((p) => p.id === personId && isCurrentMember(p))) return;
    out.push({ personId, role: level.role, delayMinutes: level.delayMinutes, note });
  };
  for (const level of policy.levels) {
    switch (level.role) {
      case 'supervisor':
        if (supervisor && !supervisorAbsence) add(supervisor.id, level);
        else if (supervisor && coverId) add(coverId, { ...level, role: 'cover' }, 'covering');
        break;
      case 'cover':
        add(coverId, level, 'cover');
        break;
      case 'departmentHead':
        add(unit?.departmentHeadId, level);
        break;
      case 'above':
        add(unit?.aboveId, level);
        break;
      case 'fallback':
        for (const id of fallbacks) add(id, level);
        break;
    }
  }
  if (out.length === 0) {
    const delayMinutes = policy.levels[policy.levels.length - 1]?.delayMinutes ?? 30;
    for (const id of fallbacks) add(id, { role: 'fallback', delayMinutes });
    if (out.length === 0)
      for (const id of fallbacks) {
        if (id !== subject?.id && !out.some((e) => e.personId === id) && roster.people.some((p) => p.id === id && isCurrentMember(p)))
          out.push({ personId: id, role: 'fallback', delayMinutes, note: 'away, but nobody else could be reached' });
      }
  }
  return out;
}

export type Responsible =
  | { kind: 'supervisor'; personId: string }
  | { kind: 'cover'; personId: string; absentSupervisorId: string }
  /** The next level (the department head, or the person above them) while nobody nearer is available. */
  | { kind: 'departmentHead'; personId: string; reason: 'noSupervisor' | 'supervisorAbsentNoCover' | 'coverAbsent' }
  | { kind: 'fallback'; personId: string }
  | { kind: 'nobody'; reason: string };

/**
 * Who acts now: the first of `responsibilityChain`, described for the cards ("covering for …").
 * Never the absent supervisor alone: with no cover (or an absent cover) the next level is on.
 */
export function whoActsNow(
  subject: ChainSubject,
  roster: RosterParts,
  policy: Pick<EscalationPolicy, 'levels'>,
  now: Date,
  fallbacks: readonly string[] = [],
): Responsible {
  const first = responsibilityChain(subject, roster, policy, now, fallbacks)[0];
  if (!first)
    return {
      kind: 'nobody',
      reason: `no supervisor, cover, department head, person above or fallback responder is available for unit ${subject.unitId}`,
    };
  const supervisor = subject.supervisorId ? roster.people.find((p) => p.id === subject.supervisorId) : undefined;
  const supervisorAbsence = supervisor ? activeAbsence(roster.absences, supervisor.id, now) : undefined;
  switch (first.role) {
    case 'supervisor':
      return { kind: 'supervisor', personId: first.personId };
    case 'cover':
      return { kind: 'cover', personId: first.personId, absentSupervisorId: supervisor?.id ?? subject.supervisorId ?? '' };
    case 'departmentHead':
    case 'above': {
      const coverId = supervisorAbsence?.coverId ?? supervisor?.coverId;
      // A supervisor who is present but not on the unit's policy counts as none (nobody is "away").
      const reason =
        !supervisor || !supervisorAbsence
          ? 'noSupervisor'
          : coverId && coverId !== subject.id && activeAbsence(roster.absences, coverId, now)
            ? 'coverAbsent'
            : 'supervisorAbsentNoCover';
      return { kind: 'departmentHead', personId: first.personId, reason };
    }
    case 'fallback':
      return { kind: 'fallback', personId: first.personId };
  }
}

export interface ResponsibilityDeps {
  policyFor(unitId: string | undefined): EscalationPolicy;
  fallbackResponders: string[];
}

const LINE_LEVELS: Pick<EscalationPolicy, 'levels'> = {
  levels: [
    { role: 'supervisor', delayMinutes: 1 },
    { role: 'cover', delayMinutes: 1 },
  ],
};

/**
 * The person's line supervisor now: their supervisor, or the supervisor's cover while they are away;
 * undefined when neither is available. The supervisor level of the same chain, never anyone above.
 */
export function lineSupervisorNow(subject: ChainSubject, roster: RosterParts, now: Date): string | undefined {
  return responsibilityChain(subject, roster, LINE_LEVELS, now)[0]?.personId;
}

/** The chain for a person with their unit's policy and the fallbacks; `unitId` picks another unit's policy. */
export function chainFor(
  deps: ResponsibilityDeps,
  subject: ChainSubject | undefined,
  roster: Roster,
  now: Date,
  unitId: string | undefined = subject?.unitId,
): ChainEntry[] {
  return responsibilityChain(subject, roster, deps.policyFor(unitId), now, fallbackIds(deps, roster));
}

/** `whoActsNow` with the person's unit policy and the fallbacks. */
export function actsNowFor(deps: ResponsibilityDeps, subject: ChainSubject, roster: Roster, now: Date): Responsible {
  return whoActsNow(subject, roster, deps.policyFor(subject.unitId), now, fallbackIds(deps, roster));
}

export function directReports(people: readonly Person[], supervisorId: string): Person[] {
  return people.filter((p) => p.supervisorId === supervisorId && isCurrentMember(p));
}

/**
 * Fallback responders: configured ones, else every department head on the roster. Takes the setting
 * as a plain field, not Pick<KernelDeps>: context.ts imports escalation.ts, which imports this file.
 */
export function fallbackIds(deps: { fallbackResponders: string[] }, roster: Pick<Roster, 'people'>): string[] {
  if (deps.fallbackResponders.length) return deps.fallbackResponders;
  return roster.people.filter((p) => p.roles.includes('departmentHead') && isCurrentMember(p)).map((p) => p.id);
}
