// Someone Haven does not know, whose name Teams did not send, is welcomed without a made-up name:
// "Welcome to Haven", never "Welcome to Haven, there" (issue 13, "Honest to those who ask").
import assert from 'node:assert/strict';
import { message } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { cardIn, text } from '../../support/sent-cards.ts';

describe('welcome card for someone whose name Haven does not know', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('says "Welcome to Haven" and nothing after it; with a name Teams sent, that first name', async () => {
    const stranger = { id: '29:not-on-the-roster', aadObjectId: '00000000-0000-4000-8000-0000000000ff', name: '' };
    const unnamed = { ...message(t.connector.url, stranger, 'hello'), from: { id: stranger.id, aadObjectId: stranger.aadObjectId } };
    assert.equal((await t.post(unnamed)).status, 200);
    const [call] = (await t.connector.waitFor((calls) => calls.some((c) => c.conversationId === unnamed.conversation.id))).filter(
      (c) => c.conversationId === unnamed.conversation.id,
    );
    const card = cardIn(call!);
    const heading = card.body.find((b: any) => /^Welcome to Haven/.test(b.text ?? ''));
    assert.equal(heading?.text, 'Welcome to Haven');
    assert.doesNotMatch(text(card), /, there|there,/);

    const named = { ...stranger, id: '29:also-not-on-the-roster', name: 'Robin Ash' };
    const withName = message(t.connector.url, named, 'hello');
    assert.equal((await t.post(withName)).status, 200);
    const calls = await t.connector.waitFor((all) => all.some((c) => c.conversationId === withName.conversation.id));
    assert.match(text(cardIn(calls.find((c) => c.conversationId === withName.conversation.id)!)), /Welcome to Haven, Robin/);
  });
});
