// End to end in the Microsoft 365 Agents Playground, driven in Chromium: the welcome card, a
// declaration with its supervisor alert, the neutral channel card, and a card updated in place.
import assert from 'node:assert/strict';
import { DEMO_TENANT } from '../support/activities.ts';
import { card, openPlayground, waitUntil, type PlaygroundSession } from '../support/playground.ts';

const PERSONAL = 'a:haven-demo-personal-chat';
const SUPERVISORS = '19:haven-demo-supervisors@thread.tacv2';
const SAM = { id: '29:haven-demo-sam', aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Sam Okafor' };
const DANA = { id: '29:haven-demo-dana', aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Dana Hughes' };

describe('Haven in the Agents Playground (Chromium)', function () {
  this.timeout(180_000);
  let s: PlaygroundSession;

  before(async () => {
    s = await openPlayground();
  });
  after(async () => {
    await s?.close();
  });

  it("shows the welcome card in the personal chat, neutral first line and the I'm not okay button", async () => {
    await s.page.goto(s.url);
    await s.page.getByText('Welcome to Haven, Alex').first().waitFor({ timeout: 60_000 });
    await s.page.getByText('Haven has an update for you').first().waitFor();
    await s.page.getByText('Who can see what').first().waitFor();
    assert.ok(await s.page.getByRole('button', { name: "I'm not okay" }).first().isVisible());
    await s.screenshot('01-welcome');
  });

  it('raises "I want to leave": confirmation and support at once, the supervisor alerted privately, a neutral channel card', async () => {
    // Sam and Dana have Haven installed, and the Supervisors channel has spoken to it: Haven holds
    // their conversation references (the Playground gives every user the same personal chat).
    for (const user of [SAM, DANA]) {
      await s.customActivity({
        type: 'installationUpdate',
        action: 'add',
        from: user,
        conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
      });
    }
    await s.customActivity({
      type: 'message',
      text: 'hello',
      from: SAM,
      conversation: { id: SUPERVISORS, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT },
    });
    await waitUntil(
      async () =>
        !!(await s.haven.deps.conversations.get({ kind: 'channel', channelId: SUPERVISORS })) &&
        !!(await s.haven.deps.conversations.get({ kind: 'person', personId: 'dana.hughes' })),
    );

    await card(s, 'Welcome to Haven, Alex').getByRole('button', { name: "I'm not okay" }).click();
    const form = card(s, 'What do you need?');
    await form.waitFor();
    await form.getByText('I want to leave the unit').click();
    await s.screenshot('02-declaration-form');
    await form.getByRole('button', { name: 'Send' }).click();
    await s.page.getByText('Your request to leave the unit is in').first().waitFor({ timeout: 20_000 });
    // Action.Execute replaced the form in place: the card that was clicked is now the confirmation.
    assert.equal(
      await s.page.locator('.ac-adaptiveCard').filter({ hasText: 'What do you need?' }).count(),
      0,
      'the form was updated in place',
    );
    await s.page.getByText('116 123').first().waitFor();
    await s.page.getByText('No detriment').first().waitFor();
    await s.screenshot('03-confirmation');

    const person = await s.haven.deps.people.get('alex.moreno');
    assert.equal(person?.value.viewingStatus, 'notViewing');

    // Sam's private alert arrives through the outbox in the (shared) personal chat.
    await s.page.getByText('Alex Moreno wants to leave the unit').first().waitFor({ timeout: 30_000 });
    await s.screenshot('04-supervisor-alert');

    // The channel shows only the neutral card.
    await s.page.getByText('Supervisors').first().click();
    await s.page
      .getByText('A wellbeing alert for a member of Online Child Abuse Team 2 needs attention')
      .first()
      .waitFor({ timeout: 30_000 });
    const channelText = await s.page.locator('body').innerText();
    assert.doesNotMatch(channelText, /wants to leave the unit/);
    await s.screenshot('05-channel-neutral');
  });

  it("re-checks who is clicking: the officer pressing Acknowledge on the supervisor's card changes nothing; Sam acknowledging moves the channel card on", async () => {
    await s.page.getByText('Personal Chat').first().click();
    const ack = card(s, 'Alex Moreno wants to leave the unit').getByRole('button', { name: 'Acknowledge' });
    await ack.waitFor({ timeout: 20_000 });
    await ack.click();
    // The officer is the one who asked: the server refuses and shows them their own request instead.
    await s.page
      .getByText('Only the people looking after this request now can act on it. Nothing was changed.')
      .first()
      .waitFor({ timeout: 20_000 });
    await s.page.getByText('Your request: I want to leave the unit').first().waitFor();
    const [open] = await s.haven.deps.declarations.listOpen();
    assert.ok(open);
    assert.equal(open.value.acknowledged, undefined, 'the officer could not acknowledge their own alert');
    await s.screenshot('06-not-entitled');

    // Sam acknowledges (as Sam, through the Playground's connector); his card and the channel card update.
    await s.customActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: SAM,
      conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
      value: {
        action: { type: 'Action.Execute', verb: 'alert.acknowledge', data: { verb: 'alert.acknowledge', declarationId: open.value.id } },
        trigger: 'manual',
      },
    });
    await waitUntil(async () => (await s.haven.deps.declarations.get(open.value.id))?.value.acknowledged?.by === 'sam.okafor');
    // Teams updates the card in place (PUT, proven against the fake connector in the integration
    // tests); the Playground answers sends without an activity id, so the new state arrives as a new card.
    await s.page.getByText('Supervisors').first().click();
    await s.page
      .getByText(/in progress/)
      .first()
      .waitFor({ timeout: 30_000 });
    await s.screenshot('07-channel-updated-in-place');
  });
});
