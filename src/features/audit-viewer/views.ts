// The audit card's data: names, times and words only; ids travel only in button data.
import type { AuditViewResult } from './audit-viewer.ts';
import { AUDIT_PAGE_SIZE, type AuditLine } from './rules.ts';

export interface AuditCardData {
  title: string;
  intro: string;
  lines: AuditLine[];
  choices: { personId: string; name: string }[];
  /** Button data; empty when there is no such button. */
  personId: string;
  hasMore: boolean;
  nextPage: number;
  canExport: boolean;
}

export function auditCardData(r: Exclude<AuditViewResult, { kind: 'refused' }>): AuditCardData {
  if (r.kind === 'choose')
    return {
      title: 'Whose audit trail?',
      intro:
        r.found === 'many'
          ? 'More than one person matches. Choose one (only people whose trail you may read are listed):'
          : r.choices.length
            ? 'No one by that name among the people whose trail you may read. Choose one of them, or type "audit" and a full name:'
            : 'There is no one whose audit trail you may read.',
      lines: [],
      choices: r.choices,
      personId: '',
      hasMore: false,
      nextPage: 0,
      canExport: false,
    };
  const first = r.page * AUDIT_PAGE_SIZE + 1;
  const last = r.page * AUDIT_PAGE_SIZE + r.lines.length;
  return {
    title: `Audit trail: ${r.name}`,
    intro: r.total
      ? `Who read or changed ${r.name}'s records, newest first: ${first} to ${last} of ${r.total}. Answers, notes and free text are never shown here.`
      : `Nothing is recorded about ${r.name} yet.`,
    lines: r.lines,
    choices: [],
    personId: r.personId,
    hasMore: last < r.total,
    nextPage: r.page + 1,
    canExport: r.total > 0,
  };
}
