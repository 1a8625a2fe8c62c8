// Card verbs of the audit viewer: a person chosen or "More" (a page), and "Export as CSV" (a file in
// the personal chat). Every click re-checks who is clicking in audit-viewer.ts; a refusal shows nothing.
import { z } from 'zod';
import { RouteList, type ActionRequest } from '../../kernel/routes.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Card } from '../../kernel/cards.ts';
import type { AuditViewerDeps } from './deps.ts';
import { auditByName, auditPage, offerAuditExport, type AuditViewResult } from './audit-viewer.ts';
import { auditCardData } from './views.ts';
import { auditCard } from './cards.ts';

export const routes = new RouteList<AuditViewerDeps>();

export function auditRefusedCard(): Card {
  return noticeCard({
    title: 'The audit trail is not yours to read',
    lines: [
      {
        text: "Haven shows who read or changed a person's records only to the data protection officer, and to the department head for the people of their unit. Nothing was shown.",
      },
    ],
    showFooter: true,
  });
}

const toCard = (r: AuditViewResult): Card => (r.kind === 'refused' ? auditRefusedCard() : auditCard(auditCardData(r)));

export async function auditCardFor(deps: AuditViewerDeps, req: Pick<ActionRequest, 'actor'>, query: string): Promise<Card> {
  return toCard(await auditByName(deps, req.actor, query));
}

const personId = z
  .string({ invalid_type_error: 'The person is missing.', required_error: 'The person is missing.' })
  .min(1, 'The person is missing.')
  .max(120, 'That person is not recognised.');

routes.add(
  VERBS.auditMore,
  z
    .object({
      personId,
      page: z.coerce
        .number({ invalid_type_error: 'The page must be a number.' })
        .int('The page must be a whole number.')
        .min(0, 'The page must not be negative.')
        .max(10_000, 'There is no such page.')
        .default(0),
    })
    .passthrough(),
  async (deps, req, p) => toCard(await auditPage(deps, req.actor, p.personId, p.page)),
);

routes.add(VERBS.auditExport, z.object({ personId }).passthrough(), async (deps, req, p) => {
  const r = await offerAuditExport(deps, req.actor, p.personId);
  if (r === 'refused') return auditRefusedCard();
  return noticeCard({
    title: 'The audit trail is on its way',
    lines: [
      {
        text: 'Haven is sending it to this chat as a CSV file. Choose Allow on the file card to save it in your OneDrive; the offer lasts a day.',
      },
    ],
    showFooter: false,
  });
});
