// Scheduled care over a few months of fake time for the demo unit: reminders to the person and the
// responsible supervisor exactly once, only inside the recipient's working hours, overdue items
// escalating up the chain, "done" moving the schedule on, and nothing to an absent supervisor.
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

async function careMessages(t: TestHaven): Promise<OutboxMessage[]> {
  return (await t.haven.outbox.list()).map((m) => m.value).filter((m) => /^(care|team|span):/.test(m.id));
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

  it('before working hours nothing is sent; the due items are only recorded', async () => {
    await t.tick();
    assert.deepEqual(
      (await careMessages(t)).map((m) => m.id),
      [],
    );
  });

  it('at 09:30 the person and their supervisor are reminded, once, however often the job runs', async () => {
    t.clock.set('2026-11-23T09:30:00Z');
    await t.tick();
    await t.tick();
    const ids = (await careMessages(t)).map((m) => m.id);
    // Alex joined on 18 May 2026: the first monthly one-to-one (18 June) was never recorded.
    assert.ok(ids.includes('care:alex.moreno:oneToOne:2026-06-18:person'), ids.join('\n'));
    assert.ok(ids.includes('care:alex.moreno:oneToOne:2026-06-18:responsible'));
    const responsible = (await careMessages(t)).find((m) => m.id === 'care:alex.moreno:oneToOne:2026-06-18:responsible');
    assert.deepEqual(responsible?.target, { kind: 'person', personId: 'sam.okafor' });
    assert.equal(ids.length, new Set(ids).size);
    // Chris works Tuesday to Friday: his own reminders wait for Tuesday.
    assert.ok(!ids.some((id) => id.startsWith('care:chris.lowe:') && id.endsWith(':person')));
  });

  it('an overdue item escalates up the chain at the configured pace: supervisor, then department head', async () => {
    let ids = (await careMessages(t)).map((m) => m.id);
    assert.ok(ids.includes('care:alex.moreno:oneToOne:2026-06-18:overdue:0:0'));
    assert.ok(!ids.includes('care:alex.moreno:oneToOne:2026-06-18:overdue:0:1'));
    t.clock.advance(24 * HOUR);
    await t.tick();
    ids = (await careMessages(t)).map((m) => m.id);
    const level1 = (await careMessages(t)).find((m) => m.id === 'care:alex.moreno:oneToOne:2026-06-18:overdue:0:1');
    assert.deepEqual(level1?.target, { kind: 'person', personId: 'dana.hughes' });
  });

  it('the supervisor records the one-to-one as done: it stops escalating and the next one is a month after it', async () => {
    const card = await act(t, DEMO.sam!, 'care.done', { choice: 'alex.moreno|oneToOne', doneOn: '2026-11-24' });
    assert.match(text(card), /Recorded: One-to-one with supervisor for Alex Moreno on 2026-11-24\. Next due 2026-12-24/);
    const reminder = await t.haven.deps.care.getReminder(careReminderId('alex.moreno', 'oneToOne', '2026-06-18'));
    assert.ok(reminder?.value.closedAt);
    t.clock.advance(2 * DAY);
    await t.tick();
    assert.ok(!(await careMessages(t)).some((m) => m.id === 'care:alex.moreno:oneToOne:2026-06-18:overdue:1:0'));
    assert.ok((await auditSince(t)).some((e) => e.action === 'care.done' && e.actor === 'sam.okafor' && e.outcome === 'ok'));
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
    for (const m of messages) {
      assert.equal(m.target.kind, 'person');
      const who = roster.people.find((p) => m.target.kind === 'person' && p.id === m.target.personId)!;
      assert.ok(
        isWorkingMoment(who.workingPattern, roster.absences, who.id, new Date(m.createdAt)),
        `${m.id} was created outside ${who.id}'s working time (${m.createdAt})`,
      );
      const day = localMoment(new Date(m.createdAt)).date;
      assert.ok(!(who.id === 'priya.shah' && day >= '2027-01-04' && day <= '2027-01-15'), `${m.id} went to Priya while she was away`);
    }
    // Exactly once: one person reminder and one responsible reminder per stored occurrence.
    const reminders = (await t.haven.deps.care.listReminders()).map((r) => r.value);
    for (const r of reminders.filter((x) => x.personRemindedAt)) {
      assert.equal(messages.filter((m) => m.id === `care:${r.personId}:${r.item}:${r.dueDate}:person`).length, 1);
    }
    // Everything due now was reminded to someone responsible.
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
        assert.ok(r?.responsibleReminded, `${p.id} ${c.item} ${c.dueDate} has been reminded`);
      }
    }
    // Priya's reports during her leave went to Sam, her standing cover.
    const duringLeave = messages.filter(
      (m) =>
        /^care:(dev\.patel|erin\.walsh|femi\.adeyemi):/.test(m.id) &&
        localMoment(new Date(m.createdAt)).date >= '2027-01-04' &&
        localMoment(new Date(m.createdAt)).date <= '2027-01-15',
    );
    assert.ok(duringLeave.length > 0, "something was due for Priya's team during her leave");
    for (const m of duringLeave.filter((x) => !x.id.endsWith(':person')))
      assert.notDeepEqual(m.target, { kind: 'person', personId: 'priya.shah' });
    // The one-to-one after the recorded one (due 24 December) was reminded once, in December.
    assert.equal(messages.filter((m) => m.id === 'care:alex.moreno:oneToOne:2026-12-24:person').length, 1);
    // Weekly team cards: one per supervisor per week.
    const weekly = messages.filter((m) => m.id.startsWith('team:sam.okafor:'));
    assert.equal(weekly.length, new Set(weekly.map((m) => m.id)).size);
    assert.ok(weekly.length >= 8, `Sam had ${weekly.length} weekly cards`);
  });
});
