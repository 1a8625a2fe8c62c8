// The check-in job, under the job lease every tick. For each person who is asked (domain
// receivesCheckIns): close check-ins whose window has passed (a miss, which may raise a flag), then
// send the current cycle's check-in once, and only at a moment they are working: never on a rest day,
// on leave or at night. Deterministic and idempotent: the record's id is `checkin:{person}:{dueOn}`
// and the outbox message has the same id, so a rerun never sends twice.
import type { Logger } from 'pino';
import { checkInCard } from './cards.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { checkInId, closesOnFor, currentDueOn, isSettled, receivesCheckIns, type CheckIn } from './check-in.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { isWorkingMoment, localMoment, nextWorkingMoment } from '../../kernel/working-time.ts';
import { checkInCardData } from './views.ts';
import { talkToChoices } from './talk-to.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { reasonsFor } from './raise-check-in-flag.ts';
import { checkInEffects, finishInterruptedCheckIns, flushCheckInEffects } from './flush-effects.ts';
import { withPendingEffects } from '../../kernel/pending-effects.ts';
import { summaryWeekToAsk } from './weekly-summary.ts';
import type { CheckInDeps } from './deps.ts';
import { isCurrentMember } from '../../kernel/responsibility.ts';

/** Closes unanswered check-ins whose window has passed; answers how many. */
export async function closeMissedCheckIns(deps: CheckInDeps, roster: Roster, log: Logger): Promise<number> {
  const today = localMoment(deps.clock.now()).date;
  let closed = 0;
  for (const stored of await deps.checkIns.listOpen()) {
    if (stored.value.closesOn > today) continue;
    try {
      const missed: CheckIn = { ...stored.value, status: 'missed' };
      const reasons = missed.onDemand ? [] : await reasonsFor(deps, missed);
      const withReasons: CheckIn = reasons.length ? { ...missed, flagReasons: reasons } : missed;
      // The miss and its flag are one write; a crash before the flag is raised is finished next run.
      const saved = withPendingEffects(stored.value, withReasons, checkInEffects(withReasons, reasons));
      const version = await deps.checkIns.save(saved, stored.version);
      closed++;
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor: 'system',
        action: 'checkIn.missed',
        subject: saved.id,
        about: saved.personId,
        reason: `not answered by ${saved.closesOn}`,
        outcome: 'ok',
      });
      await flushCheckInEffects(deps, { value: saved, version }, roster);
    } catch (error) {
      if (error instanceof VersionConflict) continue; // answered at this very moment: the answer wins
      log.error(
        { checkInId: stored.value.id.split(':').slice(2).join(':'), err: { message: (error as Error).message } },
        'closing a missed check-in failed; it will be retried',
      );
    }
  }
  return closed;
}

