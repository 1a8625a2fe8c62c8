// The TRiM follow-up's rules: who is told, in what order, and how it moves. Pure: `now`, the roster,
// the unit's contacts and the settings come in; the caller stores what these answer.
//
// Who is told (trimChain): the unit's TRiM practitioners (kernel/contacts.ts), then the force-wide
// list (HAVEN_TRIM_PRACTITIONERS), then the unit's welfare lead; absent people are never told and the
// officer is never their own practitioner. With none of those present, the unit's department head and
// then the fallback responders, so a wanted follow-up never stalls with nobody to arrange it.
import type { ChainEntry } from '../../kernel/escalation.ts';
import { confidentialContacts, type ContactRule } from '../../kernel/contacts.ts';
import { activeAbsence, fallbackIds } from '../../kernel/responsibility.ts';
import { isIsoDay } from '../../kernel/format.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { mayActOnTrim, mayAnswerTrim } from './policy.ts';
import type { TrimAnswer, TrimFollowUp, TrimOrigin, TrimOutcome, TrimSettings, TrimStatus } from './model.ts';

export * from './model.ts';

/** Who a practitioner-level entry of the chain is, for the officer's card ("a TRiM practitioner will be told"). */
export type TrimChainRole = 'practitioner' | 'welfareLead' | 'departmentHead' | 'fallback';

export interface TrimChainEntry extends ChainEntry {
  trimRole: TrimChainRole;
}

export function trimChain(
  subject: Pick<Person, 'id' | 'unitId'>,
  contacts: readonly ContactRule[],
  settings: Pick<TrimSettings, 'practitioners' | 'escalationHours'>,
  fallback: { fallbackResponders: string[] },
  roster: Roster,
  now: Date,
): TrimChainEntry[] {
  const resolved = confidentialContacts(subject, contacts, roster, now);
  const present = (id: string) =>
    id !== subject.id && roster.people.some((p) => p.id === id) && activeAbsence(roster.absences, id, now) === undefined;
  const out: TrimChainEntry[] = [];
  const delayMinutes = settings.escalationHours * 60;
  const add = (ids: readonly string[], trimRole: TrimChainRole) => {
    for (const personId of ids)
      if (present(personId) && !out.some((e) => e.personId === personId))
        out.push({ personId, role: 'fallback', delayMinutes, trimRole, note: trimRole });
  };
  add(resolved.find((c) => c.kind === 'trimPractitioner')?.personIds ?? [], 'practitioner');
  add(settings.practitioners, 'practitioner');
  add(resolved.find((c) => c.kind === 'welfareLead')?.personIds ?? [], 'welfareLead');
  if (out.length === 0) {
    add(resolved.find((c) => c.kind === 'departmentHead')?.personIds ?? [], 'departmentHead');
    add(fallbackIds(fallback, roster), 'fallback');
  }
  return out;
}

export function trimStatus(f: TrimFollowUp): TrimStatus {
  if (f.outcome) return f.outcome.value;
  if (f.answer) return f.answer.value === 'yes' ? 'wanted' : 'declined';
  if (f.lapsedAt) return 'lapsed';
  return f.asked ? 'asked' : 'toAsk';
}

/** Still Haven's to move: to ask, waiting for an answer, or wanted and not yet recorded. */
export function isTrimOpen(f: TrimFollowUp): boolean {
  const s = trimStatus(f);
  return s === 'toAsk' || s === 'asked' || s === 'wanted';
}

/** Waiting for the officer: asked (or to be asked) and not answered. */
export function isAwaitingAnswer(f: TrimFollowUp): boolean {
  const s = trimStatus(f);
  return s === 'toAsk' || s === 'asked';
}

export function newTrimFollowUp(input: {
  id: string;
  personId: string;
  unitId: string;
  origin: TrimOrigin;
  startedBy?: string;
  now: Date;
  askFrom?: string;
}): TrimFollowUp {
  const at = input.now.toISOString();
  const f: TrimFollowUp = {
    id: input.id,
    personId: input.personId,
    unitId: input.unitId,
    origin: input.origin,
    createdAt: at,
    askFrom: input.askFrom ?? at,
    openedAt: at,
    notices: [],
    ...(input.startedBy ? { startedBy: input.startedBy } : {}),
  };
  // Asking for it yourself is the answer: nobody asks you again.
  if (input.origin === 'notableCaseSelf') f.answer = { value: 'yes', at };
  return f;
}

