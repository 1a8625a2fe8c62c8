// The scheduled-care job, run under the job lease every tick. Deterministic and idempotent: every
// message id derives from what and when (`care:{person}:{item}:{dueDate}:{kind}`,
// `team:{supervisor}:{isoWeek}`, `span:{supervisor}:{count}`), what was sent is stored with the
// reminder, and a message goes out only inside the recipient's working hours (never on a rest day,
// on leave or at night). An absent supervisor is never the one told: responsibleFor / resolveChain
// route to the cover, else the department head.
import { formatDay } from '../../kernel/format.ts';
import type { Logger } from 'pino';
import { actionableCare, careItemsFor, spanExceeded, type CareItemState } from './care-schedule.ts';
import { careReminderId, type CareReminder } from './care-record.ts';
import { actsNowFor, chainFor, directReports } from '../../kernel/responsibility.ts';
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import { WEEKDAYS, type Person, type Roster } from '../../kernel/types.ts';
import { isWorkingMoment, localMoment } from '../../kernel/working-time.ts';
import { careDueCard } from './care-cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { teamCard } from './care-cards.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { loadTeamFacts, teamCardData } from './team-card.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { CareDeps } from './deps.ts';

function working(roster: Roster, personId: string, now: Date): boolean {
  const p = roster.people.find((x) => x.id === personId);
  return !!p && isWorkingMoment(p.workingPattern, roster.absences, p.id, now);
}

/** ISO week of a local date, e.g. 2026-W48 (Thursday rule). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const firstThursday = jan4.getTime() + (3 - ((jan4.getUTCDay() + 6) % 7)) * 86_400_000;
  const week = 1 + Math.round((d.getTime() - firstThursday) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function personCard(person: Person, c: CareItemState, today: string) {
  const whose =
    c.item === 'oneToOne'
      ? 'Your one-to-one with your supervisor'
      : c.item === 'suitability'
        ? 'Your annual suitability questionnaire'
        : `Your ${c.title.toLowerCase()}`;
  return careDueCard({
    title: c.status === 'overdue' ? 'Care overdue' : 'Care due',
    lines: [
      {
        text:
          c.item === 'suitability'
            ? `${whose} is due by ${formatDay(c.dueDate)}. Open it below (or type "suitability"): your supervisor reads your answers and talks them through with you.`
            : `${whose} is due by ${formatDay(c.dueDate)}. Your supervisor has been reminded too and will arrange it with you.`,
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

function responsibleCard(person: Person, c: CareItemState, today: string, overdue: boolean, note?: string) {
  return careDueCard({
    title: overdue ? `Overdue: ${c.title} for ${person.name}` : `Due: ${c.title} for ${person.name}`,
    lines: [
      {
        text: overdue
          ? `This was due on ${formatDay(c.dueDate)} and is not recorded as done. Please arrange it, then record the date here.`
          : `Due by ${formatDay(c.dueDate)}. Arrange it with ${person.name.split(' ')[0]}, then record the date here.`,
      },
      ...(note ? [{ text: note }] : []),
    ],
    facts: [
      { label: 'Who', value: person.name },
      { label: 'What', value: c.title },
      { label: 'Due', value: formatDay(c.dueDate) },
    ],
    canRecord: true,
    personId: person.id,
    item: c.item,
    today,
  });
}

async function save(deps: CareDeps, stored: Versioned<CareReminder>, next: CareReminder): Promise<Versioned<CareReminder> | undefined> {
  try {
    return { value: next, version: await deps.care.saveReminder(next, stored.version) };
  } catch (error) {
    if (error instanceof VersionConflict) return undefined;
    throw error;
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

  for (const person of roster.people) {
    const items = actionableCare(
      careItemsFor(
        person,
        today,
        deps.careSettings.schedule,
        facts.done.filter((d) => d.personId === person.id),
      ),
    );
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
        if (!stored.value.personRemindedAt && working(roster, person.id, now)) {
          await deps.notifier.enqueue({
            id: `${base}:person`,
            lane: 'bulk',
            target: { kind: 'person', personId: person.id },
            operation: 'send',
            activity: { text: NEUTRAL_HEADLINE, card: personCard(person, c, today) },
            purpose: 'care.reminder',
          });
          stored = (await save(deps, stored, { ...stored.value, personRemindedAt: now.toISOString() })) ?? stored;
        }
        const responsible = actsNowFor(deps, person, roster, now);
        if (!stored.value.responsibleReminded && responsible.kind !== 'nobody' && working(roster, responsible.personId, now)) {
          const note =
            responsible.kind === 'cover'
              ? `You are covering for ${roster.people.find((p) => p.id === responsible.absentSupervisorId)?.name ?? 'their supervisor'}.`
              : responsible.kind === 'departmentHead' && responsible.reason !== 'noSupervisor'
                ? 'Their supervisor is away with no cover named, so this comes to you.'
                : undefined;
          await deps.notifier.enqueue({
            id: `${base}:responsible`,
            lane: 'bulk',
            target: { kind: 'person', personId: responsible.personId },
            operation: 'send',
            activity: { text: NEUTRAL_HEADLINE, card: responsibleCard(person, c, today, false, note) },
            purpose: 'care.reminder',
          });
          stored =
            (await save(deps, stored, {
              ...stored.value,
              responsibleReminded: { personId: responsible.personId, at: now.toISOString() },
            })) ?? stored;
        }
        if (c.status === 'overdue') {
          const chain = chainFor(deps, person, roster, now);
          const notice = nextTaskNotice(
            stored.value,
            chain,
            { levelDelayMinutes, repeatAfterMinutes: deps.careSettings.repeatDays * 24 * 60 },
            now,
          );
          // Outside the recipient's working hours the notice waits for their next working moment.
          if (notice && working(roster, notice.personId, now)) {
            const entry = chain[notice.level];
            const note =
              entry?.role === 'cover'
                ? 'You are covering for their supervisor.'
                : entry && entry.role !== 'supervisor'
                  ? 'This has not been recorded as done by their supervisor.'
                  : undefined;
            await deps.notifier.enqueue({
              id: `${base}:overdue:${notice.loop}:${notice.level}`,
              lane: 'bulk',
              target: { kind: 'person', personId: notice.personId },
              operation: 'send',
              activity: { text: NEUTRAL_HEADLINE, card: responsibleCard(person, c, today, true, note) },
              purpose: 'care.overdue',
            });
            await save(deps, stored, { ...stored.value, notices: [...stored.value.notices, notice] });
          }
        }
      } catch (error) {
        log.error({ reminderId: id, err: { message: (error as Error).message } }, 'care reminder failed; it will be retried');
      }
    }
  }
  // An occurrence that is no longer due (recorded done, or the schedule changed) stops escalating.
  for (const [id, stored] of reminders) {
    if (!live.has(id) && !stored.value.closedAt) await save(deps, stored, { ...stored.value, closedAt: now.toISOString() });
  }

  await sendWeeklyTeamCards(deps, facts, now, log);
  await sendSpanNotices(deps, roster, now);
}

/** The "my team" card, once a week, at each supervisor's first working moment on or after the configured day. */
async function sendWeeklyTeamCards(
  deps: CareDeps,
  facts: Awaited<ReturnType<typeof loadTeamFacts>>,
  now: Date,
  log: Logger,
): Promise<void> {
  const here = localMoment(now);
  if (WEEKDAYS.indexOf(here.weekday) < WEEKDAYS.indexOf(deps.careSettings.weeklyCardDay)) return;
  const week = isoWeek(here.date);
  for (const viewer of facts.roster.people.filter((p) => p.roles.includes('supervisor') || p.roles.includes('departmentHead'))) {
    if (!working(facts.roster, viewer.id, now)) continue;
    const key = `team:${viewer.id}:${week}`;
    if (await deps.care.hasMark(key)) continue;
    const data = teamCardData(viewer, facts, deps.careSettings, now);
    if (data)
      await deps.notifier.enqueue({
        id: key,
        lane: 'bulk',
        target: { kind: 'person', personId: viewer.id },
        operation: 'send',
        activity: { text: NEUTRAL_HEADLINE, card: teamCard(data) },
        purpose: 'team.weekly',
      });
    await deps.care.addMark(key, now.toISOString());
    log.debug({ week }, 'weekly team card');
  }
}

