// A unit's confidential contacts besides the line supervisor: the people an officer may choose to
// tell first ("I'm not okay", a check-in conversation, the suitability reader), and where concerns
// about a colleague and TRiM follow-ups go. Read from data/contacts/<unit>.json (else the default:
// everyone on the unit holding the contact's role, and the unit's department head). Pure: the roster
// and `now` come in; an absent person is never offered.
import { activeAbsence, type ChainSubject } from './responsibility.ts';
import type { Role, Roster } from './types.ts';

export const CONTACT_KINDS = [
  { value: 'welfareLead', title: 'the welfare lead', role: 'welfareLead' },
  { value: 'trimPractitioner', title: 'a TRiM practitioner', role: 'trimPractitioner' },
  { value: 'departmentHead', title: 'the department head', role: 'departmentHead' },
  { value: 'trainer', title: 'a trainer', role: 'trainer' },
  { value: 'occupationalHealth', title: 'occupational health', role: 'occupationalHealth' },
] as const satisfies readonly { value: string; title: string; role: Role }[];

export type ContactKind = (typeof CONTACT_KINDS)[number]['value'];

export function isContactKind(value: unknown): value is ContactKind {
  return CONTACT_KINDS.some((k) => k.value === value);
}

/**
 * One confidential contact of a unit: named people (roster ids, tried in order), or everyone on the
 * unit holding a role. Without either, the contact kind's own role (for `departmentHead`, the unit's
 * department head).
 */
export interface ContactRule {
  kind: ContactKind;
  personIds?: string[];
  role?: Role;
}

/** The default for a unit with no contacts file: every kind, by role. */
export const DEFAULT_CONTACTS: readonly ContactRule[] = Object.freeze(CONTACT_KINDS.map((k) => ({ kind: k.value })));

/** A contact resolved for one person now: who, in order, is present and may be told. */
export interface ResolvedContact {
  kind: ContactKind;
  /** For cards: "the welfare lead". */
  title: string;
  /** Present people on the roster, never the subject; the first is told first. */
  personIds: string[];
}

export function contactTitle(kind: ContactKind): string {
  return CONTACT_KINDS.find((k) => k.value === kind)!.title;
}

/** Validates a contacts file; every problem is listed. */
export function parseContacts(json: unknown, source: string): { ok: true; contacts: ContactRule[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const raw = (json ?? {}) as { contacts?: unknown };
  if (!Array.isArray(raw.contacts))
    return { ok: false, problems: [`${source}: "contacts" must be a list of { kind, personIds? | role? }`] };
  const contacts: ContactRule[] = [];
  const seen = new Set<string>();
  raw.contacts.forEach((c: unknown, i: number) => {
    const entry = (c ?? {}) as Record<string, unknown>;
    const where = `${source}: contacts[${i}]`;
    const before = problems.length;
    if (!isContactKind(entry.kind)) problems.push(`${where}.kind must be one of ${CONTACT_KINDS.map((k) => k.value).join(', ')}`);
    else if (seen.has(entry.kind)) problems.push(`${where}: "${entry.kind}" is listed twice`);
    if (entry.personIds !== undefined && entry.role !== undefined) problems.push(`${where}: give personIds or role, not both`);
    if (
      entry.personIds !== undefined &&
      (!Array.isArray(entry.personIds) || entry.personIds.length === 0 || entry.personIds.some((p) => typeof p !== 'string' || !p.trim()))
    )
      problems.push(`${where}.personIds must be a non-empty list of roster ids`);
    if (entry.role !== undefined && (typeof entry.role !== 'string' || !CONTACT_KINDS.some((k) => k.role === entry.role)))
      problems.push(`${where}.role must be one of ${[...new Set(CONTACT_KINDS.map((k) => k.role))].join(', ')}`);
    if (problems.length > before) return;
    seen.add(entry.kind as string);
    contacts.push({
      kind: entry.kind as ContactKind,
      personIds: (entry.personIds as string[] | undefined)?.map((p) => p.trim()),
      role: entry.role as Role | undefined,
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, contacts };
}

/**
 * The unit's contacts for `subject` now, in the file's order; a contact with nobody present is left
 * out (it cannot be offered). The subject is never their own contact.
 */
export function confidentialContacts(
  subject: ChainSubject,
  rules: readonly ContactRule[],
  roster: Pick<Roster, 'people' | 'units' | 'absences'>,
  now: Date,
): ResolvedContact[] {
  const unit = roster.units.find((u) => u.id === subject.unitId);
  const present = (id: string) =>
    id !== subject.id && roster.people.some((p) => p.id === id) && activeAbsence(roster.absences, id, now) === undefined;
  const out: ResolvedContact[] = [];
  for (const rule of rules) {
    const kind = CONTACT_KINDS.find((k) => k.value === rule.kind)!;
    let ids: string[];
    if (rule.personIds) ids = rule.personIds;
    else if (!rule.role && rule.kind === 'departmentHead') ids = unit?.departmentHeadId ? [unit.departmentHeadId] : [];
    else {
      const role = rule.role ?? kind.role;
      ids = roster.people
        .filter((p) => p.unitId === subject.unitId && p.roles.includes(role))
        .map((p) => p.id)
        .sort();
    }
    const personIds = [...new Set(ids)].filter(present);
    if (personIds.length) out.push({ kind: rule.kind, title: kind.title, personIds });
  }
  return out;
}
