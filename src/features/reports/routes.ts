// Card verbs of the reports: the list, and "Download", which offers the file in the personal chat.
// Every click re-checks who is clicking (policy.ts); a refusal shows nothing and is audited.
import { z } from 'zod';
import { RouteList, type ActionRequest } from '../../kernel/routes.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { beginTurn } from '../../kernel/turn.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Card } from '../../kernel/cards.ts';
import { lastTwelveMonths } from '../process-review/index.ts';
import type { ReportsDeps } from './deps.ts';
import { mayDownload, reportsFor } from './policy.ts';
import { REPORT_TITLES } from './rules.ts';
import { reportsCardData } from './views.ts';
import { reportsCard } from './cards.ts';
import { buildReport, REPORT_FILE_KIND } from './files.ts';

export const routes = new RouteList<ReportsDeps>();

function refusedCard(): Card {
  return noticeCard({
    title: 'That report is not yours to download',
    lines: [
      {
        text: 'Reports are for the department head of a unit (and the annual process review for its trainers too). Nothing was sent.',
      },
    ],
    showFooter: true,
  });
}

/** The reports this person may download (typed "reports" or the button). Shown even when empty, with why. */
export async function reportsCardFor(deps: ReportsDeps, req: Pick<ActionRequest, 'actor'>): Promise<Card> {
  const turn = await beginTurn(deps, req.actor);
  const grants = reportsFor(turn.person, turn.roster);
  return reportsCard(reportsCardData(grants, turn.roster, lastTwelveMonths(turn.now)));
}

routes.add(VERBS.reportsShow, z.object({}).passthrough(), (deps, req) => reportsCardFor(deps, req));

const downloadSchema = z
  .object({
    report: z.enum(['predeployment', 'unit'], { errorMap: () => ({ message: 'That report is not one Haven knows.' }) }),
    unitId: z.string({ invalid_type_error: 'The unit is missing.' }).min(1, 'The unit is missing.').max(80, 'The unit is not recognised.'),
    format: z.enum(['csv', 'html'], { errorMap: () => ({ message: 'The file format must be CSV or a web page.' }) }),
  })
  .passthrough()
  .refine((p) => p.format === 'csv' || p.report === 'predeployment', 'The check-in figures come as CSV only.');

routes.add(VERBS.reportsDownload, downloadSchema, async (deps, req, p) => {
  const turn = await beginTurn(deps, req.actor);
  const subject = `report:${p.report}:${p.unitId}`;
  if (!turn.person || !mayDownload(turn.person, turn.roster, p.report, p.unitId)) {
    await turn.audit('file.offer', subject, 'not entitled to this report', 'denied');
    return refusedCard();
  }
  const period = lastTwelveMonths(turn.now);
  const params = { report: p.report, unitId: p.unitId, from: period.from, to: period.to, format: p.format };
  // Built once now for its size (not audited: nobody reads it); built again, audited, when accepted.
  const built = await buildReport(deps, turn.person.id, params, false);
  if (!built.ok) {
    await turn.audit('file.offer', subject, 'not entitled to this report', 'denied');
    return refusedCard();
  }
  await deps.fileOffers.offer({
    personId: turn.person.id,
    kind: REPORT_FILE_KIND,
    params,
    fileName: built.fileName,
    description: `${REPORT_TITLES[p.report]} from Haven`,
    sizeInBytes: Buffer.byteLength(built.content, 'utf8'),
  });
  await turn.audit('file.offer', subject, `${p.format} offered`);
  const unitName = turn.roster.units.find((u) => u.id === p.unitId)?.name ?? 'your unit';
  return noticeCard({
    title: 'Your report is on its way',
    lines: [
      {
        text: `Haven is sending the ${REPORT_TITLES[p.report].toLowerCase()} for ${unitName} to this chat. Choose Allow on the file card to save it in your OneDrive; the offer lasts a day.`,
      },
    ],
    showFooter: false,
  });
});
