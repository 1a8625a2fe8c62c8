// A concern about a colleague, or something a supervisor noticed about a direct report: a signal that
// does not rely on the person saying something is wrong themselves (the IOPC case, finding 5:
// "removing or reducing the reliance on officers to self-identify"). It becomes a prompt for a
// welfare conversation, held by whoever is responsible for the person now, that walks the escalation
// chain until someone acknowledges it (kernel/task-escalation.ts) and closes when a welfare
// conversation is recorded. The person it is about is never told by Haven; who raised it is shown to
// the person it was first given to only (policy.ts).
import type { EscalatingTask } from '../../kernel/task-escalation.ts';

export const CONCERN_CATEGORIES = [
  { value: 'withdrawn', title: 'seems withdrawn' },
  { value: 'changedBehaviour', title: 'changed behaviour' },
  { value: 'mentionedStruggling', title: 'mentioned struggling' },
  { value: 'workload', title: 'workload' },
  { value: 'safety', title: 'worried about their safety now' },
  { value: 'other', title: 'other' },
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number]['value'];

export function isConcernCategory(value: unknown): value is ConcernCategory {
  return CONCERN_CATEGORIES.some((c) => c.value === value);
}

export function categoryTitle(category: ConcernCategory): string {
  return CONCERN_CATEGORIES.find((c) => c.value === category)!.title;
}

/**
 * "Worried about their safety now" cannot wait for tomorrow's digest: it goes as a card of its own at
 * once (any hour), and each level of the chain has the unit's first escalation delay to acknowledge it.
 * Every other category is a prompt for a welfare conversation: a line in the daily digest, in the
 * recipient's working time, escalating at the pace of check-in flags.
 */
export function isUrgentCategory(category: ConcernCategory): boolean {
  return category === 'safety';
}

export const CONCERN_OUTCOMES = [
  { value: 'held', title: 'Conversation held' },
  { value: 'offered', title: 'Conversation offered' },
  { value: 'notNeeded', title: 'Not needed' },
] as const;
export type ConcernOutcome = (typeof CONCERN_OUTCOMES)[number]['value'];

export function isConcernOutcome(value: unknown): value is ConcernOutcome {
  return CONCERN_OUTCOMES.some((c) => c.value === value);
}

export function outcomeTitle(outcome: ConcernOutcome): string {
  return CONCERN_OUTCOMES.find((c) => c.value === outcome)!.title;
}

/** How it was raised: by a colleague ("I'm concerned about a colleague"), or noticed by the person responsible ("I've noticed …"). */
export type ConcernSource = 'colleague' | 'noticed';

/**
 * Whom it goes to first: `responsible`, whoever acts for the person now (supervisor, cover, department
 * head…); `welfareLead`, the unit's welfare lead, then the same chain; `self`, the raiser, who is the
 * person responsible (a supervisor's "I've noticed"), then the same chain.
 */
export type ConcernRoute = 'responsible' | 'welfareLead' | 'self';

/** Byte budget of the raiser's note (kernel/text.ts): a few sentences, never a case file. */
export const NOTE_MAX_BYTES = 1000;
/** Byte budget of the responsible person's note on the welfare conversation record: no content, a line at most. */
export const OUTCOME_NOTE_MAX_BYTES = 300;

export interface Concern extends EscalatingTask {
  /** `concern-{personId}-{hash}`: the hash is of the raiser and the click, so a click delivered twice raises it once. Never names the raiser. */
  id: string;
  /** Who it is about. */
  personId: string;
  unitId: string;
  source: ConcernSource;
  route: ConcernRoute;
  category: ConcernCategory;
  /** Who raised it: stored encrypted; shown only as policy.ts maySeeRaiser allows. */
  raisedBy: string;
  /** The raiser's words (optional), encrypted; shown with the same rule as who raised it. */
  note?: string;
  /** The welfare conversation record that closes it. */
  outcome?: { kind: ConcernOutcome; by: string; at: string };
  /** The responsible person's short note on that record, encrypted; shown to whoever may act on the concern. */
  outcomeNote?: string;
}

export function isConcernOpen(c: Pick<Concern, 'outcome' | 'closedAt'>): boolean {
  return !c.outcome && !c.closedAt;
}
