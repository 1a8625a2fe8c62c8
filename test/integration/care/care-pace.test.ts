// Issue #14 part 4, care pace: one-to-ones continue after the first year (every three months by default),
// and a check-in flag or an "I'm not okay" request brings the person's clinical supervision forward to
// within ten working days. The reminder card and the supervisor's digest line say only that it is due,
// never why. Through the whole Haven (real-shaped activities, Azurite, fake clock).
import assert from 'node:assert/strict';
import { careReminderId } from '../../../src/features/care/care-record.ts';
import { bringClinicalSupervisionForward } from '../../../src/features/care/index.ts';
import { DEMO, installPersonal } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { text } from '../../support/sent-cards.ts';

const LOW = { who5_1: '1', who5_2: '2', who5_3: '1', who5_4: '0', who5_5: '2' }; // raw 6: a low-score flag
/** Words that would tell anyone why clinical supervision came sooner. */
const WHY = /flag|not okay|request|check-in|score|worr|concern|brought forward|sooner/i;

function checkInIdOf(card: unknown): string {
  const m = text(card).match(/"checkInId":"(checkin:[^"]+)"/);
  assert.ok(m, `a check-in card: ${text(card).slice(0, 300)}`);
  return m[1]!;
}

async function ownCareCards(t: TestHaven, personId: string) {
  return (await t.haven.outbox.list()).map((m) => m.value).filter((m) => m.id.startsWith(`care:${personId}:`) && m.id.endsWith(':person'));
}

