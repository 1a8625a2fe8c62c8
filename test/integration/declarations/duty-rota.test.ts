// Issue 16 (rotas): an "I'm not okay" raised while whoever acts for the person is outside their working
// time reaches the unit's duty sergeant at once (data/duty-rota/unit-2.json: Monday nights, Priya Shah;
// the duty inspector, Dana Hughes), with the same guarantees; the line supervisor hears when they start.
// Alex's supervisor Sam works Mon-Fri 07:00-16:00 (November: UK time is UTC).
import assert from 'node:assert/strict';
import { DEMO } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { cardIn, fact, responderAlertsTo, text } from '../../support/sent-cards.ts';

describe('declarations: the duty rota out of hours (issue 16)', () => {
  let t: TestHaven;
  beforeEach(async () => {
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T09:00:00Z'), env: { HAVEN_DUTY_ROTA_DIR: 'data/duty-rota' } });
    await setUpUnit(t);
  });
  afterEach(async () => t?.close());

  it('a 02:00 raise reaches the duty sergeant at once; the line supervisor gets it when he starts, and the sergeant’s access ends', async () => {
    t.clock.set('2026-11-24T02:00:00Z');
    const r = await raise(t, DEMO.alex!, { kind: 'talk', note: 'night note', share: 'supervisor' });
    assert.match(text(r.card), /Haven is telling Priya Shah \(the duty sergeant\) now/, 'the confirmation names the duty sergeant');
    assert.match(text(r.card), /Sam Okafor is not at work now; Haven tells them too when they start/);
    await t.tick();
    const priya = responderAlertsTo(t, DEMO.priya!, r.id);
    assert.equal(priya.length, 1, 'the duty sergeant at once');
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0, 'not the line supervisor at 02:00');
    let d = await declaration(t, r.id);
    assert.deepEqual(d.onCall && { personId: d.onCall.personId, role: d.onCall.role }, { personId: 'priya.shah', role: 'dutySergeant' });
    assert.deepEqual(d.outOfHours, { personId: 'sam.okafor', tellAt: '2026-11-24T07:00:00.000Z' });

    // The duty sergeant stands in for the supervisor: she opens it, reads the note and acknowledges.
    const view = await act(t, DEMO.priya!, 'alert.view', { declarationId: r.id });
    assert.equal(fact(view, 'Who'), 'Alex Moreno');
    assert.match(text(view), /night note/);
    await act(t, DEMO.priya!, 'alert.acknowledge', { declarationId: r.id });
    d = await declaration(t, r.id);
    assert.equal(d.status, 'acknowledged');

    t.clock.set('2026-11-24T06:59:00Z');
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0, 'not before he starts');
    t.clock.set('2026-11-24T07:00:00Z');
    await t.tick();
    const sam = responderAlertsTo(t, DEMO.sam!, r.id);
    assert.equal(sam.length, 1, 'Sam at his first working moment');
    assert.doesNotMatch(text(cardIn(sam[0]!)), /did not (respond|acknowledge|act)|failed|no response/i, 'the card never says who failed');
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1, 'once');
    d = await declaration(t, r.id);
    assert.equal(d.outOfHours?.toldAt, '2026-11-24T07:00:00.000Z');
    assert.ok(d.timeline.some((e) => e.event === 'alerted' && e.personId === 'sam.okafor' && e.detail === 'startOfWork'));
    // Sam holds it now; the duty sergeant's entitlement ended with the night, as a cover's does.
    const samView = await act(t, DEMO.sam!, 'alert.view', { declarationId: r.id });
    assert.equal(fact(samView, 'Who'), 'Alex Moreno');
    const since = t.clock.now().toISOString();
    const after = await act(t, DEMO.priya!, 'alert.view', { declarationId: r.id });
    assert.doesNotMatch(text(after), /Alex Moreno|night note/, 'the ex-duty sergeant no longer sees it');
    assert.ok(
      (await auditSince(t, since)).some((e) => e.actor === 'priya.shah' && e.subject === `declaration:${r.id}` && e.outcome === 'denied'),
    );
  });

  it('unacknowledged: the duty inspector after 15 minutes, then the existing chain; no card names who did not respond', async () => {
    t.clock.set('2026-11-24T02:00:00Z');
    const r = await raise(t, DEMO.bea!, { kind: 'break' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.priya!, r.id).length, 1);
    t.clock.advance(14 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0, 'not before the 15 minutes are up');
    t.clock.advance(1 * MIN);
    await t.tick();
    const dana = responderAlertsTo(t, DEMO.dana!, r.id);
    assert.equal(dana.length, 1, 'the duty inspector');
    // Its history lists who was alerted, as every alert card does, never that anyone failed to respond.
    assert.doesNotMatch(
      text(cardIn(dana[0]!)),
      /did not (respond|acknowledge|act)|failed|no response/i,
      "the inspector's card blames nobody",
    );
    assert.match(text(cardIn(dana[0]!)), /Escalated to Dana Hughes/);
    let d = await declaration(t, r.id);
    assert.equal(d.onCall?.role, 'dutyInspector');
    // Then the existing chain: Sam (the line supervisor) is next, at night too, as escalation always goes.
    t.clock.advance(15 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1, 'then the line supervisor');
    d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'sam.okafor');
    // Already alerted: at 07:00 he is not told a second time.
    t.clock.set('2026-11-24T07:00:00Z');
    await t.tick();
    const samAlerts = responderAlertsTo(t, DEMO.sam!, r.id).length;
    d = await declaration(t, r.id);
    assert.equal(d.outOfHours?.toldAt, '2026-11-24T07:00:00.000Z');
    assert.equal(d.timeline.filter((e) => e.detail === 'startOfWork').length, 0);
    assert.ok(samAlerts >= 1);
  });

  it('a raise inside working time is unchanged: the line supervisor at once, nobody on duty', async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    const r = await raise(t, DEMO.alex!, { kind: 'talk' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1);
    assert.equal(responderAlertsTo(t, DEMO.priya!, r.id).length, 0);
    const d = await declaration(t, r.id);
    assert.equal(d.onCall?.role, 'supervisor');
    assert.equal(d.outOfHours, undefined);
    assert.doesNotMatch(text(r.card), /duty sergeant/);
  });

  it('the form says who will be told at night: the duty sergeant, then the duty inspector', async () => {
    t.clock.set('2026-11-24T02:00:00Z');
    const form = await act(t, DEMO.alex!, 'declaration.open', { kind: 'talk' });
    assert.match(text(form), /Priya Shah \(the duty sergeant\) will be told now/);
    assert.match(text(form), /Dana Hughes \(the duty inspector\)/);
  });
});