/** A supervisor over the configured span: told once per change, and so is their department head. */
async function sendSpanNotices(deps: CareDeps, roster: Roster, now: Date): Promise<void> {
  const limit = deps.careSettings.spanOfControl;
  for (const s of roster.people) {
    const n = directReports(roster.people, s.id).length;
    if (!spanExceeded(n, limit)) continue;
    const head = roster.units.find((u) => u.id === s.unitId)?.departmentHeadId;
    const recipients: { id: string; kind: string; text: string }[] = [
      {
        id: s.id,
        kind: 'supervisor',
        text: `You have ${n} direct reports in Haven, more than the ${limit} it is set to expect. Your department head has been told too; consider sharing the load.`,
      },
    ];
    if (head && head !== s.id)
      recipients.push({
        id: head,
        kind: 'head',
        text: `${s.name} has ${n} direct reports, more than the ${limit} Haven is set to expect. Consider sharing the load.`,
      });
    for (const r of recipients) {
      const key = `span:${s.id}:${n}:${r.kind}`;
      if (await deps.care.hasMark(key)) continue;
      if (!working(roster, r.id, now)) continue;
      await deps.notifier.enqueue({
        id: key,
        lane: 'bulk',
        target: { kind: 'person', personId: r.id },
        operation: 'send',
        activity: { text: NEUTRAL_HEADLINE, card: noticeCard({ title: 'Span of control', lines: [{ text: r.text }], showFooter: true }) },
        purpose: 'team.span',
      });
      await deps.care.addMark(key, now.toISOString());
    }
  }
}
