// Scheduled care over a few months of fake time for the demo unit: the person's own reminder is one
// card, inside their working hours; what the responsible people must do is a line in their tray, which
// reaches them as one digest card a working day at their first working moment (never a card per item);
// overdue items walk the chain as the same line ("overdue since …"); "done" resolves the line
// everywhere and the digest updates in place; nothing reaches an absent supervisor.
import assert from 'node:assert/strict';
import { actionableCare, careItemsFor } from '../../../src/features/care/care-schedule.ts';
import { careReminderId } from '../../../src/features/care/care-record.ts';
import { isWorkingMoment, localMoment } from '../../../src/kernel/working-time.ts';
import { loadRoster } from '../../../src/kernel/load-roster.ts';
import type { OutboxMessage } from '../../../src/kernel/ports.ts';
import { DEMO, installPersonal } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const KEY = 'care:alex.moreno:oneToOne:2026-06-18';

async function careMessages(t: TestHaven): Promise<OutboxMessage[]> {
  return (await t.haven.outbox.list()).map((m) => m.value).filter((m) => /^(care|team|span|digest):/.test(m.id));
}

async function digestsTo(t: TestHaven, personId: string): Promise<OutboxMessage[]> {
  return (await careMessages(t)).filter((m) => m.purpose === 'digest' && m.target.kind === 'person' && m.target.personId === personId);
}

