// Who may withdraw, and when a request is looked after: a talk request can be withdrawn by the person
// who raised it (only them); a request to leave stays open until the department head has held the
// redeployment discussion, whatever anyone else records.
import assert from 'node:assert/strict';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { text, actionsOf } from '../../support/sent-cards.ts';

describe('declarations: withdrawing and closing', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  after(async () => t?.close());

  it('a talk request: nobody but the declarant can withdraw it; they can, and Haven stops there', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'talk', note: 'would like a chat', share: 'supervisor' });
    await t.tick();
    // Responders (Sam, alerted; Dana, the department head) keep their own view with the refusal;
    // anyone else sees nothing of the request.
    for (const responder of [DEMO.sam!, DEMO.dana!]) {
      const card = await act(t, responder, 'declaration.withdraw', { declarationId: r.id });
      assert.match(
        text(card),
        /Only the person who raised a request can withdraw it\. Nothing was changed/,
        `${responder.name} is refused`,
      );
      assert.equal((await declaration(t, r.id)).status, 'open', `${responder.name} did not withdraw it`);
    }
    for (const other of [DEMO.priya!, DEMO.bea!]) {
      const card = await act(t, other, 'declaration.withdraw', { declarationId: r.id });
      assert.match(text(card), /This is not yours to open/, `${other.name} is refused`);
      assert.match(text(card), /Nothing was changed/);
      assert.ok(!text(card).includes('would like a chat'), 'the refusal shows nothing of the request');
      assert.equal((await declaration(t, r.id)).status, 'open', `${other.name} did not withdraw it`);
    }
    const denied = (await auditSince(t)).filter(
      (a) => a.action === 'declaration.withdraw' && a.subject === `declaration:${r.id}` && a.outcome === 'denied',
    );
    assert.deepEqual(denied.map((a) => a.actor).sort(), ['bea.clarke', 'dana.hughes', 'priya.shah', 'sam.okafor']);

    const own = await act(t, DEMO.alex!, 'declaration.status', { declarationId: r.id });
    assert.ok(
      actionsOf(own).some((a: any) => a.verb === 'declaration.withdraw' && a.title === 'I no longer need this'),
      'the declarant is offered withdrawal',
    );
    const card = await act(t, DEMO.alex!, 'declaration.withdraw', { declarationId: r.id });
    assert.match(text(card), /Withdrawn/);
    const d = await declaration(t, r.id);
    assert.equal(d.status, 'withdrawn');
    assert.equal(d.nextDeadlineAt, undefined);
    assert.ok((await auditSince(t)).some((a) => a.action === 'declaration.withdraw' && a.actor === 'alex.moreno' && a.outcome === 'ok'));
    // Responders can no longer act on it.
    const late = await act(t, DEMO.sam!, 'alert.acknowledge', { declarationId: r.id });
    assert.match(text(late), /already withdrawn/);
    assert.equal((await declaration(t, r.id)).status, 'withdrawn');
  });

  it('a break request cannot be withdrawn by the declarant either (it stays until looked after)', async () => {
    const r = await raise(t, DEMO.dev!, { kind: 'break' });
    const card = await act(t, DEMO.dev!, 'declaration.withdraw', { declarationId: r.id });
    assert.match(text(card), /stays open until it has been looked after/);
    assert.match(text(card), /Nothing was changed/);
    assert.equal((await declaration(t, r.id)).status, 'open');
  });

  it("a leave request: not withdrawable, and not closed by the assessment or access confirmation; the department head's record closes it", async () => {
    const r = await raise(t, DEMO.bea!, { kind: 'leave', note: 'I need out', share: 'supervisor' });
    await t.tick();
    const id = { declarationId: r.id };

    const own = text(await act(t, DEMO.bea!, 'declaration.withdraw', id));
    assert.match(own, /stays open until it has been looked after/);
    assert.match(own, /Your request: I want to leave the unit/, 'the declarant keeps their own status card');
    assert.equal((await declaration(t, r.id)).status, 'open');
    assert.match(text(await act(t, DEMO.sam!, 'declaration.withdraw', id)), /Only the person who raised a request can withdraw it/);

    await act(t, DEMO.sam!, 'alert.acknowledge', id);
    const assessed = await act(t, DEMO.sam!, 'alert.assess', { ...id, adjustments: 'offViewing,referOH', notes: 'agreed time away' });
    assert.match(text(assessed), /Risk assessment recorded; waiting for grading access to be removed/);
    assert.equal((await declaration(t, r.id)).status, 'assessed', 'still open after the risk assessment');
    await act(t, DEMO.sam!, 'alert.confirmAccess', id);
    let d = await declaration(t, r.id);
    assert.equal(d.status, 'assessed', 'still open after access removal is confirmed');
    assert.equal(d.accessRemoval, 'confirmed');
    assert.equal(d.closed, undefined);

    // Only the department head records the discussion: not the supervisor, not the declarant.
    for (const who of [DEMO.sam!, DEMO.bea!, DEMO.priya!]) {
      const card = await act(t, who, 'redeployment.record', id);
      assert.match(text(card), /Nothing was changed/, `${who.name} is refused`);
      assert.equal((await declaration(t, r.id)).status, 'assessed', `${who.name} cannot close it`);
    }
    const samView = await act(t, DEMO.sam!, 'alert.view', id);
    assert.ok(
      !actionsOf(samView).some((a: any) => a.verb?.startsWith('redeployment.')),
      'the supervisor is not offered the redeployment record',
    );
    assert.match(text(await act(t, DEMO.bea!, 'declaration.withdraw', id)), /stays open/);

    const danaView = await act(t, DEMO.dana!, 'alert.view', id);
    assert.ok(actionsOf(danaView).some((a: any) => a.verb === 'redeployment.record' && a.title === 'Discussion held'));
    const closed = await act(t, DEMO.dana!, 'redeployment.record', { ...id, outcome: 'stayingWithAdjustments' });
    assert.match(text(closed), /Looked after/);
    d = await declaration(t, r.id);
    assert.equal(d.status, 'closed');
    assert.equal(d.closed?.by, 'dana.hughes');
    assert.equal(d.redeployment?.held?.by, 'dana.hughes');
    // And once closed, still nobody can withdraw it.
    assert.match(
      text(await act(t, DEMO.bea!, 'declaration.withdraw', id)),
      /stays open until it has been looked after|Nothing was changed/,
    );
    assert.equal((await declaration(t, r.id)).status, 'closed');
  });
});
