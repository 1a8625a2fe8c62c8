// The scheduled-care job, run under the job lease every tick. Deterministic and idempotent. The person's
// own reminder is a card (`care:{person}:{item}:{dueDate}:person`), sent only inside their working
// hours. What the responsible people must do is not a card each: it is a line in their tray
// (kernel/tray.ts, key `care:{person}:{item}:{dueDate}`), which the digest feature delivers as one card
// a working day. Overdue items walk the escalation chain one level per delay, each level getting the
// same line; the weekly "my team" summary (`team:{viewer}:{isoWeek}`) and span-of-control notices
// (`span:{supervisor}:{count}`) are lines too. An absent supervisor is never the one told:
// actsNowFor / chainFor route to the cover, else the department head.
import { formatDay } from '../../kernel/format.ts';
import type { Logger } from 'pino';
import { actionableCare, careItemsFor, spanExceeded, type CareItemState } from './care-schedule.ts';
import { careReminderId, careTrayKey, type CareReminder } from './care-record.ts';
import { isCurrentMember, actsNowFor, chainFor, directReports, personById, unitById } from '../../kernel/responsibility.ts';
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import { WEEKDAYS, type Person, type Roster } from '../../kernel/types.ts';
import { isoWeek, isWorkingMoment, localMoment } from '../../kernel/working-time.ts';
import { careDueCard } from './care-cards.ts';
import { postToTray, resolveInTray, resolveOne, resolvePrefixFor, type NewTrayItem } from '../../kernel/tray.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { factsAbout, loadTeamFacts, teamCardData } from './team-card.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { CareDeps } from './deps.ts';

function working(roster: Roster, personId: string, now: Date): boolean {
  const p = personById(roster.people, personId);
  return !!p && isWorkingMoment(p.workingPattern, roster.absences, p.id, now);
}

export { isoWeek };

/** "Your one-to-one with your supervisor", "Your clinical supervision": how the person's own card names an item. */
function ownTitle(c: CareItemState): string {
  return c.item === 'oneToOne'
    ? 'Your one-to-one with your supervisor'
    : c.item === 'suitability'
      ? 'Your annual suitability questionnaire'
      : `Your ${c.title.toLowerCase()}`;
}

function personCard(person: Person, c: CareItemState, today: string) {
  const whose = ownTitle(c);
  return careDueCard({
    title: c.status === 'overdue' ? 'Care overdue' : 'Care due',
    lines: [
      {
        text:
          c.item === 'suitability'
            ? `${whose} is due by ${formatDay(c.dueDate)}. Open it below (or type "suitability"): your supervisor reads your answers and talks them through with you.`
            : `${whose} is due by ${formatDay(c.dueDate)}. It is on your supervisor's list too; they will arrange it with you.`,
      },
    ],
    facts: [],
    canRecord: false,
    personId: person.id,
    item: c.item,
    today,
    openQuestionnaire: c.item === 'suitability',
  });
}

/** One line of a digest: what is due for whom, since when; "Done" records it (the digest's date input). */
function careLine(person: Person, c: CareItemState, recipientId: string, overdue: boolean, note?: string): NewTrayItem {
  return {
    recipientId,
    key: careTrayKey(person.id, c.item, c.dueDate),
    feature: 'care',
    aboutPersonId: person.id,
    line: `${c.title}${overdue ? '' : `, due by ${formatDay(c.dueDate)}`}${note ? ` (${note})` : ''}`,
    since: overdue ? c.overdueFrom : c.dueDate,
    overdue,
    actions: [
      { title: 'Done', verb: VERBS.careDone, data: { personId: person.id, item: c.item } },
      { title: 'My team', verb: VERBS.teamShow, data: {} },
    ],
  };
}

async function save(deps: CareDeps, stored: Versioned<CareReminder>, next: CareReminder): Promise<Versioned<CareReminder> | undefined> {
  try {
    return { value: next, version: await deps.care.saveReminder(next, stored.version) };
  } catch (error) {
    if (error instanceof VersionConflict) return undefined;
    throw error;
  }
}