/** Creates the cycle's record if needed and queues its card once. Answers the record. */
export async function deliverCheckIn(
  deps: CheckInDeps,
  person: Person,
  dueOn: string,
  via: 'schedule' | 'request',
  /** The roster, for whom a conversation could be with (talk-to.ts); without it the card offers the supervisor only. */
  roster?: Roster,
): Promise<Versioned<CheckIn> | undefined> {
  const schedule = deps.checkInSettings.scheduleFor(person.unitId);
  const set = deps.checkInSettings.questionSet(schedule.questionSetId);
  if (!set) return undefined;
  const id = checkInId(person.id, dueOn);
  let stored = await deps.checkIns.get(id);
  if (!stored) {
    const fresh: CheckIn = {
      id,
      personId: person.id,
      unitId: person.unitId,
      questionSetId: set.id,
      dueOn,
      closesOn: closesOnFor(dueOn, schedule),
      onDemand: false,
      status: 'open',
      sentAt: deps.clock.now().toISOString(),
      shared: false,
      ...(via === 'request' ? { delivered: true } : {}),
    };
    if ((await deps.checkIns.add(fresh)) === 'created') {
      await deps.audit.append({
        at: fresh.sentAt,
        actor: 'system',
        action: 'checkIn.open',
        subject: id,
        about: person.id,
        reason: via,
        outcome: 'ok',
      });
    }
    stored = await deps.checkIns.get(id);
    if (!stored) return undefined;
  } else if (via === 'schedule' && isSettled(stored.value)) {
    // The job reads a record only when the day's settled list lacks it: a record stored before that
    // list existed, or a crash between the save and its mark. Marked now, it is not read again.
    await deps.checkIns.markSettled(stored.value);
  }
  if (via === 'schedule' && stored.value.status === 'open' && !stored.value.delivered) {
    await deps.notifier.enqueue({
      id,
      lane: 'bulk',
      target: { kind: 'person', personId: person.id },
      operation: 'send',
      // Issue 14: last week's one-tap workload summary rides in the check-in when not yet recorded.
      activity: {
        text: NEUTRAL_HEADLINE,
        card: checkInCard(
          checkInCardData(
            set,
            stored.value,
            '',
            {},
            roster ? talkToChoices(deps, person, roster, deps.clock.now()) : [],
            await summaryWeekToAsk(deps, stored.value),
          ),
        ),
      },
      purpose: 'checkIn.prompt',
    });
    try {
      const version = await deps.checkIns.save({ ...stored.value, delivered: true }, stored.version);
      stored = { value: { ...stored.value, delivered: true }, version };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error; // answered meanwhile; the queued card is harmless
    }
  }
  return stored;
}

export async function sendDueCheckIns(deps: CheckInDeps, log: Logger): Promise<void> {
  const now = deps.clock.now();
  const roster = await loadRoster(deps);
  // First what a crash (or a failed write) left half done: an answer stored whose flag was not raised.
  await finishInterruptedCheckIns(deps, roster, log);
  await closeMissedCheckIns(deps, roster, log);
  const today = localMoment(now).date;
  // Issue 14: check-ins the workload log brought forward, due by today and not yet sent (by person).
  const broughtForward = new Map<string, string>();
  for (const { value: c } of await deps.checkIns.listOpen())
    if (c.broughtForward && !c.delivered && c.dueOn <= today) broughtForward.set(c.personId, c.broughtForward.from);
  // Issue 15: which of a due day's check-ins are done with, read once per day asked (one partition),
  // so a person at work whose check-in went out costs no storage read each minute.
  const settledOn = new Map<string, Set<string>>();
  const isDone = async (personId: string, dueOn: string): Promise<boolean> => {
    let settled = settledOn.get(dueOn);
    if (!settled) settledOn.set(dueOn, (settled = await deps.checkIns.listSettledOn(dueOn)));
    return settled.has(checkInId(personId, dueOn));
  };
  for (const person of roster.people) {
    if (!receivesCheckIns(person) || !isCurrentMember(person)) continue;
    const dueOn = currentDueOn(person, deps.checkInSettings.scheduleFor(person.unitId), today);
    const early = broughtForward.get(person.id);
    if (!dueOn && !early) continue;
    // Inside a shift, not on leave, and settled into it (nextWorkingMoment keeps the first half hour free).
    if (!isWorkingMoment(person.workingPattern, roster.absences, person.id, now)) continue;
    const when = nextWorkingMoment(person.workingPattern, roster.absences, person.id, now);
    if (!when || when.getTime() > now.getTime()) continue;
    try {
      if (dueOn && !(await isDone(person.id, dueOn))) await deliverCheckIn(deps, person, dueOn, 'schedule', roster);
      // The brought-forward one is the next cycle's record: delivered by that cycle's id.
      if (early && !(await isDone(person.id, early))) await deliverCheckIn(deps, person, early, 'schedule', roster);
    } catch (error) {
      log.error({ err: { message: (error as Error).message } }, 'sending a check-in failed; it will be retried');
    }
  }
}
