// Turns a check-in outcome (an answer, or a miss) into at most one flag: the rules in
// domain/check-in-flags.ts decide the reasons; the most important becomes the flag's reason.
import { flagCard } from './cards.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { CheckIn } from './check-in.ts';
import { flagReasonsFor, type CheckInOutcome } from './check-in-flags.ts';
import { isFlagOpen, type Flag, type FlagReason } from './flag.ts';
import type { Roster } from '../../kernel/types.ts';
import { sharedCheckInCardData } from './views.ts';
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
  const history = (await deps.checkIns.listForPerson(checkIn.personId))
    .map((v) => v.value)
    .filter((c) => c.id !== checkIn.id)
    .map(outcomeOf)
    .filter((o): o is CheckInOutcome => !!o);
  const openReasons = (await deps.flags.listForPerson(checkIn.personId))
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
    openedAt: now,
    notices: [],
  };
  if ((await deps.flags.add(flag)) === 'created') {
    await deps.audit.append({
      at: now,
      actor: 'system',
      action: 'flag.raise',
      subject: `flag:${flag.id}`,
      reason: reasons.join(','),
      outcome: 'ok',
    });
  }
  const stored = await deps.flags.get(flag.id);
  if (!stored) return undefined;
  const notified = await notifyFlag(deps, stored, roster);
  return notified.value;
}

/**
 * A shared check-in with no flag still reaches the person's supervisor (or their cover): the person
 * asked for that. Nobody else: policy.ts decides who may see answers. Answers who it went to.
 */
export async function sendSharedCheckIn(deps: CheckInDeps, checkIn: CheckIn, roster: Roster): Promise<string | undefined> {
  const set = deps.checkInSettings.questionSet(checkIn.questionSetId);
  if (!checkIn.shared || !set) return undefined;
  const now = deps.clock.now();
  const to = answersSharedWith(checkIn.personId, roster, now);
  if (!to || !maySeeAnswers(to, checkIn, roster, now)) return undefined;
  const queued = await deps.notifier.enqueue({
    id: sharedMessageId(checkIn),
    lane: 'bulk',
    target: { kind: 'person', personId: to },
    operation: 'send',
    activity: { text: NEUTRAL_HEADLINE, card: flagCard(sharedCheckInCardData(checkIn, set, roster)) },
    purpose: 'checkIn.shared',
  });
  if (queued === 'created') {
    await deps.audit.append({
      at: now.toISOString(),
      actor: 'system',
      action: 'checkIn.shareShown',
      subject: checkIn.id,
      reason: `shared answers sent to ${to} at the person's request`,
      outcome: 'ok',
    });
  }
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
