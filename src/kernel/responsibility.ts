// The ONE answer to "who acts for this person now": declarations, check-in flags, care reminders,
// staged exposure, the suitability review, "my team" and the journeys' head review all ask here,
// so they cannot disagree. Pure: the roster, the policy, `now` and the fallbacks come in.
import type { ChainEntry, EscalationPolicy } from './escalation.ts';
import type { Absence, Person, Roster, Unit } from './types.ts';

/** ISO date (YYYY-MM-DD) of an instant, in UTC. Units in this release run on UK time; see README. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

// Issue 15: the roster's indexes, built once per array and remembered while the array lives. Jobs ask
// "who acts for this person" for every person each tick; answering each from a scan of the whole roster
// made the care job quadratic. Keyed by the arrays themselves (not the Roster wrapper) because callers
// pass `{ people, units, absences }` objects made on the spot. A loaded roster is never changed in place
// (a new load makes new arrays); an array that grew or shrank since (a test adding an absence) is
// indexed again, so the answers stay those of a scan.
const peopleIndexes = new WeakMap<readonly Person[], PeopleIndex>();
const unitIndexes = new WeakMap<readonly Unit[], { length: number; byId: Map<string, Unit> }>();
const absenceIndexes = new WeakMap<readonly Absence[], { length: number; byPerson: Map<string, Absence[]> }>();

interface PeopleIndex {
  length: number;
  byId: Map<string, Person>;
  /** Current members only, in roster order (directReports' answer). */
  reportsBySupervisor: Map<string, Person[]>;
  /** Everyone (current or not) by unit, in roster order. */
  byUnit: Map<string, Person[]>;
  /** Current department heads, in roster order (the fallbacks when none are configured). */
  departmentHeads: string[];
  /** Everyone (current or not) by role, in roster order. */
  byRole: Map<string, Person[]>;
}

function peopleIndex(people: readonly Person[]): PeopleIndex {
  let index = peopleIndexes.get(people);
  if (!index || index.length !== people.length) {
    index = {
      length: people.length,
      byId: new Map(),
      reportsBySupervisor: new Map(),
      byUnit: new Map(),
      departmentHeads: [],
      byRole: new Map(),
    };
    for (const p of people) {
      // The first person with an id wins, as Array.find did.
      if (!index.byId.has(p.id)) index.byId.set(p.id, p);
      const inUnit = index.byUnit.get(p.unitId);
      if (inUnit) inUnit.push(p);
      else index.byUnit.set(p.unitId, [p]);
      for (const role of new Set(p.roles)) {
        const withRole = index.byRole.get(role);
        if (withRole) withRole.push(p);
        else index.byRole.set(role, [p]);
      }
      if (!isCurrentMember(p)) continue;
      if (p.supervisorId) {
        const reports = index.reportsBySupervisor.get(p.supervisorId);
        if (reports) reports.push(p);
        else index.reportsBySupervisor.set(p.supervisorId, [p]);
      }
      if (p.roles.includes('departmentHead')) index.departmentHeads.push(p.id);
    }
    peopleIndexes.set(people, index);
  }
  return index;
}

/** The person with this id on the roster, without a scan. */
export function personById(people: readonly Person[], id: string | undefined): Person | undefined {
  return id === undefined ? undefined : peopleIndex(people).byId.get(id);
}

/** Everyone on the roster in a unit (current members or not), in roster order. */
export function peopleInUnit(people: readonly Person[], unitId: string): readonly Person[] {
  return peopleIndex(people).byUnit.get(unitId) ?? [];
}

/** Everyone on the roster with this role (current members or not), in roster order. */
export function peopleWithRole(people: readonly Person[], role: Person['roles'][number]): readonly Person[] {
  return peopleIndex(people).byRole.get(role) ?? [];
}

/** The unit with this id, without a scan. */
export function unitById(units: readonly Unit[], id: string | undefined): Unit | undefined {
  if (id === undefined) return undefined;
  let index = unitIndexes.get(units);
  if (!index || index.length !== units.length) {
    index = { length: units.length, byId: new Map() };
    for (const u of units) if (!index.byId.has(u.id)) index.byId.set(u.id, u);
    unitIndexes.set(units, index);
  }
  return index.byId.get(id);
}

/** This person's absences (past, present and future), in roster order, without a scan. */
export function absencesOf(absences: readonly Absence[], personId: string): readonly Absence[] {
  let index = absenceIndexes.get(absences);
  if (!index || index.length !== absences.length) {
    index = { length: absences.length, byPerson: new Map() };
    for (const a of absences) {
      const list = index.byPerson.get(a.personId);
      if (list) list.push(a);
      else index.byPerson.set(a.personId, [a]);
    }
    absenceIndexes.set(absences, index);
  }
  return index.byPerson.get(personId) ?? [];
}

/** The absence of this person (whoever they are) that covers today, if any. */
export function activeAbsence(absences: readonly Absence[], personId: string, now: Date): Absence | undefined {
  const own = absencesOf(absences, personId);
  if (own.length === 0) return undefined;
  const day = isoDay(now);
  return own.find((a) => a.from <= day && day <= a.to);
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
  const unit = subject ? unitById(roster.units, subject.unitId) : undefined;
  const byId = (id: string | undefined) => (id ? personById(roster.people, id) : undefined);
  const absent = (id: string) => activeAbsence(roster.absences, id, now) !== undefined;
  const onRoster = (id: string) => {
    const p = personById(roster.people, id);
    return !!p && isCurrentMember(p);
  };
  const supervisor = byId(subject?.supervisorId);
  const supervisorAbsence = supervisor ? activeAbsence(roster.absences, supervisor.id, now) : undefined;
  const coverId = supervisorAbsence?.coverId ?? supervisor?.coverId;

  const out: ChainEntry[] = [];
  const add = (personId: string | undefined, level: EscalationPolicy['levels'][number], note?: string) => {
    if (!personId || personId === subject?.id || absent(personId) || out.some((e) => e.personId === personId)) return;
    if (!onRoster(personId)) return;
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
        if (id !== subject?.id && !out.some((e) => e.personId === id) && onRoster(id))
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
  const supervisor = subject.supervisorId ? personById(roster.people, subject.supervisorId) : undefined;
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

/** Current members whose supervisor this is, in roster order (a fresh array the caller may keep). */
export function directReports(people: readonly Person[], supervisorId: string): Person[] {
  return [...(peopleIndex(people).reportsBySupervisor.get(supervisorId) ?? [])];
}

/**
 * Fallback responders: configured ones, else every department head on the roster. Takes the setting
 * as a plain field, not Pick<KernelDeps>: context.ts imports escalation.ts, which imports this file.
 */
export function fallbackIds(deps: { fallbackResponders: string[] }, roster: Pick<Roster, 'people'>): string[] {
  if (deps.fallbackResponders.length) return deps.fallbackResponders;
  return [...peopleIndex(roster.people).departmentHeads];
}
