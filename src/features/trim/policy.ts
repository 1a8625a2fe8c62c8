// Who may see and do what with a TRiM follow-up (README "Who can see what"), in one place. Views and
// workflows ask; they never decide access themselves. Pure.
//
// - The officer: their own follow-ups, always, and only they answer the question. Officers and
//   supervisors may ask for one themselves.
// - A TRiM practitioner (or whoever the follow-up's chain reached: another practitioner, the welfare
//   lead): once the officer said yes, and while they are on the chain now and were told (the first of
//   the chain always may). They see the person's name, that a TRiM follow-up is wanted and since when;
//   nothing else exists to see: no note, no request, no reason is stored on the follow-up.
// - The supervisor who offered one after a notable case: that they offered it, to whom and when.
//   Never the answer: "not now" (or "yes") is the officer's own business, and a follow-up that
//   came from a request is never shown to the supervisor at all.
// - Nobody sees content, because none is stored.
import type { ChainEntry } from '../../kernel/escalation.ts';
import { lineSupervisorNow } from '../../kernel/responsibility.ts';
import { mayActOnTask } from '../../kernel/task-escalation.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import type { TrimFollowUp } from './model.ts';

type RosterView = Pick<Roster, 'people' | 'units' | 'absences'>;

/** Answer "would you like a TRiM follow-up?": the officer it is for, nobody else. */
export function mayAnswerTrim(viewerId: string, f: Pick<TrimFollowUp, 'personId'>): boolean {
  return viewerId === f.personId;
}

/**
 * Ask for a TRiM follow-up for yourself: officers and supervisors on the roster (the people who view
 * material). Others are pointed to "I'm not okay" and the support directory.
 */
export function mayRequestTrim(person: Pick<Person, 'roles'> | undefined): boolean {
  return !!person && (person.roles.includes('officer') || person.roles.includes('supervisor'));
}

/** The officer's own view of their follow-ups (their status and the subject export). */
export function maySeeOwnTrim(viewerId: string, f: Pick<TrimFollowUp, 'personId'>): boolean {
  return viewerId === f.personId;
}

/**
 * Acknowledge, record held / could not be arranged, and see the request (name, "a TRiM follow-up
 * is wanted", since when): only after a "yes", never the officer themselves, and only whoever the
 * chain holds now and was told (or is first on it). Someone who left the chain (away, no longer a
 * practitioner) loses it, as with every escalating task.
 */
export function mayActOnTrim(viewerId: string, f: TrimFollowUp, chain: readonly ChainEntry[]): boolean {
  if (viewerId === f.personId || f.answer?.value !== 'yes') return false;
  return mayActOnTask(f, chain, viewerId);
}

/** The practitioner who recorded the outcome keeps seeing that they recorded it. */
export function maySeeTrimRequest(viewerId: string, f: TrimFollowUp, chain: readonly ChainEntry[]): boolean {
  return mayActOnTrim(viewerId, f, chain) || (!!f.outcome && f.outcome.by === viewerId);
}

/**
 * Offer a TRiM follow-up after a notable case, to an officer or supervisor (whoever may ask for one
 * themselves): their line supervisor now (or the cover while the supervisor is away). Not the department head or anyone else: the offer comes from whoever
 * manages the person day to day, and the answer goes to nobody but the practitioner.
 */
export function mayOfferTrim(viewerId: string, personId: string, roster: RosterView, now: Date): boolean {
  const person = roster.people.find((p) => p.id === personId);
  if (!person || person.id === viewerId || !mayRequestTrim(person)) return false;
  return lineSupervisorNow(person, roster, now) === viewerId;
}

/** What the supervisor who offered sees: that they offered it (to whom, when). Not the answer. */
export function maySeeOffer(viewerId: string, f: Pick<TrimFollowUp, 'startedBy' | 'origin'>): boolean {
  return f.origin === 'notableCaseSupervisor' && f.startedBy === viewerId;
}
