// Escalation for anything that is not a declaration but must not be sat on: a check-in flag, an
// overdue care item, an overdue questionnaire review. The chain is the same one declarations use
// (responsibilityChain: supervisor → cover → department head → above, absent people never on); what differs
// is the pace, which the caller passes in (a flag waits hours, an "I'm not okay" alert minutes).
// Pure: `now` and the chain come in; the caller stores what it answers.
import type { ChainEntry } from './escalation.ts';

export interface TaskNotice {
  personId: string;
  at: string;
  /** Index into the chain as it stood when this notice was sent. */
  level: number;
  /** How many times the whole chain has been walked before this notice (0 = first round). */
  loop: number;
}

export interface EscalatingTask {
  openedAt: string;
  notices: TaskNotice[];
  acknowledged?: { by: string; at: string };
  closedAt?: string;
}

export interface TaskPace {
  /** How long each level has to acknowledge before the next level is told. */
  levelDelayMinutes: number;
  /**
   * After the whole chain has been told, how long before the walk starts again from the top
   * (default: the level delay). Overdue care repeats weekly, not daily: a reminder nobody can act on
   * today becomes noise that hides the ones that matter.
   */
  repeatAfterMinutes?: number;
}

/**
 * The next notice due now, if any. One step per call: a tick that ran late catches up one level per
 * tick rather than telling everyone at once. A repeat call with the answer stored is a no-op, so a
 * rerun after a crash never tells anyone twice (the caller derives message ids from level and loop).
 */
export function nextTaskNotice(
  task: EscalatingTask,
  chain: readonly Pick<ChainEntry, 'personId'>[],
  pace: TaskPace,
  now: Date,
): TaskNotice | undefined {
  if (task.closedAt || task.acknowledged || chain.length === 0) return undefined;
  const at = now.toISOString();
  const last = task.notices[task.notices.length - 1];
  if (!last) return { personId: chain[0]!.personId, at, level: 0, loop: 0 };
  const waited = now.getTime() - new Date(last.at).getTime();
  // The chain may have changed since (an absence began or ended): walk on from the level reached.
  const nextLevel = last.level + 1;
  if (nextLevel < chain.length) {
    return waited < pace.levelDelayMinutes * 60_000
      ? undefined
      : { personId: chain[nextLevel]!.personId, at, level: nextLevel, loop: last.loop };
  }
  // The chain repeats rather than going quiet.
  if (waited < (pace.repeatAfterMinutes ?? pace.levelDelayMinutes) * 60_000) return undefined;
  return { personId: chain[0]!.personId, at, level: 0, loop: last.loop + 1 };
}

/**
 * Who may act on (acknowledge, close) the task now: whoever is first in the chain now, and anyone
 * told about it who is still on the chain now. Entitlement follows the role at the moment of asking:
 * a cover told while covering loses it when the cover ends, as does anyone whose role for the person
 * ended (a new supervisor, a move to another unit). The task keeps who was told; the audit, what they did.
 */
export function mayActOnTask(task: EscalatingTask, chain: readonly Pick<ChainEntry, 'personId'>[], personId: string): boolean {
  if (chain[0]?.personId === personId) return true;
  return chain.some((e) => e.personId === personId) && task.notices.some((n) => n.personId === personId);
}
