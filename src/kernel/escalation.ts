// Escalation policies, modelled on on-call tools (PagerDuty's escalation policies): an ordered chain
// of levels, each with a delay; acknowledged is not resolved; the chain repeats rather than going
// quiet; cover overrides who is "on" for the supervisor level. Who is on at each level is decided in
// responsibility.ts (responsibilityChain), the one answer every feature uses.

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
  /**
   * When an officer chooses someone else to tell first (a welfare lead, a TRiM practitioner…), may the
   * escalation pass over their line supervisor and the supervisor's cover? Default true. Read through
   * mayBypassSupervisor (kernel/first-route.ts), the one place the rule is written.
   */
  officerMayBypassSupervisor?: boolean;
  /**
   * May an officer choose who reads their annual suitability questionnaire (the welfare lead,
   * occupational health, the department head) instead of their supervisor? Default true (unset).
   * Read through mayChooseSuitabilityReader (features/suitability/policy.ts), the one place the rule is written.
   */
  suitabilityReaderChoice?: boolean;
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
  officerMayBypassSupervisor: true,
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
      if (!LEVEL_ROLES.includes(level.role as LevelRole))
        problems.push(`${source}: levels[${i}].role must be one of ${LEVEL_ROLES.join(', ')}`);
      if (typeof level.delayMinutes !== 'number' || level.delayMinutes < 1 || level.delayMinutes > 7 * 24 * 60)
        problems.push(`${source}: levels[${i}].delayMinutes must be from 1 to 10080`);
      levels.push({ role: level.role as LevelRole, delayMinutes: Number(level.delayMinutes) });
    });
  }
  const policy: EscalationPolicy = {
    levels,
    acknowledgementTimeoutMinutes: num('acknowledgementTimeoutMinutes', 1, 7 * 24 * 60),
    redeploymentDeadlineDays: num('redeploymentDeadlineDays', 1, 60),
    redeploymentOverdueRepeatMinutes: num('redeploymentOverdueRepeatMinutes', 5, 7 * 24 * 60),
    officerMayBypassSupervisor: true,
  };
  if (r.officerMayBypassSupervisor !== undefined) {
    if (typeof r.officerMayBypassSupervisor !== 'boolean') problems.push(`${source}: officerMayBypassSupervisor must be true or false`);
    else policy.officerMayBypassSupervisor = r.officerMayBypassSupervisor;
  }
  // Issue 14 part 2, the suitability reader: optional, left unset (allowed) unless the file says.
  if (r.suitabilityReaderChoice !== undefined) {
    if (typeof r.suitabilityReaderChoice !== 'boolean') problems.push(`${source}: suitabilityReaderChoice must be true or false`);
    else policy.suitabilityReaderChoice = r.suitabilityReaderChoice;
  }
  return problems.length ? { ok: false, problems } : { ok: true, policy };
}

export interface ChainEntry {
  personId: string;
  role: LevelRole;
  delayMinutes: number;
  /** Why this person is on for the level, for the record ("covering for Priya Shah"). */
  note?: string;
}
