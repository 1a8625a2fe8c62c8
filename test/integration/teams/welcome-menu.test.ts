// What each person receives, through restify → teams-ai → the fake Bot Connector: a welcome card
// per role with the two or three things they do most, "What can I ask Haven?" listing only their
// commands, and typed words Haven does not understand answered with that list, not the welcome.
import assert from 'node:assert/strict';
import { DEMO, inChannel, installPersonal, message, personalChatId, SUPERVISOR_CHANNEL, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act } from '../../support/haven-steps.ts';
import { actionsOf, factsOf, text } from '../../support/sent-cards.ts';
import { say } from '../journeys/helpers.ts';

/** The last card the person got in their chat. */
function lastCardTo(t: TestHaven, user: DemoUser): any {
  const call = t.connector
    .sentActivities()
    .filter((c) => c.conversationId === personalChatId(user))
    .at(-1);
  return (call?.body as any)?.attachments?.[0]?.content;
}

/** The buttons the welcome card leads with, and its own actions. */
function welcomeButtons(card: any): { lead: any[]; bottom: any[] } {
  const row = card.body.find((b: any) => b.type === 'ActionSet' && b.id === 'welcomeButtons');
  return { lead: row.actions, bottom: card.actions };
}

/** Presses a button as Teams would: an Action.Execute posts its verb; an imBack button types its words. */
async function press(t: TestHaven, user: DemoUser, button: any): Promise<any> {
  if (button.type === 'Action.Execute') return act(t, user, button.verb, button.data);
  assert.equal(button.data?.msteams?.type, 'imBack', JSON.stringify(button));
  const cards = await say(t, user, button.data.msteams.value);
  assert.equal(cards.length, 1, `one answer to "${button.data.msteams.value}"`);
  return cards[0];
}

const WHO: { user: () => DemoUser; role: string; lead: string[]; lists: string[]; never: string[] }[] = [
  {
    user: () => DEMO.alex!,
    role: 'officer',
    lead: ["I'm not okay", 'Check in', 'My status'],
    lists: ['not okay', 'status', 'check in', 'stage', 'suitability'],
    never: ['my team', 'unit overview', 'journey', 'absence'],
  },
  {
    user: () => DEMO.sam!,
    role: 'supervisor',
    lead: ['My team', 'Record an absence', "I'm not okay"],
    lists: ['not okay', 'my team', 'absence', 'check in'],
    never: ['unit overview', 'journey', 'stage'],
  },
  {
    user: () => DEMO.dana!,
    role: 'department head',
    lead: ['Unit overview', 'My team', "I'm not okay"],
    lists: ['unit overview', 'my team', 'absence', 'journey', 'new journey', 'process review'],
    never: ['check in', 'stage', 'withdraw'],
  },
  {
    user: () => DEMO.tom!,
    role: 'trainer',
    lead: ['Journeys to review', 'Process review', "I'm not okay"],
    lists: ['journey', 'process review', 'suitability'],
    never: ['my team', 'unit overview', 'new journey'],
  },
  {
    user: () => DEMO.hana!,
    role: 'HR',
    lead: ['Journeys', 'Open a journey', "I'm not okay"],
    lists: ['journey', 'new journey'],
    never: ['my team', 'unit overview', 'check in', 'process review'],
  },
  {
    user: () => DEMO.gus!,
    role: 'candidate',
    lead: ['My journey', 'Questionnaire', "I'm not okay"],
    lists: ['journey', 'questionnaire', 'withdraw'],
    never: ['check in', 'my team', 'suitability'],
  },
];

