// Who may see what of check-ins and flags (README "Who can see what"), in one place. Views and
// workflows ask; they never decide access themselves. Pure: the viewer, the record, the roster (or
// the escalation chain built from it) and `now` come in. Access follows the role at the moment of the
// read: a cover sees what the absent supervisor would, for the cover period only.
import { lineSupervisorNow, personById } from '../../kernel/responsibility.ts';
import type { ChainEntry } from '../../kernel/escalation.ts';
import type { Roster } from '../../kernel/types.ts';
import type { CheckIn } from './check-in.ts';
import type { Flag } from './flag.ts';
import type { WorkloadWeek } from './workload.ts';

type RosterView = Pick<Roster, 'people' | 'units' | 'absences'>;

/**
 * Who the person's shared answers go to now: their supervisor, or the cover while the supervisor is
 * away. Nobody above them: "share with my supervisor" is not "share with the department head", and a
 * department head never sees check-in answers. Undefined when the person has neither.
 */
export function answersSharedWith(personId: string, roster: RosterView, now: Date): string | undefined {
  const person = personById(roster.people, personId);
  if (!person) return undefined;
  return lineSupervisorNow(person, roster, now);
}

/**
 * The answers, score and note of a check-in: the person themselves, always; otherwise only when they
 * ticked "share", and only their supervisor (or the cover while the supervisor is away) at this moment.
 */
export function maySeeAnswers(viewerId: string, checkIn: Pick<CheckIn, 'personId' | 'shared'>, roster: RosterView, now: Date): boolean {
  if (viewerId === checkIn.personId) return true;
  return checkIn.shared && answersSharedWith(checkIn.personId, roster, now) === viewerId;
}

/**
 * A flag (the prompt, its reasons and history): whoever is first in the person's escalation chain
 * now, and anyone the flag already reached who is still in that chain (so an absent supervisor, or a
 * cover whose cover has ended, is not). Never the person it is about.
 */
export function maySeeFlag(
  viewerId: string,
  flag: Pick<Flag, 'personId' | 'notices'>,
  chain: readonly Pick<ChainEntry, 'personId'>[],
): boolean {
  if (viewerId === flag.personId) return false;
  if (chain[0]?.personId === viewerId) return true;
  return flag.notices.some((n) => n.personId === viewerId) && chain.some((e) => e.personId === viewerId);
}

/**
 * May the person's "my team" card (their line supervisor's view) list this flag? Not when the person
 * asked for the conversation with one of the unit's contacts instead (issue 14): that is theirs.
 */
export function flagOnTeamCard(flag: Pick<Flag, 'route'>): boolean {
  return !flag.route;
}

/** Acknowledge or record the conversation: everyone who may see the flag (nobody sees it read-only). */
export function mayActOnFlag(
  viewerId: string,
  flag: Pick<Flag, 'personId' | 'notices'>,
  chain: readonly Pick<ChainEntry, 'personId'>[],
): boolean {
  return maySeeFlag(viewerId, flag, chain);
}

/**
 * Issue 14: a week's figures in the exposure and workload log (hours, categories, violent material,
 * caseload). The person themselves, always; otherwise only their responsible supervisor (or the cover
 * while the supervisor is away) at this moment, and only for a week the person chose to share. Never
 * the department head, a trainer or anyone above: they see unit aggregates over the minimum group
 * (unit-aggregates.ts), and a flag tells the supervisor its reason category, never the figures.
 */
export function mayViewWorkloadFigures(
  viewerId: string,
  week: Pick<WorkloadWeek, 'personId' | 'shared'>,
  roster: RosterView,
  now: Date,
): boolean {
  if (viewerId === week.personId) return true;
  return week.shared === true && answersSharedWith(week.personId, roster, now) === viewerId;
}
