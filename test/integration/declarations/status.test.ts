// "Where is my request?": the person who raised it can see every step with its time, from the card
// button (declaration.status) or by typing "status".
import assert from 'node:assert/strict';
import { DEMO, message, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, NEUTRAL, act, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { alertsTo, cardIn, factsOf, text, actionsOf } from '../../support/sent-cards.ts';

async function typed(t: TestHaven, user: typeof DEMO.alex, words: string): Promise<any> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user!, words))).status, 200);
  const calls = await t.connector.waitFor((all) => all.slice(before).some((c) => c.conversationId === personalChatId(user!)));
  return cardIn(calls.slice(before).find((c) => c.conversationId === personalChatId(user!))!);
}

describe('declarations: "Where is my request?"', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  after(async () => t?.close());

  it('shows each step with its time: alerted, acknowledged by whom, risk assessment, redeployment booked and held', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'leave', note: 'time to go', share: 'supervisor' });
    const id = { declarationId: r.id };
    // Until Haven knows the alert got through, it says only that it is telling Sam.
    let status = await act(t, DEMO.alex!, 'declaration.status', id);
    assert.match(text(status), /Haven is telling Sam Okafor now/);
    await t.tick(); // the alert goes out
    await t.tick(); // Haven notices it got through

    status = await act(t, DEMO.alex!, 'declaration.status', id);
    assert.equal(status.body[0].text, NEUTRAL);
    assert.match(text(status), /Your request: I want to leave the unit/);
    assert.match(text(status), /Waiting for Sam Okafor to acknowledge/);
    assert.deepEqual(factsOf(status), [
      { title: '23 Nov 2026, 09:00', value: 'Request raised' },
      { title: '23 Nov 2026, 09:00', value: 'Passed to Sam Okafor' },
    ]);
    assert.match(text(status), /You are off viewing/);

    t.clock.advance(5 * MIN);
    await act(t, DEMO.sam!, 'alert.acknowledge', id);
    t.clock.advance(10 * MIN);
    await act(t, DEMO.sam!, 'alert.assess', { ...id, adjustments: 'offViewing,referTrim', notes: 'private notes stay private' });
    t.clock.advance(15 * MIN);
    await act(t, DEMO.dana!, 'redeployment.book', { ...id, on: '2026-11-25' });
    await act(t, DEMO.sam!, 'alert.confirmAccess', id);
    await t.tick();

    status = await act(t, DEMO.alex!, 'declaration.status', id);
    assert.match(text(status), /Risk assessment recorded; redeployment discussion to follow/);
    assert.ok(!text(status).includes('private notes stay private'), "the supervisor's notes are not shown on the status card");

    t.clock.set('2026-11-25T10:00:00Z');
    await act(t, DEMO.dana!, 'redeployment.record', { ...id, outcome: 'stayingWithAdjustments' });
    await t.tick();
    status = await act(t, DEMO.alex!, 'declaration.status', id);
    assert.match(text(status), /Looked after/);
    assert.deepEqual(factsOf(status), [
      { title: '23 Nov 2026, 09:00', value: 'Request raised' },
      { title: '23 Nov 2026, 09:00', value: 'Passed to Sam Okafor' },
      { title: '23 Nov 2026, 09:05', value: 'Acknowledged by Sam Okafor' },
      { title: '23 Nov 2026, 09:15', value: 'Welfare risk assessment recorded by Sam Okafor' },
      { title: '23 Nov 2026, 09:30', value: 'Redeployment discussion booked for 2026-11-25 by Dana Hughes' },
      { title: '23 Nov 2026, 09:30', value: 'Grading access removal confirmed by Sam Okafor' },
      { title: '25 Nov 2026, 10:00', value: 'Redeployment discussion held with Dana Hughes: staying, with adjustments' },
      { title: '25 Nov 2026, 10:00', value: 'Closed' },
      // Closed without a move ("staying, with adjustments"): the time off viewing it began gets a review date (issue 14).
      { title: '25 Nov 2026, 10:00', value: 'Review date set for Wed, 25 Nov 2026' },
      { title: '25 Nov 2026, 10:00', value: 'Review due: back to viewing, or more time off' },
    ]);

    // Typing "status" (any case, punctuation) or "Where is my request?" shows the same card.
    for (const words of ['status', 'STATUS?', 'Where is my request?']) {
      const card = await typed(t, DEMO.alex, words);
      assert.deepEqual(factsOf(card), factsOf(status), `"${words}"`);
    }
    // The button without an id shows the latest request.
    assert.deepEqual(factsOf(await act(t, DEMO.alex!, 'declaration.status')), factsOf(status));

    // Alex was also told as it moved, privately and neutrally.
    const updates = alertsTo(t, DEMO.alex!).filter((c) => text(c.body).includes(r.id));
    assert.ok(updates.length >= 4, 'acknowledged, assessed, booked, held');
    for (const u of updates) assert.equal(cardIn(u).body[0].text, NEUTRAL);
  });

  it('shows an escalation and who has it now', async () => {
    t.clock.set('2026-11-30T09:00:00Z');
    const r = await raise(t, DEMO.bea!, { kind: 'talk' });
    await t.tick();
    t.clock.advance(15 * MIN);
    await t.tick();
    await t.tick(); // Haven notices Dana's alert got through
    const card = await typed(t, DEMO.bea, 'status');
    assert.match(text(card), /Waiting for Dana Hughes to acknowledge/);
    assert.deepEqual(factsOf(card).slice(-1), [{ title: '30 Nov 2026, 09:15', value: 'Escalated to Dana Hughes' }]);
    assert.ok(
      actionsOf(card).some((a: any) => a.verb === 'declaration.withdraw'),
      'a talk request can be withdrawn from here',
    );
    assert.equal((await declaration(t, r.id)).onCall?.personId, 'dana.hughes');
  });

  it('with more than one open request, "status" and "My status" show every one, each with who has it now', async () => {
    t.clock.set('2026-12-01T09:00:00Z');
    const talk = await raise(t, DEMO.dev!, { kind: 'talk' });
    t.clock.advance(10 * MIN);
    const pause = await raise(t, DEMO.dev!, { kind: 'break' });
    await t.tick();
    await t.tick();
    const list = await typed(t, DEMO.dev, 'status');
    assert.equal(list.body[0].text, NEUTRAL);
    assert.match(text(list), /Your open requests/);
    for (const r of [talk, pause])
      assert.ok(
        actionsOf(list).some((a: any) => a.verb === 'declaration.status' && a.data.declarationId === r.id),
        `a way into ${r.id}`,
      );
    const s = text(list);
    assert.match(s, /I need to talk to someone/);
    assert.match(s, /I need a break from viewing/);
    assert.ok(s.indexOf('I need a break from viewing') < s.indexOf('I need to talk to someone'), 'newest first');
    assert.equal((s.match(/Waiting for Priya Shah to acknowledge/g) ?? []).length, 2, 'who has each of them now');
    assert.equal(text(await act(t, DEMO.dev!, 'declaration.status')), text(list), 'the button without an id: the same list');

    // The "My status" button (status.show) lists them too.
    const mine = await act(t, DEMO.dev!, 'status.show');
    assert.equal(factsOf(mine).filter((f) => f.title.startsWith('Your request:')).length, 2);
    assert.match(text(mine), /Your request: I need a break from viewing/);

    // Once one is withdrawn, the other is shown in full.
    await act(t, DEMO.dev!, 'declaration.withdraw', { declarationId: talk.id });
    const one = await typed(t, DEMO.dev, 'status');
    assert.match(text(one), /Your request: I need a break from viewing/);
    assert.ok(!text(one).includes(talk.id));
  });

  it("someone with no request is told so; someone else's request is never shown", async () => {
    const card = await typed(t, DEMO.chris, 'status');
    assert.match(text(card), /You have no requests/);
    const alexs = (await t.haven.deps.declarations.listForPerson('alex.moreno'))[0]!.value.id;
    const peek = await act(t, DEMO.chris!, 'declaration.status', { declarationId: alexs });
    assert.ok(!text(peek).includes('Alex') && !text(peek).includes('leave the unit'), "nothing of Alex's request");
  });
});
