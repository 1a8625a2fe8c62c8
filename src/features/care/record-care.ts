// A supervisor (their cover while covering, or the department head) records that a care item took
// place, with its date. The clicker is re-checked here; a refusal changes nothing and is audited.
import { CARE_ITEMS, CARE_ITEM_TITLES, careItemsFor, type CareItem } from './care-schedule.ts';
import { careRecordId, careTrayKey, type CareRecord } from './care-record.ts';
import { actsNowFor, chainFor } from '../../kernel/responsibility.ts';
import { mayActOnCareReminder, mayRecordCare } from './policy.ts';
import type { Card } from '../../kernel/cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Actor } from '../../kernel/context.ts';
import { showTeamCard } from './team-card.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import type { CareDeps } from './deps.ts';
import { beginTurn } from '../../kernel/turn.ts';
import { resolveInTray } from '../../kernel/tray.ts';

export type RecordCareResult = { ok: true; card: Card } | { ok: false; card: Card; reason: string };

const problem = (title: string, text: string): Card =>
  noticeCard({ title, lines: [{ text: `${text} Nothing was changed.` }], showFooter: true });

export async function recordCare(
  deps: CareDeps,
  actor: Actor,
  input: { personId: string; item: string; doneOn: string },
  from: 'team' | 'reminder',
  /** Only from the suitability feature, after its own policy: whom the officer chose to read their questionnaire. */
  chosen?: { suitabilityReaderId?: string },
): Promise<RecordCareResult> {
  const turn = await beginTurn(deps, actor);
  const { viewerId: actorId, now, today, roster } = turn;
  const person = roster.people.find((p) => p.id === input.personId);
  const deny = async (reason: string, card: Card): Promise<RecordCareResult> => {
    await turn.audit('care.done', `person:${input.personId.slice(0, 80)}`, reason, 'denied');
    return { ok: false, card, reason };
  };
  const reminders = person
    ? (await deps.care.listRemindersFor(person.id)).filter((r) => r.value.item === input.item && !r.value.closedAt)
    : [];
  // Reached by an overdue reminder and still on its chain now (an ex-cover is not).
  const reached = !!person && reminders.some((r) => mayActOnCareReminder(r.value, chainFor(deps, person, roster, now), actorId));
  if (
    !person ||
    (!mayRecordCare(person, roster, actorId, now, actsNowFor(deps, person, roster, now), { item: input.item, ...chosen }) && !reached)
  ) {
    return deny(
      'notEntitled',
      problem('This is not yours to record', 'Only their supervisor, their cover while covering, or the department head can record care.'),
    );
  }
  if (!(CARE_ITEMS as readonly string[]).includes(input.item))
    return deny('invalid', problem('Something in that card was not right', 'That care item was not recognised.'));
  const item = input.item as CareItem;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.doneOn) || Number.isNaN(Date.parse(`${input.doneOn}T00:00:00Z`)))
    return deny('invalid', problem('Something in that card was not right', 'Give the date it took place.'));
  if (input.doneOn > today) return deny('invalid', problem('That date is in the future', 'Record care once it has taken place.'));
  if (person.joinedUnitOn && input.doneOn < person.joinedUnitOn)
    return deny('invalid', problem('That date is too early', `${person.name} joined the unit on ${person.joinedUnitOn}.`));

  const record: CareRecord = {
    id: careRecordId(person.id, item, input.doneOn),
    personId: person.id,
    unitId: person.unitId,
    item,
    doneOn: input.doneOn,
    recordedBy: actorId,
    recordedAt: now.toISOString(),
  };
  const added = await deps.care.addRecord(record);
  if (added === 'created') await turn.audit('care.done', `person:${person.id}`, `${item} ${input.doneOn}`);
  // The reminders for this item are settled: no further escalation.
  for (const r of reminders) {
    try {
      await deps.care.saveReminder({ ...r.value, closedAt: now.toISOString() }, r.version);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error; // the next tick closes it
    }
    // Off every tray that holds it (supervisor, cover, department head): their digests show it done.
    await resolveInTray(deps, careTrayKey(person.id, r.value.item, r.value.dueDate), now);
  }
  const done = (await deps.care.listRecordsFor(person.id)).map((r) => r.value);
  const forward = await deps.care.getForward(person.id);
  const next = careItemsFor(person, today, deps.careSettings.schedule, done, forward ? [forward.value] : []).find((i) => i.item === item);
  const text = `${added === 'created' ? 'Recorded' : 'Already recorded'}: ${CARE_ITEM_TITLES[item]} for ${person.name} on ${input.doneOn}.${next ? ` Next due ${next.dueDate}.` : ''}`;
  return {
    ok: true,
    card:
      from === 'team' ? await showTeamCard(deps, actor, text) : noticeCard({ title: 'Care recorded', lines: [{ text }], showFooter: true }),
  };
}
