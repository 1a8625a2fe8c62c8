// Recording an absence (SPEC.md "Scheduled care"): a supervisor records their own, or the
// department head records one for a supervisor of the unit, with dates and a cover. While it lasts,
// routing (responsibleFor, resolveChain) sends everything to the cover, or to the department head
// when none is named; when it ends, everything routes back. Admins import absences with the roster CLI.
import { formatDay } from '../../kernel/format.ts';
import { randomBytes } from 'node:crypto';
import { activeAbsence } from '../../kernel/responsibility.ts';
import type { Absence, Person, Roster } from '../../kernel/types.ts';
import { addDays, localMoment } from '../../kernel/working-time.ts';
import { absenceCard } from './care-cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { identifyPerson } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { CareDeps } from './deps.ts';
import { beginTurn } from '../../kernel/turn.ts';

const isHeadOf = (roster: Roster, personId: string, unitId: string) =>
  roster.units.some((u) => u.id === unitId && u.departmentHeadId === personId);
const canBeAway = (p: Person) => p.roles.includes('supervisor') || p.roles.includes('departmentHead');

/** Whose absence this person may record: their own (supervisors, department heads), and a department head's supervisors. */
export function recordableFor(actor: Person, roster: Roster): Person[] {
  const out = canBeAway(actor) ? [actor] : [];
  for (const p of roster.people)
    if (p.id !== actor.id && p.roles.includes('supervisor') && isHeadOf(roster, actor.id, p.unitId)) out.push(p);
  return out;
}

function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

async function formFor(deps: CareDeps, me: Person, roster: Roster, notice = ''): Promise<Card> {
  const today = localMoment(deps.clock.now()).date;
  const whoList = recordableFor(me, roster);
  const unitIds = new Set(whoList.map((p) => p.unitId));
  const coverChoices = [
    { title: 'No cover: the department head takes over', value: 'none' },
    ...roster.people
      .filter((p) => unitIds.has(p.unitId) && (p.roles.includes('supervisor') || p.roles.includes('departmentHead')))
      .map((p) => ({ title: p.name, value: p.id })),
  ];
  const name = (id: string | undefined) => roster.people.find((p) => p.id === id)?.name ?? 'the department head';
  const absences = roster.absences
    .filter((a) => a.to >= today && whoList.some((p) => p.id === a.personId))
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((a) => ({
      absenceId: a.id,
      text: `${name(a.personId)}: ${formatDay(a.from)} to ${formatDay(a.to)}, cover ${a.coverId ? name(a.coverId) : roster.people.find((p) => p.id === a.personId)?.coverId ? `${name(roster.people.find((p) => p.id === a.personId)?.coverId)} (standing cover)` : 'the department head'}`,
      canEnd: true,
    }));
  return absenceCard({
    title: 'Record an absence',
    notice,
    canRecord: whoList.length > 0,
    whoChoices: whoList.map((p) => ({ title: p.id === me.id ? `${p.name} (me)` : p.name, value: p.id })),
    who: me.id,
    coverChoices,
    today,
    absences,
    hasAbsences: absences.length > 0,
  });
}

export async function absenceFormFor(deps: CareDeps, actor: Actor, notice = ''): Promise<Card> {
  const me = await identifyPerson(deps, actor);
  if (!me)
    return noticeCard({
      title: "You are not on Haven's roster yet",
      lines: [{ text: 'Ask your supervisor or administrator to add you.' }],
      showFooter: true,
    });
  const roster = await loadRoster(deps);
  const person = roster.people.find((p) => p.id === me.value.id) ?? me.value;
  if (recordableFor(person, roster).length === 0)
    return noticeCard({
      title: 'Absences',
      lines: [
        {
          text: 'Supervisors record their own absences here (or the department head does). If you will be away, tell your supervisor as usual.',
        },
      ],
      showFooter: true,
    });
  return formFor(deps, person, roster, notice);
}

export type AbsenceResult = { ok: boolean; card: Card };

