// Who sees what of a suitability questionnaire (README "Ongoing care"). Pure: the questionnaire, the
// viewer and who holds a role for the person now (kernel/responsibility.ts) come in.
import type { SuitabilityQuestionnaire } from './rules.ts';

/**
 * - the person: their own answers and whether (and how) it was reviewed, never the reviewer's note,
 *   which is the supervisor's working note; anything agreed is agreed with the person directly;
 * - a reviewer: whoever is responsible for the person now, or whoever the answers were sent to while
 *   they still hold a role for the person (on the chain now): a cover for the cover period, a
 *   supervisor until someone else supervises the person. The answers, the outcome and the note;
 * - anyone else, and anyone at all while it is a draft: nothing.
 */
export type SuitabilityViewer = 'owner' | 'reviewer' | 'none';

export interface SuitabilityRoles {
  /** Who acts for the person now (the first of the chain), if anyone. */
  actsNow?: string;
  /** Everyone on the person's chain now. */
  chain: readonly string[];
}

export function suitabilityViewer(
  q: Pick<SuitabilityQuestionnaire, 'personId' | 'sharedWith' | 'status'>,
  viewerId: string,
  roles: SuitabilityRoles,
): SuitabilityViewer {
  if (viewerId === q.personId) return 'owner';
  if (q.status === 'draft') return 'none';
  if (roles.actsNow !== undefined && roles.actsNow === viewerId) return 'reviewer';
  if (q.sharedWith.includes(viewerId) && roles.chain.includes(viewerId)) return 'reviewer';
  return 'none';
}
