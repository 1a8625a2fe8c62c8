// Removal from viewing through Microsoft Graph (the Entra group that grants access to the grading
// systems): automatic where configured; when it fails or is not configured, the supervisor's card
// carries a mandatory "confirm access removed" step and the request stays open until it is done.
import assert from 'node:assert/strict';
import { DEMO, personalChatId } from '../../support/activities.ts';
import { startFakeGraph, type FakeGraph } from '../../support/fake-graph.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { activityIdOf, cardIn, currentCard, responderAlertsTo, text, actionsOf } from '../../support/sent-cards.ts';

const GROUP = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TOKEN = 'fake-graph-token-123';
const CONFIRM_STEP = 'Confirm grading access removed';

/** Every version of Sam's alert about this request: the POST and every PUT. */
function samCardVersions(t: TestHaven, id: string): any[] {
  const chat = personalChatId(DEMO.sam!);
  return t.connector.calls
    .filter(
      (c) =>
        c.conversationId === chat &&
        (c.operation === 'sendToConversation' || c.operation === 'updateActivity') &&
        text(c.body).includes(id) &&
        /alert\.(view|acknowledge|assess)|Record risk assessment/.test(text(c.body)),
    )
    .map(cardIn);
}

function samCurrentCard(t: TestHaven, id: string): any {
  return currentCard(t, personalChatId(DEMO.sam!), activityIdOf(responderAlertsTo(t, DEMO.sam!, id)[0]!));
}

describe('declarations: removal from viewing through Microsoft Graph', () => {
  describe('configured, and Graph answers', () => {
    let graph: FakeGraph;
    let t: TestHaven;
    before(async () => {
      graph = await startFakeGraph();
      t = await startTestHaven({ env: { HAVEN_VIEWING_GROUP_ID: GROUP, HAVEN_GRAPH_URL: graph.url }, graphToken: async () => TOKEN });
      await setUpUnit(t);
    });
    after(async () => {
      await t?.close();
      await graph?.close();
    });

    it('a break: DELETEs Alex from the group with the bearer token; removed automatically; Sam is never asked to confirm it', async () => {
      const r = await raise(t, DEMO.alex!, { kind: 'break' });
      assert.equal((await declaration(t, r.id)).automaticRemoval, 'pending');
      await t.tick();
      const removals = graph.requests.filter((q) => q.method === 'DELETE');
      assert.equal(removals.length, 1);
      assert.equal(removals[0]!.path, `/v1.0/groups/${GROUP}/members/${DEMO.alex!.aadObjectId}/$ref`);
      assert.equal(removals[0]!.groupId, GROUP);
      assert.equal(removals[0]!.memberId, DEMO.alex!.aadObjectId);
      assert.equal(removals[0]!.authorization, `Bearer ${TOKEN}`);
      const d = await declaration(t, r.id);
      assert.equal(d.accessRemoval, 'removedAutomatically');
      assert.equal(d.automaticRemoval, 'done');
      assert.ok(d.timeline.some((e) => e.event === 'accessRemovalConfirmed' && e.detail === 'automatic'));

      const versions = samCardVersions(t, r.id);
      assert.ok(versions.length >= 1);
      for (const card of versions) {
        assert.ok(!text(card).includes(CONFIRM_STEP), "no confirm step in any version of Sam's card");
        assert.ok(!actionsOf(card).some((a: any) => a.verb === 'alert.confirmAccess'), 'no "Access removed" button');
      }
      assert.match(text(samCurrentCard(t, r.id)), /Grading access removed automatically/);

      // The risk assessment is then all a break needs.
      await act(t, DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'offViewing,welfareDay' });
      assert.equal((await declaration(t, r.id)).status, 'closed');
      // Once done, Haven does not call Graph again.
      await t.tick();
      assert.equal(graph.requests.length, 1);
    });

    it('a leave request is removed too; a talk request never touches Graph', async () => {
      const talk = await raise(t, DEMO.bea!, { kind: 'talk' });
      await t.tick();
      assert.equal(graph.requests.filter((q) => q.memberId === DEMO.bea!.aadObjectId).length, 0);
      assert.equal((await declaration(t, talk.id)).accessRemoval, 'notNeeded');
      const leave = await raise(t, DEMO.dev!, { kind: 'leave' });
      await t.tick();
      assert.equal(graph.requests.filter((q) => q.memberId === DEMO.dev!.aadObjectId && q.method === 'DELETE').length, 1);
      assert.equal((await declaration(t, leave.id)).accessRemoval, 'removedAutomatically');
    });

    it("when Graph answers 500: the supervisor's card carries the mandatory confirm step and the request stays open until confirmed", async () => {
      graph.failWith(500);
      try {
        const r = await raise(t, DEMO.chris!, { kind: 'break' });
        await t.tick();
        assert.equal(graph.requests.filter((q) => q.memberId === DEMO.chris!.aadObjectId).at(-1)?.status, 500);
        let d = await declaration(t, r.id);
        assert.equal(d.accessRemoval, 'awaitingConfirmation');
        assert.equal(d.automaticRemoval, 'failed');

        const card = samCurrentCard(t, r.id);
        assert.ok(text(card).includes(CONFIRM_STEP));
        assert.match(text(card), /Automatic removal from the grading-access group failed/);
        assert.ok(actionsOf(card).some((a: any) => a.verb === 'alert.confirmAccess' && a.title === 'Access removed'));

        await act(t, DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'offViewing' });
        d = await declaration(t, r.id);
        assert.equal(d.status, 'assessed', 'open until access removal is confirmed');
        assert.match(
          text(await act(t, DEMO.chris!, 'declaration.status', { declarationId: r.id })),
          /waiting for grading access to be removed/,
        );
        await act(t, DEMO.sam!, 'alert.confirmAccess', { declarationId: r.id });
        d = await declaration(t, r.id);
        assert.equal(d.accessRemoval, 'confirmed');
        assert.equal(d.status, 'closed');
      } finally {
        graph.failWith(undefined);
      }
    });
  });

  describe('not configured', () => {
    let graph: FakeGraph;
    let t: TestHaven;
    before(async () => {
      graph = await startFakeGraph(); // running, but Haven is not told about it
      t = await startTestHaven();
      await setUpUnit(t);
    });
    after(async () => {
      await t?.close();
      await graph?.close();
    });

    it('the supervisor must confirm by hand: the step is on the card from the first alert, and the request stays open until it is done', async () => {
      const r = await raise(t, DEMO.alex!, { kind: 'break' });
      await t.tick();
      let d = await declaration(t, r.id);
      assert.equal(d.accessRemoval, 'awaitingConfirmation');
      assert.equal(d.automaticRemoval, undefined);
      const first = cardIn(responderAlertsTo(t, DEMO.sam!, r.id)[0]!);
      assert.ok(text(first).includes(CONFIRM_STEP));
      assert.match(text(first), /Remove their access to the grading systems now, then confirm here/);
      assert.ok(actionsOf(first).some((a: any) => a.verb === 'alert.confirmAccess' && a.title === 'Access removed'));

      await act(t, DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'reducedViewing' });
      assert.equal((await declaration(t, r.id)).status, 'assessed');
      await act(t, DEMO.sam!, 'alert.confirmAccess', { declarationId: r.id });
      d = await declaration(t, r.id);
      assert.equal(d.status, 'closed');
      assert.ok(d.timeline.some((e) => e.event === 'accessRemovalConfirmed' && e.personId === 'sam.okafor'));
      assert.equal(graph.requests.length, 0, 'Graph was never called');
    });
  });
});
