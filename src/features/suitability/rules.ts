// The annual suitability questionnaire (issue #5 item 4): qualitative, never scored, read and
// reviewed by the person's supervisor (whoever is responsible now: their cover while they are away,
// the department head when there is no cover). Pure: validation, ids and the privacy rule for who
// sees what.
import { cleanText, tooLongProblem } from '../../kernel/text.ts';
import type { ContactKind } from '../../kernel/contacts.ts';

export const SUITABILITY_QUESTIONS = [
  { id: 'work', label: 'How are you finding the work, and what impact is it having on you?', required: true },
  { id: 'coping', label: 'How are you coping? What helps, and what does not?', required: true },
  { id: 'support', label: 'Is there any support you would like that you are not getting?', required: false },
  { id: 'forSupervisor', label: 'Is there anything else you want your supervisor to know?', required: false },
] as const;

export type SuitabilityTextId = (typeof SUITABILITY_QUESTIONS)[number]['id'];

export const CONTINUE_CHOICES = [
  { value: 'yes', title: 'Yes' },
  { value: 'unsure', title: 'Not sure' },
  { value: 'no', title: 'No' },
] as const;
export type ContinueChoice = (typeof CONTINUE_CHOICES)[number]['value'];
export const CONTINUE_LABEL = 'Do you wish to continue in the role?';

/** Longest answer Haven keeps for one question (the card enforces it too). */
export const SUITABILITY_MAX_CHARS = 2000;

export interface SuitabilityAnswers {
  work?: string;
  coping?: string;
  support?: string;
  forSupervisor?: string;
  continueInRole?: ContinueChoice;
}

export const REVIEW_OUTCOMES = [
  { value: 'noConcerns', title: 'Reviewed: no concerns' },
  { value: 'followUp', title: 'Reviewed: follow-up agreed' },
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number]['value'];

export interface SuitabilityReview {
  outcome: ReviewOutcome;
  by: string;
  at: string;
  /** ISO date recorded as the care item's "done" date. */
  doneOn: string;
}

export interface SuitabilityQuestionnaire {
  /** Deterministic: `suitability:{personId}:{dueDate}`, so a rerun never makes a second one. */
  id: string;
  personId: string;
  unitId: string;
  /** The due date of the care occurrence it answers. */
  dueDate: string;
  status: 'draft' | 'submitted' | 'reviewed';
  /** Encrypted at rest. In a draft, whatever was saved so far. */
  answers: SuitabilityAnswers;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /** Everyone the answers were sent to for review (the responsible person at submission, or the chosen reader). */
  sharedWith: string[];
  /**
   * The reader the person chose instead of their supervisor (issue 14 part 2), where the unit allows
   * it: only they read and review it; the supervisor sees only the care record that it was done.
   */
  readBy?: { kind: ContactKind; personId: string };
  review?: SuitabilityReview;
  /** The reviewer's note: encrypted at rest, shown to reviewers only (see privacy below). */
  reviewNote?: string;
}

export function suitabilityId(personId: string, dueDate: string): string {
  return `suitability:${personId}:${dueDate}`;
}

const ID = /^suitability:([a-z0-9][a-z0-9._-]{0,63}):(\d{4}-\d{2}-\d{2})$/;

export function parseSuitabilityId(id: string): { personId: string; dueDate: string } | undefined {
  const m = ID.exec(id);
  return m ? { personId: m[1]!, dueDate: m[2]! } : undefined;
}

export type ParsedAnswers = { ok: true; answers: SuitabilityAnswers } | { ok: false; problems: string[]; answers: SuitabilityAnswers };

/**
 * Reads answers from a card payload. A draft keeps whatever is there (nothing is required yet);
 * a submission needs every required answer. Wrong types or over-long text are problems either way.
 */
export function parseSuitabilityAnswers(input: Record<string, unknown>, mode: 'draft' | 'submit'): ParsedAnswers {
  const problems: string[] = [];
  const answers: SuitabilityAnswers = {};
  for (const q of SUITABILITY_QUESTIONS) {
    const raw = input[q.id];
    if (raw !== undefined && typeof raw !== 'string') {
      problems.push(`The answer to "${q.label}" was not text.`);
      continue;
    }
    const value = cleanText(raw ?? '').trim();
    const tooLong = tooLongProblem(`your answer to "${q.label}"`, value, SUITABILITY_MAX_CHARS);
    if (tooLong) {
      // Kept in the answers the form comes back with: nothing typed is lost.
      problems.push(tooLong);
      answers[q.id] = value;
      continue;
    }
    if (value) answers[q.id] = value;
    else if (q.required && mode === 'submit') problems.push(`Please answer "${q.label}" (a few words are enough).`);
  }
  const choice = input.continueInRole;
  if (choice !== undefined && choice !== '') {
    if (typeof choice === 'string' && CONTINUE_CHOICES.some((c) => c.value === choice)) answers.continueInRole = choice as ContinueChoice;
    else problems.push(`Choose yes, not sure or no for "${CONTINUE_LABEL}"`);
  } else if (mode === 'submit') {
    problems.push(`Choose an answer for "${CONTINUE_LABEL}"`);
  }
  return problems.length ? { ok: false, problems, answers } : { ok: true, answers };
}

/**
 * The reader chosen on the form: undefined for the supervisor (the default, or nothing chosen); a
 * problem for anything not offered now.
 */
export function parseReadBy(
  input: Record<string, unknown>,
  offered: readonly { kind: ContactKind; personId: string }[],
): { ok: true; readBy?: { kind: ContactKind; personId: string } } | { ok: false; problem: string } {
  const v = input.readBy;
  if (v === undefined || v === null || v === '' || v === 'supervisor') return { ok: true };
  const o = offered.find((x) => x.kind === v);
  if (!o) return { ok: false, problem: 'Who reads your answers: choose one of the people given.' };
  return { ok: true, readBy: { kind: o.kind, personId: o.personId } };
}

export function parseReviewOutcome(value: unknown): ReviewOutcome | undefined {
  return REVIEW_OUTCOMES.find((o) => o.value === value)?.value;
}

export function continueTitle(value: ContinueChoice | undefined): string {
  return CONTINUE_CHOICES.find((c) => c.value === value)?.title ?? 'Not answered';
}

export function outcomeTitle(value: ReviewOutcome): string {
  return REVIEW_OUTCOMES.find((o) => o.value === value)!.title;
}
