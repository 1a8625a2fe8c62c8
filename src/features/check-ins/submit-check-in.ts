// A person opens ("check in") or answers a check-in. Answers are stored before the confirmation is
// shown; late answers are accepted until the next one is due; a second answer to the same check-in
// is refused politely and changes nothing; nobody can answer someone else's.
import type { Logger } from 'pino';
import type { CheckInCardData, CheckInConfirmationCardData } from './cards.ts';
import {
  checkInId,
  acceptsAnswers,
  closesOnFor,
  currentDueOn,
  onDemandCheckInId,
  parseAnswers,
  receivesCheckIns,
  scoreOf,
  type CheckIn,
} from './check-in.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { localMoment } from '../../kernel/working-time.ts';
import { checkInCardData, confirmationData } from './views.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatWeekday, nameIn } from '../../kernel/format.ts';
import { identifyPerson, unrosteredId } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import { couldNotStore } from '../../kernel/text.ts';
import { reasonsFor } from './raise-check-in-flag.ts';
import { deliverCheckIn } from './send-due-check-ins.ts';
import { parseTalkTo, talkToChoices } from './talk-to.ts';
import { responderChain } from './tick-flags.ts';
import { checkInEffects, flushCheckInEffects } from './flush-effects.ts';
import { answersSharedWith } from './policy.ts';
import { hasPendingEffects, withPendingEffects } from '../../kernel/pending-effects.ts';
import { nextRegularDueOn } from './bring-forward.ts';
import { checkInSummaryWeek, outcomeLines, summaryWeekToAsk } from './weekly-summary.ts';
import { parseSummary, workloadWeekId } from './workload.ts';
import { evaluateWeek, recordWeek, type WeekOutcome } from './record-workload.ts';
import type { CheckInDeps } from './deps.ts';

export type Notice = { title: string; lines: string[] };

export type OpenResult = { kind: 'card'; card: CheckInCardData } | { kind: 'notice'; notice: Notice };

const NOT_FOR_YOU: Notice = {
  title: 'Check-ins are for members of the unit',
  lines: [
    'Haven sends check-ins to officers, staff and supervisors in the unit. If you think you should get them, ask whoever keeps the roster.',
  ],
};

function eligible(person: Person | undefined): person is Person {
  return !!person && receivesCheckIns(person);
}

/** "check in": the current cycle's check-in if it is still open, otherwise a fresh on-demand one. */
export async function openCheckIn(deps: CheckInDeps, actor: Actor): Promise<OpenResult> {
  const person = (await identifyPerson(deps, actor))?.value;
  if (!eligible(person)) return { kind: 'notice', notice: NOT_FOR_YOU };
  const schedule = deps.checkInSettings.scheduleFor(person.unitId);
  const set = deps.checkInSettings.questionSet(schedule.questionSetId);
  if (!set)
    return {
      kind: 'notice',
      notice: { title: 'Check-ins are not set up yet', lines: ['Nothing was changed. Please tell whoever looks after Haven.'] },
    };
  const now = deps.clock.now();
  const today = localMoment(now).date;
  const dueOn = currentDueOn(person, schedule, today);
  // Whom a conversation would be with: their supervisor, or one of the unit's contacts (talk-to.ts).
  const talkTo = talkToChoices(deps, person, await loadRoster(deps), now);
  if (dueOn) {
    const current = await deliverCheckIn(deps, person, dueOn, 'request');
    if (current && acceptsAnswers(current.value, today))
      return { kind: 'card', card: checkInCardData(set, current.value, '', {}, talkTo, await summaryWeekToAsk(deps, current.value)) };
  }
  // Issue 14: the next cycle's check-in, when the workload log brought it forward to today or earlier.
  const next = nextRegularDueOn(person, schedule, today);
  const early = next ? (await deps.checkIns.get(checkInId(person.id, next)))?.value : undefined;
  if (early?.broughtForward && early.dueOn <= today && acceptsAnswers(early, today)) {
    await deliverCheckIn(deps, person, next!, 'request');
    return { kind: 'card', card: checkInCardData(set, early, '', {}, talkTo, await summaryWeekToAsk(deps, early)) };
  }
  const id = onDemandCheckInId(person.id, today, now.toISOString());
  return {
    kind: 'card',
    card: checkInCardData(set, { id, dueOn: today, closesOn: closesOnFor(today, schedule), onDemand: true }, '', {}, talkTo),
  };
}

export type SubmitResult =
  | { kind: 'confirmed'; confirmation: CheckInConfirmationCardData }
  | { kind: 'notice'; notice: Notice }
  | { kind: 'retry'; card: CheckInCardData };

