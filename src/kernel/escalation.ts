// Escalation policies, modelled on on-call tools (PagerDuty's escalation policies): an ordered chain
// of levels, each with a delay; acknowledged is not resolved; the chain repeats rather than going
// quiet; cover overrides who is "on" for the supervisor level. Pure: `now` and the roster come in.
import { activeAbsence } from './responsibility.ts';
import type { Person, Roster } from './types.ts';

export const LEVEL_ROLES = ['supervisor', 'cover', 'departmentHead', 'above', 'fallback'] as const;
export type LevelRole = (typeof LEVEL_ROLES)[number];

export interface EscalationPolicy {
  levels: { role: LevelRole; delayMinutes: number }[];
  /** Acknowledged but no risk assessment recorded after this long → alert again. */
  acknowledgementTimeoutMinutes: number;
  /** Days the department head has to hold the redeployment discussion for a "leave" request. */
  redeploymentDeadlineDays: number;
  /** Minutes between reminders (and escalation upward) once the redeployment deadline has passed. */
  redeploymentOverdueRepeatMinutes: number;
}

export const DEFAULT_POLICY: EscalationPolicy = {
  levels: [
    { role: 'supervisor', delayMinutes: 15 },
    { role: 'cover', delayMinutes: 15 },
    { role: 'departmentHead', delayMinutes: 30 },
    { role: 'above', delayMinutes: 60 },
  ],
  acknowledgementTimeoutMinutes: 60,
  redeploymentDeadlineDays: 5,
  redeploymentOverdueRepeatMinutes: 24 * 60,
};

export type PolicyParse = { ok: true; policy: EscalationPolicy } | { ok: false; problems: string[] };

/** Validates a policy data file (JSON already parsed). Every problem is listed. */
export function parsePolicy(raw: unknown, source: string): PolicyParse {
  const problems: string[] = [];
  const r = (raw ?? {}) as Record<string, unknown>;
  const num = (key: string, min: number, max: number): number => {
    const v = r[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      problems.push(`${source}: ${key} must be a number from ${min} to ${max}`);
      return min;
    }
    return v;
  };
  const levels: EscalationPolicy['levels'] = [];
  if (!Array.isArray(r.levels) || r.levels.length === 0) problems.push(`${source}: levels must be a non-empty list`);
  else {
    r.levels.forEach((l: unknown, i: number) => {
      const level = (l ?? {}) as Record<string, unknown>;
      if (!LEVEL_ROLES.includes(level.role as LevelRole)) problems.push(`${source}: levels[${i}].role must be one of ${LEVEL_ROLES.join(', ')}`);
      if (typeof level.delayMinutes !== 'number' || level.delayMinutes < 1 || level.delayMinutes > 7 * 24 * 60) problems.push(`${source}: levels[${i}].delayMinutes must be from 1 to 10080`);
      levels.push({ role: level.role as LevelRole, delayMinutes: Number(level.delayMinutes) });
    });
  }
  const policy: EscalationPolicy = {
    levels,
    acknowledgementTimeoutMinutes: num('acknowledgementTimeoutMinutes', 1, 7 * 24 * 60),
    redeploymentDeadlineDays: num('redeploymentDeadlineDays', 1, 60),
    redeploymentOverdueRepeatMinutes: num('redeploymentOverdueRepeatMinutes', 5, 7 * 24 * 60),
  };
  return problems.length ? { ok: false, problems } : { ok: true, policy };
}

export interface ChainEntry {
  personId: string;
  role: LevelRole;
  delayMinutes: number;
  /** Why this person is on for the level, for the record ("covering for Priya Shah"). */
  note?: string;
}

/**
 * Who is on, level by level, for an alert about `subject` right now. Absent people are never on;
 * a supervisor's cover takes their level; when there is no cover the next level is on. A person
 * appears once (first level wins) and the subject is never their own responder.
 */
export function resolveChain(subject: Person | undefined, roster: Pick<Roster, 'people' | 'units' | 'absences'>, policy: EscalationPolicy, now: Date, fallbackIds: string[] = []): ChainEntry[] {
  const unit = subject ? roster.units.find((u) => u.id === subject.unitId) : undefined;
  const byId = (id: string | undefined) => (id ? roster.people.find((p) => p.id === id) : undefined);
  const absent = (id: string) => activeAbsence(roster.absences, id, now) !== undefined;
  const supervisor = byId(subject?.supervisorId);
  const supervisorAbsence = supervisor ? activeAbsence(roster.absences, supervisor.id, now) : undefined;
  const coverId = supervisorAbsence?.coverId ?? supervisor?.coverId;

  const out: ChainEntry[] = [];
  const add = (personId: string | undefined, level: EscalationPolicy['levels'][number], note?: string) => {
    if (!personId || personId === subject?.id || absent(personId) || out.some((e) => e.personId === personId)) return;
    if (!roster.people.some((p) => p.id === personId)) return;
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
        for (const id of fallbackIds) add(id, level);
        break;
    }
  }
  // Never a dead end: someone off the roster, or with nobody above them, reaches the fallback responders.
  // If even they are all away, they are alerted anyway: an alert must always have someone on.
  if (out.length === 0) {
    const delayMinutes = policy.levels[policy.levels.length - 1]?.delayMinutes ?? 30;
    for (const id of fallbackIds) add(id, { role: 'fallback', delayMinutes });
    if (out.length === 0) for (const id of fallbackIds) {
      if (id !== subject?.id && !out.some((e) => e.personId === id) && roster.people.some((p) => p.id === id)) out.push({ personId: id, role: 'fallback', delayMinutes, note: 'away, but nobody else could be reached' });
    }
  }
  return out;
}
