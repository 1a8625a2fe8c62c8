// A simulated year for the demo unit, with a fake clock and the whole Haven (HTTP in, job loop,
// outbox, fake Bot Connector, Azurite). People behave as people do: most answer their check-ins a
// day late, Bea misses two in a row, Dev has a bad fortnight, Erin's wellbeing falls from her own
// baseline, Femi's workload is too much twice running, Sam's reports ask for a conversation while
// Sam is away. Supervisors mostly act on what they are told; one flag and one overdue care item are
// left alone so that their escalations can be counted. Sam is away twice (with a cover, then
// without), Priya once (the roster's leave), Alex once (annual leave).
//
// The job runs three times a day, weekends included: 07:45 (only early starters are at work),
// 13:30 (everyone on shift) and 22:00 (nobody). What the issue asks is then checked on everything
// Haven queued and everything the connector received:
//   - every due check-in prompt, care reminder, flag and escalation happened, exactly once;
//   - what a supervisor or department head must do about care is a line of one digest a working day
//     (never a card per item), and repeats stay one line;
//   - nothing was sent outside the recipient's working hours: not on a rest day, on leave or at night;
//   - nothing about a report went to an absent supervisor: it went to the cover, or to the
//     department head when none was named.
import assert from 'node:assert/strict';
import { careItemsFor, actionableCare } from '../../../src/features/care/care-schedule.ts';
import { careReminderId } from '../../../src/features/care/care-record.ts';
import type { CheckIn } from '../../../src/features/check-ins/check-in.ts';
import type { Flag, FlagReason } from '../../../src/features/check-ins/flag.ts';
import type { Absence, Roster } from '../../../src/kernel/types.ts';
import { isOnLeave, isoWeek, isWorkingMoment, localMoment } from '../../../src/kernel/working-time.ts';
import type { TrayItem } from '../../../src/kernel/tray.ts';
import { loadRoster } from '../../../src/kernel/load-roster.ts';
import type { OutboxMessage } from '../../../src/kernel/ports.ts';
import { DEMO, installPersonal, type DemoUser } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';

const DAYS = Number(process.env.HAVEN_YEAR_DAYS ?? 364);
const START = Date.parse('2026-11-23T00:00:00Z'); // a Monday; Haven goes live (HAVEN_CARE_FROM)
const DAY = 86_400_000;
const TICKS = ['07:45', '13:30', '22:00'];

/** The purposes of messages Haven sends on its own schedule (not in answer to someone's click). */
const SCHEDULED = new Set(['checkIn.prompt', 'flag.notice', 'care.reminder', 'digest']);
/** Purposes of the cards a person had to act on one each, before the digest (none may be sent now). */
const NOW_DIGEST_LINES = ['care.overdue', 'team.weekly', 'team.span', 'flag.notice', 'stage.askConfirmation', 'suitability.review'];

const ABSENCES: Absence[] = [
  { id: 'sam-away-march', personId: 'sam.okafor', from: '2027-03-01', to: '2027-03-12', coverId: 'priya.shah' },
  { id: 'sam-away-may', personId: 'sam.okafor', from: '2027-05-17', to: '2027-05-28' }, // no cover named, none standing
  { id: 'alex-annual-leave', personId: 'alex.moreno', from: '2027-08-02', to: '2027-08-13' },
];
const SAMS_REPORTS = ['alex.moreno', 'bea.clarke', 'chris.lowe'];

const score = (raw: [number, number, number, number, number]) => Object.fromEntries(raw.map((v, i) => [`who5_${i + 1}`, String(v)]));
const FINE = score([4, 4, 4, 4, 4]); // raw 20 = 80 %
const LOW = score([1, 2, 1, 0, 2]); // raw 6
const FALLEN = score([3, 3, 3, 3, 3]); // raw 15 = 60 %: not low, but 20 points below an 80 % baseline

const userOf = (personId: string): DemoUser => {
  const u = DEMO[personId.split('.')[0]!];
  assert.ok(u, `a demo user for ${personId}`);
  return u;
};

