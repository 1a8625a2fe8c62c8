// The digest job, run under the job lease after every other feature's jobs (FEATURES order), so the
// tray holds this tick's lines. Per person on the roster, at their first working moment of a day:
// one record for the day (considered once), and a card only when something is new or it is their
// weekly day. Then, for the cards sent today, lines done since are shown done by an in-place update.
// Ids are deterministic (`digest:{recipient}:{date}`, `…:u{n}`): a repeat tick enqueues nothing new.
import type { Logger } from 'pino';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import type { Roster } from '../../kernel/types.ts';
import { isoWeek, isWorkingMoment, localMoment } from '../../kernel/working-time.ts';
import { digestCard } from './cards.ts';
import type { DigestDeps } from './deps.ts';
import { asDigestLine, decideDigest, digestMessageId, digestUpdateId, orderLines, type DigestRecord } from './model.ts';
import { digestView } from './views.ts';
import { isCurrentMember } from '../../kernel/responsibility.ts';

export function digestCardFor(record: DigestRecord, roster: Roster, note?: string) {
  return digestCard(
    digestView({
      lines: record.lines,
      doneKeys: new Set(record.doneKeys),
      elsewhereKeys: new Set(record.elsewhereKeys ?? []),
      roster,
      date: record.date,
      weekly: record.weekly,
      ...(note ? { note } : {}),
    }),
  );
}

export async function composeDigests(deps: DigestDeps, log: Logger): Promise<void> {
  const now = deps.clock.now();
  const here = localMoment(now);
  const roster = await loadRoster(deps);
  const today = new Map((await deps.digests.listOn(here.date)).map((r) => [r.value.recipientId, r]));
  let sent = 0;
  for (const person of roster.people) {
    if (today.has(person.id) || !isCurrentMember(person)) continue;
    if (!isWorkingMoment(person.workingPattern, roster.absences, person.id, now)) continue;
    try {
      if (await composeOne(deps, person.id, roster, now)) sent++;
    } catch (error) {
      log.error({ recipient: person.id, err: { message: (error as Error).message } }, 'digest failed; the next tick retries');
    }
  }
  for (const record of today.values()) {
    try {
      await updateIfDone(deps, record, roster);
    } catch (error) {
      log.error({ recipient: record.value.recipientId, err: { message: (error as Error).message } }, 'digest update failed; retried');
    }
  }
  if (sent) log.info({ sent }, 'digests composed');
}

/** The recipient's first working moment today: a card if something is new or it is their weekly day; answers whether one was sent. */
async function composeOne(deps: DigestDeps, recipientId: string, roster: Roster, now: Date): Promise<boolean> {
  const here = localMoment(now);
  const open = (await deps.tray.listOpenFor(recipientId)).map((i) => i.value);
  const state = await deps.digests.getState(recipientId);
  const week = isoWeek(here.date);
  const decision = decideDigest({ open, state: state?.value, weekday: here.weekday, week, weeklyDay: deps.careSettings.weeklyCardDay });
  const record: DigestRecord = {
    recipientId,
    date: here.date,
    status: decision.send ? 'sent' : 'quiet',
    weekly: decision.weekly,
    lines: decision.send ? orderLines(open.map(asDigestLine)) : [],
    doneKeys: [],
    updates: 0,
    composedAt: now.toISOString(),
    ...(decision.send ? { messageId: digestMessageId(recipientId, here.date) } : {}),
  };
  if (decision.send) {
    // Enqueued before the record: a crash in between re-composes next tick, and the same id is a duplicate.
    await deps.notifier.enqueue({
      id: record.messageId!,
      lane: 'bulk',
      target: { kind: 'person', personId: recipientId },
      operation: 'send',
      activity: { text: NEUTRAL_HEADLINE, card: digestCardFor(record, roster) },
      purpose: 'digest',
    });
  }
  if ((await deps.digests.add(record)) === 'duplicate') return false;
  if (decision.send)
    await deps.digests.putState(
      {
        recipientId,
        lastSentAt: now.toISOString(),
        lastShown: record.lines.map((l) => l.key),
        ...(decision.weekly ? { lastWeeklyWeek: week } : state?.value.lastWeeklyWeek ? { lastWeeklyWeek: state.value.lastWeeklyWeek } : {}),
      },
      state?.version,
    );
  return decision.send;
}

/**
 * Lines of today's card done since it was drawn: the card is redrawn in place (an outbox update of
 * the digest's send). Answers the record as stored afterwards.
 */
export async function updateIfDone(deps: DigestDeps, stored: Versioned<DigestRecord>, roster: Roster): Promise<Versioned<DigestRecord>> {
  const record = stored.value;
  if (record.status !== 'sent' || !record.messageId) return stored;
  const settled = new Set([...record.doneKeys, ...(record.elsewhereKeys ?? [])]);
  const pending = record.lines.filter((l) => !settled.has(l.key));
  if (pending.length === 0) return stored;
  const stillOpen = new Set((await deps.tray.listOpenFor(record.recipientId)).map((i) => i.value.key));
  const resolved = pending.filter((l) => !stillOpen.has(l.key));
  if (resolved.length === 0) return stored;
  const moved = new Set<string>();
  for (const l of resolved) if ((await deps.tray.get(record.recipientId, l.key))?.value.resolvedAs === 'elsewhere') moved.add(l.key);
  const next: DigestRecord = {
    ...record,
    doneKeys: [...record.doneKeys, ...resolved.filter((l) => !moved.has(l.key)).map((l) => l.key)],
    elsewhereKeys: [...(record.elsewhereKeys ?? []), ...moved],
    updates: record.updates + 1,
  };
  // Enqueued before the record is saved: a crash in between redraws again next tick (the same id is a
  // duplicate); a concurrent redraw loses the save and re-reads, and the next tick shows what it missed.
  await deps.notifier.enqueue({
    id: digestUpdateId(record.recipientId, record.date, next.updates),
    lane: 'bulk',
    target: { kind: 'person', personId: record.recipientId },
    operation: 'update',
    updateOf: record.messageId,
    activity: { text: NEUTRAL_HEADLINE, card: digestCardFor(next, roster) },
    purpose: 'digest',
  });
  let version: string;
  try {
    version = await deps.digests.save(next, stored.version);
  } catch (error) {
    if (error instanceof VersionConflict) return (await deps.digests.get(record.date, record.recipientId)) ?? stored;
    throw error;
  }
  return { value: next, version };
}
