// Check-ins (SPEC.md "Check-ins"): when each person's next one is due, when it may be sent, how an
// answer is checked and scored. Pure: dates, the roster entry and the question set come in.
//
// Answers belong to the person. The record keeps them (encrypted by the repository); what the
// supervisor learns is a flag with a reason category (check-in-flags.ts), or the answers of one
// check-in when the person ticked "share these answers with my supervisor".
import { cleanText, tooLongProblem } from '../../kernel/text.ts';
import type { FlagReason } from './flag.ts';
import { maxRawScore, WORKLOAD_VALUES, type CheckInSchedule, type QuestionSet, type Workload } from './question-set.ts';
import type { PendingEffect } from '../../kernel/pending-effects.ts';
import type { ContactKind } from '../../kernel/contacts.ts';
import type { Person } from '../../kernel/types.ts';
import { addDays, daysBetween } from '../../kernel/working-time.ts';

export type CheckInStatus = 'open' | 'answered' | 'missed';

export interface CheckInAnswers {
  /** Scored items (WHO-5 by default), item id → 0..5. */
  scores: Record<string, number>;
  workload?: Workload;
  breaks?: string;
  conversation: boolean;
}

export interface CheckIn {
  /** `checkin:{personId}:{dueOn}` for a scheduled one; on-demand ones add `:extra-{opened}`. */
  id: string;
  personId: string;
  unitId: string;
  questionSetId: string;
  /** Local date (YYYY-MM-DD) the check-in fell due. */
  dueOn: string;
  /** Late answers are accepted until this local date (the next due date); after it, a miss. */
  closesOn: string;
  /** Asked for by the person ("check in"), not the schedule: never counted as missed. */
  onDemand: boolean;
  status: CheckInStatus;
  /** When the record was made (the prompt was queued, or the person opened it). */
  sentAt: string;
  /** The card is with the person: queued in the outbox, or shown in answer to "check in". */
  delivered?: boolean;
  answeredAt?: string;
  /** Encrypted at rest. */
  answers?: CheckInAnswers;
  /** Encrypted at rest. */
  freeText?: string;
  /** Encrypted at rest: a score is wellbeing data too. */
  score?: { raw: number; percentage: number };
  /** Whom the person asked to have a conversation with, when not their supervisor (talk-to.ts). */
  conversationWith?: ContactKind;
  /** The person's explicit choice; off unless they ticked it. */
  shared: boolean;
  /**
   * Issue 14: the workload log brought this check-in forward. The record keeps the id of the cycle it
   * replaces (`from`, its regular due date), so that cycle is never sent twice; `dueOn` is the new date.
   */
  broughtForward?: { from: string; week: string };
  /** Reasons this check-in raised a flag for (categories only). */
  flagReasons?: FlagReason[];
  flagId?: string;
  /**
   * What must follow the answer (or the miss), stored in the same write: raising its flag, sending
   * shared answers. Cleared once done; the check-in job finishes what a crash interrupted.
   */
  pendingEffects?: PendingEffect<CheckInEffect>[];
}

export type CheckInEffect =
  /** Raise the flag for these reasons (most important first); its id is the effect's id. */
  | { kind: 'raiseFlag'; reasons: FlagReason[] }
  /** No flag, but the person shared their answers: send them to their supervisor (or cover). */
  | { kind: 'shareAnswers' };

/** The schedule has nothing more to do for this check-in: its card went out, or it is answered or closed. */
export function isSettled(c: Pick<CheckIn, 'status' | 'delivered'>): boolean {
  return c.status !== 'open' || c.delivered === true;
}

export function checkInId(personId: string, dueOn: string): string {
  return `checkin:${personId}:${dueOn}`;
}

export function onDemandCheckInId(personId: string, dueOn: string, openedAt: string): string {
  return `checkin:${personId}:${dueOn}:extra-${openedAt.replace(/[^0-9]/g, '').slice(0, 14)}`;
}

/**
 * Who is asked. Officers and staff in the unit, and supervisors: the watchdog case's sergeant was
 * struggling too, and their flags go to their own line (the department head). Candidates are not
 * in the unit yet; department heads, trainers, HR and admins are not asked.
 */
export function receivesCheckIns(person: Pick<Person, 'roles'>): boolean {
  return !person.roles.includes('candidate') && (person.roles.includes('officer') || person.roles.includes('supervisor'));
}

/** A person with no join date starts on this unit-wide Monday. */
export const DEFAULT_ANCHOR = '2026-01-05';

/**
 * The due date of the person's current cycle on `today` (local date), or undefined when none is due
 * yet. With a unit anchor everyone is due on the same days (from a week after joining); otherwise
 * a person's first check-in is one interval after they joined ("over the last two weeks" means
 * nothing on day one), then every interval.
 */
