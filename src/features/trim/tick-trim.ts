// The TRiM follow-ups' scheduled work: ask the officer inside their working hours, tell the next
// practitioner when a wanted follow-up has not been taken in time (kernel/task-escalation.ts), and
// let an unanswered question lapse. Every message id is deterministic (per follow-up, and per level
// and round for practitioners), and the message is queued before the follow-up is saved: a rerun
// after a crash queues the same id, which the outbox suppresses, so nobody is told twice.
import type { Logger } from 'pino';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import type { Roster } from '../../kernel/types.ts';
import { isWorkingMoment, localMoment } from '../../kernel/working-time.ts';
import { trimCard, trimPractitionerCard } from './cards.ts';
import type { TrimDeps } from './deps.ts';
import { isAwaitingAnswer, lapseIfUnanswered, trimChain, trimStatus, type TrimChainEntry, type TrimFollowUp } from './rules.ts';
import { officerCardData, practitionerCardData } from './views.ts';

/** Who is told about this person's follow-up now, in order (rules.ts trimChain with this unit's contacts). */
export function chainFor(
  deps: Pick<TrimDeps, 'contactsFor' | 'trimSettings' | 'fallbackResponders'>,
  f: Pick<TrimFollowUp, 'personId' | 'unitId'>,
  roster: Roster,
  now: Date,
): TrimChainEntry[] {
  return trimChain({ id: f.personId, unitId: f.unitId }, deps.contactsFor(f.unitId), deps.trimSettings, deps, roster, now);
}

async function save(deps: TrimDeps, stored: Versioned<TrimFollowUp>, next: TrimFollowUp): Promise<Versioned<TrimFollowUp> | undefined> {
  try {
    return { value: next, version: await deps.trimFollowUps.save(next, stored.version) };
  } catch (error) {
    if (error instanceof VersionConflict) return undefined; // someone acted meanwhile; the next tick decides again
    throw error;
  }
}

const audit = (deps: TrimDeps, at: string, action: 'trim.ask' | 'trim.notify' | 'trim.lapse', f: TrimFollowUp, reason: string) =>
  deps.audit.append({ at, actor: 'system', action, subject: `trim:${f.id}`, about: f.personId, reason, outcome: 'ok' });

/** One follow-up's due work. Answers what is stored afterwards. */
export async function moveTrimFollowUp(deps: TrimDeps, stored: Versioned<TrimFollowUp>, roster: Roster): Promise<Versioned<TrimFollowUp>> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const f = stored.value;
  if (isAwaitingAnswer(f)) {
    const person = roster.people.find((p) => p.id === f.personId);
    const lapsed = lapseIfUnanswered(f, deps.trimSettings, now) ?? (!person ? { ...f, lapsedAt: at, closedAt: at } : undefined);
    if (lapsed) {
      const saved = await save(deps, stored, lapsed);
      if (saved)
        await audit(deps, at, 'trim.lapse', f, person ? 'not answered in time; nobody told' : 'no longer on the roster; nobody told');
      return saved ?? stored;
    }
    if (f.asked || f.askFrom > at || !person || !isWorkingMoment(person.workingPattern, roster.absences, person.id, now)) return stored;
    // Asked privately, in their own chat, inside their working hours.
    const outboxId = `trim:${f.id}:ask`;
    await deps.notifier.enqueue({
      id: outboxId,
      lane: 'bulk',
      target: { kind: 'person', personId: f.personId },
      operation: 'send',
      activity: { text: NEUTRAL_HEADLINE, card: trimCard(officerCardData(f, chainFor(deps, f, roster, now), roster)) },
      purpose: 'trim.ask',
    });
    const saved = await save(deps, stored, { ...f, asked: { at, outboxId } });
    if (saved) await audit(deps, at, 'trim.ask', f, 'asked in working hours');
    return saved ?? stored;
  }
  if (trimStatus(f) !== 'wanted') return stored;
  const chain = chainFor(deps, f, roster, now);
  const notice = nextTaskNotice(f, chain, { levelDelayMinutes: deps.trimSettings.escalationHours * 60 }, now);
  if (!notice) return stored;
  const recipient = roster.people.find((p) => p.id === notice.personId);
  // A follow-up is not an emergency: the practitioner is told in their working hours, and the clock
  // for the next one starts from that notice.
  if (recipient && !isWorkingMoment(recipient.workingPattern, roster.absences, recipient.id, now)) return stored;
  const next: TrimFollowUp = { ...f, notices: [...f.notices, notice] };
  await deps.notifier.enqueue({
    id: `trim:${f.id}:notice:${notice.level}:${notice.loop}`,
    lane: 'bulk',
    target: { kind: 'person', personId: notice.personId },
    operation: 'send',
    activity: {
      text: NEUTRAL_HEADLINE,
      card: trimPractitionerCard(practitionerCardData(next, notice.personId, true, roster, localMoment(now).date)),
    },
    purpose: 'trim.notice',
  });
  const saved = await save(deps, stored, next);
  if (saved) await audit(deps, at, 'trim.notify', f, `level ${notice.level}, round ${notice.loop}: ${notice.personId}`);
  return saved ?? stored;
}

export async function tickTrim(deps: TrimDeps, log: Logger): Promise<void> {
  const open = await deps.trimFollowUps.listOpen();
  if (open.length === 0) return;
  const roster = await loadRoster(deps);
  for (const stored of open) {
    try {
      await moveTrimFollowUp(deps, stored, roster);
    } catch (error) {
      log.error(
        { trimFollowUpId: stored.value.id, err: { message: (error as Error).message } },
        'TRiM follow-up tick failed; it will be retried',
      );
    }
  }
}