describe('care pace: one-to-ones after the first year, clinical supervision brought forward (integration, fake clock)', function () {
  this.timeout(300_000);
  let t: TestHaven;

  before(async () => {
    // Monday 23 November 2026, 09:30 in London.
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T09:30:00Z'), care: true });
    for (const u of Object.values(DEMO)) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  after(async () => t?.close());

  it('Bea, nearly three years in, still has one-to-ones: recorded today, the next is three months on, not a month', async () => {
    // Bea joined on 12 February 2024: no one-to-one was ever recorded, so one is overdue in Sam's tray.
    const open = (await t.haven.deps.tray.listFor('sam.okafor')).filter((i) => i.value.key.startsWith('care:bea.clarke:oneToOne:'));
    assert.equal(open.length, 1, 'one line for her one-to-one');
    const card = await act(t, DEMO.sam!, 'care.done', { personId: 'bea.clarke', item: 'oneToOne', doneOn: '2026-11-23' });
    assert.match(text(card), /Recorded: One-to-one with supervisor for Bea Clarke on 2026-11-23\. Next due 2027-02-23\./);
    assert.ok((await t.haven.deps.tray.get('sam.okafor', open[0]!.value.key))?.value.resolvedAt, 'the line is resolved');
  });

  it('a month later nothing is due for her one-to-one; a week before three months it is, once, in working hours', async () => {
    t.clock.set('2026-12-28T10:00:00Z');
    await t.tick();
    assert.ok(
      !(await t.haven.deps.tray.listFor('sam.okafor')).some(
        (i) => i.value.key.startsWith('care:bea.clarke:oneToOne:') && !i.value.resolvedAt,
      ),
      'no monthly one-to-one after the first year',
    );
    t.clock.set('2027-02-16T10:00:00Z'); // Tuesday, a week before 23 February
    await t.tick();
    await t.tick();
    const line = await t.haven.deps.tray.get('sam.okafor', 'care:bea.clarke:oneToOne:2027-02-23');
    assert.ok(line && !line.value.resolvedAt, "the three-monthly one-to-one is a line in Sam's tray");
    assert.match(line.value.line, /One-to-one with supervisor, due by 23 Feb 2027/);
    const reminder = await t.haven.deps.care.getReminder(careReminderId('bea.clarke', 'oneToOne', '2027-02-23'));
    assert.ok(reminder?.value.personRemindedAt, 'Bea was reminded');
    const own = (await ownCareCards(t, 'bea.clarke')).filter((m) => text(m.activity.card).includes('one-to-one'));
    assert.equal(own.filter((m) => m.createdAt.startsWith('2027-02')).length, 1, 'once');
  });

  it('an "I\'m not okay" request brings clinical supervision forward to ten working days; the reminder and the line do not say why', async () => {
    // Clinical supervision recorded today: the next would be six months away (16 August 2027).
    await act(t, DEMO.sam!, 'care.done', { personId: 'bea.clarke', item: 'clinicalSupervision', doneOn: '2027-02-16' });
    await t.tick();
    assert.equal(await t.haven.deps.care.getForward('bea.clarke'), undefined);
    await raise(t, DEMO.bea!, { kind: 'talk', note: 'BEA-CANARY-NOTE the queue' });
    const forward = await t.haven.deps.care.getForward('bea.clarke');
    // Tuesday 16 February + 10 working days = Tuesday 2 March.
    assert.equal(forward?.value.dueBy, '2027-03-02');
    assert.equal(forward?.value.reason, 'request');
    const audit = (await auditSince(t)).filter((a) => a.action === 'care.broughtForward' && a.subject === 'person:bea.clarke');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.reason, 'clinicalSupervision 2027-03-02', 'the audit row names the date, not why');

    // Bringing it forward again (a retry, or a second signal) changes nothing.
    assert.equal(await bringClinicalSupervisionForward(t.haven.deps, 'bea.clarke', 'flag'), 'alreadySooner');
    assert.equal((await t.haven.deps.care.getForward('bea.clarke'))?.version, forward?.version);

    t.clock.set('2027-02-23T10:00:00Z'); // a week before 2 March: the notice window opens
    await t.tick();
    await t.tick();
    const key = 'care:bea.clarke:clinicalSupervision:2027-03-02';
    const line = await t.haven.deps.tray.get('sam.okafor', key);
    assert.ok(line && !line.value.resolvedAt, "a line in Sam's tray");
    assert.equal(line.value.line, 'Clinical supervision / psychological support, due by 2 Mar 2027');
    const cards = (await ownCareCards(t, 'bea.clarke')).filter((m) => m.createdAt.startsWith('2027-02-23'));
    assert.equal(cards.length, 1, 'Bea gets her reminder');
    // What the card says (its "I'm not okay" button is on every card Haven sends, so only the body is read).
    const body = text((cards[0]!.activity.card as { body: unknown }).body);
    assert.match(body, /Your clinical supervision \/ psychological support is due by 2 Mar 2027/);
    assert.doesNotMatch(body, WHY);
    assert.doesNotMatch(line.value.line, WHY);
    assert.ok(!body.includes('BEA-CANARY-NOTE'));
    // "My team" says it is due, and nothing about why beyond the request line it always had.
    const team = text(await act(t, DEMO.sam!, 'team.show'));
    assert.match(team, /Due: Clinical supervision \/ psychological support, 2 Mar 2027/);
  });

  it('recorded done: the forward is spent, the next is six months after it', async () => {
    const card = await act(t, DEMO.sam!, 'care.done', { personId: 'bea.clarke', item: 'clinicalSupervision', doneOn: '2027-02-23' });
    assert.match(text(card), /Next due 2027-08-23\./);
    assert.ok((await t.haven.deps.tray.get('sam.okafor', 'care:bea.clarke:clinicalSupervision:2027-03-02'))?.value.resolvedAt);
  });

  it('a low-score check-in flag brings it forward too', async () => {
    // Alex: record his clinical supervision so the next is months away, then a low check-in.
    await act(t, DEMO.sam!, 'care.done', { personId: 'alex.moreno', item: 'clinicalSupervision', doneOn: '2027-02-22' });
    assert.equal(await t.haven.deps.care.getForward('alex.moreno'), undefined);
    const form = await act(t, DEMO.alex!, 'checkIn.open');
    await act(t, DEMO.alex!, 'checkIn.submit', { checkInId: checkInIdOf(form), ...LOW });
    assert.ok(
      (await t.haven.deps.flags.listForPerson('alex.moreno')).some((f) => f.value.reason === 'lowScore'),
      'a flag was raised',
    );
    const forward = await t.haven.deps.care.getForward('alex.moreno');
    assert.equal(forward?.value.reason, 'flag');
    assert.equal(forward?.value.dueBy, '2027-03-09'); // Tuesday 23 February + 10 working days
  });
});
