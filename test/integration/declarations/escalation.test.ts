// Escalation on the business clock (a FakeClock), with data/escalation/default.json: supervisor 15 min,
// cover 15 (Sam has none), department head 30, above (none in unit-2); acknowledgement timeout 60.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, installPersonal, personalChatId } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startFakeConnector } from '../../support/fake-connector.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { cardIn, responderAlertsTo, text } from '../../support/sent-cards.ts';

describe('declarations: escalation', () => {
  let t: TestHaven;
  beforeEach(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  afterEach(async () => t?.close());

  it('unacknowledged: the next level after 15 minutes, and the chain repeats after the last level', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'break' });
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1);
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0);

    t.clock.advance(14 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0, 'not before the 15 minutes are up');

    t.clock.advance(1 * MIN);
    await t.tick();
    const dana = responderAlertsTo(t, DEMO.dana!, r.id);
    assert.equal(dana.length, 1, 'the department head after 15 minutes');
    assert.match(text(cardIn(dana[0]!)), /Escalated to Dana Hughes/);
    let d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'dana.hughes');
    assert.deepEqual(d.notified.sort(), ['dana.hughes', 'sam.okafor']);

    // Dana's level lasts 30 minutes; then the chain starts again with Sam rather than going quiet.
    t.clock.advance(29 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1);
    t.clock.advance(1 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 2, 'Sam again: the chain repeats');
    d = await declaration(t, r.id);
    assert.equal(d.loop, 1);
    assert.equal(d.level, 0);
    t.clock.advance(15 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 2, 'and on to Dana again');
    // Each deadline alerts once, however often the job runs.
    await t.tick();
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 2);
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 2);
  });

  it('acknowledged is not resolved: with no risk assessment it re-alerts after 60 minutes', async () => {
    const r = await raise(t, DEMO.bea!, { kind: 'talk' });
    await t.tick();
    await act(t, DEMO.sam!, 'alert.acknowledge', { declarationId: r.id });
    await t.tick();
    t.clock.advance(59 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1, 'quiet while the acknowledgement is fresh');
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0, 'no escalation past an acknowledgement');
    t.clock.advance(1 * MIN);
    await t.tick();
    const again = responderAlertsTo(t, DEMO.sam!, r.id);
    assert.equal(again.length, 2, 'Sam is reminded');
    assert.match(text(cardIn(again[1]!)), /Sam Okafor was reminded/);
    const d = await declaration(t, r.id);
    assert.equal(d.status, 'open');
    assert.ok(d.timeline.some((e) => e.event === 'reAlerted' && e.personId === 'sam.okafor'));
    // ...and if he still does nothing, escalation resumes.
    t.clock.advance(15 * MIN);
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 1);
  });

  it('nothing escalates after closure', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'talk' });
    await t.tick();
    await act(t, DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'referTrim', notes: 'talked it through' });
    assert.equal((await declaration(t, r.id)).status, 'closed');
    await t.tick(); // the closing updates go out
    // Scheduled care and check-ins carry on meanwhile; nothing may be about this request.
    const aboutIt = () => t.connector.calls.filter((c) => JSON.stringify(c.body ?? '').includes(r.id)).length;
    const calls = aboutIt();
    for (const minutes of [15, 45, 60, 24 * 60]) {
      t.clock.advance(minutes * MIN);
      await t.tick();
    }
    assert.equal(aboutIt(), calls, 'no alert, no update, to anyone');
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0);
    assert.equal((await declaration(t, r.id)).status, 'closed');
  });

  it('an unreachable responder (blocked the app) is passed over at once, recorded, and causes no storm of retries', async () => {
    t.connector.blockConversation(personalChatId(DEMO.sam!));
    const r = await raise(t, DEMO.alex!, { kind: 'break' });
    await t.tick();
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 1, 'Dana is alerted without waiting 15 minutes');
    assert.ok(
      t.connector.calls.some((c) => c.conversationId === personalChatId(DEMO.sam!) && c.status === 403),
      'Sam was tried',
    );
    const d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'dana.hughes');
    const unreachable = d.timeline.filter((e) => e.event === 'unreachable');
    assert.equal(unreachable.length, 1, 'recorded once');
    assert.equal(unreachable[0]!.personId, 'sam.okafor');
    assert.match(unreachable[0]!.detail ?? '', /403 ConversationBlockedByUser/);
    assert.ok(
      (await auditSince(t)).some((a) => a.action === 'delivery.unreachable' && a.subject === 'person:sam.okafor' && a.outcome === 'failed'),
    );
    const status = await act(t, DEMO.alex!, 'declaration.status', { declarationId: r.id });
    // Alex is never shown who could not be reached: only who has the request now.
    assert.doesNotMatch(text(status), /Sam Okafor|could not be reached/);
    assert.match(text(status), /Dana Hughes/);

    // Later card refreshes still cannot reach Sam: that is already known and does not loop.
    const calls = t.connector.calls.length;
    await act(t, DEMO.dana!, 'alert.acknowledge', { declarationId: r.id });
    await t.tick();
    await t.tick();
    const sent = t.connector.calls.slice(calls);
    assert.ok(sent.length <= 4, `a bounded number of card updates, not a storm (${sent.length})`);
    assert.equal((await declaration(t, r.id)).timeline.filter((e) => e.event === 'unreachable').length, 1);
  });

  it('an unreachable responder (no conversation reference: Haven was removed) is passed over at once', async () => {
    await t.haven.deps.conversations.remove({ kind: 'person', personId: 'sam.okafor' });
    const r = await raise(t, DEMO.bea!, { kind: 'leave' });
    await t.tick();
    await t.tick();
    const d = await declaration(t, r.id);
    assert.equal(d.onCall?.personId, 'dana.hughes');
    const entry = d.timeline.find((e) => e.event === 'unreachable');
    assert.equal(entry?.personId, 'sam.okafor');
    assert.match(entry?.detail ?? '', /no conversation reference/);
    assert.ok(
      responderAlertsTo(t, DEMO.dana!, r.id).some((c) => /Escalated to Dana Hughes/.test(text(cardIn(c)))),
      'Dana gets the escalated alert',
    );
    assert.ok(
      !t.connector.calls.some((c) => c.conversationId === personalChatId(DEMO.sam!) && text(c.body).includes(r.id)),
      'nothing was sent towards Sam',
    );
  });

  it("when everyone in the chain is unreachable, Haven keeps trying on the chain's schedule instead of spinning", async () => {
    t.connector.blockConversation(personalChatId(DEMO.sam!));
    t.connector.blockConversation(personalChatId(DEMO.dana!));
    const before = t.connector.calls.length;
    const r = await raise(t, DEMO.alex!, { kind: 'break' });
    await t.tick();
    const firstTick = t.connector.calls.length - before;
    assert.ok(firstTick <= 8, `one tick makes a handful of calls, not a loop (${firstTick})`);
    let d = await declaration(t, r.id);
    const people = new Set(d.timeline.filter((e) => e.event === 'unreachable').map((e) => e.personId));
    assert.deepEqual([...people].sort(), ['dana.hughes', 'sam.okafor'], 'both are recorded as unreachable');
    for (let i = 0; i < 8; i++) {
      t.clock.advance(15 * MIN);
      await t.tick();
    }
    const total = t.connector.calls.length - before;
    assert.ok(total <= 60, `two hours of an unreachable chain stay bounded (${total} calls)`);
    d = await declaration(t, r.id);
    assert.ok(d.timeline.length < 60, `the timeline stays small (${d.timeline.length})`);
    assert.ok(
      d.timeline.some((e) => e.event === 'unreachable' && e.at > '2026-11-23T10:00:00.000Z'),
      'still trying: the chain repeats rather than going quiet',
    );
    assert.ok(d.loop >= 2);
  });
});

