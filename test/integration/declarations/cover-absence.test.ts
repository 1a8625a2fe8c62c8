// A request never waits because a supervisor is away: their cover is on, or with no cover the next
// level (the department head), never the absent supervisor alone.
import assert from 'node:assert/strict';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { cardIn, channelCalls, fact, responderAlertsTo, text, actionsOf } from '../../support/sent-cards.ts';

describe('declarations: cover and absence', () => {
  let t: TestHaven;
  beforeEach(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  afterEach(async () => t?.close());

  it('Sam is absent today and his reports have no cover: Dana gets the first alert, and Sam is never alerted', async () => {
    await t.haven.deps.absences.create({ id: 'sam-off', personId: 'sam.okafor', from: '2026-11-23', to: '2026-11-27' });
    const r = await raise(t, DEMO.alex!, { kind: 'break', note: 'need a pause', share: 'supervisor' });
    assert.match(text(r.card), /Haven is telling Dana Hughes (\(the department head\) )?now, privately/);
    const d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'dana.hughes');
    assert.deepEqual(d.notified, ['dana.hughes']);
    await t.tick();
    const first = responderAlertsTo(t, DEMO.dana!, r.id);
    assert.equal(first.length, 1, 'Dana is alerted at once');
    assert.equal(fact(cardIn(first[0]!), 'Assigned to'), 'Dana Hughes');
    const channel = cardIn(channelCalls(t).find((c) => c.operation === 'sendToConversation' && text(c.body).includes(r.id))!);
    assert.match(text(channel), /Assigned to Dana Hughes/);
    assert.ok(!channel.refresh.userIds.includes(DEMO.sam!.id), 'the absent supervisor is not among the entitled viewers');

    // Unacknowledged, the chain goes round: still only Dana, never the absent Sam.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(30 * MIN);
      await t.tick();
    }
    assert.ok(responderAlertsTo(t, DEMO.dana!, r.id).length >= 3, 'Dana is alerted again as the chain repeats');
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0, 'Sam, who is away, is never alerted');
  });

  it('an absence that names a cover routes to that cover first', async () => {
    await t.haven.deps.absences.create({
      id: 'sam-off-covered',
      personId: 'sam.okafor',
      from: '2026-11-23',
      to: '2026-11-23',
      coverId: 'priya.shah',
    });
    const r = await raise(t, DEMO.bea!, { kind: 'talk' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.priya!, r.id).length, 1, 'Priya (covering) is alerted');
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0);
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0, 'the department head is the next level, not the first');
    assert.equal((await declaration(t, r.id)).timeline.find((e) => e.event === 'alerted')?.detail, 'cover');
  });

  it('Priya is absent and her standing cover is Sam: a declaration by Dev goes first to Sam', async () => {
    await t.haven.deps.absences.create({ id: 'priya-off', personId: 'priya.shah', from: '2026-11-20', to: '2026-11-24' });
    const r = await raise(t, DEMO.dev!, { kind: 'leave', note: 'Dev note', share: 'supervisor' });
    assert.match(text(r.card), /Haven is telling Sam Okafor now, privately/);
    await t.tick();
    const alerts = responderAlertsTo(t, DEMO.sam!, r.id);
    assert.equal(alerts.length, 1, 'Sam is alerted');
    const card = cardIn(alerts[0]!);
    assert.equal(fact(card, 'Who'), 'Dev Patel');
    assert.ok(text(card).includes('Dev note'), 'the cover sees what was shared with the supervisor');
    assert.ok(actionsOf(card).some((a: any) => a.verb === 'alert.acknowledge'));
    assert.equal(responderAlertsTo(t, DEMO.priya!, r.id).length, 0, 'Priya, who is away, is not alerted');
    const d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'sam.okafor');
    assert.equal(d.timeline.find((e) => e.event === 'alerted')?.detail, 'cover');
    // The cover acts as the supervisor would.
    const ack = await act(t, DEMO.sam!, 'alert.acknowledge', { declarationId: r.id });
    assert.equal(fact(ack, 'Status'), 'Acknowledged by Sam Okafor');
  });

  it("a cover's access lasts for the cover period: once the absence is ended, the ex-cover can no longer open or acknowledge the request", async () => {
    await t.haven.deps.absences.create({
      id: 'sam-off-covered',
      personId: 'sam.okafor',
      from: '2026-11-23',
      to: '2026-11-27',
      coverId: 'priya.shah',
    });
    const r = await raise(t, DEMO.bea!, { kind: 'talk', note: 'Bea note', share: 'supervisor' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.priya!, r.id).length, 1, 'Priya (covering) is alerted');
    const whileCovering = await act(t, DEMO.priya!, 'alert.view', { declarationId: r.id });
    assert.equal(fact(whileCovering, 'Who'), 'Bea Clarke', 'while covering, Priya opens the request');

    // Sam is back early and ends his absence through the card.
    const ended = await act(t, DEMO.sam!, 'absence.end', { absenceId: 'sam-off-covered' });
    assert.match(text(ended), /routes back/);
    const since = t.clock.now().toISOString();

    const view = await act(t, DEMO.priya!, 'alert.view', { declarationId: r.id });
    assert.doesNotMatch(text(view), /Bea Clarke|Bea note|would like to talk/, 'the ex-cover no longer sees the request');
    const ack = await act(t, DEMO.priya!, 'alert.acknowledge', { declarationId: r.id });
    assert.doesNotMatch(text(ack), /Bea Clarke|Bea note|Acknowledged by/, 'nor can she acknowledge it');
    const d = await declaration(t, r.id);
    assert.equal(d.status, 'open');
    assert.equal(d.acknowledged, undefined);
    const denied = (await auditSince(t, since)).filter(
      (e) => e.actor === 'priya.shah' && e.subject === `declaration:${r.id}` && e.outcome === 'denied',
    );
    assert.deepEqual(denied.map((e) => e.action).sort(), ['declaration.acknowledge', 'declaration.read'], 'both refusals are audited');
    // What she did while covering stays on the record; the request itself never stalls: the chain walks on.
    assert.ok(d.timeline.some((e) => e.event === 'alerted' && e.personId === 'priya.shah'));
    t.clock.advance(16 * MIN);
    await t.tick();
    assert.notEqual((await declaration(t, r.id)).onCall?.personId, 'priya.shah', 'the request moved on from the ex-cover');
  });

  it('once the absence is over, the supervisor is on again', async () => {
    await t.haven.deps.absences.create({ id: 'priya-yesterday', personId: 'priya.shah', from: '2026-11-16', to: '2026-11-22' });
    const r = await raise(t, DEMO.dev!, { kind: 'talk' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.priya!, r.id).length, 1);
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0);
  });
});
