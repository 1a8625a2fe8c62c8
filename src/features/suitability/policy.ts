// Who sees what of a suitability questionnaire (README "Ongoing care"), and whom an officer may choose
// to read it (README "Choosing whom to tell first"). Pure: the questionnaire, the viewer, the unit's
// policy and contacts, and who holds a role for the person now (kernel/responsibility.ts) come in.
import type { ContactKind, ResolvedContact } from '../../kernel/contacts.ts';
import type { EscalationPolicy } from '../../kernel/escalation.ts';
import type { SuitabilityQuestionnaire } from './rules.ts';

/**
 * - the person: their own answers and whether (and how) it was reviewed, never the reviewer's note,
 *   which is the reviewer's working note; anything agreed is agreed with the person directly;
 * - a reviewer: if the person chose a reader (`readBy`), that reader and nobody else, while they are
 *   still that contact for the person and not away; otherwise whoever is responsible for the person
 *   now, or whoever the answers were sent to while they still hold a role for the person (on the chain
 *   now): a cover for the cover period, a supervisor until someone else supervises the person. The
 *   answers, the outcome and the note;
 * - anyone else (the supervisor line too, when the person chose a reader), and anyone at all while it
 *   is a draft: nothing. The supervisor sees only the care record that the review is done.
 */
export type SuitabilityViewer = 'owner' | 'reviewer' | 'none';

export interface SuitabilityRoles {
  /** Who acts for the person now (the first of the chain), if anyone. */
  actsNow?: string;
  /** Everyone on the person's chain now. */
  chain: readonly string[];
  /** Who is, now, the unit's contact of the kind the person chose to read it (present people only). */
  chosenKindNow?: readonly string[];
}

export function suitabilityViewer(
  q: Pick<SuitabilityQuestionnaire, 'personId' | 'sharedWith' | 'status' | 'readBy'>,
  viewerId: string,
  roles: SuitabilityRoles,
): SuitabilityViewer {
  if (viewerId === q.personId) return 'owner';
  if (q.status === 'draft') return 'none';
  if (q.readBy) return chosenReaderNow(q, roles) === viewerId ? 'reviewer' : 'none';
  if (roles.actsNow !== undefined && roles.actsNow === viewerId) return 'reviewer';
  if (q.sharedWith.includes(viewerId) && roles.chain.includes(viewerId)) return 'reviewer';
  return 'none';
}

/** The reader the person chose, if they are still that contact for the person and present now. */
export function chosenReaderNow(
  q: Pick<SuitabilityQuestionnaire, 'readBy'>,
  roles: Pick<SuitabilityRoles, 'chosenKindNow'>,
): string | undefined {
  const id = q.readBy?.personId;
  return id && roles.chosenKindNow?.includes(id) ? id : undefined;
}

/** The unit's policy: may an officer choose who reads their questionnaire? Default yes. The one place this is read. */
export function mayChooseSuitabilityReader(policy: Pick<EscalationPolicy, 'suitabilityReaderChoice'>): boolean {
  return policy.suitabilityReaderChoice !== false;
}

/**
 * The contacts fit to read a suitability questionnaire instead of the supervisor: people whose job is
 * the person's welfare or fitness for the role. Not a TRiM practitioner (TRiM is about incidents, not
 * the annual review) and not a trainer (a peer who trains them, not someone who reviews suitability).
 */
export const SUITABILITY_READER_KINDS: readonly ContactKind[] = ['welfareLead', 'occupationalHealth', 'departmentHead'];

/** One reader the person may choose now: the contact kind and the one person who would read it. */
export interface ReaderOption {
  kind: ContactKind;
  title: string;
  personId: string;
}

/**
 * Whom the person may choose to read their questionnaire now, besides their supervisor (the default):
 * nobody when the unit's policy says no; else each fit contact with someone present (the first of
 * them reads it), never someone who is already the supervisor acting for them now.
 */
export function suitabilityReaderOptions(
  policy: Pick<EscalationPolicy, 'suitabilityReaderChoice'>,
  contacts: readonly ResolvedContact[],
  actsNow: string | undefined,
): ReaderOption[] {
  if (!mayChooseSuitabilityReader(policy)) return [];
  const out: ReaderOption[] = [];
  for (const kind of SUITABILITY_READER_KINDS) {
    const c = contacts.find((x) => x.kind === kind);
    const personId = c?.personIds.find((id) => id !== actsNow);
    if (c && personId) out.push({ kind, title: c.title, personId });
  }
  return out;
}
