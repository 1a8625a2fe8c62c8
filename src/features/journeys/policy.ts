// Who may see what of a journey, and who may open one (README "Pre-deployment journeys"). Pure: the
// journey, the person and who holds which role for the unit come in. Views and workflows ask here.
import { personById } from '../../kernel/responsibility.ts';
import type { Roster } from '../../kernel/types.ts';
import type { Journey, JourneyContext } from './model.ts';

export type JourneyRole = 'candidate' | 'trainer' | 'head' | 'hr' | 'none';

/** People the overdue secondary review was escalated to: they stand in for the head. */
function escalatedTo(j: Journey): string[] {
  return (j.headReview?.notices ?? []).map((n) => n.personId);
}

/** The viewer's relation to the journey; the candidate relation wins (nobody reviews themselves). */
export function roleOn(j: Journey, personId: string, ctx: Pick<JourneyContext, 'departmentHeadId' | 'hrIds'>): JourneyRole {
  if (personId === j.candidateId) return 'candidate';
  if (personId === j.trainerId) return 'trainer';
  if (personId === ctx.departmentHeadId || escalatedTo(j).includes(personId)) return 'head';
  if (ctx.hrIds.includes(personId)) return 'hr';
  return 'none';
}

// Privacy, in one place. The answers belong to the candidate; the trainer reviews them; the
// department head reads them only once a secondary review was asked for. The withdrawal rationale is
// for the trainer and the head; the cancellation reason is the head's own. HR never reads any of it.
export function maySeeAnswers(j: Journey, personId: string, ctx: Pick<JourneyContext, 'departmentHeadId' | 'hrIds'>): boolean {
  const role = roleOn(j, personId, ctx);
  return role === 'candidate' || role === 'trainer' || (role === 'head' && !!j.headReview);
}
export function maySeeReviewNotes(j: Journey, personId: string, ctx: Pick<JourneyContext, 'departmentHeadId' | 'hrIds'>): boolean {
  const role = roleOn(j, personId, ctx);
  return role === 'trainer' || (role === 'head' && !!j.headReview);
}
export function maySeeRationale(j: Journey, personId: string, ctx: Pick<JourneyContext, 'departmentHeadId' | 'hrIds'>): boolean {
  const role = roleOn(j, personId, ctx);
  return role === 'candidate' || role === 'trainer' || role === 'head';
}
export function maySeeCancellationReason(j: Journey, personId: string, ctx: Pick<JourneyContext, 'departmentHeadId' | 'hrIds'>): boolean {
  return roleOn(j, personId, ctx) === 'head';
}

/** Who may open a journey for a unit: its department head (or the person above), or HR. */
export function mayOpenFor(personId: string, unitId: string, roster: Roster): boolean {
  const person = personById(roster.people, personId);
  if (!person) return false;
  if (person.roles.includes('hr')) return true;
  const unit = roster.units.find((u) => u.id === unitId);
  return !!unit && (unit.departmentHeadId === personId || unit.aboveId === personId);
}
