// Card verbs of a break that ends (issue 14, part 1): the break card, "I feel ready to go back", a new
// review date, the confirmed return and "access restored". Every click re-checks who is clicking
// (policy.ts through off-viewing.ts); a refusal changes nothing, says why, and is audited.
import { z } from 'zod';
import type { Card } from '../../kernel/cards.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { RouteList, type ActionRequest } from '../../kernel/routes.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { actOnDeclaration } from './act-on-declaration.ts';
import { breakContext } from './break-effects.ts';
import { stepAwayCard, viewingBreakCard } from './cards.ts';
import { endStepAway, startStepAway } from './step-away.ts';
import type { DeclarationDeps } from './deps.ts';
import type { Action, Declaration } from './model.ts';
import { periodOf } from './off-viewing.ts';
import { maySeeBreak } from './policy.ts';
import { breakView, stepAwayView } from './views.ts';

export const breakRoutes = new RouteList<DeclarationDeps>();

const declarationId = z
  .string({
    required_error: 'That card does not say which break it is about.',
    invalid_type_error: 'That card refers to a break Haven does not know.',
  })
  .regex(/^decl-[0-9a-f]{24}$/, 'That card refers to a break Haven does not know.');
const byId = z.object({ declarationId }).passthrough();

const NOT_YOURS = (): Card =>
  noticeCard({
    title: 'This is not yours to open',
    lines: [{ text: 'Only the person on the break and whoever looks after them can see it. Nothing was changed.' }],
    showFooter: true,
  });

/** The break card for whoever clicked, if they may see it (policy.ts maySeeBreak), with `notice` on it. */
async function cardFor(deps: DeclarationDeps, d: Declaration | undefined, viewerId: string, notice = ''): Promise<Card> {
  if (!d || !periodOf(d)) return NOT_YOURS();
  const roster = await loadRoster(deps);
  const ctx = await breakContext(deps, d, roster);
  if (!maySeeBreak(d, viewerId, ctx)) return NOT_YOURS();
  return viewingBreakCard(breakView(d, viewerId, roster, ctx, notice));
}

/** Opening the break card: the person's own, or audited as a read by whoever looks after them. */
breakRoutes.add(VERBS.breakShow, byId, async (deps, req, p) => {
  const viewerId = await viewerIdOf(deps, req.actor);
  const d = (await deps.declarations.get(p.declarationId))?.value;
  const card = await cardFor(deps, d, viewerId);
  if (d?.personId !== viewerId) {
    const roster = await loadRoster(deps);
    const allowed = !!d && !!periodOf(d) && maySeeBreak(d, viewerId, await breakContext(deps, d, roster));
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: viewerId,
      action: 'break.read',
      subject: `declaration:${p.declarationId}`,
      ...(d ? { about: d.personId } : {}),
      reason: allowed ? 'break card' : 'break card: not theirs',
      outcome: allowed ? 'ok' : 'denied',
    });
  }
  return card;
});

const DONE: Partial<Record<Action['type'], string>> = {
  readyToReturn: 'Already done: you said you feel ready to go back.',
  confirmReturn: 'Already done: the return to viewing was agreed.',
  confirmAccessRestored: 'Already done: grading access was confirmed restored.',
  setReview: 'Nothing changed: that is already the review date.',
};

async function step(deps: DeclarationDeps, req: ActionRequest, id: string, action: Action): Promise<Card> {
  const r = await actOnDeclaration(deps, req.actor, id, action);
  if (!r.ok) {
    const viewerId = r.viewerId ?? (await viewerIdOf(deps, req.actor));
    return cardFor(deps, r.declaration, viewerId, `${r.rejection.message} Nothing was changed.`);
  }
  return cardFor(deps, r.declaration, r.viewerId, r.changed ? '' : (DONE[action.type] ?? ''));
}

breakRoutes.add(VERBS.breakReady, byId, async (deps, req, p) => step(deps, req, p.declarationId, { type: 'readyToReturn' }));

breakRoutes.add(VERBS.breakReview, byId.extend({ reviewOn: z.string().max(40).optional() }), async (deps, req, p) =>
  // An empty or malformed date is refused by the rules with a plain reason (off-viewing.ts reviewDateProblem).
  step(deps, req, p.declarationId, { type: 'setReview', on: p.reviewOn ?? '' }),
);

breakRoutes.add(VERBS.breakConfirmReturn, byId, async (deps, req, p) =>
  // Re-adding to the grading-access group is the job's, never the click's: here it is only marked pending.
  step(deps, req, p.declarationId, { type: 'confirmReturn', automatic: deps.viewingAccess.configured }),
);

breakRoutes.add(VERBS.breakConfirmAccess, byId, async (deps, req, p) =>
  step(deps, req, p.declarationId, { type: 'confirmAccessRestored' }),
);

// "I'm stepping away for a bit": a private screen break (step-away.ts). Nobody is told.
breakRoutes.add(VERBS.stepAwayStart, z.object({}).passthrough(), async (deps, req) =>
  stepAwayCard(stepAwayView(await startStepAway(deps, req.actor, req.requestId))),
);

breakRoutes.add(VERBS.stepAwayBack, z.object({}).passthrough(), async (deps, req) =>
  stepAwayCard(stepAwayView(await endStepAway(deps, req.actor))),
);
