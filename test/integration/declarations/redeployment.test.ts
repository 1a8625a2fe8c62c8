// Leaving the unit: the department head's redeployment discussion has a deadline; overdue escalates
// upward and keeps reminding until it is recorded.
import assert from 'node:assert/strict';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';

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
    await act(t, DEMO.dana!, 'redeployment.record', { declarationId: r.id });
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
