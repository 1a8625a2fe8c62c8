// A flag: "consider a welfare conversation with <name>", raised by rules that do not rely on the
// person identifying themselves (SPEC.md "Check-ins"). It tells the supervisor (or cover) the reason
// category only, never the answers unless the person chose to share them. Unacknowledged flags walk
// the escalation chain at their own pace (task-escalation.ts).
import type { EscalatingTask } from '../../kernel/task-escalation.ts';
import type { ContactKind } from '../../kernel/contacts.ts';

export const FLAG_REASONS = [
  'lowScore',
  'sharpFall',
  'missedCheckIns',
  'workload',
  'conversationRequested',
  'unreachable',
  // Issue 14, exposure and workload log (workload-rules.ts).
  'heavyWeeks',
  'violentMaterial',
  'partTimeLoad',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_REASON_TITLES: Record<FlagReason, string> = {
  lowScore: 'a low wellbeing score',
  sharpFall: 'a sharp fall from their usual wellbeing',
  missedCheckIns: 'two missed check-ins in a row',
  workload: 'workload "too much" twice running',
  conversationRequested: 'they asked for a conversation',
  unreachable: 'Haven could not reach them in Teams: they may have removed or blocked the app',
  heavyWeeks: 'a run of heavy weeks (viewing hours or caseload)',
  violentMaterial: 'violent or sadistic material in consecutive weeks, with no week away from it',
  partTimeLoad: 'viewing hours above the share of a part-time working pattern',
};

export interface Flag extends EscalatingTask {
  /** Deterministic: `flag-{personId}-{reason}-{check-in due date}`, so a rerun raises it once. */
  id: string;
  personId: string;
  unitId: string;
  reason: FlagReason;
  /** The check-in (due instant) that raised it; for a workload flag, the Monday of its week. */
  checkInDueAt: string;
  /** A workload flag (issue 14): the ISO week whose figures raised it. The figures stay in the log. */
  workloadWeek?: string;
  /** The check-in that raised it (its answers are shown only if the person shared that one). */
  checkInId?: string;
  /** Further reasons the same check-in met, after `reason` (the most important). */
  otherReasons?: FlagReason[];
  /** Whom the person asked to talk to first, when not their supervisor: the flag walks that chain (kernel/first-route.ts). */
  route?: ContactKind;
  /** Recorded when the supervisor says the conversation happened (or was offered). */
  resolved?: { by: string; at: string };
}

export function isFlagOpen(flag: Pick<Flag, 'resolved' | 'closedAt'>): boolean {
  return !flag.resolved && !flag.closedAt;
}

/**
 * A flag that says Haven cannot reach the person is urgent: it goes to whoever acts as a card of its
 * own at once (in their working time), not as a line in their daily digest. Every other flag is a
 * prompt for a welfare conversation and waits for the digest.
 */
export function isUrgentFlag(flag: Pick<Flag, 'reason'>): boolean {
  return flag.reason === 'unreachable';
}
