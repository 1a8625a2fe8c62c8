// Time and the command line: questionnaire reminders after N days (once per period), the trainer told
// once after M days, an overdue secondary review escalated one level per delay, each exactly once
// however often the job runs; and `npm run roster -- journey open|list`.
import assert from 'node:assert/strict';
import { runRosterCommand } from '../../../src/cli/roster.ts';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import {
  ANSWERS,
  ANY_CANARY,
  CANARY,
  DAY,
  act,
  auditSince,
  cardsTo,
  install,
  journey,
  openForGus,
  text,
  toQuestionnaire,
} from './helpers.ts';

describe('journeys: reminders, escalation and the roster command', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven({
      env: {
        HAVEN_QUESTIONNAIRE_REMINDER_DAYS: '3',
        HAVEN_QUESTIONNAIRE_TRAINER_DAYS: '7',
        HAVEN_HEAD_REVIEW_DAYS: '5',
        HAVEN_HEAD_REVIEW_ESCALATION_HOURS: '24',
        HAVEN_FALLBACK_RESPONDERS: 'sam.okafor',
      },
    });
    await install(t, [DEMO.dana!, DEMO.tom!, DEMO.gus!, DEMO.hana!, DEMO.sam!]);
  });
  after(async () => t?.close());

  const purposes = async (prefix: string) =>
    (await t.haven.outbox.list())
      .map((m) => m.value)
      .filter((m) => m.purpose.startsWith(prefix))
      .map((m) => `${m.purpose}>${m.target.kind === 'person' ? m.target.personId : ''}`);
  const ticks = async (n = 3) => {
    for (let i = 0; i < n; i++) await t.tick();
  };

  it('reminds the candidate after 3 days and again after 6; tells the trainer once after 7; never twice', async () => {
    const id = await openForGus(t);
    await toQuestionnaire(t, id);
    t.clock.advance(3 * DAY - 60_000);
    await ticks();
    assert.deepEqual(await purposes('journey.questionnaire.reminder'), []);
    t.clock.advance(60_000);
    await ticks();
    assert.deepEqual(await purposes('journey.questionnaire.reminder'), ['journey.questionnaire.reminder>gus.novak']);
    const reminder = cardsTo(t, DEMO.gus!).at(-1);
    assert.match(text(reminder), /gentle reminder/);
    t.clock.advance(3 * DAY);
    await ticks();
    assert.equal((await purposes('journey.questionnaire.reminder')).length, 2);
    assert.deepEqual(await purposes('journey.trainer.questionnaireUnanswered'), []);
    t.clock.advance(DAY);
    await ticks();
    assert.deepEqual(await purposes('journey.trainer.questionnaireUnanswered'), ['journey.trainer.questionnaireUnanswered>tom.reed']);
    t.clock.advance(DAY);
    await ticks();
    assert.deepEqual(await purposes('journey.trainer.questionnaireUnanswered'), ['journey.trainer.questionnaireUnanswered>tom.reed']);
    // Answered: no more reminders.
    await act(t, DEMO.gus!, 'questionnaire.submit', { journeyId: id, ...ANSWERS });
    const before = (await purposes('journey.questionnaire.reminder')).length;
    t.clock.advance(10 * DAY);
    await ticks();
    assert.equal((await purposes('journey.questionnaire.reminder')).length, before);
    assert.equal((await journey(t, id)).questionnaire?.remindersSent?.length, 2);
  });

  it('an overdue secondary review goes to the head, then up the chain one level per 24 hours, each exactly once', async () => {
    const [open] = await t.haven.deps.journeys.listOpen();
    const id = open!.value.id;
    await act(t, DEMO.tom!, 'journey.review', { journeyId: id, reviewOutcome: 'concerns', reviewNote: CANARY.reviewNote });
    await ticks();
    assert.deepEqual(await purposes('journey.headReview'), ['journey.headReview.requested>dana.hughes']);
    t.clock.advance(5 * DAY - 60_000);
    await ticks();
    assert.deepEqual(await purposes('journey.headReview.overdue'), []);
    t.clock.advance(60_000);
    await ticks();
    assert.deepEqual(await purposes('journey.headReview.overdue'), ['journey.headReview.overdue>dana.hughes']);
    t.clock.advance(23 * 60 * 60_000);
    await ticks();
    assert.equal((await purposes('journey.headReview.overdue')).length, 1);
    t.clock.advance(60 * 60_000);
    await ticks();
    assert.deepEqual((await purposes('journey.headReview.overdue')).sort(), [
      'journey.headReview.overdue>dana.hughes',
      'journey.headReview.overdue>sam.okafor',
    ]);
    // The one it was escalated to reads the answers (audited) and may decide in the head's place.
    const sam = cardsTo(t, DEMO.sam!).at(-1);
    assert.ok(text(sam).includes(CANARY.feelings));
    assert.ok((await auditSince(t)).some((a) => a.action === 'journey.read' && a.actor === 'sam.okafor' && a.subject === `journey:${id}`));
    await act(t, DEMO.sam!, 'journey.headReview', { journeyId: id, headOutcome: 'proceed' });
    t.clock.advance(5 * DAY);
    await ticks();
    assert.equal((await purposes('journey.headReview.overdue')).length, 2, 'decided: no more escalation');
  });

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRosterCommand(
      args,
      (s) => out.push(s),
      (s) => err.push(s),
      async () => ({ deps: t.haven.deps, close: async () => undefined }),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('journey open by command: every problem listed and nothing written; then opened once, however often it is run', async () => {
    const before = (await t.haven.deps.journeys.list()).length;
    const missing = await cli('journey', 'open', '--candidate', 'gus.novak');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--trainer is required/);
    assert.match(missing.err, /--start is required/);
    const wrong = await cli(
      'journey',
      'open',
      '--candidate',
      'alex.moreno',
      '--trainer',
      'sam.okafor',
      '--start',
      '2020-01-01',
      '--by',
      'bea.clarke',
    );
    assert.equal(wrong.code, 1);
    for (const p of [
      /alex\.moreno is not a candidate/,
      /sam\.okafor is not a trainer/,
      /must be in the future/,
      /Only the department head of the unit, or HR/,
    ])
      assert.match(wrong.err, p);
    const busy = await cli('journey', 'open', '--candidate', 'gus.novak', '--trainer', 'tom.reed', '--start', '2027-04-01');
    assert.equal(busy.code, 1, 'Gus already has one in progress');
    assert.match(busy.err, /already has a pre-deployment journey in progress/);
    assert.equal((await t.haven.deps.journeys.list()).length, before, 'nothing written');

    const [open] = await t.haven.deps.journeys.listOpen();
    await act(t, DEMO.gus!, 'journey.withdraw', { journeyId: open!.value.id, confirm: true });
    const ok = await cli(
      'journey',
      'open',
      '--candidate',
      'gus.novak',
      '--trainer',
      'tom.reed',
      '--start',
      '2027-04-01',
      '--by',
      'hana.ito',
    );
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^Opened jrn-[0-9a-f]{24} for gus\.novak/);
    const again = await cli(
      'journey',
      'open',
      '--candidate',
      'gus.novak',
      '--trainer',
      'tom.reed',
      '--start',
      '2027-04-01',
      '--by',
      'hana.ito',
    );
    assert.equal(again.code, 0);
    assert.match(again.out, /^Already open/);
    assert.equal((await t.haven.deps.journeys.list()).length, before + 1);
    const list = await cli('journey', 'list');
    assert.equal(list.code, 0);
    assert.match(list.out, /gus\.novak {2}unit-2 {2}trainer tom\.reed {2}start 2027-04-01/);
    assert.match(list.out, /Withdrawn/);
    assert.doesNotMatch(list.out, ANY_CANARY);
  });
});
