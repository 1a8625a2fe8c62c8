// The reports as files: built exactly as `npm run report` builds them (the same functions, the same
// CSV and HTML), for someone the policy still allows, at the moment they accept the file.
import { exportProcessReview, buildProcessReview, type ReviewPeriod } from '../process-review/index.ts';
import { overviewFor } from '../care/index.ts';
import { monthsBetween, overviewCsv } from '../check-ins/index.ts';
import { processReviewCsv } from '../../reports/process-review-csv.ts';
import { processReviewHtml } from '../../reports/process-review-html.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { isIsoDay } from '../../kernel/format.ts';
import type { FileKind, GeneratedFile } from '../../kernel/feature.ts';
import type { ReportsDeps } from './deps.ts';
import { mayDownload, type ReportName } from './policy.ts';
import { reportFileName, type ReportFormat } from './rules.ts';

export const REPORT_FILE_KIND = 'report';

export interface ReportParams {
  report: ReportName;
  unitId: string;
  from: string;
  to: string;
  format: ReportFormat;
}

export function parseReportParams(p: Record<string, string>): ReportParams | undefined {
  const { report, unitId, from, to, format } = p;
  if ((report !== 'predeployment' && report !== 'unit') || !unitId || !from || !to || !isIsoDay(from) || !isIsoDay(to) || from > to)
    return undefined;
  if (format !== 'csv' && !(format === 'html' && report === 'predeployment')) return undefined;
  return { report, unitId, from, to, format };
}

/**
 * The file's content. `audited`: the read is written to the audit trail as the CLI writes it
 * (report.predeployment, unit.report), with the person as the actor; the size estimate when offering is not.
 */
export async function buildReport(deps: ReportsDeps, personId: string, p: ReportParams, audited: boolean): Promise<GeneratedFile> {
  const roster = await loadRoster(deps);
  const person = roster.people.find((x) => x.id === personId);
  if (!mayDownload(person, roster, p.report, p.unitId))
    return { ok: false, message: 'This report is for the department head (and, for the process review, the trainers) of its unit.' };
  const fileName = reportFileName(p.report, p, p.format);
  if (p.report === 'predeployment') {
    const period: ReviewPeriod = { from: p.from, to: p.to };
    const review = audited
      ? await exportProcessReview(deps, period, p.unitId, personId)
      : buildProcessReview((await deps.journeys.list()).map((j) => j.value), roster, period, [p.unitId], deps.clock.now());
    return { ok: true, fileName, content: p.format === 'csv' ? processReviewCsv(review) : processReviewHtml(review) };
  }
  const overview = await overviewFor(deps, p.unitId, monthsBetween(p.from, p.to));
  if (audited)
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: personId,
      action: 'unit.report',
      subject: `unit:${p.unitId}`,
      reason: `aggregates ${p.from} to ${p.to}`,
      outcome: 'ok',
    });
  return { ok: true, fileName, content: overviewCsv(p.unitId, overview) };
}

export const reportFiles: FileKind<ReportsDeps> = {
  kind: REPORT_FILE_KIND,
  async generate(deps, { personId, params }) {
    const p = parseReportParams(params);
    if (!p) return { ok: false, message: 'Haven did not recognise that report.' };
    return buildReport(deps, personId, p, true);
  },
};