describe('a simulated year for the demo unit (fake clock)', function () {
  this.timeout(3 * 60 * 60_000);
  let t: TestHaven;
  let roster: Roster;
  const events = { answered: 0, missedOnPurpose: [] as string[], flagsAcknowledged: [] as string[], careRecorded: 0 };

  before(async () => {
    t = await startTestHaven({
      clock: new FakeClock(new Date(START + 6 * 3_600_000).toISOString()),
      env: { HAVEN_CARE_FROM: '2026-11-23' },
      care: true,
    });
    for (const u of Object.values(DEMO)) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    for (const a of ABSENCES) await t.haven.deps.absences.create(a);
    roster = await loadRoster(t.haven.deps);
    await t.tick();
  });
  after(async () => t?.close());

  /** Which scheduled check-in of the person's this is (0 = their first in the simulation). */
  async function cycleOf(c: CheckIn): Promise<number> {
    const mine = (await t.haven.deps.checkIns.listForPerson(c.personId))
      .map((x) => x.value)
      .filter((x) => !x.onDemand)
      .map((x) => x.dueOn)
      .sort();
    return mine.indexOf(c.dueOn);
  }

  function answersFor(c: CheckIn, cycle: number, today: string): Record<string, unknown> | 'miss' {
    const base = { workload: 'manageable', breaks: 'yes', conversation: 'no', share: 'false' };
    if (c.personId === 'bea.clarke' && (cycle === 5 || cycle === 6)) return 'miss';
    if (c.personId === 'dev.patel' && cycle === 8) return { ...base, ...LOW, freeText: 'CANARY-YEAR-dev' };
    if (c.personId === 'erin.walsh' && cycle === 10) return { ...base, ...FALLEN };
    if (c.personId === 'femi.adeyemi' && (cycle === 12 || cycle === 13)) return { ...base, ...FINE, workload: 'tooMuch' };
    const samAway = ABSENCES.some((a) => a.personId === 'sam.okafor' && a.from <= today && today <= a.to);
    if (samAway && SAMS_REPORTS.includes(c.personId)) return { ...base, ...FINE, conversation: 'yes' };
    return { ...base, ...FINE };
  }

  /** People answer a check-in the day after it reaches them (late answers are welcome). */
  async function answerCheckIns(today: string): Promise<void> {
    for (const { value: c } of await t.haven.deps.checkIns.listOpen()) {
      if (c.onDemand || !c.delivered || localMoment(new Date(c.sentAt)).date >= today) continue;
      const cycle = await cycleOf(c);
      const answers = answersFor(c, cycle, today);
      if (answers === 'miss') {
        if (!events.missedOnPurpose.includes(c.id)) events.missedOnPurpose.push(c.id);
        continue;
      }
      const card = await act(t, userOf(c.personId), 'checkIn.submit', { checkInId: c.id, ...answers });
      assert.match(text(card), /your check-in is in/, `${c.id}: ${text(card).slice(0, 300)}`);
      events.answered++;
    }
  }

  /**
   * Whoever a flag reached acknowledges it and records the conversation the next day. Dev's flag is
   * left until it has reached the department head, who then acts on it.
   */
  async function actOnFlags(today: string): Promise<void> {
    for (const { value: f } of await t.haven.deps.flags.listOpen()) {
      const last = f.notices[f.notices.length - 1];
      if (!last || localMoment(new Date(last.at)).date >= today) continue;
      if (f.personId === 'dev.patel' && !f.notices.some((n) => n.personId === 'dana.hughes')) continue;
      const who = userOf(f.personId === 'dev.patel' ? 'dana.hughes' : last.personId);
      assert.match(text(await act(t, who, 'flag.acknowledge', { flagId: f.id })), /Consider a welfare conversation/);
      await act(t, who, 'flag.resolve', { flagId: f.id });
      events.flagsAcknowledged.push(`${f.id}<-${who.name}`);
    }
  }

  /** The person reminded as responsible records the care the next day; Femi's clinical supervision waits. */
  async function recordCare(today: string): Promise<void> {
    for (const { value: r } of await t.haven.deps.care.listReminders()) {
      if (r.closedAt || !r.responsibleReminded || localMoment(new Date(r.responsibleReminded.at)).date >= today) continue;
      if (r.personId === 'femi.adeyemi' && r.item === 'clinicalSupervision') continue;
      const by = r.responsibleReminded.personId;
      const card = await act(t, userOf(by), 'care.done', { personId: r.personId, item: r.item, doneOn: today });
      assert.match(text(card), /Recorded/, `${r.id} by ${by}: ${text(card).slice(0, 300)}`);
      events.careRecorded++;
    }
  }

  it(`runs ${DAYS} days of the unit's life`, async () => {
    for (let day = 0; day < DAYS; day++) {
      const date = new Date(START + day * DAY).toISOString().slice(0, 10);
      for (const hhmm of TICKS) {
        t.clock.set(`${date}T${hhmm}:00.000Z`);
        await t.tick();
        if (hhmm === '13:30') {
          await answerCheckIns(date);
          await actOnFlags(date);
          await recordCare(date);
          await t.tick();
        }
      }
    }
    assert.ok(events.answered > 100, `${events.answered} check-ins answered`);
  });

  let messages: OutboxMessage[];

  async function outbox(): Promise<OutboxMessage[]> {
    messages ??= (await t.haven.outbox.list()).map((m) => m.value);
    return messages;
  }

  /**
   * Flags reach people as lines in their tray (their daily digest), not as outbox messages: each
   * notice a flag records, shaped like the message it once was (`flag:{id}:{level}:{loop}`), so the
   * checks on when and to whom scheduled things went still cover flags.
   */
  type Scheduled = Pick<OutboxMessage, 'id' | 'purpose' | 'target' | 'createdAt'>;
  async function scheduled(): Promise<Scheduled[]> {
    const notices = (await t.haven.deps.flags.list()).flatMap(({ value: f }) =>
      f.notices.map((n) => ({
        id: `flag:${f.id}:${n.level}:${n.loop}`,
        purpose: 'flag.notice',
        target: { kind: 'person' as const, personId: n.personId },
        createdAt: n.at,
      })),
    );
    // An in-place update of a digest notifies nobody; what is sent is checked.
    return [...(await outbox()).filter((m) => SCHEDULED.has(m.purpose) && m.operation === 'send'), ...notices];
  }

  it("nothing scheduled was sent outside the recipient's working hours: no rest day, no leave, no night", async () => {
    const sent = await scheduled();
    assert.ok(sent.length > 300, `${sent.length} scheduled messages`);
    const wrong = sent.filter((m) => {
      if (m.target.kind !== 'person') return true;
      const who = roster.people.find((p) => m.target.kind === 'person' && p.id === m.target.personId);
      return !who || !isWorkingMoment(who.workingPattern, roster.absences, who.id, new Date(m.createdAt));
    });
    assert.deepEqual(
      wrong.map((m) => `${m.id} at ${m.createdAt}`),
      [],
    );
    // Chris works Tuesday to Friday: none of his prompts on a Monday.
    assert.ok(
      !sent.some(
        (m) => m.target.kind === 'person' && m.target.personId === 'chris.lowe' && localMoment(new Date(m.createdAt)).weekday === 'mon',
      ),
    );
    // Nothing went to Alex during his annual leave, or to Priya or Sam during theirs.
    for (const m of sent) {
      if (m.target.kind !== 'person') continue;
      assert.ok(
        !isOnLeave(roster.absences, m.target.personId, localMoment(new Date(m.createdAt)).date),
        `${m.id} went to someone on leave`,
      );
    }
  });

  it('every message Haven queued reached Teams exactly once', async () => {
    const sent = (await outbox()).filter((m) => m.operation === 'send');
    assert.deepEqual(
      sent.filter((m) => m.status !== 'sent').map((m) => `${m.id}: ${m.status}`),
      [],
    );
    const posts = t.connector.calls.filter((c) => c.operation === 'sendToConversation' && c.status >= 200 && c.status < 300);
    // Welcome cards answer the install in its own turn (a reply), so every new message is the outbox's.
    assert.equal(posts.length, sent.length);
  });

  it('every scheduled check-in was prompted once (except on leave), late answers counted, misses only where nobody answered', async () => {
    const all = (await t.haven.deps.checkIns.list()).map((c) => c.value).filter((c) => !c.onDemand);
    const prompts = (await outbox()).filter((m) => m.purpose === 'checkIn.prompt');
    for (const c of all) {
      if (c.delivered) assert.equal(prompts.filter((m) => m.id === c.id).length, 1, c.id);
    }
    // Everyone asked gets about 26 fortnightly check-ins a year; Alex loses at most one to his leave.
    const asked = roster.people.filter((p) => p.roles.includes('officer') || p.roles.includes('supervisor'));
    for (const p of asked) {
      const mine = all.filter((c) => c.personId === p.id);
      assert.ok(mine.length >= Math.floor(DAYS / 14) - 2 && mine.length <= Math.ceil(DAYS / 14) + 1, `${p.id}: ${mine.length} check-ins`);
    }
    const missed = all
      .filter((c) => c.status === 'missed')
      .map((c) => c.id)
      .sort();
    assert.deepEqual(missed, [...events.missedOnPurpose].sort(), 'missed means not answered by the next due date, and nothing else');
  });

  it('the expected flags were raised, each exactly once, and no others', async () => {
    const flags = (await t.haven.deps.flags.list()).map((f) => f.value);
    const summary = (f: Flag) => `${f.personId}:${f.reason}`;
    const counts = new Map<string, number>();
    for (const f of flags) counts.set(summary(f), (counts.get(summary(f)) ?? 0) + 1);
    const expected: [string, FlagReason][] = [
      ['bea.clarke', 'missedCheckIns'],
      ['dev.patel', 'lowScore'],
      ['erin.walsh', 'sharpFall'],
      ['femi.adeyemi', 'workload'],
    ];
    for (const [person, reason] of expected)
      assert.equal(counts.get(`${person}:${reason}`), 1, `${person} ${reason}: ${[...counts].join(', ')}`);
    const conversations = flags.filter((f) => f.reason === 'conversationRequested');
    assert.ok(conversations.length >= 2, `conversations asked for while Sam was away: ${conversations.length}`);
    for (const f of conversations) assert.ok(SAMS_REPORTS.includes(f.personId));
    assert.equal(flags.length, expected.length + conversations.length, [...counts].join(', '));
    // Every flag holds its notices once per level and round, and nothing was left open.
    for (const f of flags) {
      const keys = f.notices.map((n) => `${n.loop}:${n.level}`);
      assert.equal(new Set(keys).size, keys.length, `${f.id} notices ${keys.join(' ')}`);
      assert.ok(!!f.resolved, `${f.id} was resolved`);
      // Each person it reached held one line for it in their tray (never a card of its own), now done.
      assert.deepEqual(
        (await outbox()).filter((m) => m.id.startsWith(`flag:${f.id}:`)).map((m) => m.id),
        [],
      );
      for (const who of new Set(f.notices.map((n) => n.personId))) {
        const line = (await t.haven.deps.tray.get(who, `flag:${f.id}`))?.value;
        assert.ok(line?.resolvedAt, `${f.id}: ${who} held its line, resolved`);
      }
    }
  });

  it('an unacknowledged flag escalated one level at a time, each level told once, until the department head acted', async () => {
    const dev = (await t.haven.deps.flags.list()).map((f) => f.value).find((f) => f.personId === 'dev.patel')!;
    // Priya first; then her standing cover Sam, unless he was away that day; then Dana.
    const samAway = (at: string) => isOnLeave(roster.absences, 'sam.okafor', localMoment(new Date(at)).date);
    const expected = ['priya.shah', ...(samAway(dev.notices[1]!.at) ? [] : ['sam.okafor']), 'dana.hughes'];
    assert.deepEqual(
      dev.notices.slice(0, expected.length).map((n) => n.personId),
      expected,
      JSON.stringify(dev.notices),
    );
    for (let i = 1; i < dev.notices.length; i++) {
      assert.ok(Date.parse(dev.notices[i]!.at) - Date.parse(dev.notices[i - 1]!.at) >= 24 * 3_600_000, 'a level has its 24 hours');
    }
    assert.equal(dev.resolved?.by, 'dana.hughes');
    const line = (await t.haven.deps.tray.get('priya.shah', `flag:${dev.id}`))?.value;
    assert.ok(line && !text(line).includes('CANARY-YEAR-dev'), 'the flag line carries no answers');
  });

  /** Every tray line of everyone on the roster. */
  async function trayLines(): Promise<TrayItem[]> {
    const out: TrayItem[] = [];
    for (const p of roster.people) out.push(...(await t.haven.deps.tray.listFor(p.id)).map((i) => i.value));
    return out;
  }

  it("nothing about Sam's reports went to Sam while he was away: the cover, or the department head when none was named", async () => {
    const lines = (await trayLines()).filter((i) => i.key.startsWith('care:') && SAMS_REPORTS.includes(i.aboutPersonId ?? ''));
    const flags = (await scheduled()).filter(
      (m) => /^flag:.*:0:0$/.test(m.id) && SAMS_REPORTS.some((p) => m.id.includes(p)) && m.target.kind === 'person',
    );
    for (const a of ABSENCES.filter((x) => x.personId === 'sam.okafor')) {
      const inAbsence = (iso: string) => {
        const d = localMoment(new Date(iso)).date;
        return a.from <= d && d <= a.to;
      };
      const expectedFirst = a.coverId ?? 'dana.hughes';
      const during = lines.filter((i) => inAbsence(i.postedAt) || inAbsence(i.updatedAt));
      const flagsDuring = flags.filter((m) => inAbsence(m.createdAt));
      assert.ok(during.length + flagsDuring.length > 0, `something about Sam's team was due during ${a.id}`);
      assert.deepEqual(
        during.filter((i) => i.recipientId === 'sam.okafor').map((i) => i.key),
        [],
        `${a.id}: nothing written for Sam`,
      );
      assert.ok(
        during.length === 0 || during.some((i) => i.recipientId === expectedFirst),
        `${a.id}: ${during.map((i) => `${i.key}->${i.recipientId}`).join(', ')}`,
      );
      assert.ok(flagsDuring.every((m) => m.target.kind === 'person' && m.target.personId === expectedFirst));
      const digestsToSam = (await outbox()).filter(
        (m) => m.purpose === 'digest' && m.target.kind === 'person' && m.target.personId === 'sam.okafor' && inAbsence(m.createdAt),
      );
      assert.deepEqual(
        digestsToSam.map((m) => m.id),
        [],
      );
    }
    // And it routed back: after each absence, lines about his reports are put to Sam again.
    assert.ok(lines.some((i) => i.recipientId === 'sam.okafor' && localMoment(new Date(i.postedAt)).date > '2027-05-28'));
  });

  it('calm: no card per care item to anyone responsible; at most one digest a working day; no supervisor or head over 7 non-urgent cards a week', async () => {
    const all = await outbox();
    assert.deepEqual(
      all
        .filter((m) => NOW_DIGEST_LINES.includes(m.purpose) || (m.purpose === 'care.reminder' && !m.id.endsWith(':person')))
        .map((m) => m.id),
      [],
    );
    // Flag notices are tray lines too now, so both figures should agree; both are printed for the closing note.
    const perWeek = new Map<string, number>();
    const perWeekAll = new Map<string, number>();
    const perDay = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const m of all.filter((x) => x.operation === 'send' && x.target.kind === 'person' && SCHEDULED.has(x.purpose))) {
      const who = m.target.kind === 'person' ? m.target.personId : '';
      const day = localMoment(new Date(m.createdAt)).date;
      bump(perWeekAll, `${who} ${isoWeek(day)}`);
      if (m.purpose !== 'flag.notice') bump(perWeek, `${who} ${isoWeek(day)}`);
      if (m.purpose === 'digest') bump(perDay, `${who} ${day}`);
    }
    assert.ok([...perDay.values()].every((n) => n === 1));
    const busiest = (m: Map<string, number>) => {
      const out: Record<string, number> = {};
      for (const [key, n] of m) {
        const who = key.split(' ')[0]!;
        out[who] = Math.max(out[who] ?? 0, n);
      }
      return out;
    };
    console.log(`      busiest week, non-urgent cards without flag notices: ${JSON.stringify(busiest(perWeek))}`);
    console.log(`      busiest week, non-urgent cards with flag notices: ${JSON.stringify(busiest(perWeekAll))}`);
    for (const who of ['sam.okafor', 'priya.shah', 'dana.hughes'])
      assert.ok((busiest(perWeek)[who] ?? 0) <= 7, `${who}: ${busiest(perWeek)[who]} non-urgent cards in one week`);
  });

  it('every care item that fell due was reminded once to the person, and was a line for whoever was responsible', async () => {
    const reminders = (await t.haven.deps.care.listReminders()).map((r) => r.value);
    const ids = (await outbox()).map((m) => m.id);
    const once = (id: string) => ids.filter((x) => x === id).length;
    assert.ok(reminders.length >= 40, `${reminders.length} care occurrences in the year`);
    for (const r of reminders) {
      const base = `care:${r.personId}:${r.item}:${r.dueDate}`;
      assert.ok(r.responsibleReminded, `${r.id} reached someone responsible`);
      assert.ok(await t.haven.deps.tray.get(r.responsibleReminded.personId, base), `${base}: a line for whoever was responsible`);
      assert.equal(once(`${base}:responsible`), 0, `${base}: no card of its own`);
      // The person's own reminder: a card of its own, or one card with everything of theirs due that day.
      if (r.personRemindedAt)
        assert.equal(once(`${base}:person`) + once(`care:${r.personId}:${localMoment(new Date(r.personRemindedAt)).date}:person`), 1, base);
    }
    // Alex's one-to-ones were monthly for his first 12 months in the unit (he joined in May 2026), then
    // every three months (issue #14 part 4: HAVEN_CARE_ONE_TO_ONE_LATER_MONTHS), never monthly again.
    const alexOneToOnes = reminders
      .filter((r) => r.personId === 'alex.moreno' && r.item === 'oneToOne')
      .map((r) => r.dueDate)
      .sort();
    assert.ok(alexOneToOnes.filter((d) => d <= '2027-05-18').length >= 6, alexOneToOnes.join(' '));
    const later = alexOneToOnes.filter((d) => d > '2027-05-18');
    for (let i = 1; i < later.length; i++)
      assert.ok(
        Date.parse(later[i]!) - Date.parse(later[i - 1]!) >= 85 * 86_400_000,
        `every three months after the first year: ${later.join(' ')}`,
      );
    // Nothing due today is unreminded.
    const records = (await t.haven.deps.care.listRecords()).map((r) => r.value);
    const today = localMoment(t.clock.now()).date;
    for (const p of roster.people) {
      for (const c of actionableCare(
        careItemsFor(
          p,
          today,
          t.haven.config.care.schedule,
          records.filter((r) => r.personId === p.id),
        ),
      )) {
        const r = reminders.find((x) => x.id === careReminderId(p.id, c.item, c.dueDate));
        assert.ok(
          r?.responsibleReminded ||
            !isWorkingMoment(
              roster.people.find((x) => x.id === (p.supervisorId ?? ''))?.workingPattern ?? p.workingPattern,
              roster.absences,
              p.supervisorId ?? p.id,
              t.clock.now(),
            ),
          `${p.id} ${c.item} ${c.dueDate}`,
        );
      }
    }
  });

  it('an overdue item nobody recorded walked the chain once per round, then waited a week before the next', async () => {
    const femi = (await t.haven.deps.care.listReminders())
      .map((r) => r.value)
      .find((r) => r.personId === 'femi.adeyemi' && r.item === 'clinicalSupervision' && !r.closedAt);
    assert.ok(femi, "Femi's clinical supervision is still open");
    const keys = femi.notices.map((n) => `${n.loop}:${n.level}`);
    assert.equal(new Set(keys).size, keys.length, keys.join(' '));
    assert.deepEqual(
      femi.notices.slice(0, 3).map((n) => n.personId),
      ['priya.shah', 'sam.okafor', 'dana.hughes'],
    );
    for (let i = 1; i < femi.notices.length; i++) {
      const gap = Date.parse(femi.notices[i]!.at) - Date.parse(femi.notices[i - 1]!.at);
      const newRound = femi.notices[i]!.loop !== femi.notices[i - 1]!.loop;
      assert.ok(gap >= (newRound ? 7 : 1) * DAY, `notice ${i} after ${gap / DAY} days`);
    }
    // A year of weekly rounds at most, never a daily drip; and however many rounds, each person told
    // holds ONE line for it ("overdue since …"), not a card per round.
    assert.ok(femi.notices.length <= 3 * 53, `${femi.notices.length} notices`);
    const key = `care:femi.adeyemi:clinicalSupervision:${femi.dueDate}`;
    assert.deepEqual(
      (await outbox()).filter((m) => m.id.startsWith(`${key}:overdue:`)).map((m) => m.id),
      [],
    );
    const holders = await t.haven.deps.tray.recipientsOf(key);
    assert.deepEqual([...new Set(holders)].sort(), [...new Set(femi.notices.map((n) => n.personId))].sort());
    for (const h of holders) {
      const line = (await t.haven.deps.tray.get(h, key))!.value;
      assert.ok(line.overdue && !line.resolvedAt, `${h} holds it open, overdue`);
    }
  });

  it('weekly team summary: part of one weekly digest per supervisor per week, on a working day', async () => {
    for (const s of ['sam.okafor', 'priya.shah']) {
      assert.deepEqual(
        (await outbox()).filter((m) => m.id.startsWith(`team:${s}:`)).map((m) => m.id),
        [],
      );
      const weekly = (await t.haven.deps.digests.listFor(s)).map((d) => d.value).filter((d) => d.weekly);
      assert.equal(weekly.length, new Set(weekly.map((d) => isoWeek(d.date))).size, 'one weekly digest a week');
      assert.ok(weekly.length >= Math.floor(DAYS / 7) - 5, `${s}: ${weekly.length} weekly digests`);
      assert.ok(weekly.every((d) => d.lines.some((l) => l.key.startsWith(`team:${s}:`))));
    }
  });
});
