// Card verbs for the annual process review (department heads and trainers). Every click re-checks
// who is asking in the workflow; a refusal shows nothing and is audited as 'denied'.
import { z } from 'zod';
import { noticeCard } from '../../kernel/notice-card.ts';
import { processReviewCard, processReviewJourneyCard } from './cards.ts';
import type { Card } from '../../kernel/cards.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { isIsoDay, lastTwelveMonths, type ReviewPeriod } from './rules.ts';
import { readJourneyForReview, showProcessReview } from './process-review.ts';
import { journeyDetailCardData, processReviewCardData } from './views.ts';
import { RouteList, type ActionRequest } from '../../kernel/routes.ts';
import type { ProcessReviewDeps } from './deps.ts';

export const routes = new RouteList<ProcessReviewDeps>();

export function reviewRefusedCard(): Card {
  return noticeCard({
    title: 'The process review is for department heads and trainers',
    lines: [
      {
        text: 'Haven shows the annual pre-deployment review only to the department head and the trainers of a unit. Nothing was shown or changed.',
      },
    ],
    showFooter: true,
  });
}

function detailRefusedCard(): Card {
  return noticeCard({
    title: 'Only the department head can open a journey',
    lines: [{ text: 'The details of one journey are for the department head of its unit. Nothing was shown or changed.' }],
    showFooter: true,
  });
}

const day = (what: string) =>
  z
    .string({ invalid_type_error: `The ${what} date must be a date like 2026-01-31.` })
    .refine(isIsoDay, `The ${what} date must be a real date like 2026-01-31.`);

const periodSchema = z
  .object({ from: day('start').optional(), to: day('end').optional() })
  .passthrough()
  .refine((p) => (p.from === undefined) === (p.to === undefined), 'Give both a start and an end date, or neither (the last twelve months).')
  .refine((p) => !p.from || !p.to || p.from <= p.to, 'The start date must not be after the end date.');

/** The review card for whoever asks (typed command or button), or the polite refusal. */
export async function reviewCardFor(
  deps: ProcessReviewDeps,
  req: Pick<ActionRequest, 'actor'>,
  period?: Partial<ReviewPeriod>,
): Promise<Card> {
  const p: ReviewPeriod = period?.from && period.to ? { from: period.from, to: period.to } : lastTwelveMonths(deps.clock.now());
  const r = await showProcessReview(deps, req.actor, p);
  if (!r.ok) return reviewRefusedCard();
  return processReviewCard(processReviewCardData(r.review, r.canOpenDetail));
}

routes.add(VERBS.reviewShow, periodSchema, async (deps, req, payload) => reviewCardFor(deps, req, payload));

routes.add(
  VERBS.reviewJourney,
  z
    .object({
      journeyId: z
        .string({
          required_error: 'That card does not say which journey it is about.',
          invalid_type_error: 'That card refers to a journey Haven does not know.',
        })
        .min(1, 'That card does not say which journey it is about.')
        .max(100, 'That card refers to a journey Haven does not know.'),
    })
    .passthrough(),
  async (deps, req, payload) => {
    const r = await readJourneyForReview(deps, req.actor, payload.journeyId);
    if (!r.ok) return detailRefusedCard();
    return processReviewJourneyCard(journeyDetailCardData(r.detail));
  },
);
