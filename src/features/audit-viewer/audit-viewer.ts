// The audit viewer (issue 16 part 4): who read or changed a person's records, when and why, for the
// data protection officer and the department head of the person's unit. Every view, refusal and export
// is itself audited (`audit.read`, `audit.export`, subject `person:<id>`), so it shows in the trail too.
// The trail under `person:<id>` also holds the entries about one of their records (a request, a flag,
// a journey): the features set `about` on those and the audit log indexes them under the person too.
import type { Actor } from '../../kernel/context.ts';
import { beginTurn, type Turn } from '../../kernel/turn.ts';
import { formatTime } from '../../kernel/format.ts';
import type { AuditEntry, Person } from '../../kernel/types.ts';
import type { GeneratedFile } from '../../kernel/feature.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { csvCell } from '../../reports/process-review-csv.ts';
import type { AuditViewerDeps } from './deps.ts';
import { auditablePeople, mayReadAuditOf } from './policy.ts';
import { AUDIT_PAGE_SIZE, auditLine, findPerson, namesOf, type AuditLine } from './rules.ts';

export type AuditViewResult =
  | { kind: 'refused' }
  | { kind: 'choose'; query: string; choices: { personId: string; name: string }[]; found: 'many' | 'none' }
  | { kind: 'page'; personId: string; name: string; lines: AuditLine[]; page: number; total: number };

const subjectOf = (personId: string) => `person:${personId}`;

async function page(deps: AuditViewerDeps, turn: Turn, subject: Person, pageNo: number): Promise<AuditViewResult> {
  const entries = await deps.audit.listBySubject(subjectOf(subject.id));
  const pages = Math.max(1, Math.ceil(entries.length / AUDIT_PAGE_SIZE));
  const p = Math.min(Math.max(0, pageNo), pages - 1);
  const names = namesOf(turn.roster);
  const lines = entries.slice(p * AUDIT_PAGE_SIZE, (p + 1) * AUDIT_PAGE_SIZE).map((e) => auditLine(e, names, formatTime));
  // Audited after the read, so the reader's own view is the newest line next time, not this time.
  await turn.audit('audit.read', subjectOf(subject.id), `audit trail viewed, page ${p + 1} of ${pages}`);
  return { kind: 'page', personId: subject.id, name: subject.name, lines, page: p, total: entries.length };
}

/** "audit <name or id>": one person's trail, or a choice among the people this reader may audit. */
export async function auditByName(deps: AuditViewerDeps, actor: Actor, query: string): Promise<AuditViewResult> {
  const turn = await beginTurn(deps, actor);
  const among = auditablePeople(turn.person, turn.roster);
  if (!turn.person || among.length === 0) {
    await turn.audit('audit.read', 'audit', 'not a data protection officer or department head', 'denied');
    return { kind: 'refused' };
  }
  const found = findPerson(query, among);
  if (found.kind === 'one') return page(deps, turn, found.person, 0);
  const list = found.kind === 'many' ? found.people : among;
  return {
    kind: 'choose',
    query,
    found: found.kind,
    choices: [...list]
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 20)
      .map((p) => ({ personId: p.id, name: p.name })),
  };
}

/** A page of one person's trail (the choice buttons and "More"): re-checked on every click. */
export async function auditPage(deps: AuditViewerDeps, actor: Actor, personId: string, pageNo: number): Promise<AuditViewResult> {
  const turn = await beginTurn(deps, actor);
  const subject = turn.roster.people.find((p) => p.id === personId);
  if (!mayReadAuditOf(turn.person, subject, turn.roster)) {
    await turn.audit('audit.read', subjectOf(personId.slice(0, 120)), 'not entitled', 'denied');
    return { kind: 'refused' };
  }
  return page(deps, turn, subject!, pageNo);
}

export const AUDIT_FILE_KIND = 'audit.csv';

/** Offers the whole trail about the person as CSV, through the file consent card. */
export async function offerAuditExport(deps: AuditViewerDeps, actor: Actor, personId: string): Promise<'offered' | 'refused'> {
  const turn = await beginTurn(deps, actor);
  const subject = turn.roster.people.find((p) => p.id === personId);
  if (!turn.person || !mayReadAuditOf(turn.person, subject, turn.roster)) {
    await turn.audit('file.offer', subjectOf(personId.slice(0, 120)), 'audit export: not entitled', 'denied');
    return 'refused';
  }
  const csv = auditCsv(await deps.audit.listBySubject(subjectOf(subject!.id)), namesOf(turn.roster));
  await deps.fileOffers.offer({
    personId: turn.person.id,
    kind: AUDIT_FILE_KIND,
    params: { personId: subject!.id },
    fileName: `audit-trail-${turn.today}.csv`,
    description: 'Audit trail from Haven',
    sizeInBytes: Buffer.byteLength(csv, 'utf8'),
  });
  await turn.audit('file.offer', subjectOf(subject!.id), 'audit export offered');
  return 'offered';
}

/** The CSV: one line per entry, newest first; every cell a spreadsheet could run as a formula is neutralised. */
export function auditCsv(entries: readonly AuditEntry[], names: ReadonlyMap<string, string>): string {
  const header = ['When (UK time)', 'Who', 'What', 'Why'];
  const rows = entries.map((e) => {
    const l = auditLine(e, names, formatTime);
    return [l.when, l.who, l.what, l.why];
  });
  return [header, ...rows].map((r) => r.map((c) => csvCell(c)).join(',')).join('\r\n') + '\r\n';
}

/** The export, built again when accepted: the reader must still be entitled; the export is audited. */
export async function generateAuditExport(deps: AuditViewerDeps, readerId: string, personId: string | undefined): Promise<GeneratedFile> {
  const roster = await loadRoster(deps);
  const reader = roster.people.find((p) => p.id === readerId);
  const subject = roster.people.find((p) => p.id === personId);
  const at = deps.clock.now().toISOString();
  if (!mayReadAuditOf(reader, subject, roster)) {
    await deps.audit.append({
      at,
      actor: readerId,
      action: 'audit.export',
      subject: subjectOf((personId ?? 'unknown').slice(0, 120)),
      reason: 'not entitled',
      outcome: 'denied',
    });
    return { ok: false, message: 'The audit trail is for the data protection officer and the department head of the unit.' };
  }
  const entries = await deps.audit.listBySubject(subjectOf(subject!.id));
  await deps.audit.append({
    at,
    actor: readerId,
    action: 'audit.export',
    subject: subjectOf(subject!.id),
    reason: `${entries.length} entries exported`,
    outcome: 'ok',
  });
  return { ok: true, fileName: `audit-trail-${at.slice(0, 10)}.csv`, content: auditCsv(entries, namesOf(roster)) };
}
