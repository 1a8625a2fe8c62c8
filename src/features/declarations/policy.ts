// Who may see and act on a request ("I'm not okay" / "I want to leave"), at the moment of asking.
// Pure: the request as stored and who holds which role now (the chain and the department head, from
// kernel/responsibility.ts) come in. rules.ts, the views and the workflows ask here and never re-decide.
//
// Entitlements are time-bound (ARCHITECTURE.md, "Entitlements are time-bound"): being alerted once is
// not a licence for ever. A responder keeps the request while they still hold a role for the person
// (they are on the chain now): a cover for the cover period, a supervisor until someone else
// supervises the person. Whoever acts for the person now (first on the chain) holds it too. Whoever the request is passed to by reassignment holds it until it is passed
// on again, and whoever it is taken from loses it at that moment unless they are alerted again. The
// department head of the unit is always entitled. The timeline and the audit keep what everyone did.
import type { RoutedEntry } from '../../kernel/first-route.ts';
import type { Declaration, TimelineEntry } from './model.ts';

/** Who holds which role for the person now: the chain (responsibilityChain) and the unit's department head. */
export interface RequestRoles {
  chain: readonly RoutedEntry[];
  /** The chain without the person's choice of whom to tell first: for a break's review and return. Absent: `chain`. */
  responsibleChain?: readonly Pick<RoutedEntry, 'personId'>[];
  /** Department head of the unit (always entitled to act), if any. */
  departmentHeadId?: string;
}

type RequestFacts = Pick<Declaration, 'personId' | 'notified' | 'timeline' | 'noteShare' | 'route'>;

/** Events after which the named person holds the request (is on call). */
const TAKES_IT: ReadonlySet<TimelineEntry['event']> = new Set([
  'alerted',
  'escalated',
  'reAlerted',
  'reassigned',
  'acknowledged',
  'riskAssessed',
]);
/** Events that alert the named person about the request. */
const ALERTS: ReadonlySet<TimelineEntry['event']> = new Set(['alerted', 'escalated', 'reAlerted', 'reassigned']);

/**
 * From the timeline: who was passed the request by reassignment and still holds that, and from whom
 * it was taken by reassignment and who has not been alerted about it since.
 */
function reassignments(d: Pick<Declaration, 'timeline'>): { holder?: string; takenFrom: Set<string> } {
  const takenFrom = new Set<string>();
  let onCall: string | undefined;
  let holder: string | undefined;
  for (const e of d.timeline) {
    if (!e.personId) continue;
    // A note to the department head or the person above that a redeployment is overdue alerts them, but leaves the request where it is.
    const movesIt = TAKES_IT.has(e.event) && !(e.event === 'alerted' && e.detail === 'redeployment overdue');
    if (e.event === 'reassigned') {
      if (onCall && onCall !== e.personId) takenFrom.add(onCall);
      if (holder && holder !== e.personId) takenFrom.add(holder);
      holder = e.personId;
    }
    if (ALERTS.has(e.event)) takenFrom.delete(e.personId);
    if (movesIt) onCall = e.personId;
  }
  return { holder, takenFrom };
}

/** May this person act on the request now (acknowledge, assess, reassign, escalate, confirm access)? Never the person who raised it. */
export function mayActOnRequest(d: RequestFacts, personId: string, roles: RequestRoles): boolean {
  if (personId === d.personId) return false;
  if (personId === roles.departmentHeadId) return true;
  const { holder, takenFrom } = reassignments(d);
  if (takenFrom.has(personId)) return false;
  if (holder === personId) return true;
  // Whoever acts for the person now holds their requests, alerted or not: a supervisor back from
  // leave takes over what their cover was handling (the cover's access ended with the cover).
  if (roles.chain[0]?.personId === personId) return true;
  return d.notified.includes(personId) && roles.chain.some((e) => e.personId === personId);
}

/** May this person open the request at all (see that it exists, its status, its history)? The person who raised it, and whoever may act on it now. */
export function maySeeRequest(d: RequestFacts, personId: string, roles: RequestRoles): boolean {
  return personId === d.personId || mayActOnRequest(d, personId, roles);
}

/**
 * May this person read the note? The person who raised it, and only the responders they chose, while
 * entitled: by default the supervisor level (and the department head if shared); when they chose
 * someone else to tell first, that contact (and the department head if shared), never the supervisor.
 */
export function maySeeNote(d: RequestFacts, personId: string, roles: RequestRoles): boolean {
  if (personId === d.personId) return true;
  if (!mayActOnRequest(d, personId, roles)) return false;
  if (d.route) {
    // The person chose whom to tell first (kernel/first-route.ts): that contact reads the note, and the
    // department head when the person shared it with them too. Their line supervisor, the cover, the
    // rank above and anyone the request is passed to never do: the person chose not to tell them.
    if (roles.chain.some((e) => e.personId === personId && e.role === 'contact')) return true;
    return personId === roles.departmentHeadId && d.noteShare === 'supervisorAndHead';
  }
  // The note goes only to the supervisor level (supervisor, their cover, or a supervisor it was
  // reassigned to) and, when the person chose so, the department head. Never to the rank above or
  // to fallback responders from other units.
  // With nobody at supervisor level (someone off the roster), the first responder stands in for the supervisor.
  const hasSupervisorLevel = roles.chain.some((e) => e.role === 'supervisor' || e.role === 'cover');
  if (!hasSupervisorLevel && roles.chain[0]?.personId === personId) return true;
  const entry = roles.chain.find((e) => e.personId === personId);
  // Someone who is the person's supervisor (or cover) reads it in that role, even if they also head the unit.
  // Issue 16 (rotas): so does the duty sergeant, standing in for them out of hours (never the duty inspector).
  if (entry && (entry.role === 'supervisor' || entry.role === 'cover' || entry.role === 'dutySergeant')) return true;
  if (personId === roles.departmentHeadId) return d.noteShare === 'supervisorAndHead';
  if (entry) return false;
  return reassignments(d).holder === personId;
}

