// `npm start`'s demo installations, on real Azurite: every Playground person on the roster becomes
// reachable in the Playground's one personal chat, so an alert raised by Alex reaches Sam there; an
// existing reference is never replaced; production mode and a connector off this machine are refused.
import assert from 'node:assert/strict';
import { recordDemoInstallations, type PlaygroundSetup } from '../../../src/cli/demo-installations.ts';
import { DEMO, DEMO_BOT, DEMO_TENANT, SUPERVISOR_CHANNEL, TEAM_ID, installPersonal, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { PEOPLE } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { cardIn, responderAlertsTo, text } from '../../support/sent-cards.ts';

const PLAYGROUND_CHAT = 'a:haven-demo-personal-chat';
const user = (u: { id: string; name: string; aadObjectId: string }) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId });

function setupFor(t: TestHaven, serviceUrl = t.connector.url): PlaygroundSetup {
  return {
    serviceUrl,
    tenantId: DEMO_TENANT,
    botId: DEMO_BOT,
    personalChatId: PLAYGROUND_CHAT,
    currentUser: user(DEMO.alex!),
    users: [DEMO.sam!, DEMO.priya!, DEMO.dana!, DEMO.tom!, DEMO.gus!].map(user).concat({
      id: '29:not-on-the-roster',
      name: 'Someone Else',
      aadObjectId: '00000000-0000-4000-8000-0000000000ff',
    }),
    channelIds: [TEAM_ID, SUPERVISOR_CHANNEL],
  };
}

describe('demo installations (npm start, local mode)', () => {
  let t: TestHaven;
  beforeEach(async () => {
    t = await startTestHaven();
  });
  afterEach(async () => t?.close());

  it("records everyone in the Playground who is on the roster, in its personal chat, and Alex's request reaches Sam there", async () => {
    const result = await recordDemoInstallations(t.haven.config, t.haven.deps, setupFor(t));
    assert.deepEqual(result, { recorded: 6, kept: 0, notOnRoster: 1, channels: 2 });
    for (const id of [PEOPLE.alex, PEOPLE.sam, PEOPLE.priya, PEOPLE.dana, PEOPLE.tom, 'gus.novak']) {
      const ref = await t.haven.deps.conversations.get({ kind: 'person', personId: id });
      assert.equal(ref?.value.conversationId, PLAYGROUND_CHAT, id);
      assert.equal(ref?.value.serviceUrl, t.connector.url);
      assert.equal(ref?.value.tenantId, DEMO_TENANT);
      assert.equal(ref?.value.botId, DEMO_BOT);
    }
    assert.equal(
      (await t.haven.deps.conversations.get({ kind: 'channel', channelId: SUPERVISOR_CHANNEL }))?.value.serviceUrl,
      t.connector.url,
    );

    // Nobody installed anything by hand: Alex asks to talk, and Sam's alert goes to the Playground's chat.
    await raise(t, DEMO.alex!, { kind: 'talk', share: 'supervisor' });
    await t.tick();
    const alerts = t.connector.calls.filter(
      (c) => c.operation === 'sendToConversation' && c.conversationId === PLAYGROUND_CHAT && c.status >= 200 && c.status < 300,
    );
    assert.ok(
      alerts.some((c) => text(cardIn(c)).includes('Alex Moreno would like to talk to someone')),
      "Sam's alert was delivered to the Playground's chat",
    );
    const d = (await t.haven.deps.declarations.listOpen())[0]!.value;
    assert.equal(d.onCall?.personId, PEOPLE.sam, 'Sam has the request (nobody was skipped as unreachable)');
  });

  it('never replaces a reference Haven already holds, and a second start records nothing new', async () => {
    // Sam really installed Haven in his own chat before the demo start.
    assert.equal((await t.post(installPersonal(t.connector.url, DEMO.sam!))).status, 200);
    assert.deepEqual(await recordDemoInstallations(t.haven.config, t.haven.deps, setupFor(t)), {
      recorded: 5,
      kept: 1,
      notOnRoster: 1,
      channels: 2,
    });
    assert.equal(
      (await t.haven.deps.conversations.get({ kind: 'person', personId: PEOPLE.sam }))?.value.conversationId,
      personalChatId(DEMO.sam!),
    );
    assert.deepEqual(await recordDemoInstallations(t.haven.config, t.haven.deps, setupFor(t)), {
      recorded: 0,
      kept: 6,
      notOnRoster: 1,
      channels: 0,
    });

    await raise(t, DEMO.alex!, { kind: 'talk', share: 'supervisor' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!).length, 1, "Sam's alert went to his own chat");
  });

  it('refuses production mode and a connector that is not on this machine, and records nothing', async () => {
    await assert.rejects(recordDemoInstallations({ mode: 'production' }, t.haven.deps, setupFor(t)), /local mode only/);
    await assert.rejects(
      recordDemoInstallations(t.haven.config, t.haven.deps, setupFor(t, 'https://smba.trafficmanager.net/uk/')),
      /on this machine/,
    );
    await assert.rejects(
      recordDemoInstallations(t.haven.config, t.haven.deps, setupFor(t, 'http://192.0.2.10:56150/_connector')),
      /on this machine/,
    );
    assert.deepEqual(await t.haven.deps.conversations.list(), []);
  });
});
