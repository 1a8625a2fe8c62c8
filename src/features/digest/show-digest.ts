// The recipient looking at their list: on demand ("Refresh", "Show the rest", typing "my list"), after
// dismissing a line, and after acting on a line through another feature's button (afterDigestAction).
// Every path re-identifies the clicker and shows only their own lines (policy.ts).
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { ActionRequest } from '../../kernel/routes.ts';
import { resolveOne } from '../../kernel/tray.ts';
import { beginTurn, type Turn } from '../../kernel/turn.ts';
import { VERBS, type Verb } from '../../kernel/verbs.ts';
import { digestCard } from './cards.ts';
import { digestCardFor, updateIfDone } from './compose-digest.ts';
import type { DigestDeps } from './deps.ts';
import { asDigestLine, orderLines } from './model.ts';
import { mayDismissLine, maySeeDigest } from './policy.ts';
import { digestView } from './views.ts';

const notOnRoster = () =>
  noticeCard({
    title: "You are not on Haven's roster yet",
    lines: [{ text: 'Ask your supervisor or administrator to add you.' }],
    showFooter: true,
  });

/** The viewer's open lines now (not a stored digest), from line `from` on. */
async function liveCard(deps: DigestDeps, turn: Turn, from = 0, note?: string): Promise<Card> {
  const open = (await deps.tray.listOpenFor(turn.viewerId)).map((i) => asDigestLine(i.value));
  await turn.audit('digest.read', `digest:${turn.viewerId}`, `${open.length} open`);
  if (open.length === 0)
    return noticeCard({
      title: 'Nothing to act on',
      lines: [{ text: `${note ? `${note} ` : ''}There is nothing waiting for you in Haven. Urgent requests still come to you at once.` }],
      showFooter: true,
    });
  const view = digestView({
    lines: orderLines(open),
    doneKeys: new Set(),
    roster: turn.roster,
    date: turn.today,
    weekly: false,
    ...(note ? { note } : {}),
  });
  return digestCard(view, from);
}

export async function showDigest(deps: DigestDeps, actor: Actor, from = 0): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  if (!turn.person) return notOnRoster();
  return liveCard(deps, turn, from);
}

/** "Got it" on a line that asks for no record: off the clicker's own list (and nobody else's). */
export async function dismissLine(deps: DigestDeps, actor: Actor, trayKey: string, date?: string): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  if (!turn.person) return notOnRoster();
  const item = await deps.tray.get(turn.viewerId, trayKey);
  if (!item || !mayDismissLine(turn.viewerId, item.value)) {
    await turn.audit('digest.dismiss', `digest:${turn.viewerId}`, 'notDismissable', 'denied');
    return noticeCard({
      title: 'That line cannot be put aside',
      lines: [{ text: 'It is not on your list, or it needs to be done and recorded. Nothing was changed.' }],
      showFooter: true,
    });
  }
  if (await resolveOne(deps, turn.viewerId, trayKey, turn.now))
    await turn.audit('digest.dismiss', `digest:${turn.viewerId}`, item.value.feature);
  const note = `Put aside: ${sentence(item.value.line)}`;
  return (await refreshedDigest(deps, turn, trayKey, note, date)) ?? liveCard(deps, turn, 0, note);
}

/** The viewer's stored digest of that day redrawn (done lines shown done, the card updated in place), when it holds the line. */
/** A line as the end of a sentence: one full stop. */
const sentence = (line: string) => (/[.!?]$/.test(line) ? line : `${line}.`);

async function refreshedDigest(deps: DigestDeps, turn: Turn, trayKey: string, note: string, date = turn.today): Promise<Card | undefined> {
  const stored = await deps.digests.get(date, turn.viewerId);
  if (!stored || !maySeeDigest(turn.viewerId, stored.value.recipientId) || !stored.value.lines.some((l) => l.key === trayKey))
    return undefined;
  const updated = await updateIfDone(deps, stored, turn.roster);
  await turn.audit('digest.read', `digest:${turn.viewerId}`, 'after action');
  return digestCardFor(updated.value, turn.roster, note);
}

/**
 * After another feature's button on a digest line (its data carries `digest` and `trayKey`) ran and
 * re-checked the clicker itself: when the line is now done, the clicker sees today's list again, with
 * it done; otherwise (a refusal, or an "open" that shows the item) they see that feature's answer,
 * with a way back to the list.
 */
export async function afterDigestAction(deps: DigestDeps, request: ActionRequest, answer: Card, verb: Verb): Promise<Card | undefined> {
  if (verb === VERBS.digestShow || verb === VERBS.digestDismiss) return undefined; // already the list
  const { digest, trayKey } = request.data;
  if (typeof digest !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(digest) || typeof trayKey !== 'string' || trayKey.length > 300)
    return undefined;
  const turn = await beginTurn(deps, request.actor);
  if (!turn.person) return undefined;
  const item = await deps.tray.get(turn.viewerId, trayKey);
  if (item?.value.resolvedAt) {
    const note = `Done: ${sentence(item.value.line)}`;
    return (await refreshedDigest(deps, turn, trayKey, note, digest)) ?? liveCard(deps, turn, 0, note);
  }
  const back = {
    type: 'Action.Execute',
    title: "Back to today's list",
    verb: VERBS.digestShow,
    data: { verb: VERBS.digestShow },
  };
  const actions = Array.isArray(answer.actions) ? answer.actions : [];
  return { ...answer, actions: [...actions, back] };
}
