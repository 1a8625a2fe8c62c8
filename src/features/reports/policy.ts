// Who may download which report in Teams: exactly who may see it there already. The annual process
// review: department heads (the units they head) and trainers (their unit), as process-review's
// reviewAccessFor decides. The unit's check-in aggregates: the unit's department head, as the unit
// overview decides (care's showUnitOverview). Pure.
import { reviewAccessFor } from '../process-review/index.ts';
import type { Person, Roster } from '../../kernel/types.ts';

export type ReportName = 'predeployment' | 'unit';

export interface ReportGrant {
  report: ReportName;
  unitId: string;
}

export function reportsFor(person: Person | undefined, roster: Roster): ReportGrant[] {
  if (!person || person.leftOn) return [];
  const review = reviewAccessFor(person, roster)?.unitIds ?? [];
  const headed = roster.units.filter((u) => u.departmentHeadId === person.id).map((u) => u.id);
  return [
    ...review.map((unitId) => ({ report: 'predeployment' as const, unitId })),
    ...headed.map((unitId) => ({ report: 'unit' as const, unitId })),
  ];
}

export function mayDownload(person: Person | undefined, roster: Roster, report: ReportName, unitId: string): boolean {
  return reportsFor(person, roster).some((g) => g.report === report && g.unitId === unitId);
}
