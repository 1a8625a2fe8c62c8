// Leaving the unit: the department head's redeployment discussion has a deadline; overdue escalates
// upward and keeps reminding until it is recorded. Then the move itself (issue #14 part 5): HR get a
// card with the unit and the date only; the request stays open until the move is recorded done; a
// move that slips past its date escalates upward in working time.
import assert from 'node:assert/strict';
import { DEMO, installPersonal, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { actionsOf, alertsTo, cardIn, fact, inputsOf, text } from '../../support/sent-cards.ts';
import { subject } from '../subject/helpers.ts';

const DAY = 24 * 60 * MIN;

/** Redeployment tasks (outbox purpose 'declaration.redeployment') delivered to a person for this request. */
async function redeploymentTasksTo(t: TestHaven, personId: string, declarationId: string): Promise<number> {
  const rows = (await t.haven.outbox.list()).map((r) => r.value);
  return rows.filter(
    (m) =>
      m.purpose === 'declaration.redeployment' &&
      m.status === 'sent' &&
      m.target.kind === 'person' &&
      m.target.personId === personId &&
      m.id.startsWith(declarationId),
  ).length;
}

describe('declarations: redeployment deadline', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
    // Give the unit a rank above the department head (any person on the roster will do for the test).
    const unit = (await t.haven.deps.units.get('unit-2'))!;
    await t.haven.deps.units.save({ ...unit.value, aboveId: 'tom.reed' }, unit.version);
  });
  after(async () => t?.close());

  it('escalates an overdue redeployment discussion to the department head and the rank above, once per repeat interval, until recorded', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'leave', share: 'supervisor' });
    await t.tick();
    const danaTasksAtStart = await redeploymentTasksTo(t, 'dana.hughes', r.id);
    assert.equal(danaTasksAtStart, 1, 'the department head got the redeployment task when the request was raised');
    assert.equal(await redeploymentTasksTo(t, 'tom.reed', r.id), 0);

    t.clock.advance(5 * DAY - MIN);
    await t.tick();
    assert.ok(!(await declaration(t, r.id)).timeline.some((e) => e.event === 'redeploymentOverdue'), 'not overdue a minute early');

    t.clock.advance(2 * MIN);
    await t.tick();
    await t.tick();
    const d = await declaration(t, r.id);
    assert.equal(d.timeline.filter((e) => e.event === 'redeploymentOverdue').length, 1, 'overdue recorded once, however many ticks');
    assert.equal(await redeploymentTasksTo(t, 'tom.reed', r.id), 1, 'the rank above is told');
    const tomView = await act(t, DEMO.tom!, 'alert.view', { declarationId: r.id });
    assert.match(JSON.stringify(tomView), /Alex Moreno wants to leave the unit/, 'and may open it');
    assert.equal(await redeploymentTasksTo(t, 'dana.hughes', r.id), 2, 'the department head is reminded');

    t.clock.advance(DAY);
    await t.tick();
    assert.equal(
      (await declaration(t, r.id)).timeline.filter((e) => e.event === 'redeploymentOverdue').length,
      2,
      'it repeats rather than going quiet',
    );

    await act(t, DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'offViewing' });
    await act(t, DEMO.sam!, 'alert.confirmAccess', { declarationId: r.id });
    await act(t, DEMO.dana!, 'redeployment.record', { declarationId: r.id, outcome: 'stayingWithAdjustments' });
    assert.equal((await declaration(t, r.id)).status, 'closed');
    t.clock.advance(3 * DAY);
    await t.tick();
    assert.equal(
      (await declaration(t, r.id)).timeline.filter((e) => e.event === 'redeploymentOverdue').length,
      2,
      'nothing after it is recorded',
    );
  });
});

/** Redeployment tasks about a slipped move delivered to a person for this request. */
async function moveRemindersTo(t: TestHaven, personId: string, declarationId: string): Promise<number> {
  const rows = (await t.haven.outbox.list()).map((r) => r.value);
  return rows.filter(
    (m) =>
      m.purpose === 'declaration.redeployment' &&
      m.id.includes(':redeploymentTask:') &&
      m.status === 'sent' &&
      m.target.kind === 'person' &&
      m.target.personId === personId &&
      m.id.startsWith(declarationId) &&
      m.activity.card !== undefined &&
      /Move date passed/.test(JSON.stringify(m.activity.card)),
  ).length;
}

