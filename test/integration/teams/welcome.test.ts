import assert from 'node:assert/strict';
import { DEMO, DEMO_BOT, installPersonal, message, actionExecute, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { actionsOf } from '../../support/sent-cards.ts';

function cardOf(body: any): any {
  return body?.attachments?.[0]?.content;
}

describe('welcome card through restify → teams-ai → workflow → fake connector', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it("answers an install with the welcome card: neutral first line, status, visibility, the I'm not okay button", async () => {
    const r = await t.post(installPersonal(t.connector.url, DEMO.alex!));
    assert.equal(r.status, 200);
    const [call] = await t.connector.waitFor((calls) =>
      calls.some((c) => c.operation === 'replyToActivity' || c.operation === 'sendToConversation'),
    );
    const card = cardOf(t.connector.sentActivities()[0]!.body);
    assert.equal(card.body[0].text, 'Haven has an update for you');
    const text = JSON.stringify(card);
    assert.match(text, /Welcome to Haven, Alex/);
    assert.match(text, /Online Child Abuse Team 2/);
    assert.match(text, /Sam Okafor/);
    assert.ok(actionsOf(card).some((a: any) => a.verb === 'declaration.open' && a.title === "I'm not okay"));
    assert.ok(call);
    const ref = await t.haven.deps.conversations.get({ kind: 'person', personId: 'alex.moreno' });
    assert.ok(ref, 'the personal conversation reference is stored');
  });

  it('welcomes once when Teams sends both installationUpdate and conversationUpdate, and once on a conversationUpdate alone', async () => {
    const welcomesTo = (id: string) =>
      t.connector.sentActivities().filter((c) => c.conversationId === id && /Welcome to Haven/.test(JSON.stringify(c.body))).length;
    const membersAdded = (u: typeof DEMO.bea) => ({
      ...message(t.connector.url, u!, ''),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: DEMO_BOT }, { id: u!.id }],
    });
    await t.post(installPersonal(t.connector.url, DEMO.bea!));
    await t.post(membersAdded(DEMO.bea));
    await t.connector.waitFor(() => welcomesTo(personalChatId(DEMO.bea!)) >= 1);
    assert.equal(welcomesTo(personalChatId(DEMO.bea!)), 1);
    await t.post(membersAdded(DEMO.chris));
    await t.connector.waitFor(() => welcomesTo(personalChatId(DEMO.chris!)) >= 1);
    await t.post(membersAdded(DEMO.chris));
    assert.equal(welcomesTo(personalChatId(DEMO.chris!)), 1);
  });

  it('opens the private declaration card from the button and from typed words', async () => {
    const r = await t.post(actionExecute(t.connector.url, DEMO.alex!, 'declaration.open'));
    assert.equal(r.status, 200);
    assert.equal(r.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(r.body.value), /I want to leave the unit/);
    const before = t.connector.sentActivities().length;
    await t.post(message(t.connector.url, DEMO.alex!, "I'm NOT okay"));
    await t.connector.waitFor(() => t.connector.sentActivities().length > before);
    assert.match(JSON.stringify(t.connector.sentActivities().at(-1)!.body), /What do you need\?/);
  });

  it('answers an unknown verb with a friendly card and changes nothing', async () => {
    const outboxBefore = (await t.haven.outbox.list()).length;
    const r = await t.post(actionExecute(t.connector.url, DEMO.alex!, 'alert.nuke'));
    assert.equal(r.status, 200);
    assert.match(JSON.stringify(r.body.value), /not recognised/);
    assert.equal((await t.haven.outbox.list()).length, outboxBefore);
  });

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const r = await fetch(`${t.haven.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    assert.equal(r.status, 400);
    const text = await r.text();
    assert.doesNotMatch(text, /at .*\.js|stack/i);
  });
});
