// The weekly one-tap workload summary (issue 14). It rides in the check-in in a week that has one;
// in a week without one (check-ins are fortnightly by default) it is a small card of its own, sent
// once, in the person's working time, in a week when no check-in card is due: never a second card the
// same day. Each summary is about the whole week before. Figures are stored per person per ISO week.
import type { Logger } from 'pino';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatWeekday, nameIn } from '../../kernel/format.ts';
import { identifyPerson, unrosteredId } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { addDays, isWorkingMoment, localMoment, nextWorkingMoment } from '../../kernel/working-time.ts';
import { weeklySummaryCard } from './cards.ts';
import { checkInId, currentDueOn, receivesCheckIns, type CheckIn } from './check-in.ts';
import { evaluateWeek, finishUnevaluatedWeeks, recordWeek, type WeekOutcome } from './record-workload.ts';
import { responderChain } from './tick-flags.ts';
import {
  figuresInWords,
  isoWeekOf,
  mondayOf,
  parseSummary,
  summaryWeekFor,
  weekLabel,
  workloadWeekId,
  type WorkloadWeek,
} from './workload.ts';
import { weeklySummaryCardData, type WeeklySummaryCardData } from './workload-views.ts';
import { answersSharedWith } from './policy.ts';
import type { CheckInDeps } from './deps.ts';
import { isCurrentMember } from '../../kernel/responsibility.ts';

/**
 * The week a scheduled check-in's summary is about: the whole week before the one it reached the
 * person in (its due date, or the day its record was made when that was later: a cycle sent late).
 */
export function checkInSummaryWeek(c: Pick<CheckIn, 'dueOn' | 'sentAt'>): string {
  const made = localMoment(new Date(c.sentAt)).date;
  return summaryWeekFor(made > c.dueOn ? made : c.dueOn);
}

/** The week a scheduled check-in asks about, when its figures are not recorded yet; on-demand check-ins ask nothing. */
export async function summaryWeekToAsk(deps: CheckInDeps, checkIn: Pick<CheckIn, 'personId' | 'dueOn' | 'sentAt' | 'onDemand'>) {
  if (checkIn.onDemand) return undefined;
  const week = checkInSummaryWeek(checkIn);
  const stored = await deps.workloadWeeks.get(workloadWeekId(checkIn.personId, week));
  return stored?.value.figures ? undefined : week;
}

/**
 * Does a check-in carry this week's summary, or reach the person today? Then no weekly card: a
 * scheduled check-in due this week (sent or still to come), the current cycle's check-in about to be
 * sent, one that asks about `about`, or any check-in card sent today (never a second card the same day).
 */
async function checkInCarriesWeek(deps: CheckInDeps, person: Person, today: string, about: string): Promise<boolean> {
  const monday = mondayOf(isoWeekOf(today))!;
  const schedule = deps.checkInSettings.scheduleFor(person.unitId);
  for (let i = 0; i < 7; i++) {
    const day = addDays(monday, i);
    if (currentDueOn(person, schedule, day) === day) return true;
  }
  const records = (await deps.checkIns.listForPerson(person.id)).map((v) => v.value).filter((c) => !c.onDemand);
  const current = currentDueOn(person, schedule, today);
  if (current && !records.some((c) => c.id === checkInId(person.id, current))) return true;
  return records.some(
    (c) =>
      checkInSummaryWeek(c) === about ||
      (c.delivered && localMoment(new Date(c.sentAt)).date === today) ||
      (c.status === 'open' && !c.delivered),
  );
}

export function weeklyCardMessageId(personId: string, week: string): string {
  return `workload-week:${personId}:${week}`;
}

/** The weekly card for one person, once, when due (see the header). Answers whether it was queued. */
export async function sendWeeklySummary(deps: CheckInDeps, person: Person, roster: Roster, now: Date): Promise<boolean> {
  if (!receivesCheckIns(person)) return false;
  const today = localMoment(now).date;
  const about = summaryWeekFor(today);
  // A person who joined during (or after) that week has no whole week to tell.
  if (person.joinedUnitOn && person.joinedUnitOn > mondayOf(about)!) return false;
  const id = workloadWeekId(person.id, about);
  if (await deps.workloadWeeks.get(id)) return false;
  if (!isWorkingMoment(person.workingPattern, roster.absences, person.id, now)) return false;
  const when = nextWorkingMoment(person.workingPattern, roster.absences, person.id, now);
  if (!when || when.getTime() > now.getTime()) return false;
  if (await checkInCarriesWeek(deps, person, today, about)) return false;
  const asked: WorkloadWeek = { id, personId: person.id, unitId: person.unitId, week: about, askedAt: now.toISOString() };
  if ((await deps.workloadWeeks.add(asked)) !== 'created') return false;
  await deps.notifier.enqueue({
    id: weeklyCardMessageId(person.id, about),
    lane: 'bulk',
    target: { kind: 'person', personId: person.id },
    operation: 'send',
    activity: { text: NEUTRAL_HEADLINE, card: weeklySummaryCard(weeklySummaryCardData(about)) },
    purpose: 'workload.prompt',
  });
  await deps.audit.append({
    at: asked.askedAt!,
    actor: 'system',
    action: 'workload.prompt',
    subject: id,
    about: person.id,
    reason: 'weekly card',
    outcome: 'ok',
  });
  return true;
}

