// "Who is told first": an officer may choose someone other than their line supervisor to hear first
// that they are not okay (the unit's confidential contacts, kernel/contacts.ts: a welfare lead, a
// TRiM practitioner, the department head, a trainer, occupational health), "without any
// embarrassment". This is the ONE rule for what that choice does to the chain of responsibilityChain:
// the chosen contact comes first with the first level's delay, then the rest of the normal chain,
// passing over the line supervisor and their cover where the unit's policy allows it, and never
// leaving nobody to go to next. The choice is stored on the record (a declaration, a check-in flag),
// so the tick, the cards, the access policy and the form's preview all get the same answer from here.
// Pure: the chain, the contacts, the policy and the roster come in.
import { confidentialContacts, type ContactKind, type ContactRule, type ResolvedContact } from './contacts.ts';
import type { ChainEntry, EscalationPolicy, LevelRole } from './escalation.ts';
import { chainFor, lineSupervisorNow, type ChainSubject, type ResponsibilityDeps } from './responsibility.ts';
import type { Roster } from './types.ts';
import { mayHoldDuty, onDutyAt, type DutyRota, type OnDuty } from './duty-rota.ts';
import { isWorkingMoment } from './working-time.ts';
import { activeAbsence } from './responsibility.ts';

/** Issue 16 (rotas): the unit's duty supervisors, on an urgent request's chain out of hours. */
export type DutyRole = 'dutySergeant' | 'dutyInspector';

/** Who the officer chose to tell first. 'supervisor' (or nothing stored) is the default: the normal chain. */
export type TellFirst = 'supervisor' | ContactKind;

/** One step of a chain after the officer's choice: a level of the normal chain, or the chosen contact. */
export interface RoutedEntry extends Omit<ChainEntry, 'role'> {
  /** Issue 16 (rotas): 'dutySergeant' / 'dutyInspector' stand in at night for whoever acts for the person (withDutyCover). */
  role: LevelRole | 'contact' | DutyRole;
  /** For a 'contact' entry: which of the unit's contacts they are. */
  contactKind?: ContactKind;
}

/** The unit's policy on passing over the line supervisor when the officer chose someone else (default: allowed). */
export function mayBypassSupervisor(policy: Pick<EscalationPolicy, 'officerMayBypassSupervisor'>): boolean {
  return policy.officerMayBypassSupervisor !== false;
}

/** The supervisor level of a chain: the line supervisor, or whoever covers for them. */
export function isLineLevel(entry: Pick<RoutedEntry, 'role'>): boolean {
  return entry.role === 'supervisor' || entry.role === 'cover';
}

/**
 * The chain for a request whose first recipient the officer chose. With the default (supervisor) it
 * is the normal chain unchanged. With a contact: everyone present for that contact (in the contacts
 * file's order) with the first level's delay, then the normal chain without them, without the line
 * supervisor and cover when the policy allows passing over them. Never a dead end: if passing over
 * them would leave nobody after the contact (or nobody at all, the contact being away), they stay.
 */
export function routedChain(
  chain: readonly ChainEntry[],
  tellFirst: TellFirst | undefined,
  contacts: readonly ResolvedContact[],
  policy: Pick<EscalationPolicy, 'levels' | 'officerMayBypassSupervisor'>,
): RoutedEntry[] {
  if (!tellFirst || tellFirst === 'supervisor') return [...chain];
  const contact = contacts.find((c) => c.kind === tellFirst);
  const delayMinutes = policy.levels[0]?.delayMinutes ?? 15;
  const first: RoutedEntry[] = (contact?.personIds ?? []).map((personId) => ({
    personId,
    role: 'contact' as const,
    contactKind: contact!.kind,
    delayMinutes,
    note: contact!.title,
  }));
  const rest = chain.filter((e) => !first.some((f) => f.personId === e.personId));
  const kept = mayBypassSupervisor(policy) ? rest.filter((e) => !isLineLevel(e)) : rest;
  return [...first, ...(kept.length ? kept : rest)];
}

export interface RouteDeps extends ResponsibilityDeps {
  contactsFor(unitId: string | undefined): readonly ContactRule[];
  /** Issue 16 (rotas): the unit's duty rota, for urgent requests (withDutyCover). */
  dutyRotaFor?(unitId: string | undefined): DutyRota | undefined;
}

/** The unit's contacts for this person now (absent people left out): what the officer may choose from. */
export function contactsNow(deps: Pick<RouteDeps, 'contactsFor'>, subject: ChainSubject, roster: Roster, now: Date): ResolvedContact[] {
  return confidentialContacts(subject, deps.contactsFor(subject.unitId), roster, now);
}

