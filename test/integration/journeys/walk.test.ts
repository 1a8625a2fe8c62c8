// A whole pre-deployment journey through real-shaped Teams activities: the department head opens
// it, the trainer books and records the exposure, the candidate answers (with a draft that survives
// a restart), the trainer raises concerns, the head's secondary review, an attachment, ready to start.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { trayLines } from '../../support/tray-lines.ts';
import {
  ANSWERS,
  ANY_CANARY,
  CANARY,
  START,
  act,
  actionsOf,
  auditSince,
  cardsTo,
  exposureIn,
  install,
  journey,
  openForGus,
  say,
  text,
} from './helpers.ts';

describe('journeys: a whole journey to ready to start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-journey-'));
  const clock = new FakeClock();
  let t: TestHaven;
  let id: string;
  before(async () => {
    t = await startTestHaven({ dataDir, clock });
    await install(t);
  });
  after(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the department head types "new journey", gets the form, and opens a journey; candidate and trainer are told', async () => {
    const [form] = await say(t, DEMO.dana!, 'new journey');
    assert.ok(
      actionsOf(form).some((a: any) => a.verb === 'journey.open'),
      text(form).slice(0, 300),
    );
    assert.match(text(form), /Gus Novak/);
    const sinceOpen = t.connector.calls.length;
    id = await openForGus(t);
    const j = await journey(t, id);
    assert.equal(j.state, 'nominated');
    assert.equal(j.plannedStartDate, START);
    const gus = cardsTo(t, DEMO.gus!, sinceOpen);
    assert.equal(gus.length, 1);
    assert.match(text(gus[0]), /Days remaining/);
    assert.match(text(gus[0]), /98 days/);
    assert.ok(actionsOf(gus[0]).some((a: any) => a.verb === 'journey.withdraw' && a.title === "I don't want to continue"));
    assert.ok(actionsOf(gus[0]).some((a: any) => a.verb === 'declaration.open' && a.title === "I'm not okay"));
    assert.equal(cardsTo(t, DEMO.tom!, sinceOpen).length, 1);
    assert.ok((await auditSince(t)).some((a) => a.action === 'journey.open' && a.actor === 'dana.hughes' && a.outcome === 'ok'));
  });

  it('someone not on the journey can neither see it nor act on it (audited as denied)', async () => {
    const seen = await act(t, DEMO.alex!, 'journey.show', { journeyId: id });
    assert.match(text(seen), /This is not yours to open/);
    const agreed = await act(t, DEMO.alex!, 'journey.agree', { journeyId: id });
    assert.match(text(agreed), /This is not yours to open/);
    const tom = await act(t, DEMO.tom!, 'journey.agree', { journeyId: id });
    assert.match(text(tom), /Only the department head or HR can agree a move in principle\. Nothing was changed/);
    assert.equal((await journey(t, id)).state, 'nominated');
    const denied = (await auditSince(t))
      .filter((a) => a.subject === `journey:${id}` && a.outcome === 'denied')
      .map((a) => `${a.actor} ${a.action}`);
    assert.deepEqual(denied.sort(), ['alex.moreno journey.agree', 'alex.moreno journey.read', 'tom.reed journey.agree']);
  });

  it('agreed in principle; the trainer books the exposure and the candidate gets what to expect, the right to stop, and support', async () => {
    await act(t, DEMO.dana!, 'journey.agree', { journeyId: id });
    await t.tick();
    const [book] = await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`);
    assert.equal(book?.line, "Gus Novak's move is agreed in principle: book their controlled exposure", 'the trainer has a step to take');
    const bad = await act(t, DEMO.tom!, 'exposure.schedule', {
      journeyId: id,
      exposureDate: '2020-01-01',
      exposureTime: '10:00',
      exposurePlace: '',
    });
    assert.match(text(bad), /must be in the future/);
    assert.match(text(bad), /Say where the controlled exposure takes place/);
    assert.equal((await journey(t, id)).state, 'agreedInPrinciple');
    const since = t.connector.calls.length;
    const card = await act(t, DEMO.tom!, 'exposure.schedule', { journeyId: id, ...exposureIn(t) });
    assert.ok(
      actionsOf(card).some((a: any) => a.verb === 'exposure.record'),
      'the trainer can now record it',
    );
    assert.deepEqual(await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`), [], 'booked: the line is done');
    await t.tick();
    const gus = cardsTo(t, DEMO.gus!, since).at(-1);
    assert.match(text(gus), /You may stop at any moment/);
    assert.match(text(gus), /Samaritans/);
    assert.match(text(gus), /10:00/);
  });

  it('the trainer marks it done: a short debrief comes first (a line for the trainer); no questionnaire yet', async () => {
    // Once the booked time has passed, the trainer is asked to record it: a line in their tray.
    await t.tick();
    assert.deepEqual(await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`), [], 'not before the booked time');
    t.clock.advance(3 * 86_400_000);
    await t.tick();
    await t.tick();
    const record = await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`);
    assert.deepEqual(
      record.map((l) => l.key),
      [`journey:${id}:recordExposure`],
      'one line, however often the job runs',
    );
    assert.match(record[0]!.line, /controlled exposure was booked for .*: record whether it went ahead/);
    const since = t.connector.calls.length;
    const recorded = await act(t, DEMO.tom!, 'exposure.record', { journeyId: id, outcome: 'done' });
    assert.ok(
      actionsOf(recorded).some((a: any) => a.verb === 'journey.recordDebrief'),
      'the trainer can record the debrief',
    );
    await t.tick();
    const debrief = await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`);
    assert.deepEqual(
      debrief.map((l) => l.key),
      [`journey:${id}:debrief`],
      'recorded: the exposure line is done; the debrief line is there',
    );
    assert.equal(
      debrief[0]!.line,
      "Gus Novak's controlled exposure is over: hold a short debrief with them, then record it (their questionnaire follows)",
    );
    assert.equal((await journey(t, id)).state, 'exposureDone');
    const toGus = cardsTo(t, DEMO.gus!, since);
    assert.equal(toGus.length, 1, 'one card to the candidate');
    assert.match(text(toGus[0]), /Tom Reed will hold a short debrief with you/);
    assert.match(text(toGus[0]), /Samaritans/, 'support is on the card');
    assert.ok(
      actionsOf(toGus[0]).some((a: any) => a.verb === 'journey.withdraw'),
      'they can still step back',
    );
    assert.ok(!actionsOf(toGus[0]).some((a: any) => a.verb === 'questionnaire.submit'), 'no questionnaire yet');
  });

  it('the debrief is recorded (the day only); the questionnaire arrives in working time a day later', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    const refused = await act(t, DEMO.gus!, 'journey.recordDebrief', { journeyId: id, debriefHeldOn: today });
    assert.match(text(refused), /Only the trainer named on this journey records the debrief\. Nothing was changed/);
    const future = await act(t, DEMO.tom!, 'journey.recordDebrief', { journeyId: id, debriefHeldOn: '2099-01-01' });
    assert.match(text(future), /the date is in the future/);
    assert.equal((await journey(t, id)).debrief, undefined);
    const since = t.connector.calls.length;
    const held = await act(t, DEMO.tom!, 'journey.recordDebrief', { journeyId: id, debriefHeldOn: today });
    assert.ok(!actionsOf(held).some((a: any) => a.verb === 'journey.recordDebrief'), 'recorded: no form any more');
    const j = await journey(t, id);
    assert.deepEqual(Object.keys(j.debrief ?? {}).sort(), ['heldOn', 'recordedAt', 'recordedBy'], 'only that it was held, no content');
    assert.equal(j.state, 'exposureDone');
    await t.tick();
    assert.deepEqual(await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`), [], 'the debrief line is done');
    const told = cardsTo(t, DEMO.gus!, since);
    assert.equal(told.length, 1);
    assert.match(text(told[0]), /Thank you for the debrief with Tom Reed\. Your short questionnaire comes in your working hours from/);
    assert.ok((await auditSince(t)).some((a) => a.action === 'journey.recordDebrief' && a.actor === 'tom.reed' && a.outcome === 'ok'));
    // Before the gap (24 hours), nothing; once it has passed, at Gus's next working moment (Friday 09:00).
    t.clock.advance(23 * 3_600_000);
    await t.tick();
    assert.equal((await journey(t, id)).state, 'exposureDone');
    t.clock.advance(3_600_000);
    await t.tick();
    assert.equal((await journey(t, id)).state, 'questionnaireSent');
    const [q] = cardsTo(t, DEMO.gus!, since + 1);
    assert.ok(actionsOf(q).some((a: any) => a.verb === 'questionnaire.submit'));
    assert.ok(actionsOf(q).some((a: any) => a.verb === 'questionnaire.save'));
    assert.ok(actionsOf(q).some((a: any) => a.verb === 'journey.withdraw'));
  });

  it('a saved draft survives a restart on the same data', async () => {
    const saved = await act(t, DEMO.gus!, 'questionnaire.save', { journeyId: id, feelings: CANARY.feelings, willingness: 'notYet' });
    assert.match(text(saved), /Draft saved/);
    await t.close();
    t = await startTestHaven({ dataDir, clock });
    await install(t, [DEMO.dana!, DEMO.tom!, DEMO.gus!, DEMO.hana!]);
    const [card] = await say(t, DEMO.gus!, 'questionnaire');
    const feelings = (card.body as any[]).find((b) => b.id === 'feelings');
    assert.equal(feelings?.value, CANARY.feelings);
    assert.equal((card.body as any[]).find((b) => b.id === 'willingness')?.value, 'notYet');
  });

  it('the server checks every required answer, keeps what was typed, and changes nothing', async () => {
    const card = await act(t, DEMO.gus!, 'questionnaire.submit', {
      journeyId: id,
      feelings: CANARY.feelings,
      reservations: '',
      relevance: '   ',
    });
    assert.match(text(card), /Please answer \\"Do you have any reservations\?\\"/);
    assert.match(text(card), /Please answer \\"How relevant did the exposure feel to the role\?\\"/);
    assert.match(text(card), /Please answer \\"What support would you want/);
    assert.match(text(card), /Please choose an answer/);
    assert.equal((card.body as any[]).find((b) => b.id === 'feelings')?.value, CANARY.feelings);
    assert.equal((await journey(t, id)).state, 'questionnaireSent');
  });

  it("submitting puts a review line in the trainer's tray; the card it opens has the answers; the department head sees none of them", async () => {
    const since = t.connector.calls.length;
    await act(t, DEMO.gus!, 'questionnaire.submit', { journeyId: id, ...ANSWERS });
    await t.tick();
    const j = await journey(t, id);
    assert.equal(j.state, 'questionnaireAnswered');
    assert.equal(j.questionnaire?.draft, undefined);
    assert.deepEqual(cardsTo(t, DEMO.tom!, since), [], 'no card of its own');
    const [line] = await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`);
    assert.equal(line?.key, `journey:${id}:review`);
    assert.equal(line?.line, 'Gus Novak has answered their questionnaire: review it');
    assert.deepEqual(line?.actions, [{ title: 'Open', verb: 'journey.show', data: { journeyId: id } }]);
    assert.doesNotMatch(text(line), ANY_CANARY, 'the line holds no answer');
    const review = await act(t, DEMO.tom!, 'journey.show', line.actions[0]!.data);
    for (const c of [CANARY.feelings, CANARY.reservations, CANARY.relevance, CANARY.support])
      assert.ok(text(review).includes(c), `the trainer reads ${c}`);
    assert.ok(actionsOf(review).some((a: any) => a.verb === 'journey.review'));
    assert.ok(
      (await auditSince(t)).some((a) => a.action === 'journey.read' && a.actor === 'tom.reed' && a.subject === `journey:${id}`),
      "the trainer's read is audited",
    );
    const head = await act(t, DEMO.dana!, 'journey.show', { journeyId: id });
    for (const c of [CANARY.feelings, CANARY.reservations, CANARY.relevance, CANARY.support])
      assert.ok(!text(head).includes(c), 'the department head does not see answers before a secondary review');
  });

  it('concerns need a note; with one, the department head gets a secondary review line, and the card it opens has the answers and the note', async () => {
    const noNote = await act(t, DEMO.tom!, 'journey.review', { journeyId: id, reviewOutcome: 'concerns', reviewNote: '' });
    assert.match(text(noNote), /Write a note about your concerns/);
    const since = t.connector.calls.length;
    await act(t, DEMO.tom!, 'journey.review', { journeyId: id, reviewOutcome: 'concerns', reviewNote: CANARY.reviewNote });
    await t.tick();
    assert.equal((await journey(t, id)).state, 'headReview');
    assert.deepEqual(await trayLines(t.haven.deps, 'tom.reed', `journey:${id}:`), [], "reviewed: the trainer's line is done");
    assert.deepEqual(cardsTo(t, DEMO.dana!, since), [], 'no card of its own');
    const [line] = await trayLines(t.haven.deps, 'dana.hughes', `journey:${id}:`);
    assert.equal(line?.key, `journey:${id}:headReview`);
    assert.doesNotMatch(text(line), ANY_CANARY, 'the line holds neither answer nor note');
    const task = await act(t, DEMO.dana!, 'journey.show', line.actions[0]!.data);
    assert.ok(text(task).includes(CANARY.reviewNote) && text(task).includes(CANARY.feelings));
    assert.ok(actionsOf(task).some((a: any) => a.verb === 'journey.headReview'));
    const gus = await act(t, DEMO.gus!, 'journey.show', { journeyId: id });
    assert.ok(!text(gus).includes(CANARY.reviewNote), "the candidate does not read the trainer's note");
  });

  it('the head lets the move go ahead, offers an attachment; the candidate accepts; ready to start seeds ongoing care', async () => {
    await act(t, DEMO.dana!, 'journey.headReview', { journeyId: id, headOutcome: 'proceed', headNote: CANARY.headNote });
    assert.deepEqual(await trayLines(t.haven.deps, 'dana.hughes', `journey:${id}:`), [], 'decided: the line is done');
    const from = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(clock.now().getTime() + 11 * 86_400_000).toISOString().slice(0, 10);
    const bad = await act(t, DEMO.dana!, 'attachment.offer', { journeyId: id, attachmentFrom: to, attachmentTo: from });
    assert.match(text(bad), /must end on or after/);
    await act(t, DEMO.dana!, 'attachment.offer', { journeyId: id, attachmentFrom: from, attachmentTo: to });
    await t.tick();
    const offered = await act(t, DEMO.gus!, 'journey.show', { journeyId: id });
    assert.ok(actionsOf(offered).some((a: any) => a.verb === 'attachment.respond' && a.data.response === 'accepted'));
    const notYet = await act(t, DEMO.dana!, 'journey.ready', { journeyId: id });
    assert.match(text(notYet), /Wait for the candidate to answer/);
    await act(t, DEMO.gus!, 'attachment.respond', { journeyId: id, response: 'accepted' });
    assert.equal((await t.haven.deps.people.get('gus.novak'))?.value.joinedUnitOn, undefined);
    const [next] = await trayLines(t.haven.deps, 'dana.hughes', `journey:${id}:`);
    assert.equal(next?.line, 'Gus Novak accepted the attachment: decide the next step');
    const ready = await act(t, DEMO.dana!, 'journey.ready', { journeyId: id });
    assert.match(text(ready), /Ready to start/);
    assert.deepEqual(await trayLines(t.haven.deps, 'dana.hughes', `journey:${id}:`), [], 'ready to start: nothing left to do');
    await t.tick();
    const j = await journey(t, id);
    assert.equal(j.state, 'readyToStart');
    const gus = (await t.haven.deps.people.get('gus.novak'))!.value;
    assert.equal(gus.joinedUnitOn, START);
    assert.deepEqual(gus.roles, ['candidate'], 'the roster stays the source of roles');
    assert.ok(
      (await auditSince(t)).some((a) => a.action === 'person.joinedUnitOn' && a.subject === 'person:gus.novak' && a.outcome === 'ok'),
    );
    const again = await act(t, DEMO.dana!, 'journey.ready', { journeyId: id });
    assert.match(text(again), /Nothing changed: this was already done/);
  });

  it('storage holds every answer, note and the place of nothing readable: the free text is encrypted', async () => {
    const rows: string[] = [];
    for (const table of [TABLES.journeys, TABLES.outbox, TABLES.audit]) {
      for await (const e of t.haven.store.client(table).listEntities<Record<string, unknown>>()) rows.push(JSON.stringify(e));
    }
    const raw = rows.join('\n');
    for (const c of [CANARY.feelings, CANARY.reservations, CANARY.relevance, CANARY.support, CANARY.reviewNote, CANARY.headNote])
      assert.ok(!raw.includes(c), `${c} is not stored in clear`);
    // And the logs never carry it either.
    assert.doesNotMatch(JSON.stringify(t.logs), ANY_CANARY);
  });
});