/** The workload job: first what a crash left unevaluated, then each person's weekly card when due. */
export async function sendWeeklySummaries(deps: CheckInDeps, log: Logger): Promise<void> {
  const now = deps.clock.now();
  const roster = await loadRoster(deps);
  await finishUnevaluatedWeeks(deps, roster, log);
  for (const person of roster.people.filter(isCurrentMember)) {
    try {
      await sendWeeklySummary(deps, person, roster, now);
    } catch (error) {
      log.error({ err: { message: (error as Error).message } }, 'sending a weekly workload card failed; it will be retried');
    }
  }
}

export type WeeklyResult = { kind: 'done'; title: string; lines: string[] } | { kind: 'retry'; card: WeeklySummaryCardData };

const WEEK = /^\d{4}-W\d{2}$/;
/** How far back a week may still be told (a card left unanswered over a fortnight's leave, say). */
const OLDEST_WEEKS = 8;

/** What the person is told after figures are recorded: their own figures, who was told what, and the new check-in date. */
export function outcomeLines(outcome: WeekOutcome, deps: CheckInDeps, person: Person, roster: Roster): string[] {
  const lines: string[] = [];
  if (!outcome.reasons.length) return lines;
  const to = responderChain(deps, { personId: person.id, unitId: person.unitId }, roster, deps.clock.now())[0]?.personId;
  lines.push(
    `From these figures, Haven is asking ${to ? nameIn(roster)(to) : 'your supervisor'} to offer you a conversation. They are told why (for example, a run of heavy weeks), not your figures unless you shared them. You can say no.`,
  );
  if (outcome.broughtForwardTo) lines.push(`Your next check-in is brought forward to ${formatWeekday(outcome.broughtForwardTo)}.`);
  return lines;
}

/** "Send" on the weekly card. The person only, a real week not in the future, once; every problem listed; nothing stored on error. */
export async function submitWeeklySummary(
  deps: CheckInDeps,
  actor: Actor,
  weekText: string,
  input: Record<string, unknown>,
): Promise<WeeklyResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const found = await identifyPerson(deps, actor);
  const person = found?.value;
  const today = localMoment(now).date;
  const thisWeek = isoWeekOf(today);
  const validWeek = WEEK.test(weekText) && mondayOf(weekText) !== undefined;
  if (!person || !receivesCheckIns(person)) {
    await deps.audit.append({
      at,
      actor: person?.id ?? unrosteredId(actor),
      action: 'workload.submit',
      subject: 'workload:unknown',
      reason: 'not a unit member',
      outcome: 'denied',
    });
    return {
      kind: 'done',
      title: 'Weekly summaries are for members of the unit',
      lines: ['Nothing was saved. If you think you should get them, ask whoever keeps the roster.'],
    };
  }
  if (!validWeek || weekText >= thisWeek || weekText < summaryWeekFor(addDays(today, -7 * (OLDEST_WEEKS - 1))))
    return {
      kind: 'done',
      title: 'Haven does not know this week',
      lines: ['Nothing was saved. The next weekly card will ask about last week.'],
    };
  const id = workloadWeekId(person.id, weekText);
  const existing = (await deps.workloadWeeks.get(id))?.value;
  if (existing?.figures)
    return {
      kind: 'done',
      title: 'That week is already recorded',
      lines: [`Haven already has your figures for ${weekLabel(weekText)}. They have not been changed.`],
    };
  const parsed = parseSummary(input, true);
  if (!parsed.ok || !parsed.figures)
    return {
      kind: 'retry',
      card: weeklySummaryCardData(weekText, `Nothing was saved yet. ${parsed.ok ? '' : parsed.problems.join(' ')}`.trim(), input),
    };
  const shareText = typeof input.wlShare === 'string' ? input.wlShare.toLowerCase() : input.wlShare;
  const shared = shareText === true || shareText === 'true' || shareText === 'on' || shareText === 'yes' || shareText === '1';
  const stored = await recordWeek(deps, person, weekText, { ...parsed.figures, source: 'self', recordedAt: at }, shared);
  await deps.audit.append({
    at,
    actor: person.id,
    action: 'workload.submit',
    subject: id,
    about: person.id,
    reason: shared ? 'shared' : 'private',
    outcome: 'ok',
  });
  const roster = await loadRoster(deps);
  const outcome = await evaluateWeek(deps, stored, roster);
  const sup = shared ? answersSharedWith(person.id, roster, now) : undefined;
  return {
    kind: 'done',
    title: 'Thank you: last week is recorded',
    lines: [
      `${weekLabel(weekText)}: ${figuresInWords(stored.value.figures!)}.`,
      shared
        ? `You chose to share these figures with ${sup ? nameIn(roster)(sup) : 'your supervisor'}.`
        : 'These figures are yours: nobody else sees them. The department head sees only unit totals over 5 or more people.',
      ...outcomeLines(outcome, deps, person, roster),
    ],
  };
}
