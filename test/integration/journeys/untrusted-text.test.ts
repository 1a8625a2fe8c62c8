// Issue 12 on a journey: every form a person types into (the exposure place, the questionnaire, the
// trainer's and the department head's notes, the candidate's reason for withdrawing, the head's
// reason for cancelling) comes back holding what was typed when Haven refuses it, too long or
// storage down; and the place the trainer typed reaches the candidate as text, not markdown.
import assert from 'node:assert/strict';
import { DEMO } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { inputsOf } from '../../support/sent-cards.ts';
import { ANSWERS, act, cardsTo, exposureIn, install, journey, openForGus, text } from './helpers.ts';

/** 1,338 characters of a 3-byte script: over the 4,000-byte limit by 5 of them. */
const OVER = '我們'.repeat(666) + '我' + '多出來的字'; // the limit is 4,000 bytes: 1,333 characters of Chinese

describe('journeys: refused text comes back, others see text (issue 12)', () => {
  let t: TestHaven;
  let id: string;
  before(async () => {
    t = await startTestHaven({ clock: new FakeClock() });
    await install(t);
    id = await openForGus(t);
    await act(t, DEMO.dana!, 'journey.agree', { journeyId: id });
  });
  after(async () => t?.close());

  it('the exposure place: too long comes back on the card; the candidate sees the place as text', async () => {
    const when = exposureIn(t);
    const long = await act(t, DEMO.tom!, 'exposure.schedule', { journeyId: id, ...when, exposurePlace: '会'.repeat(71) });
    assert.match(text(long), /The place is too long by 5 characters/);
    assert.equal(inputsOf(long).get('exposurePlace'), '会'.repeat(71));
    assert.equal(inputsOf(long).get('exposureDate'), when.exposureDate);
    const since = t.connector.calls.length;
    await act(t, DEMO.tom!, 'exposure.schedule', { journeyId: id, ...when, exposurePlace: '**Room 4** [log in](https://example.invalid)' });
    await t.tick();
    const gus = text(cardsTo(t, DEMO.gus!, since).at(-1));
    assert.match(gus, /Room 4/);
    assert.ok(!gus.includes('**Room 4**') && !gus.includes('[log in](https'), gus.slice(0, 2000));
  });

  it('the questionnaire: too long, or storage down, comes back with every answer', async () => {
    await act(t, DEMO.tom!, 'exposure.record', { journeyId: id, outcome: 'done' });
    // The debrief first; the questionnaire a day later.
    await act(t, DEMO.tom!, 'journey.recordDebrief', { journeyId: id, debriefHeldOn: t.clock.now().toISOString().slice(0, 10) });
    t.clock.advance(86_400_000);
    await t.tick();
    const answers = {
      feelings: OVER,
      reservations: '中'.repeat(1333),
      relevance: 'أشعر بالقلق **قليلاً**',
      support: '# mentor',
      willingness: 'notYet',
    };
    const long = await act(t, DEMO.gus!, 'questionnaire.submit', { journeyId: id, ...answers });
    assert.match(text(long), /Your answer to .{1,3}How do you feel.* is too long by 5 characters/);
    for (const [k, v] of Object.entries(answers)) assert.equal(inputsOf(long).get(k), v, `${k} is still on the form`);
    const repo = t.haven.deps.journeys as any;
    const save = repo.save;
    repo.save = async () => {
      throw Object.assign(new Error('storage unreachable'), { statusCode: 503 });
    };
    try {
      const ok = { ...answers, feelings: 'Unsettled, then fine.' };
      for (const verb of ['questionnaire.submit', 'questionnaire.save']) {
        const down = await act(t, DEMO.gus!, verb, { journeyId: id, ...ok });
        assert.match(text(down), /could not save this just now.*everything you typed is still here/);
        for (const [k, v] of Object.entries(ok)) assert.equal(inputsOf(down).get(k), v, `${verb}: ${k} is still on the form`);
      }
    } finally {
      repo.save = save;
    }
    assert.equal((await journey(t, id)).state, 'questionnaireSent');
    await act(t, DEMO.gus!, 'questionnaire.submit', { journeyId: id, ...ANSWERS });
    await t.tick();
  });

  it("the trainer's note and the head's note: too long comes back on the card with the choice made", async () => {
    const review = await act(t, DEMO.tom!, 'journey.review', { journeyId: id, reviewOutcome: 'concerns', reviewNote: OVER });
    assert.match(text(review), /Your note is too long by 5 characters/);
    assert.equal(inputsOf(review).get('reviewNote'), OVER);
    assert.equal(inputsOf(review).get('reviewOutcome'), 'concerns');
    await act(t, DEMO.tom!, 'journey.review', { journeyId: id, reviewOutcome: 'concerns', reviewNote: 'Seemed shaken.' });
    await t.tick();
    const head = await act(t, DEMO.dana!, 'journey.headReview', { journeyId: id, headOutcome: 'doNotProceed', headNote: OVER });
    assert.match(text(head), /Your note is too long by 5 characters/);
    assert.equal(inputsOf(head).get('headNote'), OVER);
    assert.equal(inputsOf(head).get('headOutcome'), 'doNotProceed');
    assert.equal((await journey(t, id)).state, 'headReview');
  });

  it("the candidate's reason for withdrawing and the head's reason for cancelling come back when too long", async () => {
    const withdraw = await act(t, DEMO.gus!, 'journey.withdraw', { journeyId: id, confirm: true, rationale: OVER });
    assert.match(text(withdraw), /Your reason is too long by 5 characters/);
    assert.equal(inputsOf(withdraw).get('rationale'), OVER);
    const cancel = await act(t, DEMO.dana!, 'journey.cancel', { journeyId: id, cancelReason: OVER });
    assert.match(text(cancel), /Your reason is too long by 5 characters/);
    assert.equal(inputsOf(cancel).get('cancelReason'), OVER);
    assert.equal((await journey(t, id)).state, 'headReview');
  });
});
