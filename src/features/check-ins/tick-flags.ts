// Flags walk the escalation chain (supervisor → cover → department head → above) at their own pace
// (HAVEN_FLAG_ESCALATION_HOURS per level) until someone acknowledges. Each level is a line in that
// person's tray (flag-tray.ts), posted before the notice is recorded: a rerun after a crash finds the
// same level and loop and posts the same line again, which changes nothing.
import { personById } from '../../kernel/responsibility.ts';
import type { Logger } from 'pino';
import { routedChainFor, type RoutedEntry } from '../../kernel/first-route.ts';
import { isFlagOpen, isUrgentFlag, type Flag } from './flag.ts';
import { flagCard } from './cards.ts';
import { flagCardData } from './views.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import type { Roster } from '../../kernel/types.ts';
import { isWorkingMoment } from '../../kernel/working-time.ts';
import { postToTray, resolveOne } from '../../kernel/tray.ts';
import { flagTrayItem, flagTrayKey } from './flag-tray.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { mayActOnFlag, maySeeAnswers, mayViewWorkloadFigures } from './policy.ts';
import { weeksBefore } from './workload.ts';
import type { WorkloadWeek } from './workload.ts';
import type { CheckInDeps } from './deps.ts';

/**
 * Who a flag about this person goes to now, level by level (supervisor or cover first; or, when the
 * person asked for a conversation with one of the unit's contacts, that contact first: the flag's
 * stored route through kernel/first-route.ts, the rule "I'm not okay" uses); fallbacks as everywhere else.
 */
export function responderChain(
  deps: Pick<CheckInDeps, 'policyFor' | 'fallbackResponders' | 'contactsFor'>,
  subject: { personId: string; unitId: string; route?: Flag['route'] },
  roster: Roster,
  now: Date,
): RoutedEntry[] {
  const person = personById(roster.people, subject.personId);
  return routedChainFor(deps, person, roster, now, subject.route, subject.unitId);
}

/** The check-in that raised the flag and its question set, only when `viewerId` may see its answers (policy.ts). */
export async function answersFor(deps: CheckInDeps, flag: Flag, viewerId: string, roster: Roster, now: Date) {
  if (!flag.checkInId) return undefined;
  const c = (await deps.checkIns.get(flag.checkInId))?.value;
  const set = c ? deps.checkInSettings.questionSet(c.questionSetId) : undefined;
  return c && c.answers && set && maySeeAnswers(viewerId, c, roster, now) ? { checkIn: c, set } : undefined;
}

/**
 * Issue 14: the weeks behind a workload flag (its week and the few before it) whose figures `viewerId`
 * may see now (policy.ts mayViewWorkloadFigures: only weeks the person shared, only with their
 * supervisor or cover). Empty for everyone else, and for every other flag.
 */
export async function workloadFiguresFor(
  deps: CheckInDeps,
  flag: Flag,
  viewerId: string,
  roster: Roster,
  now: Date,
): Promise<WorkloadWeek[]> {
  if (!flag.workloadWeek) return [];
  const span = Math.max(deps.checkInSettings.workload.heavyWindowWeeks, deps.checkInSettings.workload.violentWeeksInARow);
  const from = weeksBefore(flag.workloadWeek, span - 1);
  return (await deps.workloadWeeks.listForPerson(flag.personId))
    .map((v) => v.value)
    .filter((w) => w.figures && w.week >= from && w.week <= flag.workloadWeek! && mayViewWorkloadFigures(viewerId, w, roster, now))
    .sort((a, b) => a.week.localeCompare(b.week));
}

/**
 * Gives the flag to the next person in the chain if a notice is due, as a line in their tray (their
 * daily digest: kernel/tray.ts), and only inside the recipient's working hours: a flag is a prompt
 * for a welfare conversation, not an emergency ("I'm not okay" is the emergency path, and it pages at
 * once), so a flag raised on Friday evening reaches the supervisor on their next shift, never on a
 * rest day, and the escalation clock starts from that notice. Earlier recipients who may still act
 * keep their line; one who left the chain (a cover whose cover ended) has it resolved. Idempotent:
 * posting the same line again changes nothing, so a rerun after a crash tells nobody twice.
 */
export async function notifyFlag(deps: CheckInDeps, stored: Versioned<Flag>, roster: Roster): Promise<Versioned<Flag>> {
  const now = deps.clock.now();
  const flag = stored.value;
  if (!isFlagOpen(flag)) return stored;
  const chain = responderChain(deps, flag, roster, now);
  const notice = nextTaskNotice(flag, chain, { levelDelayMinutes: deps.checkInSettings.flagLevelDelayMinutes }, now);
  if (!notice) return stored;
  const recipient = personById(roster.people, notice.personId);
  if (recipient && !isWorkingMoment(recipient.workingPattern, roster.absences, recipient.id, now)) return stored;
  const next: Flag = { ...flag, notices: [...flag.notices, notice] };
  if (isUrgentFlag(flag)) {
    // Someone Haven can no longer reach is an urgent notice (issue 13: "unreachable-person notices stay
    // immediate, one card each"): a card of its own now, never a line that waits for tomorrow's digest.
    // It carries no answers (an unreachable flag has no check-in). Outbox id per level and round: a rerun
    // after a crash is suppressed by the outbox.
    await deps.notifier.enqueue({
      id: `flag:${flag.id}:${notice.level}:${notice.loop}`,
      lane: 'bulk',
      target: { kind: 'person', personId: notice.personId },
      operation: 'send',
      activity: { text: NEUTRAL_HEADLINE, card: flagCard(flagCardData({ flag: next, roster, viewerId: notice.personId, mayAct: true })) },
      purpose: 'flag.notice',
    });
  } else await postToTray(deps, flagTrayItem(next, notice.personId, roster));
  for (const gone of new Set(flag.notices.map((n) => n.personId))) {
    if (gone !== notice.personId && !mayActOnFlag(gone, next, chain)) await resolveOne(deps, gone, flagTrayKey(flag.id), now);
  }
  try {
    const version = await deps.flags.save(next, stored.version);
    await deps.audit.append({
      at: now.toISOString(),
      actor: 'system',
      action: 'flag.notify',
      subject: `flag:${flag.id}`,
      about: flag.personId,
      reason: `level ${notice.level}, round ${notice.loop}: ${notice.personId}`,
      outcome: 'ok',
    });
    return { value: next, version };
  } catch (error) {
    if (error instanceof VersionConflict) return stored; // someone acted meanwhile; the next tick decides again
    throw error;
  }
}

export async function tickFlags(deps: CheckInDeps, log: Logger): Promise<void> {
  const open = await deps.flags.listOpen();
  if (open.length === 0) return;
  const roster = await loadRoster(deps);
  for (const stored of open) {
    try {
      await notifyFlag(deps, stored, roster);
    } catch (error) {
      log.error({ flagId: stored.value.id, err: { message: (error as Error).message } }, 'flag tick failed; it will be retried');
    }
  }
}
