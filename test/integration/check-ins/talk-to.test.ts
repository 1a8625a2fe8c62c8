// Issue 14 part 2: "I would like a conversation" with whom. The check-in offers the person's supervisor
// (the default) or one of the unit's contacts (data/contacts/unit-2.json); a conversation asked of the
// welfare lead reaches the welfare lead's tray, not the supervisor's, and walks the chain the first-route
// rule gives (the department head next, the supervisor passed over). Whole Haven, fake clock.
import assert from 'node:assert/strict';
import { DEMO, installPersonal, type DemoUser } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { rosterIdOf, trayLines } from '../../support/tray-lines.ts';

const FINE = { who5_1: '4', who5_2: '4', who5_3: '4', who5_4: '4', who5_5: '4' };

function checkInIdOf(card: unknown): string {
  const m = text(card).match(/"checkInId":"(checkin:[^"]+)"/);
  assert.ok(m, `a check-in card: ${text(card).slice(0, 300)}`);
  return m[1]!;
}
const flagLines = (t: TestHaven, u: DemoUser) => trayLines(t.haven.deps, rosterIdOf(u), 'flag:');

describe('check-ins: a conversation with whom (issue 14)', function () {
  this.timeout(90_000);
  let t: TestHaven;
  const clock = new FakeClock('2026-11-23T09:00:00Z'); // a Monday, in everyone's hours

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    t = await startTestHaven({ clock });
    for (const u of [DEMO.alex!, DEMO.bea!, DEMO.sam!, DEMO.dana!, DEMO.wes!])
      assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  afterEach(async () => t?.close());

  it('the card offers the supervisor (default) and the unit contacts; asking the welfare lead reaches Wes, not Sam, and is audited without free text', async () => {
    const form = await act(t, DEMO.alex!, 'checkIn.open');
    const choice = form.body.find((b: any) => b.id === 'conversationWith');
    assert.ok(choice, 'the "with whom?" choice');
    assert.equal(choice.value, 'supervisor');
    assert.deepEqual(
      choice.choices.map((c: any) => c.title),
      [
        'Sam Okafor (your supervisor, the usual way)',
        'Wes Lyle (the welfare lead)',
        'Ira Nolan (a TRiM practitioner)',
        'Dana Hughes (the department head)',
        'Tom Reed (a trainer)',
      ],
    );
    const confirmation = await act(t, DEMO.alex!, 'checkIn.submit', {
      checkInId: checkInIdOf(form),
      ...FINE,
      conversation: 'yes',
      conversationWith: 'welfareLead',
      share: 'false',
    });
    assert.match(text(confirmation), /Haven is asking Wes Lyle to offer you a conversation/);
    await t.tick();
    const wes = await flagLines(t, DEMO.wes!);
    assert.equal(wes.length, 1, 'a line in the welfare lead tray');
    assert.match(wes[0]!.line, /^Consider a welfare conversation with Alex Moreno: they asked for a conversation/);
    assert.equal((await flagLines(t, DEMO.sam!)).length, 0, 'nothing to the supervisor');
    const flag = (await t.haven.deps.flags.list()).map((f) => f.value).find((f) => f.personId === 'alex.moreno')!;
    assert.equal(flag.route, 'welfareLead');
    assert.equal(
      (await t.haven.deps.checkIns.listForPerson('alex.moreno')).find((c) => c.value.status === 'answered')?.value.conversationWith,
      'welfareLead',
    );
    // Wes may open it; Sam may not.
    const opened = await act(t, DEMO.wes!, 'flag.show', wes[0]!.actions.find((a) => a.verb === 'flag.show')!.data);
    assert.match(text(opened), /Alex Moreno/);
    const refused = await act(t, DEMO.sam!, 'flag.show', wes[0]!.actions.find((a) => a.verb === 'flag.show')!.data);
    assert.ok(!/they asked for a conversation/.test(text(refused)), text(refused).slice(0, 300));
    assert.ok(!/consider a welfare conversation/i.test(text(await act(t, DEMO.sam!, 'team.show'))), "not on Sam's team card");
    const audit = await auditSince(t);
    assert.equal(audit.find((a) => a.action === 'flag.routeChosen')?.reason, 'tellFirst=welfareLead');

    // Wes does not acknowledge: the flag walks on to the department head, passing over Sam.
    clock.set('2026-11-24T09:05:00Z'); // a day later, in Dana's hours (HAVEN_FLAG_ESCALATION_HOURS: 24)
    await t.tick();
    const notified = (await t.haven.deps.flags.get(flag.id))!.value.notices.map((n) => n.personId);
    assert.ok(notified.includes('dana.hughes'), `the department head next: ${notified.join(',')}`);
    assert.ok(!notified.includes('sam.okafor'), 'the supervisor is passed over');
  });

  it('a choice that is not offered comes back on the card and saves nothing; "no" to a conversation ignores the choice', async () => {
    const form = await act(t, DEMO.bea!, 'checkIn.open');
    const refused = await act(t, DEMO.bea!, 'checkIn.submit', {
      checkInId: checkInIdOf(form),
      ...FINE,
      conversation: 'yes',
      conversationWith: 'occupationalHealth',
    });
    assert.match(text(refused), /Nothing was saved yet\. Who you would like to talk to: choose one of the people given\./);
    assert.equal((await t.haven.deps.checkIns.listForPerson('bea.clarke')).filter((c) => c.value.status === 'answered').length, 0);
    await act(t, DEMO.bea!, 'checkIn.submit', {
      checkInId: checkInIdOf(form),
      ...FINE,
      conversation: 'no',
      conversationWith: 'welfareLead',
    });
    const answered = (await t.haven.deps.checkIns.listForPerson('bea.clarke')).find((c) => c.value.status === 'answered')!.value;
    assert.equal(answered.conversationWith, undefined);
    assert.equal((await t.haven.deps.flags.list()).filter((f) => f.value.personId === 'bea.clarke').length, 0);
  });
});
