// Pre-deployment journeys end to end in the Microsoft 365 Agents Playground, driven in Chromium. The
// Playground's own user is Alex (an officer); Dana (department head), Tom (trainer), Gus (candidate)
// and Hana (HR) act through its custom activities, and every card Haven sends them arrives in the one
// shared personal chat (see test/support/PLAYGROUND-NOTES.md). One journey is walked to ready to
// start, and three to withdrawn from three different states.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT } from '../support/activities.ts';
import { card, openPlayground, waitUntil, type PlaygroundSession } from '../support/playground.ts';

const PERSONAL = 'a:haven-demo-personal-chat';
const USERS = {
  dana: { id: '29:haven-demo-dana', aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Dana Hughes' },
  tom: { id: '29:haven-demo-tom', aadObjectId: '00000000-0000-4000-8000-000000000004', name: 'Tom Reed' },
  gus: { id: '29:haven-demo-gus', aadObjectId: '00000000-0000-4000-8000-000000000011', name: 'Gus Novak' },
  hana: { id: '29:haven-demo-hana', aadObjectId: '00000000-0000-4000-8000-000000000012', name: 'Hana Ito' },
};
type Who = keyof typeof USERS;

describe('pre-deployment journeys in the Agents Playground (Chromium)', function () {
  this.timeout(300_000);
  let s: PlaygroundSession;

  before(async () => {
    s = await openPlayground({ HAVEN_DEBRIEF_GAP_HOURS: '0' });
    await s.page.goto(s.url);
    await s.page.getByText('Welcome to Haven, Alex').first().waitFor({ timeout: 60_000 });
    for (const user of Object.values(USERS)) {
      await s.customActivity({
        id: randomUUID(),
        type: 'installationUpdate',
        action: 'add',
        from: user,
        conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
      });
    }
    await waitUntil(async () => !!(await s.haven.deps.conversations.get({ kind: 'person', personId: 'hana.ito' })));
  });
  after(async () => {
    await s?.close();
  });

  /** `who` presses a card button (an Action.Execute invoke), through the Playground's connector. */
  async function press(who: Who, verb: string, data: Record<string, unknown> = {}): Promise<void> {
    await s.customActivity({
      id: randomUUID(),
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: USERS[who],
      conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
      channelData: { tenant: { id: DEMO_TENANT } },
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    });
  }

  async function state(id: string): Promise<string | undefined> {
    return (await s.haven.deps.journeys.get(id))?.value.state;
  }

  async function open(): Promise<string> {
    const before = new Set((await s.haven.deps.journeys.list()).map((j) => j.value.id));
    await press('dana', 'journey.open', {
      candidateId: 'gus.novak',
      trainerId: 'tom.reed',
      unitId: 'unit-2',
      plannedStartDate: '2027-03-01',
    });
    let id = '';
    await waitUntil(async () => {
      id = (await s.haven.deps.journeys.list()).map((j) => j.value.id).find((x) => !before.has(x)) ?? '';
      return !!id;
    });
    return id;
  }

  async function book(id: string): Promise<void> {
    await press('dana', 'journey.agree', { journeyId: id });
    await waitUntil(async () => (await state(id)) === 'agreedInPrinciple');
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await press('tom', 'exposure.schedule', {
      journeyId: id,
      exposureDate: day,
      exposureTime: '10:00',
      exposurePlace: 'Training room 2, HQ',
    });
    await waitUntil(async () => (await state(id)) === 'exposureScheduled');
  }

  async function exposed(id: string): Promise<void> {
    await press('tom', 'exposure.record', { journeyId: id, outcome: 'done' });
    await waitUntil(async () => (await state(id)) === 'exposureDone');
    // The debrief with the trainer comes first (HAVEN_DEBRIEF_GAP_HOURS=0 here: the questionnaire follows at once).
    await press('tom', 'journey.recordDebrief', { journeyId: id, debriefHeldOn: s.haven.deps.clock.now().toISOString().slice(0, 10) });
    await waitUntil(async () => (await state(id)) === 'questionnaireSent');
  }

  it("walks a journey to ready to start: the candidate's cards, the questionnaire, the trainer's review", async () => {
    const id = await open();
    await card(s, 'Your move into the unit').waitFor({ timeout: 30_000 });
    await s.page.getByText('Days remaining').first().waitFor();
    assert.ok(await card(s, 'Your move into the unit').getByRole('button', { name: "I don't want to continue" }).isVisible());
    await shot(s, 'journey-01-candidate-nominated', 'Your move into the unit');

    await book(id);
    await card(s, 'You may stop at any moment').waitFor({ timeout: 30_000 });
    await s.page.getByText('Training room 2, HQ').first().waitFor();
    await shot(s, 'journey-02-candidate-exposure-booked', 'You may stop at any moment');

    // Alex (the Playground's own user) pressing the candidate's button changes nothing: the server
    // re-checks who is clicking and the card is replaced by a refusal.
    await card(s, 'You may stop at any moment').getByRole('button', { name: "I don't want to continue" }).click();
    await s.page.getByText('Only the people on this journey can see it. Nothing was changed.').first().waitFor({ timeout: 20_000 });
    assert.equal(await state(id), 'exposureScheduled');
    await shot(s, 'journey-03-not-yours', 'Only the people on this journey can see it');

    await exposed(id);
    await card(s, 'Your questionnaire').waitFor({ timeout: 30_000 });
    await shot(s, 'journey-04-questionnaire', 'Your questionnaire');

    await press('gus', 'questionnaire.save', { journeyId: id, feelings: 'Calmer than I expected.' });
    await waitUntil(async () => !!(await s.haven.deps.journeys.get(id))?.value.questionnaire?.draftSavedAt);
    await press('gus', 'questionnaire.submit', {
      journeyId: id,
      feelings: 'Calmer than I expected.',
      reservations: 'Night shifts.',
      relevance: 'Very relevant.',
      support: 'A mentor for the first months.',
      willingness: 'yes',
    });
    await waitUntil(async () => (await state(id)) === 'questionnaireAnswered');
    // Tom's review is a line in his tray (his daily digest), not a card of its own; it holds no answer.
    const review = async () => (await s.haven.deps.tray.get('tom.reed', `journey:${id}:review`))?.value;
    await waitUntil(async () => !!(await review()) && !(await review())!.resolvedAt, 30_000);
    assert.ok(!JSON.stringify(await review()).includes('A mentor for the first months.'));

    await press('tom', 'journey.review', { journeyId: id, reviewOutcome: 'noConcerns' });
    await waitUntil(async () => (await state(id)) === 'trainerReview');
    await waitUntil(async () => !!(await review())?.resolvedAt);
    await press('dana', 'journey.ready', { journeyId: id });
    await waitUntil(async () => (await state(id)) === 'readyToStart');
    await s.page
      .getByText(/You are ready to start in Online Child Abuse Team 2/)
      .first()
      .waitFor({ timeout: 30_000 });
    await shot(s, 'journey-06-ready-to-start', 'You are ready to start');
    await waitUntil(async () => (await s.haven.deps.people.get('gus.novak'))?.value.joinedUnitOn === '2027-03-01');
  });

  for (const [n, from, advance] of [
    [7, 'nominated', async (_id: string) => undefined],
    [8, 'exposureScheduled', async (id: string) => book(id)],
    [
      9,
      'questionnaireSent',
      async (id: string) => {
        await book(id);
        await exposed(id);
      },
    ],
  ] as const) {
    it(`withdraws from ${from}: the candidate's private confirmation, and HR's card with only the bare facts`, async () => {
      // HR's card is told apart by its one fact that no other card carries (the candidate's own
      // confirmation also says the move is cancelled, and under load it may arrive last).
      const hrCards = await s.page.locator('.ac-adaptiveCard').filter({ hasText: 'Days left to find an alternative' }).count();
      const id = await open();
      await advance(id);
      assert.equal(await state(id), from);
      await press('gus', 'journey.withdraw', { journeyId: id, confirm: true, rationale: 'Family circumstances have changed.' });
      await waitUntil(async () => (await state(id)) === 'withdrawn');
      assert.equal((await s.haven.deps.journeys.get(id))?.value.withdrawal?.fromState, from);
      await waitUntil(
        async () => (await s.page.locator('.ac-adaptiveCard').filter({ hasText: 'Days left to find an alternative' }).count()) > hrCards,
        30_000,
      );
      const hr = s.page.locator('.ac-adaptiveCard').filter({ hasText: 'Days left to find an alternative' }).last();
      const hrText = await hr.innerText();
      assert.match(hrText, /Online Child Abuse Team 2/, 'the unit is named');
      assert.doesNotMatch(hrText, /Family circumstances|Gus|Novak|withdr/i);
      await card(s, 'never count against you').waitFor({ timeout: 30_000 });
      await shot(s, `journey-0${n}-withdrawn-from-${from}`, 'never count against you');
    });
  }
});

/** A screenshot with the card that matters scrolled into view (the chat keeps every card it has shown). */
async function shot(s: PlaygroundSession, name: string, text: string): Promise<void> {
  await card(s, text).scrollIntoViewIfNeeded();
  await s.screenshot(name);
}
