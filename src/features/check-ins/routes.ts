// Card verbs for check-ins, flags and the unit overview. Each handler parses its payload, calls one
// workflow (which re-checks who is clicking), and returns the card for that person.
import { z } from 'zod';
import { checkInCard, checkInConfirmationCard, flagCard, weeklySummaryCard } from './cards.ts';
import { submitWeeklySummary } from './weekly-summary.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Card } from '../../kernel/cards.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { actOnFlag, showFlag } from './act-on-flag.ts';
import type { Actor } from '../../kernel/context.ts';
import { openCheckIn, submitCheckIn, type Notice } from './submit-check-in.ts';
import { RouteList } from '../../kernel/routes.ts';
import { showCheckInNote, showSharedCheckIn } from './show-note.ts';
import { userText } from '../../kernel/text.ts';
import type { CheckInDeps } from './deps.ts';

export const routes = new RouteList<CheckInDeps>();

function notice(n: Notice): Card {
  return noticeCard({ title: n.title, lines: n.lines.map((text) => ({ text })), showFooter: true });
}

export async function checkInCardFor(deps: CheckInDeps, actor: Actor): Promise<Card> {
  const r = await openCheckIn(deps, actor);
  return r.kind === 'card' ? checkInCard(r.card) : notice(r.notice);
}

const NOT_YOURS: Notice = {
  title: 'This is not yours to act on',
  lines: ['Only the people this prompt was sent to can act on it. Nothing was changed.'],
};

const checkInId = z
  .string({
    required_error: 'That card does not say which check-in it is.',
    invalid_type_error: 'That card refers to a check-in Haven does not know.',
  })
  .max(120, 'That card refers to a check-in Haven does not know.')
  .regex(/^checkin:[^\s]+$/, 'That card refers to a check-in Haven does not know.');
const flagId = z
  .string({
    required_error: 'That card does not say which prompt it is about.',
    invalid_type_error: 'That card refers to a prompt Haven does not know.',
  })
  .max(160, 'That card refers to a prompt Haven does not know.')
  .regex(/^flag-[A-Za-z0-9._-]+$/, 'That card refers to a prompt Haven does not know.');

routes.add(VERBS.checkInOpen, z.object({}).passthrough(), async (deps, req) => checkInCardFor(deps, req.actor));

// The note's limit comes from the question set (at most 4,000); check-in.ts says by how much it is over.
routes.add(
  VERBS.checkInSubmit,
  z.object({ checkInId, freeText: userText('your note', 4000).optional() }).passthrough(),
  async (deps, req, payload) => {
    const r = await submitCheckIn(
      deps,
      req.actor,
      payload.checkInId,
      { ...req.data, ...(payload.freeText !== undefined ? { freeText: payload.freeText } : {}) },
      req.log,
    );
    if (r.kind === 'confirmed') return checkInConfirmationCard(r.confirmation);
    if (r.kind === 'retry') return checkInCard(r.card);
    return notice(r.notice);
  },
);

routes.add(VERBS.checkInShowNote, z.object({ checkInId }).passthrough(), async (deps, req, payload) =>
  showCheckInNote(deps, req.actor, payload.checkInId),
);

// "Open" on a digest line: a check-in shared with the supervisor, or a flag (flag-tray.ts).
routes.add(VERBS.checkInShowShared, z.object({ checkInId }).passthrough(), async (deps, req, payload) =>
  showSharedCheckIn(deps, req.actor, payload.checkInId),
);

routes.add(VERBS.flagShow, z.object({ flagId }).passthrough(), async (deps, req, payload) => {
  const r = await showFlag(deps, req.actor, payload.flagId);
  return r.ok ? flagCard(r.card) : notice(NOT_YOURS);
});

for (const [verb, action] of [
  [VERBS.flagAcknowledge, 'acknowledge'],
  [VERBS.flagResolve, 'resolve'],
] as const) {
  routes.add(verb, z.object({ flagId }).passthrough(), async (deps, req, payload) => {
    const r = await actOnFlag(deps, req.actor, payload.flagId, action);
    return r.ok ? flagCard(r.card) : notice(NOT_YOURS);
  });
}

// Issue 14: "Send" on the weekly workload card. The week is checked by the workflow (a real ISO week,
// not in the future, the clicker's own); the inputs by workload.ts parseSummary.
const week = z
  .string({
    required_error: 'That card does not say which week it is.',
    invalid_type_error: 'That card refers to a week Haven does not know.',
  })
  .max(10, 'That card refers to a week Haven does not know.')
  .regex(/^\d{4}-W\d{2}$/, 'That card refers to a week Haven does not know.');
routes.add(VERBS.workloadSubmit, z.object({ week }).passthrough(), async (deps, req, payload) => {
  const r = await submitWeeklySummary(deps, req.actor, payload.week, req.data);
  return r.kind === 'retry' ? weeklySummaryCard(r.card) : notice({ title: r.title, lines: r.lines });
});