describe('scheduled care over months (integration, fake clock)', function () {
  this.timeout(600_000);
  let t: TestHaven;

  before(async () => {
    // Monday 23 November 2026, 06:00 in London: nobody in the demo unit is at work yet.
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T06:00:00Z'), care: true });
    for (const u of Object.values(DEMO)) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  after(async () => t?.close());

  it('before working hours nothing is sent; what is due is already a line in the responsible tray', async () => {
    await t.tick();
    assert.deepEqual(
      (await careMessages(t)).map((m) => m.id),
      [],
    );
    const line = await t.haven.deps.tray.get('sam.okafor', KEY);
    assert.equal(line?.value.aboutPersonId, 'alex.moreno');
    assert.equal(line?.value.overdue, true);
  });

  it('at 09:30 the person gets their own reminder and the supervisor ONE digest holding the line, however often the job runs', async () => {
    t.clock.set('2026-11-23T09:30:00Z');
    await t.tick();
    await t.tick();
    const messages = await careMessages(t);
    const ids = messages.map((m) => m.id);
    // Alex joined on 18 May 2026: the first monthly one-to-one (18 June) was never recorded.
    // Everything of Alex's that fell due is one card of his own (his own id when it is one item).
    const alexs = messages.filter((m) => m.id === `${KEY}:person` || m.id === 'care:alex.moreno:2026-11-23:person');
    assert.equal(alexs.length, 1, ids.join('\n'));
    assert.match(text(alexs[0]!.activity.card), /Your one-to-one with your supervisor/);
    assert.equal(
      messages.filter((m) => m.id.startsWith('care:alex.moreno:') && m.id.endsWith(':person')).length,
      1,
      'one card, not one per item',
    );
    assert.ok(!ids.some((id) => id.endsWith(':responsible') || id.includes(':overdue:')), 'no card per item to the responsible');
    const sams = await digestsTo(t, 'sam.okafor');
    assert.deepEqual(
      sams.map((m) => m.id),
      ['digest:sam.okafor:2026-11-23'],
    );
    const card = text(sams[0]!.activity.card);
    assert.match(card, /Alex Moreno/);
    assert.match(card, /One-to-one with supervisor — overdue since 26 Jun 2026/);
    assert.equal(sams[0]!.activity.text, 'Haven has an update for you');
    assert.equal(ids.length, new Set(ids).size);
    // Chris works Tuesday to Friday: his own reminders wait for Tuesday.
    assert.ok(!ids.some((id) => id.startsWith('care:chris.lowe:') && id.endsWith(':person')));
  });

  it('an overdue item walks the chain as the same line: the department head has it a level later, still one line', async () => {
    t.clock.advance(24 * HOUR);
    await t.tick();
    const dana = await t.haven.deps.tray.get('dana.hughes', KEY);
    assert.ok(dana && !dana.value.resolvedAt, 'the department head holds the line');
    assert.match(dana.value.line, /not recorded as done by their supervisor/);
    // However often the chain is walked, the supervisor holds one line for it.
    assert.equal(
      (await t.haven.deps.tray.listFor('sam.okafor')).filter((i) => i.value.key === KEY).length,
      1,
      'one line, not one per repeat',
    );
  });

  it('Sam records it from the digest line: he sees the list again with it done, every tray clears it, the card updates in place', async () => {
    const card = await act(t, DEMO.sam!, 'care.done', {
      personId: 'alex.moreno',
      item: 'oneToOne',
      doneOn: '2026-11-24',
      digest: '2026-11-23',
      trayKey: KEY,
    });
    assert.match(text(card), /Done: One-to-one with supervisor/);
    assert.ok((await t.haven.deps.tray.get('sam.okafor', KEY))?.value.resolvedAt);
    assert.ok((await t.haven.deps.tray.get('dana.hughes', KEY))?.value.resolvedAt);
    const reminder = await t.haven.deps.care.getReminder(careReminderId('alex.moreno', 'oneToOne', '2026-06-18'));
    assert.ok(reminder?.value.closedAt);
    const update = (await careMessages(t)).find((m) => m.id === 'digest:sam.okafor:2026-11-23:u1');
    assert.equal(update?.operation, 'update');
    assert.equal(update?.updateOf, 'digest:sam.okafor:2026-11-23');
    assert.match(text(update?.activity.card), /Done: One-to-one with supervisor/);
    // Recorded through "my team" too (no digest marker): the route's own answer.
    const again = await act(t, DEMO.sam!, 'care.done', { choice: 'alex.moreno|oneToOne', doneOn: '2026-11-24' });
    assert.match(text(again), /Already recorded: One-to-one with supervisor for Alex Moreno on 2026-11-24\. Next due 2026-12-24/);
    t.clock.advance(2 * DAY);
    await t.tick();
    assert.ok(!(await careMessages(t)).some((m) => m.id.startsWith(`${KEY}:overdue`)));
    assert.ok((await auditSince(t)).some((e) => e.action === 'care.done' && e.actor === 'sam.okafor' && e.outcome === 'ok'));
  });

  it('a line acted on by someone else is refused by its route, and the clicker is offered the way back to their list', async () => {
    const card = await act(t, DEMO.bea!, 'care.done', {
      personId: 'alex.moreno',
      item: 'clinicalSupervision',
      doneOn: '2026-11-20',
      digest: '2026-11-23',
      trayKey: 'care:alex.moreno:clinicalSupervision:2026-11-18',
    });
    assert.match(text(card), /not yours to record/);
    assert.ok(JSON.stringify(card).includes('digest.show'), 'a way back to their own list');
  });

  it('refuses "done" from someone not entitled, in the future, or malformed: nothing stored, audited', async () => {
    const before = (await t.haven.deps.care.listRecords()).length;
    assert.match(
      text(await act(t, DEMO.bea!, 'care.done', { personId: 'alex.moreno', item: 'clinicalSupervision', doneOn: '2026-11-20' })),
      /not yours to record/,
    );
    assert.match(
      text(await act(t, DEMO.alex!, 'care.done', { personId: 'alex.moreno', item: 'clinicalSupervision', doneOn: '2026-11-20' })),
      /not yours to record/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'care.done', { personId: 'alex.moreno', item: 'clinicalSupervision', doneOn: '2027-01-20' })),
      /in the future/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'care.done', { personId: 'alex.moreno', item: 'clinicalSupervision', doneOn: '20/11/2026' })),
      /Nothing was changed/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'care.done', { personId: 'alex.moreno', item: 'haircut', doneOn: '2026-11-20' })),
      /not recognised/,
    );
    assert.equal((await t.haven.deps.care.listRecords()).length, before);
    const denied = (await auditSince(t)).filter((e) => e.action === 'care.done' && e.outcome === 'denied');
    assert.ok(denied.length >= 4);
  });

  it('over the following months: every due item reminded exactly once, nothing outside working hours, nothing to an absent supervisor', async () => {
    // Ticks at 07:30 (only Sam is at work) and 13:30 every day, weekends included, until late January
    // (Priya is on leave 4–15 January).
    const start = Date.parse('2026-11-26T07:30:00Z');
    for (let day = 0; day < 60; day++) {
      for (const h of [0, 6]) {
        t.clock.set(new Date(start + day * DAY + h * HOUR).toISOString());
        await t.tick();
      }
    }
    const roster = await loadRoster(t.haven.deps);
    const messages = await careMessages(t);
    for (const m of messages.filter((x) => x.operation === 'send')) {
      assert.equal(m.target.kind, 'person');
      const who = roster.people.find((p) => m.target.kind === 'person' && p.id === m.target.personId)!;
      assert.ok(
        isWorkingMoment(who.workingPattern, roster.absences, who.id, new Date(m.createdAt)),
        `${m.id} was created outside ${who.id}'s working time (${m.createdAt})`,
      );
      const day = localMoment(new Date(m.createdAt)).date;
      assert.ok(!(who.id === 'priya.shah' && day >= '2027-01-04' && day <= '2027-01-15'), `${m.id} went to Priya while she was away`);
    }
    // No card per item to anyone responsible: only the person's own reminders and digests.
    assert.deepEqual(
      messages.filter((m) => !m.id.endsWith(':person') && m.purpose !== 'digest').map((m) => m.id),
      [],
    );
    // At most one digest per person per working day (updates are of that one card).
    const digests = messages.filter((m) => m.purpose === 'digest' && m.operation === 'send');
    const perDay = new Map<string, number>();
    for (const m of digests) {
      const key = `${m.target.kind === 'person' ? m.target.personId : ''} ${localMoment(new Date(m.createdAt)).date}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    assert.ok([...perDay.values()].every((n) => n === 1));
    for (const m of messages.filter((x) => x.operation === 'update')) assert.match(m.updateOf ?? '', /^digest:/);
    // Exactly once: one person reminder per stored occurrence, on a card of its own or on the one card
    // holding everything of theirs that fell due that day.
    const reminders = (await t.haven.deps.care.listReminders()).map((r) => r.value);
    for (const r of reminders.filter((x) => x.personRemindedAt)) {
      const day = localMoment(new Date(r.personRemindedAt!)).date;
      const own = messages.filter((m) => m.id === `care:${r.personId}:${r.item}:${r.dueDate}:person`).length;
      const together = messages.filter((m) => m.id === `care:${r.personId}:${day}:person`).length;
      assert.equal(own + together, 1, r.id);
    }
    // Everything due now is an open line in the tray of whoever acts for the person now.
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
        assert.ok(r?.responsibleReminded, `${p.id} ${c.item} ${c.dueDate} has been put to someone`);
        const line = await t.haven.deps.tray.get(r.responsibleReminded.personId, `care:${p.id}:${c.item}:${c.dueDate}`);
        assert.ok(line && !line.value.resolvedAt, `${p.id} ${c.item}: an open line for ${r.responsibleReminded.personId}`);
      }
    }
    // During Priya's leave (4–15 January) nothing new was put to her; her team's lines were with Sam.
    const inLeave = (iso: string | undefined) => {
      const d = iso ? localMoment(new Date(iso)).date : '';
      return d >= '2027-01-04' && d <= '2027-01-15';
    };
    const priyas = (await t.haven.deps.tray.listFor('priya.shah')).map((i) => i.value);
    assert.deepEqual(
      priyas.filter((i) => i.key.startsWith('care:') && (inLeave(i.postedAt) || inLeave(i.updatedAt))).map((i) => i.key),
      [],
    );
    const samLines = (await t.haven.deps.tray.listFor('sam.okafor')).map((i) => i.value);
    assert.ok(samLines.some((i) => /^care:(dev\.patel|erin\.walsh|femi\.adeyemi):/.test(i.key) && !i.resolvedAt));
    // Repeats collapse: a line is written when it is new or changes, not every time the chain is walked again.
    for (const i of samLines) assert.ok(i.updatedAt === i.postedAt || i.overdue, `${i.key} changed without becoming overdue`);
    // The one-to-one after the recorded one (due 24 December) was reminded once, in December.
    assert.equal(messages.filter((m) => m.id === 'care:alex.moreno:oneToOne:2026-12-24:person').length, 1);
    // The weekly "my team" summary is a line of Monday's digest: one per week, never a card of its own.
    const weekly = (await t.haven.deps.digests.listFor('sam.okafor')).filter((d) => d.value.weekly);
    assert.equal(weekly.length, new Set(weekly.map((d) => d.value.date)).size);
    assert.ok(weekly.length >= 8, `Sam had ${weekly.length} weekly digests`);
    assert.ok(weekly.every((d) => d.value.lines.some((l) => l.key.startsWith('team:sam.okafor:'))));
  });
});