const ID = /^checkin:([a-z0-9][a-z0-9._-]{0,62}):(\d{4}-\d{2}-\d{2})(?::extra-(\d{14}))?$/;

export async function submitCheckIn(
  deps: CheckInDeps,
  actor: Actor,
  checkInIdText: string,
  input: Record<string, unknown>,
  log?: Logger,
): Promise<SubmitResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const m = ID.exec(checkInIdText);
  // Issue 15: the check-in is read while the person is identified; it is used only once they prove to be its owner.
  const reading = m ? deps.checkIns.get(checkInIdText) : undefined;
  reading?.catch(() => undefined);
  const found = await identifyPerson(deps, actor);
  const viewerId = found?.value.id ?? unrosteredId(actor);
  if (!m || m[1] !== viewerId || !eligible(found?.value)) {
    await deps.audit.append({
      at,
      actor: viewerId,
      action: 'checkIn.submit',
      subject: m ? checkInIdText : 'checkin:unknown',
      reason: m ? 'not their check-in' : 'unknown check-in',
      outcome: 'denied',
    });
    return {
      kind: 'notice',
      notice: {
        title: 'This check-in is not yours to answer',
        lines: ['Nothing was saved. Type "check in" in your chat with Haven to get your own.'],
      },
    };
  }
  const person = found!.value;
  const today = localMoment(now).date;
  let stored = await reading;
  const schedule = deps.checkInSettings.scheduleFor(person.unitId);
  const set = deps.checkInSettings.questionSet(stored?.value.questionSetId ?? schedule.questionSetId);
  if (!set)
    return {
      kind: 'notice',
      notice: { title: 'Check-ins are not set up yet', lines: ['Nothing was saved. Please tell whoever looks after Haven.'] },
    };

  if (!stored && !m[3])
    return {
      kind: 'notice',
      notice: { title: 'Haven does not know this check-in', lines: ['Nothing was saved. Type "check in" to get a fresh one.'] },
    };
  if (stored?.value.status === 'answered') {
    return {
      kind: 'notice',
      notice: {
        title: 'You have already answered this check-in',
        lines: [
          `Haven received your answers on ${formatWeekday(localMoment(new Date(stored.value.answeredAt ?? at)).date)}. They have not been changed.`,
          'If something has changed since, type "check in" for a fresh one, or press "I\'m not okay" if you need someone now.',
        ],
      },
    };
  }
  if (stored && !acceptsAnswers(stored.value, today)) {
    return {
      kind: 'notice',
      notice: {
        title: 'This check-in has closed',
        lines: [
          `It was open until ${formatWeekday(stored.value.closesOn)}, when the next one was due. Nothing was saved.`,
          'Type "check in" to answer the current one.',
        ],
      },
    };
  }

  // Issue 14: last week's workload summary, when this check-in asked it (the card says which week).
  const askedWeek = summaryWeekOnCard(stored?.value, input);
  const askWeek = askedWeek && stored ? await summaryWeekToAsk(deps, stored.value) : undefined;
  const summary = askWeek === askedWeek && askWeek ? parseSummary(input, false) : { ok: true as const };
  const parsedAnswers = parseAnswers(set, input);
  const parsed =
    parsedAnswers.ok && !summary.ok
      ? { ok: false as const, problems: summary.problems }
      : !parsedAnswers.ok && !summary.ok
        ? { ok: false as const, problems: [...parsedAnswers.problems, ...summary.problems] }
        : parsedAnswers;
  const talkTo = talkToChoices(deps, person, await loadRoster(deps), now);
  const talk = parsed.ok ? parseTalkTo(input, parsed.answers.conversation, talkTo) : { ok: true as const };
  const base: CheckIn = stored?.value ?? {
    id: checkInIdText,
    personId: person.id,
    unitId: person.unitId,
    questionSetId: set.id,
    dueOn: m[2]!,
    closesOn: closesOnFor(m[2]!, schedule),
    onDemand: true,
    status: 'open',
    sentAt: at,
    shared: false,
    delivered: true,
  };
  // A refused check-in comes back with every answer chosen and everything typed (nothing is lost).
  if (!parsed.ok)
    return {
      kind: 'retry',
      card: checkInCardData(set, base, `Nothing was saved yet. ${parsed.problems.join(' ')}`, input, talkTo, askWeek),
    };
  if (!talk.ok)
    return { kind: 'retry', card: checkInCardData(set, base, `Nothing was saved yet. ${talk.problem}`, input, talkTo, askWeek) };

  const answered: CheckIn = {
    ...base,
    status: 'answered',
    answeredAt: at,
    answers: parsed.answers,
    score: scoreOf(set, parsed.answers),
    shared: parsed.shared,
    ...(parsed.freeText ? { freeText: parsed.freeText } : {}),
    ...(talk.with ? { conversationWith: talk.with } : {}),
  };
  const reasons = await reasonsFor(deps, answered);
  const withReasons: CheckIn = reasons.length ? { ...answered, flagReasons: reasons } : answered;
  // The answer and what must follow it (its flag, or its shared answers) are one write: a crash
  // after it leaves the effects on the record for the check-in job, never a lost flag.
  const record = withPendingEffects(base, withReasons, checkInEffects(withReasons, reasons));
  let version: string | undefined;
  try {
    if (stored) version = await deps.checkIns.save(record, stored.version);
    else if ((await deps.checkIns.add(record)) === 'duplicate') throw new VersionConflict('check-in');
  } catch (error) {
    if (error instanceof VersionConflict) {
      stored = await deps.checkIns.get(checkInIdText).catch(() => undefined);
      if (stored?.value.status === 'answered') return submitCheckIn(deps, actor, checkInIdText, input, log);
    }
    // Storage refused or is down: the card comes back with the answers, so sending again is one click.
    log?.error(
      { err: { name: (error as Error).name, message: (error as Error).message } },
      'check-in could not be stored; card returned with what was typed',
    );
    const { message } = couldNotStore(error, {
      tooLarge: 'Your note is too long to keep; please shorten it.',
      unavailable: 'Haven could not save your check-in just now.',
      nothing: 'saved',
      kept: 'everything you chose and typed',
      again: 'press Send again',
    });
    return {
      kind: 'retry',
      card: checkInCardData(set, base, message, input, talkTo, askWeek),
    };
  }
  await deps.audit.append({
    at,
    actor: person.id,
    action: 'checkIn.submit',
    subject: record.id,
    about: person.id,
    reason: `${record.shared ? 'shared' : 'private'}${record.dueOn < today ? ', late' : ''}`,
    outcome: 'ok',
  });

  const roster: Roster = await loadRoster(deps);
  // Issue 14: the week's figures, after the answer is safe (a failure here never loses the check-in;
  // a week stored but not evaluated is finished by the workload job).
  let workload: WeekOutcome | undefined;
  if (askWeek && summary.ok && summary.figures) {
    try {
      const week = await recordWeek(deps, person, askWeek, { ...summary.figures, source: 'self', recordedAt: at }, record.shared);
      await deps.audit.append({
        at,
        actor: person.id,
        action: 'workload.submit',
        subject: workloadWeekId(person.id, askWeek),
        about: person.id,
        reason: `${record.shared ? 'shared' : 'private'}, in a check-in`,
        outcome: 'ok',
      });
      workload = await evaluateWeek(deps, week, roster);
    } catch (error) {
      log?.warn({ err: { message: (error as Error).message } }, 'check-in stored; its workload summary could not be completed');
    }
  }
  if (hasPendingEffects(record)) {
    try {
      const saved = version !== undefined ? { value: record, version } : await deps.checkIns.get(record.id);
      if (saved) await flushCheckInEffects(deps, saved, roster);
    } catch (error) {
      // The answer is safe and carries its effects; the check-in job raises the flag.
      log?.warn({ err: { message: (error as Error).message } }, 'check-in stored; its flag will be raised by the next job tick');
    }
  }
  const flagTo = reasons.length
    ? responderChain(
        deps,
        {
          personId: person.id,
          unitId: person.unitId,
          route: reasons.includes('conversationRequested') ? record.conversationWith : undefined,
        },
        roster,
        now,
      )[0]?.personId
    : undefined;
  const sharedWith = record.shared ? answersSharedWith(person.id, roster, now) : undefined;
  return {
    kind: 'confirmed',
    confirmation: confirmationData({
      checkIn: record,
      flagged: reasons.length > 0,
      flagToName: flagTo ? nameIn(roster)(flagTo) : undefined,
      sharedWithName: sharedWith ? nameIn(roster)(sharedWith) : undefined,
      late: !record.onDemand && record.dueOn < today && localMoment(new Date(record.sentAt)).date < today,
      support: deps.supportDirectory,
      extraLines: workload ? outcomeLines(workload, deps, person, roster) : [],
    }),
  };
}

/** The week the submitted card says it asked about: only a scheduled check-in's own summary week counts. */
function summaryWeekOnCard(stored: CheckIn | undefined, input: Record<string, unknown>): string | undefined {
  const w = input.workloadWeek;
  if (typeof w !== 'string' || !w || !stored || stored.onDemand) return undefined;
  return w === checkInSummaryWeek(stored) ? w : undefined;
}