/**
 * The person's own care that fell due, as ONE card however many items it holds (a go-live week can
 * bring four at once). One item keeps its own id (`care:{person}:{item}:{due}:person`); several share
 * `care:{person}:{date}:person`. The card is enqueued before each reminder records it was sent: a
 * rerun the same day is suppressed by the outbox id.
 */
async function remindPerson(
  deps: CareDeps,
  person: Person,
  due: { id: string; base: string; c: CareItemState }[],
  today: string,
  now: Date,
): Promise<void> {
  const card =
    due.length === 1
      ? personCard(person, due[0]!.c, today)
      : careDueCard({
          title: due.some((d) => d.c.status === 'overdue') ? 'Care due and overdue' : 'Care due',
          lines: [
            ...due.map((d) => ({ text: `${ownTitle(d.c)}: due by ${formatDay(d.c.dueDate)}.` })),
            { text: "These are on your supervisor's list too; they will arrange them with you." },
          ],
          facts: [],
          canRecord: false,
          personId: person.id,
          item: due[0]!.c.item,
          today,
          openQuestionnaire: due.some((d) => d.c.item === 'suitability'),
        });
  await deps.notifier.enqueue({
    id: due.length === 1 ? `${due[0]!.base}:person` : `care:${person.id}:${today}:person`,
    lane: 'bulk',
    target: { kind: 'person', personId: person.id },
    operation: 'send',
    activity: { text: NEUTRAL_HEADLINE, card },
    purpose: 'care.reminder',
  });
  for (const d of due) {
    const stored = await deps.care.getReminder(d.id);
    if (stored && !stored.value.personRemindedAt) await save(deps, stored, { ...stored.value, personRemindedAt: now.toISOString() });
  }
}

