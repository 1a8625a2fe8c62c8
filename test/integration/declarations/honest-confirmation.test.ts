// Honest to the person who asked (issue 13): the confirmation says only what is true. Before the alert
// got through, Haven "is telling" the responder; once the connector accepted it, the same card (the
// one that replaced the form) is updated in place to say who has the request. Whoever could not be
// reached is never named to the person who asked. And an update of a card that was never delivered
// does not make a responder who has since become reachable look unreachable again.
import assert from 'node:assert/strict';
import { DEMO, actionExecute, installPersonal, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { currentCard, responderAlertsTo, text } from '../../support/sent-cards.ts';

const FORM = 'form-card-of-alex';

async function raiseFromForm(t: TestHaven, kind: string) {
  return raise(t, DEMO.alex!, { kind }, actionExecute(t.connector.url, DEMO.alex!, 'declaration.raise', { kind }, FORM));
}

/** PUTs to Alex's chat that replaced the card the form was in. */
function confirmationUpdates(t: TestHaven) {
  return t.connector.calls.filter(
    (c) => c.operation === 'updateActivity' && c.conversationId === personalChatId(DEMO.alex!) && c.activityId === FORM,
  );
}

describe('declarations: an honest confirmation', () => {
  let t: TestHaven;
  beforeEach(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  afterEach(async () => t?.close());

  it('says Haven is telling Sam now, then, once his alert got through, is updated in place to say Sam has the request', async () => {
    const r = await raiseFromForm(t, 'break');
    const first = text(r.card);
    assert.match(first, /Haven is telling Sam Okafor now, privately/);
    assert.doesNotMatch(first, /has been alerted|has been told|has your request/, 'nothing claims a delivery that has not happened');
    assert.equal(confirmationUpdates(t).length, 0);

    await t.tick(); // the alert goes to Sam
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1);
    await t.tick(); // Haven notices it got through and updates the confirmation
    const updates = confirmationUpdates(t);
    assert.equal(updates.length, 1, 'the confirmation is updated once, in place');
    assert.ok(updates[0]!.status >= 200 && updates[0]!.status < 300);
    const now = text(currentCard(t, personalChatId(DEMO.alex!), FORM));
    assert.match(now, /Sam Okafor has your request and will be in touch/);
    assert.doesNotMatch(now, /Haven is telling/);
    assert.match(now, /Haven has an update for you/);
    assert.equal((await declaration(t, r.id)).confirmation?.says, 'sam.okafor');
    assert.ok(
      !t.connector.calls.some(
        (c) => c.operation === 'sendToConversation' && c.conversationId === personalChatId(DEMO.alex!) && text(c.body).includes(r.id),
      ),
      'no second message: the card Alex already has changes',
    );
    // More ticks change nothing.
    await t.tick();
    await t.tick();
    assert.equal(confirmationUpdates(t).length, 1);
  });

  it('when Sam cannot be reached, the confirmation and the status name only who has the request now: the department head', async () => {
    t.connector.blockConversation(personalChatId(DEMO.sam!));
    const r = await raiseFromForm(t, 'break');
    assert.match(text(r.card), /Haven is telling Sam Okafor now/, 'true when it was said');
    await t.tick(); // Sam is refused (403): passed over at once, Dana alerted
    await t.tick(); // Dana's alert got through: the confirmation says so
    assert.equal((await declaration(t, r.id)).onCall?.personId, 'dana.hughes');
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 1);
    const now = text(currentCard(t, personalChatId(DEMO.alex!), FORM));
    assert.match(now, /Dana Hughes, the department head, has been told and will be in touch/);
    assert.doesNotMatch(now, /Sam Okafor|could not be reached/, 'never who could not be reached');

    const status = text(await act(t, DEMO.alex!, 'declaration.status', { declarationId: r.id }));
    assert.doesNotMatch(status, /Sam Okafor|could not be reached/);
    assert.match(status, /Dana Hughes/);
  });

  it('with no card to replace (no replyToId), the update arrives as one new message and nothing is reported unreachable', async () => {
    // Raised with Action.Submit (no card to replace): the update goes as a new message to Alex's chat.
    const r = await raise(
      t,
      DEMO.alex!,
      { kind: 'talk' },
      { ...actionExecute(t.connector.url, DEMO.alex!, 'declaration.raise', { kind: 'talk' }), replyToId: '' },
    );
    await t.tick();
    await t.tick();
    const posted = t.connector.calls.filter(
      (c) => c.operation === 'sendToConversation' && c.conversationId === personalChatId(DEMO.alex!) && text(c.body).includes(r.id),
    );
    assert.equal(posted.length, 1, 'without a card to replace, the update is one new message');
    assert.match(text(posted[0]!.body), /Sam Okafor has your request/);
    assert.ok(!(await auditSince(t)).some((a) => a.action === 'delivery.unreachable' && a.subject === 'person:alex.moreno'));
  });
});