/** May this person book or record the redeployment discussion of a request to leave? The department head now, never the person themselves. */
export function mayRecordRedeployment(
  d: Pick<Declaration, 'personId'>,
  personId: string,
  roles: Pick<RequestRoles, 'departmentHeadId'>,
): boolean {
  return personId === roles.departmentHeadId && personId !== d.personId;
}

/**
 * What the person's "my team" card (their line supervisor's view) may show of this request: all of it
 * by default; when the person chose someone else to tell first, only that they are off viewing (a
 * break or leaving: the supervisor must plan the work), and nothing of a talk.
 */
export function teamCardShows(d: Pick<Declaration, 'route' | 'kind'>): 'request' | 'offViewingOnly' | 'nothing' {
  if (!d.route) return 'request';
  return d.kind === 'talk' ? 'nothing' : 'offViewingOnly';
}

/** May this person withdraw the request? Only the person who raised it. */
export function mayWithdrawRequest(d: Pick<Declaration, 'personId'>, personId: string): boolean {
  return personId === d.personId;
}

/** Everyone who may see the request's details in the channel now: people alerted and the department head, while entitled. */
export function entitledViewers(d: RequestFacts, roles: RequestRoles): string[] {
  const candidates = [...d.notified, ...(roles.departmentHeadId ? [roles.departmentHeadId] : []), ...roles.chain.map((e) => e.personId)];
  return [...new Set(candidates)].filter((id) => mayActOnRequest(d, id, roles));
}

/**
 * May this person see the move card of a request to leave (who, from which unit, to where, when)?
 * Once a move was agreed: the department head, and HR / resource planning for the unit (`hrIds`).
 * HR see nothing else of the request: not its reason, its note, its status or its history
 * (mayActOnRequest never admits them).
 */
export function maySeeMove(
  d: Pick<Declaration, 'personId' | 'kind' | 'redeployment'>,
  personId: string,
  roles: Pick<RequestRoles, 'departmentHeadId'> & { hrIds?: readonly string[] },
): boolean {
  if (personId === d.personId || d.kind !== 'leave' || !d.redeployment?.move) return false;
  return personId === roles.departmentHeadId || (roles.hrIds ?? []).includes(personId);
}

/** May this person record that the agreed move has happened? The same people who see the move card. */
export function mayRecordMoveDone(
  d: Pick<Declaration, 'personId' | 'kind' | 'redeployment'>,
  personId: string,
  roles: Pick<RequestRoles, 'departmentHeadId'> & { hrIds?: readonly string[] },
): boolean {
  return maySeeMove(d, personId, roles);
}

/**
 * May this person open the move card at all? Whoever may see the move, and HR who were sent the card
 * for a move since taken back (their card then says only that it is no longer planned).
 */
export function mayOpenMoveCard(
  d: Pick<Declaration, 'personId' | 'kind' | 'redeployment'>,
  personId: string,
  roles: Pick<RequestRoles, 'departmentHeadId'> & { hrIds?: readonly string[] },
): boolean {
  if (maySeeMove(d, personId, roles)) return true;
  return personId !== d.personId && (roles.hrIds ?? []).includes(personId) && !!d.redeployment?.hrTold?.includes(personId);
}

// A break that ends (issue 14, part 1). A return to viewing is agreed by both: the person says they
// feel ready, and whoever acts for them now confirms. Who that is comes from kernel/responsibility.ts
// (the first of the chain: the supervisor, their cover, or the department head while neither is
// there), and the unit's department head may always confirm; nobody else, never the person alone.

/** May this person confirm a return to viewing, or set a new review date for a break? Never the person on the break. */
export function mayAgreeReturn(d: Pick<Declaration, 'personId'>, personId: string, roles: RequestRoles): boolean {
  if (personId === d.personId) return false;
  return (roles.responsibleChain ?? roles.chain)[0]?.personId === personId || personId === roles.departmentHeadId;
}

/** May this person say they feel ready to go back? Only the person on the break. */
export function maySayReady(d: Pick<Declaration, 'personId'>, personId: string): boolean {
  return personId === d.personId;
}

/** May this person see the break (since when, the review date, where the return stands)? The person, and whoever may agree a return. */
export function maySeeBreak(d: Pick<Declaration, 'personId'>, personId: string, roles: RequestRoles): boolean {
  return personId === d.personId || mayAgreeReturn(d, personId, roles);
}