export function currentDueOn(person: Pick<Person, 'joinedUnitOn'>, schedule: CheckInSchedule, today: string): string | undefined {
  const interval = schedule.intervalDays;
  if (schedule.anchorOn) {
    const diff = daysBetween(schedule.anchorOn, today);
    if (diff < 0) return undefined;
    const due = addDays(schedule.anchorOn, diff - (diff % interval));
    if (person.joinedUnitOn && due < addDays(person.joinedUnitOn, 7)) return undefined;
    return due;
  }
  const anchor = person.joinedUnitOn ?? DEFAULT_ANCHOR;
  const diff = daysBetween(anchor, today);
  if (diff < (person.joinedUnitOn ? interval : 0)) return undefined;
  return addDays(anchor, diff - (diff % interval));
}

export function closesOnFor(dueOn: string, schedule: CheckInSchedule): string {
  return addDays(dueOn, schedule.intervalDays);
}

/** Late answers are accepted until the next one is due. */
export function acceptsAnswers(checkIn: Pick<CheckIn, 'status' | 'closesOn'>, today: string): boolean {
  return checkIn.status === 'open' && today < checkIn.closesOn;
}

export function scoreOf(set: QuestionSet, answers: CheckInAnswers): { raw: number; percentage: number } {
  const raw = set.scale.items.reduce((sum, item) => sum + (answers.scores[item.id] ?? 0), 0);
  const max = maxRawScore(set);
  return { raw, percentage: max > 0 ? Math.round((raw / max) * 100) : 0 };
}

export type AnswerParse = { ok: true; answers: CheckInAnswers; freeText?: string; shared: boolean } | { ok: false; problems: string[] };

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0', '']);

/** Checks a submitted card against the question set. Every problem is listed, in the card's order. */
export function parseAnswers(set: QuestionSet, input: Record<string, unknown>): AnswerParse {
  const problems: string[] = [];
  const scores: Record<string, number> = {};
  const allowed = new Set(set.scale.choices.map((c) => c.value));
  const missing: string[] = [];
  for (const item of set.scale.items) {
    const v = input[item.id];
    if (v === undefined || v === null || v === '') {
      missing.push(`"${item.text}"`);
      continue;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!allowed.has(n)) problems.push(`"${item.text}": choose one of the answers given.`);
    else scores[item.id] = n;
  }
  if (missing.length === set.scale.items.length)
    problems.unshift(`Please answer the ${set.scale.items.length} questions about the last two weeks.`);
  else if (missing.length) problems.unshift(`Please answer ${missing.join(', ')}.`);

  const pick = <V extends string>(key: string, values: readonly V[], what: string): V | undefined => {
    const v = input[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as V;
    problems.push(`${what}: choose one of the answers given.`);
    return undefined;
  };
  const workload = pick('workload', WORKLOAD_VALUES, 'Workload');
  const breaks = pick(
    'breaks',
    set.breaks.choices.map((c) => c.value),
    'Breaks',
  );
  const conversation = pick('conversation', ['yes', 'no'] as const, 'Conversation with your supervisor');

  let freeText: string | undefined;
  const ft = input.freeText;
  if (ft !== undefined && ft !== null) {
    if (typeof ft !== 'string') problems.push('Your note could not be read.');
    else {
      const clean = cleanText(ft).trim();
      const tooLong = tooLongProblem('your note', clean, set.freeText.maxLength);
      if (tooLong) problems.push(tooLong);
      else if (clean) freeText = clean;
    }
  }
  let shared = false;
  const share = input.share;
  if (typeof share === 'boolean') shared = share;
  else if (typeof share === 'string' && TRUE.has(share.toLowerCase())) shared = true;
  else if (share !== undefined && share !== null && !(typeof share === 'string' && FALSE.has(share.toLowerCase())))
    problems.push('The sharing choice could not be read.');

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    answers: { scores, ...(workload ? { workload } : {}), ...(breaks ? { breaks } : {}), conversation: conversation === 'yes' },
    ...(freeText ? { freeText } : {}),
    shared,
  };
}

/** The answers in the question set's own words, for the person's confirmation or a shared flag. */
export function answersInWords(
  set: QuestionSet,
  answers: CheckInAnswers,
  score?: { raw: number; percentage: number },
): { label: string; value: string }[] {
  const title = <V extends string | number>(choices: { value: V; title: string }[], v: V | undefined) =>
    choices.find((c) => c.value === v)?.title ?? 'Not answered';
  const out = set.scale.items.map((item) => ({ label: item.text, value: title(set.scale.choices, answers.scores[item.id]) }));
  if (score) out.push({ label: 'Wellbeing score', value: `${score.raw} of ${maxRawScore(set)} (${score.percentage}%)` });
  out.push({ label: set.workload.text, value: title(set.workload.choices, answers.workload) });
  out.push({ label: set.breaks.text, value: title(set.breaks.choices, answers.breaks) });
  out.push({ label: set.conversation.text, value: answers.conversation ? 'Yes' : 'No' });
  return out;
}
