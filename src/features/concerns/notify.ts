// Concerns walk their chain (the welfare lead or the raiser in front when the route says so, then
// supervisor → cover → department head → above) until someone acknowledges. A non-urgent concern is a
// line in the recipient's tray (their daily digest), given in their working time; "worried about their
// safety now" is a card of its own at once, with no raiser and no note on it ("Open" shows what the
// clicker may see, decided at the click). Idempotent: posting the same line again changes nothing and
// the outbox suppresses a repeated message id, so a rerun after a crash tells nobody twice.
import type { Logger } from 'pino';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import { postToTray, resolveOne } from '../../kernel/tray.ts';
import type { Roster } from '../../kernel/types.ts';
import { isWorkingMoment } from '../../kernel/working-time.ts';
import { concernCard } from './cards.ts';
import type { ConcernDeps } from './deps.ts';
import { isConcernOpen, isUrgentCategory, type Concern } from './model.ts';
import { mayActOnConcern } from './policy.ts';
import { concernChain } from './rules.ts';
import { concernCardData, concernTrayItem, concernTrayKey } from './views.ts';

export function chainOf(deps: ConcernDeps, concern: Concern, roster: Roster, now: Date) {
  return concernChain(deps, concern, roster, now);
}

function levelDelayMinutes(deps: ConcernDeps, concern: Concern): number {
  if (isUrgentCategory(concern.category)) return deps.policyFor(concern.unitId).levels[0]?.delayMinutes ?? 15;
  return deps.concernSettings.levelDelayMinutes;
}

export async function notifyConcern(deps: ConcernDeps, stored: Versioned<Concern>, roster: Roster): Promise<Versioned<Concern>> {
  const now = deps.clock.now();
  const concern = stored.value;
  if (!isConcernOpen(concern)) return stored;
  const chain = chainOf(deps, concern, roster, now);
  // "I've noticed" (or a supervisor's concern about their own report): the raiser holds it from the
  // start, acknowledged by raising it; it is theirs to record, so it does not escalate past them.
  const selfFirst = concern.route === 'self' && concern.notices.length === 0 && chain[0]?.personId === concern.raisedBy;
  const notice = selfFirst
    ? { personId: concern.raisedBy, at: now.toISOString(), level: 0, loop: 0 }
    : nextTaskNotice(concern, chain, { levelDelayMinutes: levelDelayMinutes(deps, concern) }, now);
  // Acknowledged: nobody new is told, but the acknowledger's own line stays until the record is made.
  if (!notice) return stored;
  const urgent = isUrgentCategory(concern.category);
  const recipient = roster.people.find((p) => p.id === notice.personId);
  if (!selfFirst && !urgent && recipient && !isWorkingMoment(recipient.workingPattern, roster.absences, recipient.id, now)) return stored;
  const next: Concern = {
    ...concern,
    notices: [...concern.notices, notice],
    ...(selfFirst ? { acknowledged: { by: concern.raisedBy, at: now.toISOString() } } : {}),
  };
  if (urgent && !selfFirst) {
    await deps.notifier.enqueue({
      id: `concern:${concern.id}:${notice.level}:${notice.loop}`,
      lane: 'alert',
      target: { kind: 'person', personId: notice.personId },
      operation: 'send',
      activity: {
        text: NEUTRAL_HEADLINE,
        card: concernCard(
          concernCardData({ concern: next, roster, viewerId: notice.personId, mayAct: true, showRaiser: false, summaryOnly: true }),
        ),
      },
      purpose: 'concern.notice',
    });
  }
  // Urgent or not, the concern is also a line in the digest until it is recorded, so it cannot be lost in a chat.
  await postToTray(deps, concernTrayItem(next, notice.personId, roster));
  for (const gone of new Set(concern.notices.map((n) => n.personId))) {
    if (gone !== notice.personId && !mayActOnConcern(gone, next, chain))
      await resolveOne(deps, gone, concernTrayKey(concern.id), now, 'elsewhere');
  }
  try {
    const version = await deps.concerns.save(next, stored.version);
    await deps.audit.append({
      at: now.toISOString(),
      actor: 'system',
      action: 'concern.notify',
      subject: `concern:${concern.id}`,
      about: concern.personId,
      reason: `level ${notice.level}, round ${notice.loop}: ${notice.personId}`,
      outcome: 'ok',
    });
    return { value: next, version };
  } catch (error) {
    if (error instanceof VersionConflict) return stored; // someone acted meanwhile; the next tick decides again
    throw error;
  }
}

export async function tickConcerns(deps: ConcernDeps, log: Logger): Promise<void> {
  const open = await deps.concerns.listOpen();
  if (open.length === 0) return;
  const roster = await loadRoster(deps);
  for (const stored of open) {
    try {
      await notifyConcern(deps, stored, roster);
    } catch (error) {
      // No id: a concern's id names the person it is about, and a log line must not say who has one.
      log.error({ err: { name: (error as Error).name } }, 'concern tick failed; it will be retried');
    }
  }
}