describe('the welcome card per role, "What can I ask Haven?" and words Haven does not understand', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven({ demoJourneys: true });
  });
  after(async () => t.close());

  for (const who of WHO) {
    it(`${who.role}: the welcome leads with ${who.lead.join(' / ')}, each of which answers with a card`, async () => {
      const user = who.user();
      assert.equal((await t.post(installPersonal(t.connector.url, user))).status, 200);
      await t.connector.waitFor(() => !!lastCardTo(t, user));
      const card = lastCardTo(t, user);
      assert.match(text(card), new RegExp(`Welcome to Haven, ${user.name.split(' ')[0]}`));
      // Everything the welcome must still show: who can see what, and your status.
      assert.match(text(card), /Who can see what/);
      assert.ok(factsOf(card).some((f) => f.title === 'Unit'));
      const { lead, bottom } = welcomeButtons(card);
      assert.deepEqual(
        lead.map((b: any) => b.title),
        who.lead,
      );
      // People who view material are also offered a private screen break (issue 14, part 1).
      const viewing = ['officer', 'supervisor', 'trainer'].includes(who.role);
      assert.deepEqual(
        bottom.map((b: any) => b.title),
        ['What can I ask Haven?', ...(viewing ? ["I'm stepping away for a bit"] : [])],
      );
      for (const button of lead) {
        const answer = await press(t, user, button);
        assert.equal(answer?.type, 'AdaptiveCard', button.title);
        assert.doesNotMatch(text(answer), /not recognised|I didn't catch that|Haven has nothing of that for you/, button.title);
        if (who.role === 'candidate')
          assert.doesNotMatch(text(answer), /suitability/i, 'a candidate is not sent to the annual questionnaire');
      }
    });

    it(`${who.role}: "What can I ask Haven?" lists their commands, one line each, and none of another role's`, async () => {
      const user = who.user();
      const card = await press(t, user, welcomeButtons(lastWelcome(t, user)).bottom[0]);
      assert.match(text(card), /What you can ask Haven/);
      const listed = factsOf(card).map((f) => f.title);
      for (const w of [...who.lists, 'what can I ask']) assert.ok(listed.includes(w), `${who.role} is told about "${w}"`);
      for (const w of who.never) assert.ok(!listed.includes(w), `${who.role} is not told about "${w}"`);
      assert.equal(new Set(listed).size, listed.length, 'each command once');
      assert.ok(
        actionsOf(card).some((a) => a.verb === 'declaration.open'),
        "I'm not okay stays one tap away",
      );
      // Typed, the same list.
      const [typed] = await say(t, user, 'What can I ask Haven?');
      assert.deepEqual(
        factsOf(typed).map((f) => f.title),
        listed,
      );
    });
  }

  it('typing something Haven does not understand answers with that list, not the welcome again', async () => {
    const [reply, ...more] = await say(t, DEMO.alex!, 'blorp the frobnicator');
    assert.equal(more.length, 0);
    assert.match(text(reply), /I didn't catch that\. Here is what you can ask:/);
    assert.doesNotMatch(text(reply), /Welcome to Haven/);
    assert.ok(factsOf(reply).some((f) => f.title === 'check in'));
    // Words that are a command, but with nothing for this person: the list too, saying so.
    const [withdraw] = await say(t, DEMO.alex!, 'withdraw');
    assert.match(text(withdraw), /Haven has nothing of that for you right now/);
    assert.doesNotMatch(text(withdraw), /Welcome to Haven/);
    // A greeting still brings the whole welcome.
    const [hi] = await say(t, DEMO.alex!, 'hi');
    assert.match(text(hi), /Welcome to Haven, Alex/);
  });

  it('a client that sends an imBack button as submitted data (no text) gets the same answer as typing the words', async () => {
    const before = t.connector.calls.length;
    const submitted = {
      ...message(t.connector.url, DEMO.alex!, ''),
      text: undefined,
      value: { msteams: { type: 'imBack', value: 'what can I ask' } },
    };
    assert.equal((await t.post(submitted)).status, 200);
    const calls = await t.connector.waitFor((cs) => cs.slice(before).some((c) => c.conversationId === personalChatId(DEMO.alex!)));
    const reply = calls.slice(before).find((c) => c.conversationId === personalChatId(DEMO.alex!))!;
    assert.match(text(reply.body), /What you can ask Haven/);
    assert.doesNotMatch(text(reply.body), /not recognised/);
  });

  it('in a channel, the team command list\'s "what can I ask" points to the private chat and shows nothing personal', async () => {
    const before = t.connector.calls.length;
    assert.equal((await t.post(inChannel(message(t.connector.url, DEMO.sam!, 'what can I ask')))).status, 200);
    const calls = await t.connector.waitFor((cs) => cs.slice(before).some((c) => String(c.conversationId).startsWith(SUPERVISOR_CHANNEL)));
    const reply = calls.slice(before).find((c) => String(c.conversationId).startsWith(SUPERVISOR_CHANNEL))!;
    assert.match(text(reply.body), /Haven works in your private chat/);
    assert.doesNotMatch(text(reply.body), /check in|my team|journey/);
  });

  it('"help" is still the way to ask for support (it opens the private request), and the list says so', async () => {
    const [help] = await say(t, DEMO.sam!, 'help');
    assert.ok(actionsOf(help).some((a) => a.verb === 'declaration.raise'));
    const [list] = await say(t, DEMO.sam!, 'what can I ask');
    assert.match(factsOf(list).find((f) => f.title === 'not okay')!.value, /"help" does the same/);
  });
});

function lastWelcome(t: TestHaven, user: DemoUser): any {
  return t.connector
    .sentActivities()
    .filter((c) => c.conversationId === personalChatId(user))
    .map((c) => (c.body as any)?.attachments?.[0]?.content)
    .filter((c) => c && /Welcome to Haven/.test(JSON.stringify(c)))
    .at(-1);
}
