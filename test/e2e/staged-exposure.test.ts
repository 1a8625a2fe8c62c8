// End to end in the Microsoft 365 Agents Playground, in Chromium: Alex (the Playground's current
// user, a new joiner) walks staged exposure C → B → one step back → B → A, saying "I feel ready" in
// the UI; Sam confirms each stage as himself through the Playground's connector (the UI cannot
// switch users). The reflection period is set to 0 days for this run (HAVEN_STAGE_REFLECTION_DAYS);
// the 7-day default and its refusal are proven with a fake clock in the integration tests.
import assert from 'node:assert/strict';
import { DEMO_TENANT } from '../support/activities.ts';
import { card, openPlayground, waitUntil, type PlaygroundSession } from '../support/playground.ts';

const PERSONAL = 'a:haven-demo-personal-chat';
const SAM = { id: '29:haven-demo-sam', aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Sam Okafor' };
const TOM = { id: '29:haven-demo-tom', aadObjectId: '00000000-0000-4000-8000-000000000004', name: 'Tom Reed' };

describe('staged exposure in the Agents Playground (Chromium)', function () {
  this.timeout(240_000);
  let s: PlaygroundSession;

  before(async () => {
    s = await openPlayground({ HAVEN_STAGE_REFLECTION_DAYS: '0' });
    await s.page.goto(s.url);
    await s.page.getByText('Welcome to Haven, Alex').first().waitFor({ timeout: 60_000 });
    // Sam (supervisor) and Tom (trainer) both confirm stages: both have Haven installed.
    for (const user of [SAM, TOM])
      await s.customActivity({
        type: 'installationUpdate',
        action: 'add',
        from: user,
        conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
      });
    await waitUntil(
      async () =>
        !!(await s.haven.deps.conversations.get({ kind: 'person', personId: 'sam.okafor' })) &&
        !!(await s.haven.deps.conversations.get({ kind: 'person', personId: 'tom.reed' })),
    );
  });
  after(async () => {
    await s?.close();
  });

  const stageOf = async () => (await s.haven.deps.stages.get('alex.moreno'))?.value;

  async function say(text: string): Promise<void> {
    const box = s.page.locator('div[role="textbox"][contenteditable="true"]').last();
    await box.click();
    await box.fill(text);
    await box.press('Enter');
  }

  async function samConfirms(): Promise<void> {
    await s.customActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: SAM,
      conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
      value: {
        action: { type: 'Action.Execute', verb: 'stage.confirm', data: { verb: 'stage.confirm', personId: 'alex.moreno' } },
        trigger: 'manual',
      },
    });
  }

  it('Alex opens their stage card and says "I feel ready"; Sam is asked to confirm stage C', async () => {
    await say('stage');
    await card(s, 'You meet the material in stages').waitFor({ timeout: 20_000 });
    await s.screenshot('stage-01-not-started');
    await card(s, 'You meet the material in stages').getByRole('button', { name: 'I feel ready' }).click();
    await s.page.getByText('You said you feel ready for stage C').first().waitFor({ timeout: 20_000 });
    // Sam's request to confirm is a line in his tray (his daily digest), not a card of its own.
    await waitUntil(async () => !!(await s.haven.deps.tray.get('sam.okafor', 'stage:alex.moreno:C'))?.value, 30_000);
    await s.screenshot('stage-02-ready-for-c');
  });

  it('Sam confirms: Alex is at stage C, and is told in their chat', async () => {
    await samConfirms();
    await waitUntil(async () => (await stageOf())?.stage === 'C');
    await s.page.getByText('Confirmed: you are now at stage C.').first().waitFor({ timeout: 30_000 });
    await s.screenshot('stage-03-at-c');
  });

  it('Alex types "I feel ready" and Sam confirms stage B', async () => {
    await say('I feel ready');
    await s.page.getByText('You said you feel ready for stage B').first().waitFor({ timeout: 20_000 });
    await samConfirms();
    await waitUntil(async () => (await stageOf())?.stage === 'B');
    await s.page.getByText('Confirmed: you are now at stage B.').first().waitFor({ timeout: 30_000 });
    await s.screenshot('stage-04-at-b');
  });

  it('Alex steps back, no reason asked: back at stage C, recorded without judgement', async () => {
    const current = card(s, 'Confirmed: you are now at stage B.');
    // Pausing and stepping back open together, beside "I feel ready" (no row shows more than three buttons).
    await current.getByRole('button', { name: 'Pause or step back' }).click();
    await current.getByRole('button', { name: 'Step back', exact: true }).click();
    // Earlier cards already say "stage C": wait for the stored record, then for the chat.
    await waitUntil(async () => (await stageOf())?.stage === 'C');
    await s.page.getByText('Staged exposure: stage C').last().waitFor({ timeout: 20_000 });
    const r = await stageOf();
    assert.equal(r?.stage, 'C');
    assert.equal(r?.history.at(-1)?.event, 'steppedBack');
    await s.page.getByText('has stepped back').first().waitFor({ timeout: 30_000 });
    await s.screenshot('stage-05-stepped-back');
  });

  it('Alex moves on again: B, then A, each confirmed by Sam', async () => {
    for (const next of ['B', 'A'] as const) {
      const label = next;
      await say('I feel ready');
      await s.page.getByText(`You said you feel ready for stage ${label}`).first().waitFor({ timeout: 20_000 });
      await samConfirms();
      await waitUntil(async () => (await stageOf())?.stage === next);
      await s.page.getByText(`Confirmed: you are now at stage ${label}.`).first().waitFor({ timeout: 30_000 });
    }
    const r = await stageOf();
    assert.deepEqual(
      r?.history.filter((h) => h.event === 'confirmed').map((h) => h.stage),
      ['C', 'B', 'B', 'A'],
    );
    assert.ok(r?.history.every((h) => h.event !== 'confirmed' || h.by === 'sam.okafor'));
    await s.screenshot('stage-06-at-a');
  });
});