export async function tickCare(deps: CareDeps, log: Logger): Promise<void> {
  const now = deps.clock.now();
  const today = localMoment(now).date;
  const facts = await loadTeamFacts(deps);
  const { roster } = facts;
  const reminders = new Map((await deps.care.listReminders()).map((r) => [r.value.id, r]));
  const levelDelayMinutes = deps.careSettings.escalationLevelHours * 60;
  const live = new Set<string>();

  for (const person of roster.people.filter(isCurrentMember)) {
    const items = actionableCare(
      careItemsFor(
        person,
        today,
        deps.careSettings.schedule,
        // Grouped by person once per tick (issue 15), not filtered from everyone's records per person.
        factsAbout(facts, person.id).done,
        factsAbout(facts, person.id).forwards,
      ),
    );
    const ownDue: { id: string; base: string; c: CareItemState }[] = [];
    for (const c of items) {
      const id = careReminderId(person.id, c.item, c.dueDate);
      live.add(id);
      try {
        let stored = reminders.get(id);
        if (!stored) {
          await deps.care.addReminder({
            id,
            personId: person.id,
            unitId: person.unitId,
            item: c.item,
            dueDate: c.dueDate,
            openedAt: now.toISOString(),
            notices: [],
          });
          stored = await deps.care.getReminder(id);
          if (!stored) continue;
        }
        if (stored.value.closedAt) continue;
        const base = `care:${person.id}:${c.item}:${c.dueDate}`;
        // The person's own reminders are gathered and sent together below: one card, not one per item.
        if (!stored.value.personRemindedAt && working(roster, person.id, now)) ownDue.push({ id, base, c });
        // What the responsible person must do goes to their tray, at once, whatever the hour: the digest
        // brings it at their first working moment. A line follows whoever acts now (the cover while
        // the supervisor is away, the supervisor again on their return); a repeat post changes nothing.
        const responsible = actsNowFor(deps, person, roster, now);
        const overdue = c.status === 'overdue';
        const told = stored.value.responsibleReminded;
        if (responsible.kind !== 'nobody' && (told?.personId !== responsible.personId || (overdue && !stored.value.trayOverdueAt))) {
          const note =
            responsible.kind === 'cover'
              ? `you are covering for ${personById(roster.people, responsible.absentSupervisorId)?.name ?? 'their supervisor'}`
              : responsible.kind === 'departmentHead' && responsible.reason !== 'noSupervisor'
                ? 'their supervisor is away with no cover named'
                : undefined;
          await postToTray(deps, careLine(person, c, responsible.personId, overdue, note));
          // The absent supervisor keeps their line (it is theirs again on return; nothing is sent while
          // they are away). Anyone else who held it as responsible (a cover whose cover ended) no longer
          // does, unless the escalation chain gave it to them too.
          const escalatedTo = new Set(stored.value.notices.map((n) => n.personId));
          if (told && told.personId !== responsible.personId && told.personId !== person.supervisorId && !escalatedTo.has(told.personId))
            await resolveOne(deps, told.personId, careTrayKey(person.id, c.item, c.dueDate), now, 'elsewhere');
          stored =
            (await save(deps, stored, {
              ...stored.value,
              responsibleReminded: { personId: responsible.personId, at: now.toISOString() },
              ...(overdue ? { trayOverdueAt: now.toISOString() } : {}),
            })) ?? stored;
        }
        if (overdue) {
          const chain = chainFor(deps, person, roster, now);
          const notice = nextTaskNotice(
            stored.value,
            chain,
            { levelDelayMinutes, repeatAfterMinutes: deps.careSettings.repeatDays * 24 * 60 },
            now,
          );
          // Each level of the chain gets the overdue line in its tray, one level per escalation delay;
          // a repeat loop finds the same line there and changes nothing ("overdue since …", not a new card).
          if (notice) {
            const entry = chain[notice.level];
            const note =
              entry?.role === 'cover'
                ? 'you are covering for their supervisor'
                : entry && entry.role !== 'supervisor'
                  ? 'not recorded as done by their supervisor'
                  : undefined;
            // Someone already holding it as overdue keeps their line as it is: a repeat collapses into it.
            const held = await deps.tray.get(notice.personId, careTrayKey(person.id, c.item, c.dueDate));
            if (!held || held.value.resolvedAt || !held.value.overdue)
              await postToTray(deps, careLine(person, c, notice.personId, true, note));
            await save(deps, stored, { ...stored.value, notices: [...stored.value.notices, notice] });
          }
        }
      } catch (error) {
        log.error({ reminderId: id, err: { message: (error as Error).message } }, 'care reminder failed; it will be retried');
      }
    }
    if (ownDue.length > 0) {
      try {
        await remindPerson(deps, person, ownDue, today, now);
      } catch (error) {
        log.error(
          { personReminders: ownDue.length, err: { message: (error as Error).message } },
          'care reminder failed; it will be retried',
        );
      }
    }
  }
  // An occurrence that is no longer due (recorded done, or the schedule changed) stops escalating.
  for (const [id, stored] of reminders) {
    if (live.has(id) || stored.value.closedAt) continue;
    await save(deps, stored, { ...stored.value, closedAt: now.toISOString() });
    await resolveInTray(deps, careTrayKey(stored.value.personId, stored.value.item, stored.value.dueDate), now);
  }

  await postWeeklyTeamLines(deps, facts, now, log);
  await postSpanLines(deps, roster, now);
}

/**
 * The "my team" summary, once a week: a line in each supervisor's and department head's tray on or after
 * the configured day, so it is part of that day's digest (last week's line is resolved).
 */