export type TrimRejection = { code: 'notEntitled' | 'notAllowedNow' | 'invalid'; message: string };
export type TrimStep = { ok: true; followUp: TrimFollowUp; changed: boolean } | { ok: false; rejection: TrimRejection };

const reject = (code: TrimRejection['code'], message: string): TrimStep => ({ ok: false, rejection: { code, message } });
const same = (f: TrimFollowUp): TrimStep => ({ ok: true, followUp: f, changed: false });

/** The officer answers "yes, I'd like that" or "not now". Only they may; an answer given stands. */
export function answerTrim(f: TrimFollowUp, viewerId: string, answer: TrimAnswer, now: Date): TrimStep {
  if (!mayAnswerTrim(viewerId, f)) return reject('notEntitled', 'Only the person this follow-up is for can answer it.');
  if (f.answer) return f.answer.value === answer ? same(f) : reject('notAllowedNow', 'You have already answered this one.');
  if (f.lapsedAt)
    return reject('notAllowedNow', 'This question has closed. You can still ask for a TRiM follow-up at any time: type "trim".');
  const at = now.toISOString();
  // "Not now" closes it (nobody is told); "yes" opens the practitioners' clock from this moment.
  const next: TrimFollowUp =
    answer === 'yes' ? { ...f, answer: { value: answer, at }, openedAt: at } : { ...f, answer: { value: answer, at }, closedAt: at };
  return { ok: true, followUp: next, changed: true };
}

const NOT_ENTITLED = 'Only the TRiM practitioners told about this follow-up can act on it.';

/** A practitioner (or whoever the chain reached) takes it: "I'll arrange it". Escalation stops. */
export function acknowledgeTrim(f: TrimFollowUp, viewerId: string, chain: readonly ChainEntry[], now: Date): TrimStep {
  if (!mayActOnTrim(viewerId, f, chain)) return reject('notEntitled', NOT_ENTITLED);
  if (f.outcome) return reject('notAllowedNow', 'This follow-up has already been recorded.');
  if (f.acknowledged) return same(f);
  return { ok: true, followUp: { ...f, acknowledged: { by: viewerId, at: now.toISOString() } }, changed: true };
}

/** Held (on a date, not in the future) or could not be arranged. Closes it; nothing said is stored. */
export function recordTrim(
  f: TrimFollowUp,
  viewerId: string,
  chain: readonly ChainEntry[],
  outcome: TrimOutcome,
  heldOn: string | undefined,
  today: string,
  now: Date,
): TrimStep {
  if (!mayActOnTrim(viewerId, f, chain)) return reject('notEntitled', NOT_ENTITLED);
  if (f.outcome)
    return f.outcome.value === outcome && f.outcome.heldOn === heldOn
      ? same(f)
      : reject('notAllowedNow', 'This follow-up has already been recorded.');
  if (outcome === 'held' && (!heldOn || !isIsoDay(heldOn) || heldOn > today || heldOn < f.answer!.at.slice(0, 10)))
    return reject('invalid', 'Give the date the follow-up was held: on or after the day it was asked for, and not in the future.');
  const at = now.toISOString();
  return {
    ok: true,
    followUp: {
      ...f,
      acknowledged: f.acknowledged ?? { by: viewerId, at },
      outcome: { value: outcome, by: viewerId, at, ...(outcome === 'held' ? { heldOn } : {}) },
      closedAt: at,
    },
    changed: true,
  };
}

/** An unanswered question lapses after `answerDays`: nobody is told, and the next point may ask again. */
export function lapseIfUnanswered(f: TrimFollowUp, settings: Pick<TrimSettings, 'answerDays'>, now: Date): TrimFollowUp | undefined {
  if (!f.asked || f.answer || f.lapsedAt) return undefined;
  if (now.getTime() - new Date(f.asked.at).getTime() < settings.answerDays * 24 * 60 * 60_000) return undefined;
  return { ...f, lapsedAt: now.toISOString(), closedAt: now.toISOString() };
}