export async function recordAbsence(
  deps: CareDeps,
  actor: Actor,
  input: { personId?: string; from: string; to: string; coverId?: string },
): Promise<AbsenceResult> {
  const turn = await beginTurn(deps, actor);
  const { viewerId: actorId, now, today, roster } = turn;
  const subjectId = input.personId || actorId;
  const person = roster.people.find((p) => p.id === actorId);
  const audit = (outcome: 'ok' | 'denied', reason: string) =>
    turn.audit('absence.record', `person:${subjectId.slice(0, 80)}`, reason, outcome);
  if (!person || !recordableFor(person, roster).some((p) => p.id === subjectId)) {
    await audit('denied', 'notEntitled');
    return {
      ok: false,
      card: noticeCard({
        title: 'This is not yours to record',
        lines: [
          {
            text: 'Supervisors record their own absences; the department head can record one for a supervisor of the unit. Nothing was changed.',
          },
        ],
        showFooter: true,
      }),
    };
  }
  const problems: string[] = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(input.from)) problems.push('Give the first day away.');
  if (!date.test(input.to)) problems.push('Give the last day away.');
  if (date.test(input.from) && date.test(input.to)) {
    if (input.to < input.from) problems.push('The last day cannot be before the first.');
    if (input.to < today) problems.push('That absence is already over.');
  }
  const cover = input.coverId ? roster.people.find((p) => p.id === input.coverId) : undefined;
  if (input.coverId && !cover) problems.push('Choose a cover from the list.');
  if (input.coverId === subjectId) problems.push('The cover cannot be the person who is away.');
  const period = { from: input.from, to: input.to };
  if (cover && roster.absences.some((a) => a.personId === cover.id && overlaps(a, period)))
    problems.push(`${cover.name} is away during that time too; choose someone else, or no cover.`);
  if (roster.absences.some((a) => a.personId === subjectId && overlaps(a, period)))
    problems.push('An absence is already recorded for some of those days; end it first or choose other dates.');
  if (problems.length) {
    await audit('denied', 'invalid');
    return { ok: false, card: await formFor(deps, person, roster, `${problems.join(' ')} Nothing was changed.`) };
  }
  const absence: Absence = {
    id: `absence-${subjectId}-${input.from}-${randomBytes(3).toString('hex')}`,
    personId: subjectId,
    from: input.from,
    to: input.to,
    ...(cover ? { coverId: cover.id } : {}),
  };
  await deps.absences.create(absence);
  await audit('ok', `${input.from}..${input.to} cover ${cover ? cover.id : 'none'}`);
  const subject = roster.people.find((p) => p.id === subjectId)!;
  const head = roster.units.find((u) => u.id === subject.unitId)?.departmentHeadId;
  const standing = subject.coverId && subject.coverId !== subjectId ? subject.coverId : undefined;
  const takesOver = cover?.id ?? standing ?? head;
  // A card at once, not a tray line (issue 13): it is a change of responsibility, not a task. From
  // now on "I'm not okay" alerts for this team page the cover, so they must know before the first one
  // arrives, not at their next digest; and it comes once per absence, so it costs the budget nothing.
  if (takesOver && takesOver !== subjectId) {
    await deps.notifier.enqueue({
      id: `absence:${absence.id}:cover`,
      lane: 'bulk',
      target: { kind: 'person', personId: takesOver },
      operation: 'send',
      activity: {
        text: NEUTRAL_HEADLINE,
        card: noticeCard({
          title: 'You are covering',
          lines: [
            {
              text: `${subject.name} is away from ${formatDay(input.from)} to ${formatDay(input.to)}. Alerts, flags and care for their team come to you for that time; "my team" shows them.`,
            },
          ],
          showFooter: true,
        }),
      },
      purpose: 'absence.cover',
    });
  }
  const after = await loadRoster(deps);
  return {
    ok: true,
    card: await formFor(
      deps,
      person,
      after,
      `Recorded: ${subject.name} away ${formatDay(input.from)} to ${formatDay(input.to)}; ${takesOver ? `${after.people.find((p) => p.id === takesOver)?.name ?? takesOver} covers` : 'the department head covers'}.`,
    ),
  };
}

/** Ends an absence early (from today: routing returns to the supervisor at once), or cancels one not yet begun. */
export async function endAbsence(deps: CareDeps, actor: Actor, absenceId: string): Promise<AbsenceResult> {
  const turn = await beginTurn(deps, actor);
  const { viewerId: actorId, now, today, roster } = turn;
  const stored = (await deps.absences.list()).find((a) => a.value.id === absenceId);
  const person = roster.people.find((p) => p.id === actorId);
  const allowed = !!stored && !!person && recordableFor(person, roster).some((p) => p.id === stored.value.personId);
  await turn.audit('absence.end', `absence:${absenceId.slice(0, 80)}`, allowed ? 'ended' : 'notEntitled', allowed ? 'ok' : 'denied');
  if (!allowed || !stored || !person)
    return {
      ok: false,
      card: noticeCard({ title: 'This is not yours to change', lines: [{ text: 'Nothing was changed.' }], showFooter: true }),
    };
  const a = stored.value;
  if (a.from >= today) await deps.absences.delete(a, stored.version);
  else await deps.absences.save({ ...a, to: addDays(today, -1) }, stored.version);
  const still = activeAbsence((await loadRoster(deps)).absences, a.personId, now);
  const subject = roster.people.find((p) => p.id === a.personId);
  const takesOver = a.coverId ?? subject?.coverId ?? roster.units.find((u) => u.id === subject?.unitId)?.departmentHeadId;
  // At once as well, for the same reason as 'absence.cover': from now on alerts no longer reach them.
  if (takesOver && takesOver !== a.personId && !still) {
    await deps.notifier.enqueue({
      id: `absence:${a.id}:ended`,
      lane: 'bulk',
      target: { kind: 'person', personId: takesOver },
      operation: 'send',
      activity: {
        text: NEUTRAL_HEADLINE,
        card: noticeCard({
          title: 'Cover ended',
          lines: [{ text: `${subject?.name ?? 'The supervisor'} is back. Their team routes to them again.` }],
          showFooter: true,
        }),
      },
      purpose: 'absence.ended',
    });
  }
  return {
    ok: true,
    card: await formFor(deps, person, await loadRoster(deps), 'The absence has ended; everything routes back from today.'),
  };
}
