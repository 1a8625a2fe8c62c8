// "Show all" on a shared check-in note the card shortened: who is clicking is re-checked now (the
// person, or their supervisor or cover when they shared it: policy.ts maySeeAnswers) and the read is
// audited like the shared answers it came with.
import type { Actor } from '../../kernel/context.ts';
import type { Card } from '../../kernel/cards.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { fullTextCard } from '../../kernel/full-text-card.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { formatTime, nameIn } from '../../kernel/format.ts';
import { maySeeAnswers } from './policy.ts';
import { resolveOne } from '../../kernel/tray.ts';
import { flagCard } from './cards.ts';
import { sharedTrayKey } from './flag-tray.ts';
import { sharedCheckInCardData } from './views.ts';
import type { CheckInDeps } from './deps.ts';

/** A read refused: a 'denied' audit row (ids and a reason category only) and a card holding nothing of theirs. */
async function refuse(
  deps: CheckInDeps,
  viewerId: string,
  checkInId: string,
  reason: string,
  says: { title: string; text: string },
  about?: string,
): Promise<Card> {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: viewerId,
    action: 'checkIn.shareShown',
    subject: checkInId.slice(0, 120),
    ...(about ? { about } : {}),
    reason,
    outcome: 'denied',
  });
  return noticeCard({ title: says.title, lines: [{ text: says.text }], showFooter: true });
}

export async function showCheckInNote(deps: CheckInDeps, actor: Actor, checkInId: string): Promise<Card> {
  const viewerId = await viewerIdOf(deps, actor);
  const roster = await loadRoster(deps);
  const now = deps.clock.now();
  const c = (await deps.checkIns.get(checkInId))?.value;
  if (!c || !c.freeText || !maySeeAnswers(viewerId, c, roster, now))
    return refuse(
      deps,
      viewerId,
      checkInId,
      c ? 'show all: note not shared with them' : 'show all: no such check-in',
      {
        title: 'There is no note for you to see here',
        text: 'Only the person and, when they chose to share it, their supervisor can read it. Nothing was changed.',
      },
      c?.personId,
    );
  const own = viewerId === c.personId;
  if (!own)
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: 'checkIn.shareShown',
      subject: c.id,
      about: c.personId,
      reason: 'show all: the shared note',
      outcome: 'ok',
    });
  return fullTextCard({
    title: own ? 'Your check-in note' : `${nameIn(roster)(c.personId)}: their check-in note`,
    label: `Check-in answered ${formatTime(c.answeredAt ?? c.sentAt)}`,
    text: c.freeText,
    forOthers: !own,
  });
}

/**
 * "Open" on a shared check-in's digest line: the answers the person chose to share, for whoever they
 * are shared with now (maySeeAnswers: their supervisor, or the cover while the supervisor is away),
 * the read audited. Anyone else, the person included (their own answers are on their own cards), gets
 * a refusal holding nothing and a 'denied' row. Opening it closes the viewer's line.
 */
export async function showSharedCheckIn(deps: CheckInDeps, actor: Actor, checkInId: string): Promise<Card> {
  const viewerId = await viewerIdOf(deps, actor);
  const roster = await loadRoster(deps);
  const now = deps.clock.now();
  const c = (await deps.checkIns.get(checkInId))?.value;
  const set = c ? deps.checkInSettings.questionSet(c.questionSetId) : undefined;
  if (!c || !set || !c.answers || viewerId === c.personId || !maySeeAnswers(viewerId, c, roster, now))
    return refuse(
      deps,
      viewerId,
      checkInId,
      c ? 'shared check-in: not shared with them' : 'shared check-in: no such check-in',
      {
        title: 'There are no answers for you to see here',
        text: 'Only the person and, when they chose to share them, their supervisor can read them. Nothing was changed.',
      },
      c?.personId,
    );
  await deps.audit.append({
    at: now.toISOString(),
    actor: viewerId,
    action: 'checkIn.shareShown',
    subject: c.id,
    about: c.personId,
    reason: `shared answers shown to ${viewerId} at the person's request`,
    outcome: 'ok',
  });
  await resolveOne(deps, viewerId, sharedTrayKey(c.id), now);
  return flagCard(sharedCheckInCardData(c, set, roster));
}