async function postWeeklyTeamLines(
  deps: CareDeps,
  facts: Awaited<ReturnType<typeof loadTeamFacts>>,
  now: Date,
  log: Logger,
): Promise<void> {
  const here = localMoment(now);
  if (WEEKDAYS.indexOf(here.weekday) < WEEKDAYS.indexOf(deps.careSettings.weeklyCardDay)) return;
  const week = isoWeek(here.date);
  const viewers = facts.roster.people.filter(
    (p) => (p.roles.includes('supervisor') || p.roles.includes('departmentHead')) && isCurrentMember(p),
  );
  // Issue 15: once every viewer of the week has their line, one mark says so, so the rest of the week's
  // ticks make one read rather than one per viewer. It names the viewers by a fingerprint: a supervisor
  // added mid-week changes it, and the loop below runs again (each viewer's own mark still decides).
  const allDone = `teamweek:${week}:${viewers.length}:${fingerprint(viewers.map((v) => v.id))}`;
  if (await deps.care.hasMark(allDone)) return;
  for (const viewer of viewers) {
    const key = `team:${viewer.id}:${week}`;
    if (await deps.care.hasMark(key)) continue;
    const data = teamCardData(viewer, facts, deps.careSettings, now);
    await resolvePrefixFor(deps, viewer.id, `team:${viewer.id}:`, now);
    if (data) {
      const people = new Set(data.groups.flatMap((g) => g.rows.map((r) => r.name))).size;
      await postToTray(deps, {
        recipientId: viewer.id,
        key,
        feature: 'care',
        line: `Your team this week: ${people} ${people === 1 ? 'person' : 'people'}. Open "My team" for care due, check-ins and stages.`,
        since: here.date,
        actions: [
          { title: 'My team', verb: VERBS.teamShow, data: {} },
          { title: 'Got it', verb: VERBS.digestDismiss, data: { trayKey: key } },
        ],
      });
    }
    await deps.care.addMark(key, now.toISOString());
    log.debug({ week }, 'weekly team line');
  }
  await deps.care.addMark(allDone, now.toISOString());
}

/** Two 32-bit FNV-1a hashes of the ids in order, as hex: the same viewers give the same text. */
function fingerprint(ids: readonly string[]): string {
  let a = 2166136261;
  let b = 0x811c9dc5 ^ 0x5bd1e995;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      a = Math.imul(a ^ id.charCodeAt(i), 16777619) >>> 0;
      b = Math.imul(b ^ id.charCodeAt(i), 16777619) >>> 0;
    }
    a = Math.imul(a ^ 0x2c, 16777619) >>> 0; // a separator, so ["ab","c"] and ["a","bc"] differ
    b = Math.imul(b ^ 0x3b, 16777619) >>> 0;
  }
  return `${a.toString(16)}${b.toString(16)}`;
}

/** A supervisor over the configured span: a line for them and for their department head, once per change. */
async function postSpanLines(deps: CareDeps, roster: Roster, now: Date): Promise<void> {
  const limit = deps.careSettings.spanOfControl;
  const today = localMoment(now).date;
  for (const s of roster.people.filter(isCurrentMember)) {
    const n = directReports(roster.people, s.id).length;
    const head = unitById(roster.units, s.unitId)?.departmentHeadId;
    const key = `span:${s.id}:${n}`;
    if (!spanExceeded(n, limit)) continue;
    if (await deps.care.hasMark(key)) continue;
    // An earlier count's line is out of date.
    for (const r of [s.id, head]) if (r) await resolvePrefixFor(deps, r, `span:${s.id}:`, now);
    const recipients: { id: string; about?: string; line: string }[] = [
      {
        id: s.id,
        line: `You have ${n} direct reports in Haven, more than the ${limit} it is set to expect. Your department head knows; consider sharing the load.`,
      },
    ];
    if (head && head !== s.id)
      recipients.push({
        id: head,
        about: s.id,
        line: `${n} direct reports, more than the ${limit} Haven is set to expect. Consider sharing the load.`,
      });
    for (const r of recipients)
      await postToTray(deps, {
        recipientId: r.id,
        key,
        feature: 'care',
        ...(r.about ? { aboutPersonId: r.about } : {}),
        line: r.line,
        since: today,
        actions: [
          { title: 'My team', verb: VERBS.teamShow, data: {} },
          { title: 'Got it', verb: VERBS.digestDismiss, data: { trayKey: key } },
        ],
      });
    await deps.care.addMark(key, now.toISOString());
  }
}