describe('every proactive message says "Haven has an update for you" once', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  after(async () => t?.close());

  it('the card opens with the neutral line; the activity carries it only as its (neutral) summary, never as a second text bubble', async () => {
    const r = await raiseFromForm(t, 'leave');
    await t.tick();
    await t.tick();
    await act(t, DEMO.sam!, 'alert.acknowledge', { declarationId: r.id });
    await t.tick();
    const written = t.connector.calls.filter(
      (c) => (c.operation === 'sendToConversation' || c.operation === 'updateActivity') && c.status >= 200 && c.status < 300,
    );
    const withCards = written.filter((c) => (c.body as any)?.attachments?.length);
    assert.ok(withCards.length >= 6, `alerts, the channel post, card updates and Alex's updates (${withCards.length})`);
    for (const c of withCards) {
      const body = c.body as any;
      const card = body.attachments[0].content;
      assert.equal(card.body[0].text, 'Haven has an update for you', 'the first line of the card is neutral');
      assert.equal(body.summary, 'Haven has an update for you', 'the notification summary is neutral');
      assert.equal(body.text, undefined, 'no text bubble beside the card');
      const shown = [body.text, ...JSON.stringify(card).matchAll(/Haven has an update for you/g)].filter(Boolean);
      assert.equal(shown.length, 1, `once in what Teams renders (${c.operation} ${c.conversationId})`);
    }
  });
});

describe('declarations: a responder who became reachable is not skipped again', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  after(async () => t?.close());

  it('Sam (Haven removed) is passed over; he installs Haven; when the chain comes back to him he keeps the request for his 15 minutes', async () => {
    await t.haven.deps.conversations.remove({ kind: 'person', personId: 'sam.okafor' });
    const r = await raiseFromForm(t, 'break');
    await t.tick();
    let d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'dana.hughes', 'Sam could not be reached: Dana at once');
    assert.equal(d.timeline.filter((e) => e.event === 'unreachable' && e.personId === 'sam.okafor').length, 1);

    // Sam installs Haven; Dana does nothing for her 30 minutes; the chain comes back to Sam.
    assert.equal((await t.post(installPersonal(t.connector.url, DEMO.sam!))).status, 200);
    t.clock.advance(30 * MIN);
    await t.tick();
    await t.tick();
    d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'sam.okafor', 'Sam has the request again');
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1, 'and his alert reached him');
    assert.equal(
      d.timeline.filter((e) => e.event === 'unreachable' && e.personId === 'sam.okafor').length,
      1,
      'the refresh of his first (never delivered) card does not count as him being unreachable',
    );
    // The update of Sam's first card was dropped, not failed against him.
    const firstAlert = d.messages!.find((m) => m.viewer === 'sam.okafor')!.outboxId;
    const updates = (await t.haven.outbox.list()).map((m) => m.value).filter((m) => m.updateOf === firstAlert);
    assert.ok(updates.length > 0);
    for (const u of updates) assert.match(u.lastError ?? '', /never delivered; nothing to update/);

    t.clock.advance(14 * MIN);
    await t.tick();
    assert.equal((await declaration(t, r.id)).onCall?.personId, 'sam.okafor', 'still Sam until his 15 minutes are up');
    assert.match(text(currentCard(t, personalChatId(DEMO.alex!), FORM)), /Sam Okafor has your request/);
  });
});
