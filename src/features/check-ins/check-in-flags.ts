// Rules that raise a flag without relying on the person to say something is wrong (the watchdog
// case: an annual self-assessment did not flag an officer's struggles). Pure: the person's own
// check-in history, the newest outcome and the thresholds (configuration) come in; reasons go out.
import type { FlagReason } from './flag.ts';
import type { Workload } from './question-set.ts';

export interface FlagThresholds {
  /** A raw wellbeing score at or below this raises "low score" (WHO-5: 12 of 25). */
  lowRawMax: number;
  /** A fall of at least this many percentage points from the person's baseline raises "sharp fall". */
  fallPoints: number;
  /** How many answered check-ins make a baseline (their mean percentage); fewer = no baseline yet. */
  baselineCheckIns: number;
  /** Missed scheduled check-ins in a row that raise "missed check-ins". */
  missedInARow: number;
  /** Answered check-ins in a row with workload "too much" that raise "workload". */
  workloadTooMuchInARow: number;
}

export interface CheckInOutcome {
  /** When it was answered, or when it closed unanswered: the order of events. */
  at: string;
  onDemand: boolean;
  status: 'answered' | 'missed';
  raw?: number;
  percentage?: number;
  workload?: Workload;
  conversation?: boolean;
}

/** The order a supervisor reads them in: the person's own words first, then scores, then patterns. */
export const FLAG_PRIORITY: readonly FlagReason[] = [
  'conversationRequested',
  'lowScore',
  'sharpFall',
  'workload',
  'missedCheckIns',
  'unreachable',
  // Issue 14: workload log reasons (raised by workload-rules.ts, never by a check-in's answers).
  'heavyWeeks',
  'violentMaterial',
  'partTimeLoad',
];

export function baselineOf(previous: readonly CheckInOutcome[], count: number): number | undefined {
  const answered = [...previous]
    .filter((o) => o.status === 'answered' && o.percentage !== undefined)
    .sort((a, b) => a.at.localeCompare(b.at));
  if (count < 1 || answered.length < count) return undefined;
  const last = answered.slice(-count);
  return last.reduce((s, o) => s + o.percentage!, 0) / last.length;
}

/**
 * The reasons to raise for `latest`, most important first. A reason already covered by an open flag
 * of the person's is left out: the sergeant is already being asked, and the open flag keeps
 * escalating until someone acts, rather than a pile of duplicates.
 */
export function flagReasonsFor(
  history: readonly CheckInOutcome[],
  latest: CheckInOutcome,
  t: FlagThresholds,
  openReasons: readonly FlagReason[] = [],
): FlagReason[] {
  const previous = [...history].sort((a, b) => a.at.localeCompare(b.at));
  const reasons = new Set<FlagReason>();
  if (latest.status === 'answered') {
    if (latest.conversation) reasons.add('conversationRequested');
    if (latest.raw !== undefined && latest.raw <= t.lowRawMax) reasons.add('lowScore');
    const baseline = baselineOf(previous, t.baselineCheckIns);
    if (baseline !== undefined && latest.percentage !== undefined && baseline - latest.percentage >= t.fallPoints) reasons.add('sharpFall');
    if (latest.workload === 'tooMuch' && t.workloadTooMuchInARow >= 1) {
      const before = previous.filter((o) => o.status === 'answered').slice(-(t.workloadTooMuchInARow - 1));
      if (before.length === t.workloadTooMuchInARow - 1 && before.every((o) => o.workload === 'tooMuch')) reasons.add('workload');
    }
  } else if (!latest.onDemand && t.missedInARow >= 1) {
    // Any answer, on-demand included, breaks the run: the person is in touch.
    let run = 1;
    for (let i = previous.length - 1; i >= 0 && previous[i]!.status === 'missed' && !previous[i]!.onDemand; i--) run++;
    if (run >= t.missedInARow) reasons.add('missedCheckIns');
  }
  return FLAG_PRIORITY.filter((r) => reasons.has(r) && !openReasons.includes(r));
}
