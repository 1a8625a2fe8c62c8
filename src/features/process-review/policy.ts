// Who may see the annual process review, and who may open one journey's detail from it. Pure: the
// person and the roster come in. The review itself never holds answers, notes or reasons.
import type { Journey } from '../journeys/index.ts';
import type { Person, Roster } from '../../kernel/types.ts';

export interface ReviewAccess {
  /** Units whose journeys this person may see in the review. */
  unitIds: string[];
  /** Department heads may open one journey's detail (audited). */
  canOpenDetail: boolean;
}

/**
 * Who may see the review: department heads (of the units they head) and trainers (their own unit).
 * Everyone else: undefined.
 */
export function reviewAccessFor(person: Person | undefined, roster: Roster): ReviewAccess | undefined {
  if (!person) return undefined;
  const headed = roster.units.filter((u) => u.departmentHeadId === person.id).map((u) => u.id);
  if (person.roles.includes('departmentHead') && person.unitId && !headed.includes(person.unitId)) headed.push(person.unitId);
  if (headed.length) {
    const unitIds = [...headed];
    if (person.roles.includes('trainer') && person.unitId && !unitIds.includes(person.unitId)) unitIds.push(person.unitId);
    return { unitIds, canOpenDetail: true };
  }
  if (person.roles.includes('trainer') && person.unitId) return { unitIds: [person.unitId], canOpenDetail: false };
  return undefined;
}

/** Only a department head of the journey's own unit may open its detail. */
export function mayOpenJourneyDetail(person: Person | undefined, roster: Roster, journey: Pick<Journey, 'unitId'>): boolean {
  if (!person) return false;
  const unit = roster.units.find((u) => u.id === journey.unitId);
  return unit?.departmentHeadId === person.id || (person.roles.includes('departmentHead') && person.unitId === journey.unitId);
}
