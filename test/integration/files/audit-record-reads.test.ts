// The audit viewer lists the reads of a person's records, not only entries filed under the person:
// a supervisor opening Alex's request (a real card press) shows in the DPO's "audit alex" card and in
// the CSV export, by the supervisor's name, with nothing of the request itself.
import assert from 'node:assert/strict';
import { DEMO, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { cardIn, text } from '../../support/sent-cards.ts';
import { generateAuditExport } from '../../../src/features/audit-viewer/audit-viewer.ts';

async function typed(t: TestHaven, user: DemoUser, words: string): Promise<any> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  const calls = await t.connector.waitFor((all) => all.slice(before).some((c) => c.conversationId === personalChatId(user)));
  return cardIn(calls.slice(before).find((c) => c.conversationId === personalChatId(user))!);
}

describe("the audit viewer: reads of a person's records", () => {
  let t: TestHaven;
  const note = `NOTE-${Date.now()} I am not okay after the last case`;

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.sam!, DEMO.dana!, DEMO.hana!]);
    const hana = (await t.haven.deps.people.get('hana.ito'))!;
    await t.haven.deps.people.save({ ...hana.value, roles: [...hana.value.roles, 'dpo'] }, hana.version);
  });
  after(async () => t?.close());

  it("a supervisor reads Alex's request; the DPO's \"audit alex\" lists that read by the supervisor's name, and the export has it", async () => {
    const id = (await raise(t, DEMO.alex!, { kind: 'talk', note, share: 'supervisor' })).id!;
    await t.tick();
    const view = await act(t, DEMO.sam!, 'alert.view', { declarationId: id });
    assert.ok(JSON.stringify(view).includes('NOTE-'), 'the supervisor saw the request');

    const card = await typed(t, DEMO.hana!, 'audit alex');
    const s = text(card.body);
    assert.match(s, /Audit trail: Alex Moreno/);
    const lines = card.body.filter((b: any) => b.type === 'Container').map((c: any) => text(c));
    const read = lines.find((l: string) => /Declaration: read/.test(l) && /Sam Okafor/.test(l));
    assert.ok(read, `the supervisor's read is listed: ${lines.join(' | ')}`);
    assert.ok(
      lines.some((l: string) => /Declaration: raised/.test(l) && /Alex Moreno/.test(l)),
      'the request being raised too',
    );
    const visible = JSON.stringify(card.body.filter((b: any) => b.type !== 'ActionSet'));
    for (const hidden of ['NOTE-', id, 'alex.moreno', 'sam.okafor']) assert.ok(!visible.includes(hidden), hidden);

    const file = await generateAuditExport(t.haven.deps, 'hana.ito', 'alex.moreno');
    assert.ok(file.ok);
    assert.match(file.content, /,Sam Okafor,Declaration: read,/);
    for (const hidden of ['NOTE-', id, 'alex.moreno', 'sam.okafor']) assert.ok(!file.content.includes(hidden), hidden);
  });
});
