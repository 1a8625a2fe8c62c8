// Withdrawal and cancellation: the candidate's private confirmation, the trainer and head told (with
// the rationale, if given), and HR / resource planning told only that the move is cancelled, the
// unit, the planned start date and the days left. Canaries in every free-text field prove that no
// answer, note, rationale, reason or place ever reaches HR.
import assert from 'node:assert/strict';
import { transition } from '../../../src/features/journeys/rules.ts';
import { journeyContext, withJourneyEffectIds } from '../../../src/features/journeys/journey-context.ts';
import { loadRoster } from '../../../src/kernel/load-roster.ts';
import { DEMO, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import {
  ANSWERS,
  ANY_CANARY,
  CANARY,
  act,
  actionsOf,
  cardsTo,
  fact,
  install,
  journey,
  openForGus,
  say,
  text,
  toQuestionnaire,
} from './helpers.ts';

describe('journeys: withdrawal, cancellation and what HR sees', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await install(t);
  });
  after(async () => t?.close());

  /** Every outbound call to HR's chat, whatever its outcome. */
  const toHr = () => t.connector.calls.filter((c) => c.conversationId === personalChatId(DEMO.hana!));

  it('the candidate withdraws from the secondary review with a rationale: confirmation, trainer and head told, HR gets the bare facts', async () => {
    const id = await openForGus(t);
    await toQuestionnaire(t, id);
    await act(t, DEMO.gus!, 'questionnaire.submit', { journeyId: id, ...ANSWERS });
    await act(t, DEMO.tom!, 'journey.review', { journeyId: id, reviewOutcome: 'concerns', reviewNote: CANARY.reviewNote });
    await t.tick();
    const since = t.connector.calls.length;

    // Typed, the words bring the withdraw card; its button asks first.
    const [confirm] = await say(t, DEMO.gus!, "I don't want to continue");
    assert.ok(
      actionsOf(confirm).some((a: any) => a.verb === 'journey.withdraw' && a.data.confirm === true),
      text(confirm).slice(0, 300),
    );
    assert.equal((await journey(t, id)).state, 'headReview', 'asking is not withdrawing');
    const done = await act(t, DEMO.gus!, 'journey.withdraw', { journeyId: id, confirm: true, rationale: CANARY.rationale });
    assert.match(text(done), /never count against you/);
    assert.match(text(done), /Samaritans/);
    const j = await journey(t, id);
    assert.equal(j.state, 'withdrawn');
    assert.equal(j.withdrawal?.fromState, 'headReview');
    await t.tick();

    const tom = cardsTo(t, DEMO.tom!, since).at(-1);
    const dana = cardsTo(t, DEMO.dana!, since).at(-1);
    assert.ok(text(tom).includes(CANARY.rationale), 'the trainer reads the rationale');
    assert.ok(text(dana).includes(CANARY.rationale), 'the department head reads the rationale');

    const hr = cardsTo(t, DEMO.hana!, since);
    assert.equal(hr.length, 1);
    assert.match(text(hr[0]), /is cancelled/);
    assert.equal(fact(hr[0], 'Unit'), 'Online Child Abuse Team 2');
    assert.equal(fact(hr[0], 'Planned start date'), 'Mon, 1 Mar 2027');
    // A day of the walk to here was the gap between the debrief and the questionnaire.
    assert.equal(fact(hr[0], 'Days left to find an alternative'), '97 days');
    assert.deepEqual(actionsOf(hr[0]), [], 'no buttons: nothing to open');
  });

  it('the department head cancels a later journey with a reason only they see; HR gets the same bare card', async () => {
    const since = t.connector.calls.length;
    const id = await openForGus(t);
    await act(t, DEMO.dana!, 'journey.agree', { journeyId: id });
    const noReason = await act(t, DEMO.dana!, 'journey.cancel', { journeyId: id, cancelReason: ' ' });
    assert.match(text(noReason), /Write the reason for cancelling/);
    const refused = await act(t, DEMO.tom!, 'journey.cancel', { journeyId: id, cancelReason: CANARY.reason });
    assert.match(text(refused), /Only the department head can cancel a move\. Nothing was changed/);
    const card = await act(t, DEMO.dana!, 'journey.cancel', { journeyId: id, cancelReason: CANARY.reason });
    assert.ok(text(card).includes(CANARY.reason), 'the head sees their own reason');
    await t.tick();
    assert.equal((await journey(t, id)).state, 'cancelled');
    for (const user of [DEMO.tom!, DEMO.gus!]) {
      for (const c of cardsTo(t, user, since)) assert.ok(!text(c).includes(CANARY.reason), `${user.name} never sees the reason`);
      const shown = await act(t, user, 'journey.show', { journeyId: id });
      assert.ok(!text(shown).includes(CANARY.reason), `${user.name} never sees the reason`);
    }
    const hr = cardsTo(t, DEMO.hana!, since);
    assert.equal(hr.length, 1);
    assert.match(text(hr[0]), /is cancelled/);
  });

  it('every message ever sent to HR carries no answer, note, rationale, reason, place, name or step', async () => {
    const calls = toHr();
    assert.ok(calls.length >= 3, 'HR got its welcome and two cancelled-move cards');
    for (const c of calls) {
      const body = JSON.stringify(c.body);
      assert.doesNotMatch(body, ANY_CANARY);
      if (body.includes('Welcome to Haven')) continue; // the general welcome (who sees what) is the same for everyone
      for (const word of ['Gus', 'Novak', 'Tom Reed', 'withdr', 'review', 'questionnaire', 'exposure'])
        assert.ok(!body.includes(word), `HR's message mentions "${word}": ${body.slice(0, 300)}`);
    }
    // HR opening the journey itself sees the move, not the journey.
    const [j] = (await t.haven.deps.journeys.listForCandidate('gus.novak')).map((v) => v.value);
    const shown = await act(t, DEMO.hana!, 'journey.show', { journeyId: j!.id });
    assert.doesNotMatch(text(shown), ANY_CANARY);
    assert.match(text(shown), /Move cancelled/);
  });

  it('typed commands: declarations keep winning; "withdraw" with no journey answers with what they can ask', async () => {
    const [leave] = await say(t, DEMO.alex!, 'leave');
    assert.ok(
      actionsOf(leave).some((a: any) => a.verb === 'declaration.raise'),
      'leave opens the declaration form',
    );
    const [help] = await say(t, DEMO.gus!, 'help');
    assert.ok(
      actionsOf(help).some((a: any) => a.verb === 'declaration.raise'),
      'help opens the declaration form for a candidate too',
    );
    const [withdraw] = await say(t, DEMO.alex!, 'withdraw');
    assert.match(text(withdraw), /Haven has nothing of that for you right now\. Here is what you can ask:/);
    assert.doesNotMatch(text(withdraw), /Welcome to Haven/);
    const [list] = await say(t, DEMO.dana!, 'journeys');
    assert.ok(actionsOf(list).some((a: any) => a.verb === 'journey.show'));
    assert.ok(actionsOf(list).some((a: any) => a.verb === 'journey.new'));
  });

  it('a withdrawal stored but not yet announced (a crash before the flush) is announced by the next job tick, once', async () => {
    const id = await openForGus(t);
    const stored = (await t.haven.deps.journeys.get(id))!;
    const ctx = journeyContext(t.haven.deps, stored.value, await loadRoster(t.haven.deps));
    const r = transition(stored.value, { type: 'withdraw' }, { kind: 'person', personId: 'gus.novak' }, ctx);
    assert.ok(r.ok);
    await t.haven.deps.journeys.save({ ...r.journey, pendingEffects: withJourneyEffectIds(r.journey, r.effects) }, stored.version);
    const since = t.connector.calls.length;
    await t.tick();
    await t.tick();
    await t.tick();
    assert.equal(cardsTo(t, DEMO.hana!, since).length, 1);
    assert.equal(cardsTo(t, DEMO.tom!, since).length, 1);
    assert.deepEqual((await journey(t, id)).pendingEffects, []);
  });
});
