// Who a concern goes to, and whom someone may raise one about. Pure: the roster, the unit's contacts,
// the policy and `now` come in. The chain is the one every feature uses (kernel/responsibility.ts),
// with the welfare lead or the raiser in front when the route says so.
import { createHash } from 'node:crypto';
import { confidentialContacts, type ContactRule } from '../../kernel/contacts.ts';
import type { ChainEntry } from '../../kernel/escalation.ts';
import { isCurrentMember, activeAbsence, chainFor, lineSupervisorNow, type ResponsibilityDeps } from '../../kernel/responsibility.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import type { Concern, ConcernRoute } from './model.ts';

export interface ChainDeps extends ResponsibilityDeps {
  contactsFor(unitId: string | undefined): readonly ContactRule[];
}

/** Someone who works in the unit (a candidate has not joined yet): may raise a concern, and be the subject of one. */
export function isUnitMember(p: Pick<Person, 'roles' | 'unitId' | 'leftOn'>): boolean {
  return !!p.unitId && p.roles.some((r) => r !== 'candidate') && isCurrentMember(p);
}

/** The colleagues `raiser` may name in "I'm concerned about a colleague": everyone else who works in their unit, by name. */
export function colleaguesOf(raiser: Person, roster: Pick<Roster, 'people'>): Person[] {
  if (!isUnitMember(raiser)) return [];
  return roster.people
    .filter((p) => p.id !== raiser.id && p.unitId === raiser.unitId && isUnitMember(p))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/**
 * The people `viewer` may record "I've noticed …" about: their direct reports (and the reports they
 * cover for while the supervisor is away); a department head, anyone who works in their unit.
 */
export function noticeablesOf(viewer: Person, roster: Roster, now: Date): Person[] {
  const unit = roster.units.find((u) => u.id === viewer.unitId);
  const head = unit?.departmentHeadId === viewer.id;
  return roster.people
    .filter((p) => p.id !== viewer.id && p.unitId === viewer.unitId && isUnitMember(p))
    .filter((p) => head || p.supervisorId === viewer.id || lineSupervisorNow(p, roster, now) === viewer.id)
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** The unit's welfare lead(s) present now for this person (kernel/contacts.ts), never the person themselves. */
export function welfareLeadsFor(deps: ChainDeps, subject: Person, roster: Roster, now: Date): string[] {
  return (
    confidentialContacts(subject, deps.contactsFor(subject.unitId), roster, now).find((c) => c.kind === 'welfareLead')?.personIds ?? []
  );
}

/**
 * Who the concern goes to now, level by level. The route's front (the welfare lead, or the raiser
 * holding their own observation while they are at work and still in the unit) comes first, then the
 * person's own chain. Never the person it is about; never the raiser, unless they hold it themselves.
 */
export function concernChain(
  deps: ChainDeps,
  concern: Pick<Concern, 'personId' | 'unitId' | 'route' | 'raisedBy'>,
  roster: Roster,
  now: Date,
): ChainEntry[] {
  const subject = roster.people.find((p) => p.id === concern.personId);
  const base = chainFor(deps, subject, roster, now, concern.unitId);
  const delayMinutes = base[0]?.delayMinutes ?? 15;
  const front: ChainEntry[] = [];
  if (concern.route === 'welfareLead' && subject)
    for (const id of welfareLeadsFor(deps, subject, roster, now))
      front.push({ personId: id, role: 'supervisor', delayMinutes, note: 'welfare lead' });
  if (concern.route === 'self') {
    const raiser = roster.people.find((p) => p.id === concern.raisedBy);
    if (raiser && raiser.unitId === concern.unitId && !activeAbsence(roster.absences, raiser.id, now))
      front.push({ personId: raiser.id, role: 'supervisor', delayMinutes, note: 'raised it' });
  }
  const out: ChainEntry[] = [];
  for (const e of [...front, ...base]) {
    if (e.personId === concern.personId || out.some((x) => x.personId === e.personId)) continue;
    if (concern.route !== 'self' && e.personId === concern.raisedBy) continue;
    out.push(e);
  }
  return out;
}

export type RouteDecision =
  | { ok: true; route: ConcernRoute; chain: ChainEntry[]; why: 'chosen' | 'managesRaiser' | 'responsible' | 'noWelfareLead' | 'self' }
  | { ok: false };

/**
 * Where a colleague's concern goes. The welfare lead first when the raiser chose them, or when the
 * person is someone who manages the raiser (on the raiser's own chain: their supervisor, the
 * department head): nobody should have to take a concern about their manager to their manager's
 * manager alone. Otherwise whoever acts for the person now; when that is the raiser, they hold it
 * themselves. With no welfare lead present, the person's own chain. Nobody at all: not ok.
 */
export function routeFor(
  deps: ChainDeps,
  raiser: Person,
  subject: Person,
  wanted: 'responsible' | 'welfareLead',
  roster: Roster,
  now: Date,
): RouteDecision {
  const managesRaiser = chainFor(deps, raiser, roster, now).some((e) => e.personId === subject.id);
  const base = { personId: subject.id, unitId: subject.unitId, raisedBy: raiser.id };
  if (wanted === 'welfareLead' || managesRaiser) {
    const leads = welfareLeadsFor(deps, subject, roster, now).filter((id) => id !== raiser.id);
    if (leads.length) {
      const chain = concernChain(deps, { ...base, route: 'welfareLead' }, roster, now);
      return { ok: true, route: 'welfareLead', chain, why: wanted === 'welfareLead' ? 'chosen' : 'managesRaiser' };
    }
  }
  const first = chainFor(deps, subject, roster, now)[0];
  if (first?.personId === raiser.id)
    return { ok: true, route: 'self', chain: concernChain(deps, { ...base, route: 'self' }, roster, now), why: 'self' };
  const chain = concernChain(deps, { ...base, route: 'responsible' }, roster, now);
  if (chain.length === 0) return { ok: false };
  return { ok: true, route: 'responsible', chain, why: wanted === 'welfareLead' ? 'noWelfareLead' : 'responsible' };
}

/** The concern's id: from the raiser and the click (a click delivered twice raises it once); the raiser cannot be read back from it. */
export function concernIdFor(personId: string, raiserId: string, requestId: string): string {
  const hash = createHash('sha256').update(`${raiserId}\u0000${requestId}`).digest('hex').slice(0, 20);
  return `concern-${personId}-${hash}`;
}