describe('declarations: redeployment until the move happens', () => {
  let t: TestHaven;
  const note = 'NOTE-7f3a I cannot look at another image';
  before(async () => {
    // Monday 23 Nov 2026, 09:00 (UK time = UTC in winter).
    t = await startTestHaven();
    await setUpUnit(t);
    assert.equal((await t.post(installPersonal(t.connector.url, DEMO.hana!))).status, 200);
    const unit = (await t.haven.deps.units.get('unit-2'))!;
    await t.haven.deps.units.save({ ...unit.value, aboveId: 'tom.reed' }, unit.version);
    await t.tick();
  });
  after(async () => t?.close());

  it('leave → discussion with a move date → HR card (unit and date only) → the move slips → head, then above → HR records it done → closed', async function () {
    // A long walk through a month of the request, with the subject export at the end.
    this.timeout(120_000);
    const r = await raise(t, DEMO.alex!, { kind: 'leave', note, share: 'supervisorAndHead' });
    const id = { declarationId: r.id };
    await t.tick();
    await act(t, DEMO.sam!, 'alert.assess', { ...id, adjustments: 'offViewing' });
    await act(t, DEMO.sam!, 'alert.confirmAccess', id);
    await act(t, DEMO.dana!, 'redeployment.book', { ...id, on: '2026-11-25' });

    // Every problem at once; what was typed comes back; nothing changes.
    t.clock.set('2026-11-25T10:00:00Z');
    const before = JSON.stringify(await declaration(t, r.id));
    const refused = await act(t, DEMO.dana!, 'redeployment.record', { ...id, outcome: 'moveAgreed', moveOn: 'soon', destination: '' });
    assert.match(text(refused), /Choose the move date\. Say where they move to \(the unit or role\)\. Nothing was changed\./);
    assert.equal(inputsOf(refused).get('moveOn'), 'soon');
    assert.equal(inputsOf(refused).get('outcome'), 'moveAgreed');
    assert.equal(JSON.stringify(await declaration(t, r.id)), before, 'nothing stored');

    const agreed = await act(t, DEMO.dana!, 'redeployment.record', {
      ...id,
      outcome: 'moveAgreed',
      moveOn: '2026-12-04',
      destination: 'Fraud Team 1',
    });
    assert.equal(fact(agreed, 'Move date'), '4 Dec 2026');
    assert.ok(
      actionsOf(agreed).some((a: any) => a.verb === 'redeployment.moveDone'),
      'the head may record the move done',
    );
    let d = await declaration(t, r.id);
    assert.equal(d.status, 'assessed', 'the discussion held is not the end: the request stays open until the move');
    assert.deepEqual(d.redeployment?.move, { on: '2026-12-04', destination: 'Fraud Team 1' });
    await t.tick();

    // HR: a card with who, from, to and when; never why, never the note, never wellbeing.
    const hrCards = alertsTo(t, DEMO.hana!);
    assert.equal(hrCards.length, 1, 'HR get one card');
    const hrCard = cardIn(hrCards[0]!);
    assert.equal(fact(hrCard, 'From'), 'Online Child Abuse Team 2');
    assert.equal(fact(hrCard, 'To'), 'Fraud Team 1');
    assert.equal(fact(hrCard, 'Move date'), '4 Dec 2026');
    assert.ok(actionsOf(hrCard).some((a: any) => a.verb === 'redeployment.moveDone'));
    const hrNever = /NOTE-7f3a|leave the unit|viewing|break|assessment|adjustment|wellbeing|not okay|escalat/i;
    assert.doesNotMatch(text(hrCard).replace(/"I'm not okay"|I'm not okay/g, ''), hrNever);

    // HR see nothing else of the request, and each refusal is audited.
    const since = t.clock.now().toISOString();
    const view = await act(t, DEMO.hana!, 'alert.view', id);
    assert.match(text(view), /This is not yours to open/);
    assert.doesNotMatch(text(view), /Alex Moreno|NOTE-7f3a/);
    assert.doesNotMatch(text(await act(t, DEMO.hana!, 'alert.showNote', id)), /NOTE-7f3a/);
    assert.match(text(await act(t, DEMO.hana!, 'declaration.status', id)), /You have no requests|not yours/);
    assert.match(text(await act(t, DEMO.hana!, 'alert.assess', { ...id, adjustments: 'offViewing' })), /This is not yours to open/);
    const shown = await act(t, DEMO.hana!, 'redeployment.move', id);
    assert.equal(fact(shown, 'Move date'), '4 Dec 2026');
    const audit = await auditSince(t, since);
    assert.ok(audit.some((a) => a.actor === 'hana.ito' && a.action === 'declaration.read' && a.outcome === 'denied'));
    assert.ok(audit.some((a) => a.actor === 'hana.ito' && a.action === 'declaration.readMove' && a.outcome === 'ok'));
    assert.ok(!audit.some((a) => a.actor === 'hana.ito' && a.action === 'declaration.read' && a.outcome === 'ok'));
    // Nor may anyone else open the move card: a colleague is refused, and audited.
    assert.match(text(await act(t, DEMO.bea!, 'redeployment.move', id)), /This is not yours to open/);
    assert.match(text(await act(t, DEMO.bea!, 'redeployment.moveDone', id)), /This is not yours to open/);
    assert.equal((await declaration(t, r.id)).redeployment?.move?.done, undefined);

    // The officer's status says when, and that they stay off viewing until then.
    const status = await act(t, DEMO.alex!, 'declaration.status', id);
    assert.match(text(status), /Your move is agreed for 4 Dec 2026\. You stay off viewing until then\./);
    assert.match(text(status), /Redeployment discussion held with Dana Hughes: move agreed for 4 Dec 2026/);
    const confirmationUpdates = t.connector.calls.filter(
      (c) =>
        c.operation === 'updateActivity' && c.conversationId === personalChatId(DEMO.alex!) && /Your move is agreed/.test(text(cardIn(c))),
    );
    assert.ok(confirmationUpdates.length >= 1, 'the confirmation card says it too');

    // The move slips. Saturday: nobody is told (the department head does not work weekends).
    t.clock.set('2026-12-05T10:00:00Z');
    await t.tick();
    assert.equal(await moveRemindersTo(t, 'dana.hughes', r.id), 0, 'not at the weekend');
    t.clock.set('2026-12-07T07:00:00Z');
    await t.tick();
    assert.equal(await moveRemindersTo(t, 'dana.hughes', r.id), 0, 'not before her working day starts');
    t.clock.set('2026-12-07T08:40:00Z');
    await t.tick();
    await t.tick();
    assert.equal(await moveRemindersTo(t, 'dana.hughes', r.id), 1, 'the department head first, once');
    assert.equal(await moveRemindersTo(t, 'tom.reed', r.id), 0, 'the person above not yet');
    t.clock.set('2026-12-07T15:00:00Z');
    await t.tick();
    assert.equal(await moveRemindersTo(t, 'dana.hughes', r.id), 1, 'no flood the same day');

    t.clock.set('2026-12-08T09:00:00Z');
    await t.tick();
    assert.equal(await moveRemindersTo(t, 'dana.hughes', r.id), 2, 'then the head again');
    assert.equal(await moveRemindersTo(t, 'tom.reed', r.id), 1, 'and the person above');
    assert.match(text(await act(t, DEMO.tom!, 'alert.view', id)), /Alex Moreno wants to leave the unit/, 'who may then open it');
    d = await declaration(t, r.id);
    assert.equal(d.status, 'assessed', 'still open while the move is not done');

    // HR record it done: the request closes, and the reminders stop.
    const done = await act(t, DEMO.hana!, 'redeployment.moveDone', id);
    assert.match(fact(done, 'Status') ?? '', /^Done \(recorded by Hana Ito/);
    assert.doesNotMatch(text(done), hrNever);
    d = await declaration(t, r.id);
    assert.equal(d.status, 'closed');
    assert.equal(d.redeployment?.move?.done?.by, 'hana.ito');
    const again = await act(t, DEMO.hana!, 'redeployment.moveDone', id);
    assert.match(text(again), /Already done: move recorded as done by Hana Ito/);
    assert.ok(
      (await auditSince(t, since)).some((a) => a.actor === 'hana.ito' && a.action === 'declaration.recordMoveDone' && a.outcome === 'ok'),
    );
    await t.tick();
    const owner = await act(t, DEMO.alex!, 'declaration.status', id);
    assert.match(text(owner), /Looked after/);
    assert.match(text(owner), /Move recorded as done by Hana Ito/);
    t.clock.set('2026-12-10T09:00:00Z');
    await t.tick();
    assert.equal(await moveRemindersTo(t, 'dana.hughes', r.id), 2, 'nothing after the move is done');
    assert.equal(await moveRemindersTo(t, 'tom.reed', r.id), 1);

    // Everything HR were ever sent: the move card and its updates, nothing of the request.
    const aboutIt = t.connector.calls.filter((x) => x.conversationId === personalChatId(DEMO.hana!) && text(cardIn(x)).includes(r.id));
    assert.ok(aboutIt.length >= 2, 'the card, and its update once done');
    for (const c of aboutIt) assert.doesNotMatch(text(cardIn(c)).replace(/I'm not okay/g, ''), hrNever);

    // The officer's export has the outcome and the move date.
    const exported = await subject(t, 'export', 'alex.moreno');
    assert.equal(exported.code, 0, exported.err);
    const own = JSON.parse(exported.out).declarations.find((x: { id: string }) => x.id === r.id);
    assert.equal(own.redeployment.held.outcome, 'moveAgreed');
    assert.equal(own.redeployment.move.on, '2026-12-04');
    assert.equal(own.redeployment.move.destination, 'Fraud Team 1');
  });
});
