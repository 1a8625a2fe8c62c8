import type { EscalationPolicy } from '../../kernel/escalation.ts';
import type { Journey, JourneyContext, JourneyEffect } from './rules.ts';
import { fallbackIds, responsibilityChain } from '../../kernel/responsibility.ts';
import type { Roster } from '../../kernel/types.ts';
import { isWorkingMoment } from '../../kernel/working-time.ts';
import type { JourneyDeps } from './deps.ts';

/** HR / resource planning for a unit: its HR people, else every HR person on the roster. */
export function hrFor(unitId: string, roster: Roster): string[] {
  const hr = roster.people.filter((p) => p.roles.includes('hr'));
  const own = hr.filter((p) => p.unitId === unitId);
  return (own.length ? own : hr).map((p) => p.id);
}

/**
 * The head review walks the unit's department head, the person above, then the fallbacks (the one
 * chain, kernel/responsibility.ts, from the department head level up: a candidate has no supervisor).
 */
const headReviewLevels = (delayMinutes: number): EscalationPolicy['levels'] => [
  { role: 'departmentHead', delayMinutes },
  { role: 'above', delayMinutes },
  { role: 'fallback', delayMinutes },
];

/** Everything transition() needs, from the roster as it is now. */
export function journeyContext(
  deps: Pick<JourneyDeps, 'clock' | 'journeyPolicy' | 'fallbackResponders'>,
  j: Pick<Journey, 'unitId' | 'candidateId'>,
  roster: Roster,
): JourneyContext {
  const now = deps.clock.now();
  const unit = roster.units.find((u) => u.id === j.unitId);
  const exists = (id: string | undefined): id is string => !!id && id !== j.candidateId && roster.people.some((p) => p.id === id);
  // When the head is the candidate (a head moving into another role), the rank above takes their part.
  const departmentHeadId = [unit?.departmentHeadId, unit?.aboveId].find(exists);
  const delayMinutes = deps.journeyPolicy.headReviewLevelDelayMinutes;
  // The candidate as they join this unit (they may not be on the roster yet, or be listed elsewhere).
  const subject = { id: j.candidateId, unitId: j.unitId };
  const levels = responsibilityChain(subject, roster, { levels: headReviewLevels(delayMinutes) }, now, fallbackIds(deps, roster));
  // Never a dead end: if everyone is away the head is still told.
  if (levels.length === 0 && departmentHeadId) levels.push({ personId: departmentHeadId, role: 'departmentHead', delayMinutes });
  const candidate = roster.people.find((p) => p.id === j.candidateId);
  return {
    candidateAtWork: candidate ? isWorkingMoment(candidate.workingPattern, roster.absences, candidate.id, now) : undefined,
    now,
    policy: deps.journeyPolicy,
    departmentHeadId,
    hrIds: hrFor(j.unitId, roster).filter((id) => id !== j.candidateId),
    headReviewChain: levels,
  };
}

function recipientOf(e: JourneyEffect, j: Journey): string {
  switch (e.kind) {
    case 'tellCandidate':
    case 'questionnaire':
      return j.candidateId;
    case 'tellTrainer':
    case 'reviewTask':
      return j.trainerId;
    case 'tellHead':
    case 'tellHr':
    case 'headReviewTask':
      return e.personId;
    case 'seedOngoingCare':
      return j.candidateId;
  }
}

/** Deterministic outbox ids (`journey:{id}:r{revision}:{what}:{recipient}`): a retried flush never sends twice. */
export function withJourneyEffectIds(j: Journey, effects: JourneyEffect[]): { id: string; effect: JourneyEffect }[] {
  const revision = j.timeline.length;
  return effects.map((effect, i) => {
    const what = 'event' in effect ? effect.event : 'reason' in effect ? `${effect.kind}-${effect.reason}` : effect.kind;
    return { id: `journey:${j.id}:r${revision}:${i}:${what}:${recipientOf(effect, j)}`, effect };
  });
}
