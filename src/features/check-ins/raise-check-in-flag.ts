// Turns a check-in outcome (an answer, or a miss) into at most one flag: the rules in
// domain/check-in-flags.ts decide the reasons; the most important becomes the flag's reason.
import type { CheckIn } from './check-in.ts';
import { flagReasonsFor, type CheckInOutcome } from './check-in-flags.ts';
import { isFlagOpen, type Flag, type FlagReason } from './flag.ts';
import type { Roster } from '../../kernel/types.ts';
import { postToTray } from '../../kernel/tray.ts';
import { sharedTrayItem } from './flag-tray.ts';
import { notifyFlag } from './tick-flags.ts';
import { answersSharedWith, maySeeAnswers } from './policy.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { UnreachableEvent } from '../../kernel/ports.ts';
import type { CheckInDeps } from './deps.ts';

export function outcomeOf(c: CheckIn): CheckInOutcome | undefined {
  if (c.status === 'answered') {
    return {
      at: c.answeredAt ?? c.sentAt,
      onDemand: c.onDemand,
      status: 'answered',
      raw: c.score?.raw,
      percentage: c.score?.percentage,
      workload: c.answers?.workload,
      conversation: c.answers?.conversation,
    };
  }
  if (c.status === 'missed') return { at: c.closesOn, onDemand: c.onDemand, status: 'missed' };
  return undefined;
}

export function flagIdFor(checkIn: CheckIn, reason: FlagReason): string {
  return `flag-${checkIn.personId}-${reason}-${checkIn.id.split(':').slice(2).join('-')}`;
}

/** Reasons this outcome raises, given the person's history and their open flags. */
export async function reasonsFor(deps: CheckInDeps, checkIn: CheckIn): Promise<FlagReason[]> {
  const latest = outcomeOf(checkIn);
  if (!latest) return [];
  // Issue 15: two independent partition reads, made together on the answer's path.
  const [past, flags] = await Promise.all([deps.checkIns.listForPerson(checkIn.personId), deps.flags.listForPerson(checkIn.personId)]);
  const history = past
    .map((v) => v.value)
    .filter((c) => c.id !== checkIn.id)
    .map(outcomeOf)
    .filter((o): o is CheckInOutcome => !!o);
  const openReasons = flags
    .map((v) => v.value)
    .filter(isFlagOpen)
    .flatMap((f) => [f.reason, ...(f.otherReasons ?? [])]);
  return flagReasonsFor(history, latest, deps.checkInSettings.thresholds, openReasons);
}

/** Creates the flag (once: its id derives from the check-in and reason) and sends its first notice. */
export async function raiseFlag(deps: CheckInDeps, checkIn: CheckIn, reasons: FlagReason[], roster: Roster): Promise<Flag | undefined> {
  const [reason, ...otherReasons] = reasons;
  if (!reason) return undefined;
  const now = deps.clock.now().toISOString();
  const flag: Flag = {
    id: flagIdFor(checkIn, reason),
    personId: checkIn.personId,
    unitId: checkIn.unitId,
    reason,
    checkInDueAt: checkIn.dueOn,
    checkInId: checkIn.id,
    ...(otherReasons.length ? { otherReasons } : {}),
    // The person asked for a conversation with one of the unit's contacts: the flag goes to them first.
    ...(checkIn.conversationWith && reasons.includes('conversationRequested') ? { route: checkIn.conversationWith } : {}),
    openedAt: now,
    notices: [],
  };
  if ((await deps.flags.add(flag)) === 'created') {
    await deps.audit.append({
      at: now,
      actor: 'system',
      action: 'flag.raise',
      subject: `flag:${flag.id}`,
      about: flag.personId,
      reason: reasons.join(','),
      outcome: 'ok',
    });
    if (flag.route)
      // The choice, recorded without free text.
      await deps.audit.append({
        at: now,
        actor: checkIn.personId,
        action: 'flag.routeChosen',
        subject: `flag:${flag.id}`,
        about: flag.personId,
        reason: `tellFirst=${flag.route}`,
        outcome: 'ok',
      });
  }
  const stored = await deps.flags.get(flag.id);
  if (!stored) return undefined;
  const notified = await notifyFlag(deps, stored, roster);
  // After the notice is safe; every time, not only when created, so a rerun after a crash still does it (idempotent).
  await deps.bringClinicalSupervisionForward(flag.personId, 'flag');
  return notified.value;
}

/**
 * A shared check-in with no flag still reaches the person's supervisor (or their cover): the person
 * asked for that. Nobody else: policy.ts decides who may see answers. It is a line in their tray (their
 * daily digest), not a card of its own: nothing is urgent in it (the urgent path is "I'm not okay"),
 * and a sergeant with 22 reports who share weekly would otherwise get 22 cards a week. The line says
 * only who shared and when; the answers are on the card "Open" shows (checkIn.showShared), after
 * maySeeAnswers is asked again at that moment. Answers who it went to.
 */
export async function sendSharedCheckIn(deps: CheckInDeps, checkIn: CheckIn, roster: Roster): Promise<string | undefined> {
  const set = deps.checkInSettings.questionSet(checkIn.questionSetId);
  if (!checkIn.shared || !set) return undefined;
  const now = deps.clock.now();
  const to = answersSharedWith(checkIn.personId, roster, now);
  if (!to || !maySeeAnswers(to, checkIn, roster, now)) return undefined;
  await postToTray(deps, sharedTrayItem(checkIn, to, roster));
  return to;
}

export function sharedMessageId(checkIn: Pick<CheckIn, 'id'>): string {
  return `checkin-shared:${checkIn.id}`;
}

/**
 * A check-in that could not be delivered because the person removed or blocked Haven (a 403, or
 * every attempt failed) is a welfare signal, not a log line: their supervisor gets a flag. Someone
 * Haven was never installed for ("no conversation reference") is a deployment gap for the
 * administrators, recorded in the audit trail only. One open "unreachable" flag per person at a time.
 */
export async function flagUnreachableCheckIn(deps: CheckInDeps, event: UnreachableEvent): Promise<Flag | undefined> {
  if (event.purpose !== 'checkIn.prompt' || event.target.kind !== 'person') return undefined;
  if (/no conversation reference/.test(event.reason)) return undefined;
  const checkIn = (await deps.checkIns.get(event.messageId))?.value;
  if (!checkIn) return undefined;
  const open = (await deps.flags.listForPerson(checkIn.personId)).map((v) => v.value).filter(isFlagOpen);
  if (open.some((f) => f.reason === 'unreachable' || f.otherReasons?.includes('unreachable'))) return undefined;
  return raiseFlag(deps, checkIn, ['unreachable'], await loadRoster(deps));
}
