// The admin card's workflows: show it, retry a dead letter, re-run the roster sync. Each begins by
// deciding who is asking (policy.ts); a refusal shows nothing, changes nothing and is audited 'denied'.
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import { friendlyProblemCard } from '../../kernel/routes.ts';
import { beginTurn, type Turn } from '../../kernel/turn.ts';
import { adminCard } from './cards.ts';
import type { OperationsDeps } from './deps.ts';
import { mayOperate } from './policy.ts';
import { WINDOW_DAYS, deliveryFacts, isDeadLetter } from './rules.ts';
import { adminCardData, purposeKind } from './views.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const CARD_SUBJECT = 'admin:card';

export function adminRefusedCard(): Card {
  return friendlyProblemCard('The admin card is for Haven’s administrators', [
    'Only people with the admin role can see delivery health or act on it. Nothing was shown or changed.',
  ]);
}

async function composeCard(deps: OperationsDeps, turn: Turn, banner?: string): Promise<Card> {
  const since = new Date(turn.now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const [waiting, failed, unreachableRows, refs, jobLoop, last] = await Promise.all([
    deps.deliveryQueue.waiting(),
    deps.deliveryQueue.endedSince('failed', since),
    deps.deliveryQueue.endedSince('unreachable', since),
    deps.conversations.list(),
    deps.jobLoop.current(),
    deps.rosterSync.lastRun(),
  ]);
  const facts = deliveryFacts({
    waiting: waiting.map((m) => m.value),
    failed: failed.map((m) => m.value),
    unreachableRows: unreachableRows.map((m) => m.value),
    roster: turn.roster,
    refs: refs.map((r) => r.value),
  });
  return adminCard(
    adminCardData({
      facts,
      roster: turn.roster,
      jobLoop,
      sync: { configured: deps.rosterSync.configured, last },
      now: turn.now,
      ...(banner ? { banner } : {}),
    }),
  );
}

/** The card, for an admin; the refusal for anyone else. */
export async function showAdminCard(deps: OperationsDeps, actor: Actor): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  if (!mayOperate(turn.person)) {
    await turn.audit('admin.read', CARD_SUBJECT, 'not an administrator', 'denied');
    return adminRefusedCard();
  }
  await turn.audit('admin.read', CARD_SUBJECT, 'delivery health');
  return composeCard(deps, turn);
}

/** "Retry" on a dead letter: back in the outbox queue, due now; the dispatcher delivers it as any other. */
export async function retryDeadLetter(deps: OperationsDeps, actor: Actor, messageId: string): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  const subject = `outbox:${messageId}`;
  if (!mayOperate(turn.person)) {
    await turn.audit('admin.retry', subject, 'not an administrator', 'denied');
    return adminRefusedCard();
  }
  const read = await deps.deliveryQueue.message(messageId);
  if (!read || !isDeadLetter(read.value)) {
    return composeCard(deps, turn, 'That message is no longer a dead letter (already retried, or delivered). Nothing was changed.');
  }
  try {
    await deps.deliveryQueue.requeue(read);
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return composeCard(deps, turn, 'Someone else changed that message a moment ago. Nothing was changed; here is the card as it stands.');
  }
  await turn.audit('admin.retry', subject, read.value.purpose);
  return composeCard(
    deps,
    turn,
    `Queued again: the ${purposeKind(read.value.purpose).toLowerCase()} goes out with the next delivery pass.`,
  );
}

/** "Re-run the sync": the roster sync now, by this admin; the card then shows its result. */
export async function rerunRosterSync(deps: OperationsDeps, actor: Actor): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  if (!mayOperate(turn.person)) {
    await turn.audit('admin.resync', 'roster:sync', 'not an administrator', 'denied');
    return adminRefusedCard();
  }
  if (!deps.rosterSync.configured) {
    return composeCard(deps, turn, 'Roster sync from Entra ID is not set up, so nothing was run.');
  }
  const r = await deps.rosterSync.runNow('admin', turn.viewerId);
  await turn.audit(
    'admin.resync',
    'roster:sync',
    `${r.outcome}: added ${r.added}, updated ${r.updated}, left ${r.left}, problems ${r.problems}, install failures ${r.installFailures}`,
    r.outcome === 'failed' ? 'failed' : 'ok',
  );
  return composeCard(
    deps,
    turn,
    `The roster sync ran: ${r.outcome === 'applied' ? 'applied' : r.outcome === 'blocked' ? 'not applied, problems to resolve first' : r.outcome === 'failed' ? 'Microsoft Graph could not be read' : 'not set up'}.`,
  );
}
