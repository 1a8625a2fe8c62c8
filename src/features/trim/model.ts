// A TRiM follow-up: the officer is asked, privately and in their working hours, whether they would
// like one; only on "yes" is a TRiM practitioner told (who, and that a follow-up is wanted: nothing
// else); the practitioner records that it was held (a date) or could not be arranged. No content is
// ever stored: there is no field for it. Types and limits only; rules.ts moves it, policy.ts guards it.
import type { EscalatingTask } from '../../kernel/task-escalation.ts';

/** Where the follow-up came from: a request's 72-hour or one-month point, or a notable case. */
export const TRIM_ORIGINS = ['request72h', 'request1month', 'notableCaseSupervisor', 'notableCaseSelf'] as const;
export type TrimOrigin = (typeof TRIM_ORIGINS)[number];

export type TrimAnswer = 'yes' | 'notNow';
export type TrimOutcome = 'held' | 'notArranged';

export interface TrimFollowUp extends EscalatingTask {
  /** Deterministic: `trim-{declaration id}-{72h|1month}`, or `trim-case-{person}-{instant}` for a notable case. */
  id: string;
  personId: string;
  unitId: string;
  origin: TrimOrigin;
  /** The supervisor who offered it after a notable case (the officer, when they asked themselves). */
  startedBy?: string;
  createdAt: string;
  /** When the officer may first be asked (inside their working hours at or after this instant). */
  askFrom: string;
  /** The question was sent to the officer (its outbox id), when. */
  asked?: { at: string; outboxId: string };
  /** The officer's answer. Private: only they and (for "yes") the practitioners told ever learn it. */
  answer?: { value: TrimAnswer; at: string };
  /** What the practitioner recorded: held (on a date) or could not be arranged. Never what was said. */
  outcome?: { value: TrimOutcome; by: string; at: string; heldOn?: string };
  /** Nobody answered the question in time: it lapsed, and nobody was told. */
  lapsedAt?: string;
}

/** How the follow-up stands, as cards and the subject export say it. */
export type TrimStatus = 'toAsk' | 'asked' | 'wanted' | 'declined' | 'held' | 'notArranged' | 'lapsed';

export interface TrimSettings {
  /** HAVEN_TRIM_PRACTITIONERS: the force-wide practitioners (roster ids), after the unit's own. */
  practitioners: string[];
  /** Hours each practitioner (then the welfare lead) has to take a wanted follow-up before the next is told. */
  escalationHours: number;
  /** Days an unanswered question waits before it lapses (nobody is told). */
  answerDays: number;
}

export const DEFAULT_TRIM_SETTINGS: TrimSettings = { practitioners: [], escalationHours: 48, answerDays: 14 };

export const ORIGIN_TITLES: Record<TrimOrigin, string> = {
  request72h: 'about 72 hours after a request for support',
  request1month: 'about a month after a request for support',
  notableCaseSupervisor: 'after a notable case (offered by their supervisor)',
  notableCaseSelf: 'after a notable case (asked for themselves)',
};
