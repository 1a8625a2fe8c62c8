// Time and the command line: questionnaire reminders after N days (once per period), the trainer told
// once after M days, an overdue secondary review escalated one level per delay (a line in each one's
// tray, for their daily digest), each exactly once however often the job runs; and `npm run roster -- journey open|list`.
import assert from 'node:assert/strict';
import { runRosterCommand } from '../../../src/cli/roster.ts';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { trayLines } from '../../support/tray-lines.ts';
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
    const key = `journey:${id}:headReview`;
    const line = async (who: string) => (await trayLines(t.haven.deps, who, key, true))[0];
    const notices = async () => (await journey(t, id)).headReview?.notices?.map((n) => n.personId) ?? [];
    assert.deepEqual(await purposes('journey.headReview'), [], 'no card of its own: a line in the tray');
    assert.equal((await line('dana.hughes'))?.overdue, undefined);
    assert.match((await line('dana.hughes'))!.line, /^Gus Novak's move needs your secondary review \(due by /);
    t.clock.advance(5 * DAY - 60_000);
    await ticks();
    assert.deepEqual(await notices(), []);
    t.clock.advance(60_000);
    await ticks();
    assert.deepEqual(await notices(), ['dana.hughes']);
    assert.equal((await line('dana.hughes'))?.overdue, true, 'the same line, now overdue: not a second one');
    t.clock.advance(23 * 60 * 60_000);
    await ticks();
    assert.deepEqual(await notices(), ['dana.hughes']);
    assert.equal(await line('sam.okafor'), undefined);
    t.clock.advance(60 * 60_000);
    await ticks();
    assert.deepEqual(await notices(), ['dana.hughes', 'sam.okafor']);
    assert.equal((await line('sam.okafor'))?.overdue, true);
    for (const who of ['dana.hughes', 'sam.okafor'])
      assert.equal((await trayLines(t.haven.deps, who, key, true)).length, 1, `${who}: one line`);
    // The one it was escalated to opens it, reads the answers (audited), and may decide in the head's place.
    const sam = await act(t, DEMO.sam!, 'journey.show', (await line('sam.okafor'))!.actions[0]!.data);
    assert.ok(text(sam).includes(CANARY.feelings));
    assert.ok(!text(await line('sam.okafor')).includes(CANARY.feelings), 'the line itself holds no answer');
    assert.ok((await auditSince(t)).some((a) => a.action === 'journey.read' && a.actor === 'sam.okafor' && a.subject === `journey:${id}`));
    await act(t, DEMO.sam!, 'journey.headReview', { journeyId: id, headOutcome: 'proceed' });
    for (const who of ['dana.hughes', 'sam.okafor']) assert.ok((await line(who))?.resolvedAt, `${who}: decided, the line is done`);
    t.clock.advance(5 * DAY);
    await ticks();
    assert.equal((await notices()).length, 2, 'decided: no more escalation');
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