describe('declarations: escalation survives a restart', () => {
  it('a Haven restarted on the same data fires the pending escalation, exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-restart-'));
    const connector = await startFakeConnector();
    const clock = new FakeClock();
    let t: TestHaven | undefined;
    try {
      t = await startTestHaven({ dataDir, connector, clock });
      await setUpUnit(t);
      const r = await raise(t, DEMO.alex!, { kind: 'break', note: 'before the restart', share: 'supervisor' });
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1);
      await t.close();
      t = undefined;

      clock.advance(10 * MIN);
      t = await startTestHaven({ dataDir, connector, clock });
      assert.equal((await declaration(t, r.id)).note, 'before the restart', 'the same data, readable');
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0, 'not yet due');
      clock.advance(5 * MIN);
      await t.tick();
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 1, 'the escalation fires after the restart');
      clock.advance(1 * MIN);
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 1, 'exactly once');
      assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 1, 'Sam is not alerted again by the restart');
      // Still the same people can act on it.
      assert.equal((await t.post(installPersonal(connector.url, DEMO.dana!))).status, 200);
      await act(t, DEMO.dana!, 'alert.acknowledge', { declarationId: r.id });
      assert.equal((await declaration(t, r.id)).acknowledged?.by, 'dana.hughes');
    } finally {
      await t?.close();
      await connector.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
