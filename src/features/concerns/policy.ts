// Who may raise, see and act on a concern: every access decision of this feature, in one place.
// Views never decide; workflows ask here at the moment of the click.
import type { ChainEntry } from '../../kernel/escalation.ts';
import { mayActOnTask } from '../../kernel/task-escalation.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import type { Concern } from './model.ts';
import { colleaguesOf, noticeablesOf } from './rules.ts';

/** "I'm concerned about a colleague": someone who works in the unit, about someone else who works in it. */
export function mayRaiseConcern(raiser: Person | undefined, subjectId: string, roster: Roster): boolean {
  return !!raiser && colleaguesOf(raiser, roster).some((p) => p.id === subjectId);
}

/** "I've noticed …": the person's supervisor (or the cover while the supervisor is away), or their unit's department head. */
export function mayRecordNoticed(viewer: Person | undefined, subjectId: string, roster: Roster, now: Date): boolean {
  return !!viewer && noticeablesOf(viewer, roster, now).some((p) => p.id === subjectId);
}

/**
 * The concern itself (about whom, the category, its history): whoever is first in its chain now, and
 * anyone it reached who is still on the chain (kernel/task-escalation.ts mayActOnTask). Never the
 * person it is about. The raiser sees only the confirmation they were given, not the concern's progress.
 */
export function maySeeConcern(
  viewerId: string,
  concern: Pick<Concern, 'personId' | 'notices' | 'openedAt'>,
  chain: readonly ChainEntry[],
): boolean {
  if (viewerId === concern.personId) return false;
  return mayActOnTask(concern, chain, viewerId);
}

/** Acknowledge, or record the welfare conversation: everyone who may see it (nobody sees it read-only). */
export function mayActOnConcern(
  viewerId: string,
  concern: Pick<Concern, 'personId' | 'notices' | 'openedAt'>,
  chain: readonly ChainEntry[],
): boolean {
  return maySeeConcern(viewerId, concern, chain);
}

/**
 * Who raised it, and their note: only the person it was first given to (the first notice), while
 * they may still act on it. Not anyone it escalates to: they need to know a concern is waiting, not
 * who raised it, and every extra reader makes a colleague less likely to speak up. Never the person
 * it is about, never a channel, never a log line.
 */
export function maySeeRaiser(
  viewerId: string,
  concern: Pick<Concern, 'personId' | 'notices' | 'openedAt' | 'raisedBy'>,
  chain: readonly ChainEntry[],
): boolean {
  if (viewerId === concern.personId) return false;
  return concern.notices[0]?.personId === viewerId && maySeeConcern(viewerId, concern, chain);
}
