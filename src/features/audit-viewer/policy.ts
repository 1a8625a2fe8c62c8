// Who may read the audit trail about a person (issue 16 part 4): the data protection officer (role
// `dpo`) about anyone on the roster; a department head about the people of the units they head. No one
// else, and no one who has left. Pure.
import type { Person, Roster } from '../../kernel/types.ts';

function headedUnits(viewer: Person, roster: Roster): string[] {
  const headed = roster.units.filter((u) => u.departmentHeadId === viewer.id).map((u) => u.id);
  if (viewer.roles.includes('departmentHead') && viewer.unitId && !headed.includes(viewer.unitId)) headed.push(viewer.unitId);
  return headed;
}

export function mayReadAuditOf(viewer: Person | undefined, subject: Person | undefined, roster: Roster): boolean {
  if (!viewer || viewer.leftOn || !subject) return false;
  if (viewer.roles.includes('dpo')) return true;
  return headedUnits(viewer, roster).includes(subject.unitId);
}

/** Everyone whose audit this viewer may read: the only names a choice or "not found" may list. */
export function auditablePeople(viewer: Person | undefined, roster: Roster): Person[] {
  return roster.people.filter((p) => mayReadAuditOf(viewer, p, roster));
}
