// Who hears about a request and what each sees: the supervisor's private alert, the department
// head's redeployment task, the neutral channel card with user-specific views, and cards updated in
// place as the request moves.
import assert from 'node:assert/strict';
import { DEMO, SUPERVISOR_CHANNEL, personalChatId } from '../../support/activities.ts';
import { cardProblems } from '../../support/card-checks.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { NEUTRAL, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import {
  activityIdOf,
  alertsTo,
  cardIn,
  channelCalls,
  currentCard,
  fact,
  responderAlertsTo,
  text,
  actionsOf,
} from '../../support/sent-cards.ts';

const KIND_TITLES = [
  'I need to talk to someone',
  'I need a break from viewing',
  'I want to leave the unit',
  'wants to leave',
  'needs a break',
  'would like to talk',
];

/** Nothing that identifies the officer or their request may reach the channel, in any call. */
function assertChannelNeutral(t: TestHaven, secrets: string[]): void {
  const calls = channelCalls(t);
  assert.ok(calls.length > 0);
  for (const c of calls) {
    const body = text(c.body);
    for (const s of [...secrets, ...KIND_TITLES]) assert.ok(!body.includes(s), `${c.method} ${c.operation} to the channel carried "${s}"`);
  }
}

describe("declarations: responders and the supervisors' channel", () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  after(async () => t?.close());

  describe('a request to leave, note shared with the supervisor only', () => {
    const note = 'I have been having nightmares about case 4471';
    let id: string;
    before(async () => {
      const r = await raise(t, DEMO.alex!, { kind: 'leave', note, share: 'supervisor' });
      id = r.id;
      await t.tick();
    });

    it('Sam gets one private 1:1 alert: neutral first line, the kind, the time, the note, and the buttons', async () => {
      const alerts = responderAlertsTo(t, DEMO.sam!, id);
      assert.equal(alerts.length, 1);
      const call = alerts[0]!;
      assert.equal(call.operation, 'sendToConversation');
      assert.equal(call.conversationId, personalChatId(DEMO.sam!));
      assert.equal((call.body as any).summary, NEUTRAL, 'the notification summary is neutral');
      assert.equal((call.body as any).text, undefined, 'no text bubble beside the card: the neutral line is said once');
      const card = cardIn(call);
      assert.deepEqual(cardProblems(card), []);
      assert.equal(card.body[0].type, 'TextBlock');
      assert.equal(card.body[0].text, NEUTRAL);
      assert.equal(fact(card, 'Who'), 'Alex Moreno');
      assert.equal(fact(card, 'Request'), 'I want to leave the unit');
      assert.equal(fact(card, 'Raised'), '23 Nov 2026, 09:00');
      assert.ok(text(card).includes(note), 'the note shared with him');
      const titles = actionsOf(card).map((a: any) => a.title);
      for (const b of ['Acknowledge', 'Record risk assessment', 'Reassign', 'Escalate now']) assert.ok(titles.includes(b), `button ${b}`);
      assert.deepEqual(actionsOf(card).find((a: any) => a.title === 'Acknowledge').data, { verb: 'alert.acknowledge', declarationId: id });
    });

    it('Dana gets a redeployment task without the note (not shared with her)', async () => {
      const alerts = responderAlertsTo(t, DEMO.dana!, id);
      assert.equal(alerts.length, 1);
      const card = cardIn(alerts[0]!);
      assert.equal(card.body[0].text, NEUTRAL);
      assert.equal(fact(card, 'Request'), 'I want to leave the unit');
      assert.ok(fact(card, 'Redeployment discussion due'), 'the redeployment deadline');
      assert.ok(!text(card).includes(note), 'no note');
      assert.match(text(card), /They added a note that was not shared with you/);
      assert.ok(actionsOf(card).some((a: any) => a.verb === 'redeployment.book'));
      assert.ok(actionsOf(card).some((a: any) => a.verb === 'redeployment.record'));
      assert.ok(!alertsTo(t, DEMO.priya!).some((c) => text(c.body).includes(id)), 'Priya hears nothing');
      assert.ok(!alertsTo(t, DEMO.bea!).some((c) => text(c.body).includes(id)), 'a colleague hears nothing');
    });

    it('the channel gets one neutral card whose details are for Sam and Dana only', async () => {
      const posts = channelCalls(t).filter((c) => c.operation === 'sendToConversation' && text(c.body).includes(id));
      assert.equal(posts.length, 1);
      assert.equal(posts[0]!.conversationId, SUPERVISOR_CHANNEL);
      const card = cardIn(posts[0]!);
      assert.deepEqual(cardProblems(card), []);
      assert.equal(card.body[0].text, NEUTRAL);
      assert.match(text(card), /A wellbeing alert for a member of Online Child Abuse Team 2 needs attention/);
      assert.match(text(card), /Assigned to Sam Okafor/);
      assert.deepEqual([...card.refresh.userIds].sort(), [DEMO.dana!.id, DEMO.sam!.id].sort());
      assert.equal(card.refresh.action.verb, 'alert.view');
      assertChannelNeutral(t, ['Alex', 'Moreno', note]);
    });

    it('alert.view from the channel: Sam gets the details (audited); Priya gets the neutral card and a denied audit row', async () => {
      const before = channelCalls(t).length;
      const forSam = await act(t, DEMO.sam!, 'alert.view', { declarationId: id }, 'channel');
      assert.equal(fact(forSam, 'Who'), 'Alex Moreno');
      assert.ok(text(forSam).includes(note));
      assert.deepEqual(
        [...forSam.refresh.userIds].sort(),
        [DEMO.dana!.id, DEMO.sam!.id].sort(),
        'the personal view keeps its refresh for the entitled only',
      );
      const forDana = await act(t, DEMO.dana!, 'alert.view', { declarationId: id }, 'channel');
      assert.equal(fact(forDana, 'Who'), 'Alex Moreno');
      assert.ok(!text(forDana).includes(note), 'Dana still does not see the note');

      const forPriya = await act(t, DEMO.priya!, 'alert.view', { declarationId: id }, 'channel');
      assert.match(text(forPriya), /A wellbeing alert for a member of Online Child Abuse Team 2 needs attention/);
      for (const s of ['Alex', note, 'I want to leave the unit']) assert.ok(!text(forPriya).includes(s), `Priya's card carries "${s}"`);
      const forBea = await act(t, DEMO.bea!, 'alert.view', { declarationId: id }, 'channel');
      assert.ok(!text(forBea).includes('Alex'), 'a colleague sees nothing either');

      const reads = (await auditSince(t)).filter((a) => a.action === 'declaration.read' && a.subject === `declaration:${id}`);
      assert.ok(reads.some((a) => a.actor === 'sam.okafor' && a.outcome === 'ok'));
      assert.ok(reads.some((a) => a.actor === 'dana.hughes' && a.outcome === 'ok'));
      assert.ok(
        reads.some((a) => a.actor === 'priya.shah' && a.outcome === 'denied'),
        "Priya's attempt is audited as denied",
      );
      assert.ok(reads.some((a) => a.actor === 'bea.clarke' && a.outcome === 'denied'));
      // The personal views travelled only in the invoke responses.
      assert.equal(channelCalls(t).length, before, 'nothing was posted to the channel');
    });

    it("acknowledging from the channel answers Sam's personal card in the invoke response only; the channel card and Dana's are updated in place", async () => {
      const channelPost = channelCalls(t).find((c) => c.operation === 'sendToConversation' && text(c.body).includes(id))!;
      const danaPost = responderAlertsTo(t, DEMO.dana!, id)[0]!;
      const samPost = responderAlertsTo(t, DEMO.sam!, id)[0]!;
      const callsBefore = t.connector.calls.length;

      const card = await act(t, DEMO.sam!, 'alert.acknowledge', { declarationId: id }, 'channel');
      assert.equal(fact(card, 'Status'), 'Acknowledged by Sam Okafor');
      assert.ok(text(card).includes(note));
      assert.equal((await declaration(t, id)).acknowledged?.by, 'sam.okafor');

      // What the click changed for others goes out through the outbox: at once (issue 15's express path,
      // alert lane) or at the next tick. Sam's own view travelled in the invoke response: no post to him.
      await t.haven.dispatcher.expressSettled();
      await t.tick();
      const after = t.connector.calls.slice(callsBefore);
      assert.ok(
        !after.some((c) => c.operation === 'sendToConversation' && c.conversationId === personalChatId(DEMO.sam!)),
        'no new message to Sam: his card came back in the invoke response',
      );
      const channelPut = after.filter((c) => c.operation === 'updateActivity' && c.conversationId === SUPERVISOR_CHANNEL);
      assert.equal(channelPut.length, 1, 'one PUT to the channel');
      assert.equal(channelPut[0]!.activityId, activityIdOf(channelPost), 'to the original channel card');
      assert.match(text(cardIn(channelPut[0]!)), /Assigned to Sam Okafor — in progress/);
      const danaPut = after.filter((c) => c.operation === 'updateActivity' && c.conversationId === personalChatId(DEMO.dana!));
      assert.equal(danaPut.length, 1);
      assert.equal(danaPut[0]!.activityId, activityIdOf(danaPost), "to Dana's original card");
      assert.equal(fact(cardIn(danaPut[0]!), 'Status'), 'Acknowledged by Sam Okafor');
      const samPut = after.filter((c) => c.operation === 'updateActivity' && c.conversationId === personalChatId(DEMO.sam!));
      assert.equal(samPut[0]?.activityId, activityIdOf(samPost), "Sam's own alert is updated too");
      assert.ok(!after.some((c) => c.operation === 'sendToConversation' && c.conversationId === SUPERVISOR_CHANNEL), 'no new channel post');
      // The cards as people now see them.
      assert.match(text(currentCard(t, SUPERVISOR_CHANNEL, activityIdOf(channelPost))), /in progress/);
      assert.ok(
        !text(currentCard(t, personalChatId(DEMO.sam!), activityIdOf(samPost))).includes('"verb":"alert.acknowledge"'),
        "no Acknowledge button left on Sam's card",
      );
      assertChannelNeutral(t, ['Alex', 'Moreno', note]);
    });

    it('a second click on Acknowledge says who did it and when, and changes nothing', async () => {
      const before = await declaration(t, id);
      const again = await act(t, DEMO.sam!, 'alert.acknowledge', { declarationId: id });
      assert.match(text(again), /Already done: acknowledged by Sam Okafor at 23 Nov 2026, 09:00\./);
      const byDana = await act(t, DEMO.dana!, 'alert.acknowledge', { declarationId: id });
      assert.match(text(byDana), /Already done: acknowledged by Sam Okafor at 23 Nov 2026, 09:00\./);
      assert.deepEqual(await declaration(t, id), before);
      const callsBefore = t.connector.calls.length;
      await t.tick();
      assert.equal(t.connector.calls.length, callsBefore, 'no card updates for a click that changed nothing');
    });

    it('never, through the whole journey, sends a personalised card to the channel (POST or PUT)', async () => {
      await act(t, DEMO.sam!, 'alert.assess', { declarationId: id, adjustments: 'offViewing', notes: 'spoke at length' }, 'channel');
      await act(t, DEMO.sam!, 'alert.confirmAccess', { declarationId: id }, 'channel');
      await act(t, DEMO.dana!, 'redeployment.record', { declarationId: id, outcome: 'stayingWithAdjustments' }, 'channel');
      await t.tick();
      assert.equal((await declaration(t, id)).status, 'closed');
      const puts = channelCalls(t).filter((c) => c.operation === 'updateActivity');
      assert.match(text(cardIn(puts.at(-1)!)), /done/);
      assertChannelNeutral(t, ['Alex', 'Moreno', note, 'spoke at length']);
    });
  });

  it('with the note shared with the supervisor and the department head, Dana sees it too', async () => {
    const note = 'please tell the DI as well';
    const r = await raise(t, DEMO.bea!, { kind: 'leave', note, share: 'supervisorAndHead' });
    await t.tick();
    assert.ok(text(responderAlertsTo(t, DEMO.sam!, r.id)[0]!.body).includes(note));
    const dana = cardIn(responderAlertsTo(t, DEMO.dana!, r.id)[0]!);
    assert.ok(text(dana).includes(note));
    assert.match(text(dana), /Their note \(shared with you\)/);
    assertChannelNeutral(t, ['Bea', 'Clarke', note]);
  });

  it('a break request alerts the supervisor only (no redeployment task for the department head)', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'break', note: 'just a break', share: 'supervisorAndHead' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1);
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0);
    const channel = channelCalls(t).filter((c) => c.operation === 'sendToConversation' && text(c.body).includes(r.id));
    assert.equal(channel.length, 1);
    assert.deepEqual(
      [...cardIn(channel[0]!).refresh.userIds].sort(),
      [DEMO.dana!.id, DEMO.sam!.id].sort(),
      'the department head may still open the details',
    );
    assertChannelNeutral(t, ['Alex', 'Moreno', 'just a break']);
  });
});