/** `routedChain` with the person's unit policy, the fallbacks and the unit's contacts now. */
export function routedChainFor(
  deps: RouteDeps,
  subject: ChainSubject | undefined,
  roster: Roster,
  now: Date,
  tellFirst: TellFirst | undefined,
  unitId: string | undefined = subject?.unitId,
): RoutedEntry[] {
  const chain = chainFor(deps, subject, roster, now, unitId);
  if (!subject || !tellFirst || tellFirst === 'supervisor') return chain;
  return routedChain(chain, tellFirst, contactsNow(deps, subject, roster, now), deps.policyFor(unitId));
}

/** One choice the officer can make, and what it would do now: the chain it gives and where the line supervisor stands. */
export interface RouteOption {
  value: TellFirst;
  /** For a contact: "the welfare lead"; for the default: "your supervisor". */
  title: string;
  chain: RoutedEntry[];
  /** The person's line supervisor now (or their cover), if any. */
  lineSupervisorId?: string;
  /** Whether the line supervisor is on this chain (told at once by default; later when the policy keeps them). */
  lineSupervisorInChain: boolean;
}

/**
 * Every choice open to this person now: their supervisor (the default, first), then each of the
 * unit's contacts with someone present. What the form shows and what a raise does both come from
 * here, so the preview is the truth.
 */
export function routeOptions(
  deps: RouteDeps,
  subject: ChainSubject,
  roster: Roster,
  now: Date,
  /** Issue 16 (rotas): an urgent request ("I'm not okay"): out of hours, the default route goes to the duty rota first. */
  options: { dutyCover?: boolean } = {},
): RouteOption[] {
  const chain = chainFor(deps, subject, roster, now);
  const policy = deps.policyFor(subject.unitId);
  const onDuty = options.dutyCover ? onDutyAt(deps.dutyRotaFor?.(subject.unitId), now) : undefined;
  const defaultChain = withDutyCover(chain, onDuty, subject, roster, now, policy.levels[0]?.delayMinutes ?? 15).chain;
  const line = lineSupervisorNow(subject, roster, now);
  const contacts = contactsNow(deps, subject, roster, now);
  const option = (value: TellFirst, title: string): RouteOption => {
    const routed = value === 'supervisor' ? defaultChain : routedChain(chain, value, contacts, policy);
    return {
      value,
      title,
      chain: routed,
      lineSupervisorId: line,
      lineSupervisorInChain: !!line && routed.some((e) => e.personId === line),
    };
  };
  return [option('supervisor', 'your supervisor'), ...contacts.map((c) => option(c.kind, c.title))];
}

/**
 * Issue 16 (rotas), the ONE rule for "who is on duty now" on an urgent request: when whoever acts for
 * the person now (the first of the chain: their supervisor, the cover, the head…) is outside their
 * working time, the unit's duty sergeant and then its duty inspector come first, each with the first
 * level's delay, then the rest of the chain as it was (so the guarantees hold: unacknowledged, it
 * walks on). Someone away, not on the roster, without the duty's role, or the person themselves is
 * passed over. Not for a request whose first recipient the person chose (a contact): that choice stands.
 * Returns the chain unchanged, or the new chain and who was off duty (told at their next working moment).
 */
export function withDutyCover(
  chain: readonly RoutedEntry[],
  onDuty: OnDuty | undefined,
  subject: Pick<ChainSubject, 'id'> | undefined,
  roster: Pick<Roster, 'people' | 'absences'>,
  now: Date,
  delayMinutes: number,
): { chain: RoutedEntry[]; offDutyId?: string } {
  const first = chain[0];
  if (!onDuty || !first || first.role === 'contact') return { chain: [...chain] };
  const firstPerson = roster.people.find((p) => p.id === first.personId);
  if (!firstPerson || isWorkingMoment(firstPerson.workingPattern, roster.absences, firstPerson.id, now)) return { chain: [...chain] };
  const duty: RoutedEntry[] = [];
  for (const [role, id, kind] of [
    ['dutySergeant', onDuty.sergeantId, 'sergeant'],
    ['dutyInspector', onDuty.inspectorId, 'inspector'],
  ] as const) {
    const person = roster.people.find((p) => p.id === id);
    if (!person || person.id === subject?.id || person.id === first.personId || !mayHoldDuty(person, kind)) continue;
    if (person.leftOn || activeAbsence(roster.absences, person.id, now) || duty.some((e) => e.personId === id)) continue;
    duty.push({ personId: id, role, delayMinutes, note: role === 'dutySergeant' ? 'duty sergeant' : 'duty inspector' });
  }
  if (duty.length === 0) return { chain: [...chain] };
  return { chain: [...duty, ...chain.filter((e) => !duty.some((d) => d.personId === e.personId))], offDutyId: first.personId };
}
