// Staged exposure through the whole Haven: typed commands and card actions as Teams sends them, the
// confirmation by the supervisor or a trainer, refusals (audited, nothing changed), the reflection
// period, and privacy of reflections and private notes (encrypted, never on anyone else's card).
import assert from 'node:assert/strict';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO, message } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { cardIn, inputsOf, text } from '../../support/sent-cards.ts';
import { trayLines } from '../../support/tray-lines.ts';

const DAY = 24 * 60 * 60_000;

async function stage(t: TestHaven) {
  return (await t.haven.deps.stages.get('alex.moreno'))?.value;
}

async function outboxIds(t: TestHaven): Promise<string[]> {
  return (await t.haven.outbox.list()).map((m) => m.value.id);
}

describe('staged exposure (integration)', function () {
  this.timeout(120_000);
  let t: TestHaven;

  before(async () => {
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T09:30:00Z'), care: true });
    const { installPersonal } = await import('../../support/activities.ts');
    for (const u of [DEMO.alex!, DEMO.sam!, DEMO.tom!, DEMO.bea!, DEMO.dev!])
      assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  after(async () => t?.close());

  it('"stage" shows a new joiner their stage card, neutral first line and the I\'m not okay footer; nothing is stored until they act', async () => {
    const r = await t.post(message(t.connector.url, DEMO.alex!, 'stage'));
    assert.equal(r.status, 200);
    const call = t.connector.calls.filter((c) => c.operation !== 'createConversation').at(-1)!;
    const card = cardIn(call);
    assert.equal(card.body[0].text, 'Haven has an update for you');
    assert.match(text(card), /Staged exposure/);
    assert.match(text(card), /I feel ready/);
    assert.match(text(card), /I'm not okay/);
    assert.equal(await stage(t), undefined);
  });

  it('someone who is not a new joiner is told kindly and nothing is created', async () => {
    const card = await act(t, DEMO.dev!, 'stage.ready');
    assert.match(text(card), /for officers who joined the unit recently/);
    assert.equal(await t.haven.deps.stages.get('dev.patel'), undefined);
  });

  it('"I feel ready" asks the supervisor and the trainer to confirm stage C: a line in each one\'s tray, not a card', async () => {
    const r = await t.post(message(t.connector.url, DEMO.alex!, 'I feel ready'));
    assert.equal(r.status, 200);
    assert.equal((await stage(t))?.readyFor, 'C');
    assert.ok(!(await t.haven.outbox.list()).some((m) => m.value.purpose === 'stage.askConfirmation'), 'no card of its own');
    for (const who of ['sam.okafor', 'tom.reed']) {
      const lines = await trayLines(t.haven.deps, who, 'stage:');
      assert.deepEqual(
        lines.map((l) => [l.key, l.aboutPersonId, l.line, l.actions.map((a) => `${a.title}:${a.verb}:${text(a.data)}`).join(' ')]),
        [
          [
            'stage:alex.moreno:C',
            'alex.moreno',
            'Alex Moreno feels ready for Stage C of staged exposure: confirm when you agree',
            'Confirm:stage.confirm:{"personId":"alex.moreno"} Open:stage.view:{"personId":"alex.moreno"}',
          ],
        ],
        who,
      );
    }
  });

  it('refuses a confirmation from someone not entitled, and from the officer themselves: audited as denied, nothing changed', async () => {
    const before = text(await stage(t));
    const bea = await act(t, DEMO.bea!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.match(text(bea), /This is not yours to open/);
    const own = await act(t, DEMO.alex!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.match(text(own), /Nothing was changed/);
    assert.equal(text(await stage(t)), before);
    const denied = (await auditSince(t)).filter((e) => e.action === 'stage.confirm' && e.outcome === 'denied');
    assert.deepEqual(denied.map((e) => e.actor).sort(), ['alex.moreno', 'bea.clarke']);
  });

  it('Sam confirms stage C; Alex is told; a second confirmation changes nothing', async () => {
    const card = await act(t, DEMO.sam!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.match(text(card), /Confirmed/);
    const s = await stage(t);
    assert.equal(s?.status, 'inStage');
    assert.equal(s?.stage, 'C');
    assert.ok((await outboxIds(t)).includes('stage:alex.moreno:h2:confirmed'), 'Alex is told at once, by a card');
    for (const who of ['sam.okafor', 'tom.reed'])
      assert.deepEqual(
        (await trayLines(t.haven.deps, who, 'stage:')).filter((l) => !l.key.endsWith(':discussion')),
        [],
        `${who}: confirmed, the line is done for everyone`,
      );
    const again = await act(t, DEMO.sam!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.match(text(again), /Nothing changed/);
    assert.equal((await stage(t))?.history.length, 2);
  });

  it('stage C reached: Sam (who is responsible for Alex) gets a line to hold a discussion about it, records it as held (the day only), and Alex sees it', async () => {
    const [line] = await trayLines(t.haven.deps, 'sam.okafor', 'stage:alex.moreno:C:discussion');
    assert.equal(
      line?.line,
      'Alex Moreno has reached Stage C of staged exposure: hold a discussion with them about it (with other officers too, if they like), then record it as held',
    );
    assert.deepEqual(
      line?.actions.map((a) => `${a.title}:${a.verb}:${JSON.stringify(a.data)}`),
      ['Done:stage.discussionHeld:{"personId":"alex.moreno","stage":"C"}', 'Open:stage.view:{"personId":"alex.moreno"}'],
    );
    assert.deepEqual(
      await trayLines(t.haven.deps, 'tom.reed', 'stage:alex.moreno:C:discussion'),
      [],
      'the line is for the responsible person',
    );
    // Refused: someone not entitled, the officer, a date in the future, a stage not reached; nothing stored, audited.
    assert.match(
      text(await act(t, DEMO.bea!, 'stage.discussionHeld', { personId: 'alex.moreno', stage: 'C', doneOn: '2026-11-23' })),
      /This is not yours to open/,
    );
    assert.match(
      text(await act(t, DEMO.alex!, 'stage.discussionHeld', { personId: 'alex.moreno', stage: 'C', doneOn: '2026-11-23' })),
      /Only their supervisor \(or cover\) or a trainer of the unit records a stage discussion\. Nothing was changed/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'stage.discussionHeld', { personId: 'alex.moreno', stage: 'C', doneOn: '2026-12-01' })),
      /the date is in the future\)\. Nothing was changed/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'stage.discussionHeld', { personId: 'alex.moreno', stage: 'B', doneOn: '2026-11-23' })),
      /They have not reached Stage B yet/,
    );
    assert.equal((await stage(t))?.discussions, undefined);
    assert.equal(
      (await auditSince(t)).filter((e) => e.action === 'stage.recordDiscussion' && e.outcome === 'denied').length,
      4,
      'each refusal is audited',
    );
    const card = await act(t, DEMO.sam!, 'stage.discussionHeld', { personId: 'alex.moreno', stage: 'C', doneOn: '2026-11-23' });
    assert.match(text(card), /Recorded: the discussion about Stage C, held Mon, 23 Nov 2026\./);
    assert.deepEqual((await stage(t))?.discussions, [
      { stage: 'C', heldOn: '2026-11-23', recordedBy: 'sam.okafor', recordedAt: t.clock.now().toISOString() },
    ]);
    assert.deepEqual(await trayLines(t.haven.deps, 'sam.okafor', 'stage:alex.moreno:C:discussion'), [], 'recorded: the line is done');
    assert.ok((await auditSince(t)).some((e) => e.action === 'stage.recordDiscussion' && e.actor === 'sam.okafor' && e.outcome === 'ok'));
    const own = await act(t, DEMO.alex!, 'stage.show');
    assert.match(text(own), /"title":"Discussion about Stage C","value":"Held Mon, 23 Nov 2026"/);
    const again = await act(t, DEMO.sam!, 'stage.discussionHeld', { personId: 'alex.moreno', stage: 'C', doneOn: '2026-11-23' });
    assert.match(text(again), /Nothing changed/);
  });

  it('the reflection period: "I feel ready" the same week is refused with the date they can move on', async () => {
    t.clock.advance(2 * DAY);
    const card = await act(t, DEMO.alex!, 'stage.ready');
    assert.match(text(card), /you can say you feel ready from 2026-11-30/);
    assert.equal((await stage(t))?.readyFor, undefined);
    assert.ok((await auditSince(t)).some((e) => e.action === 'stage.sayReady' && e.outcome === 'denied' && e.reason === 'notYet'));
  });

  it('a reflection (private) and a private note on step back are encrypted at rest and never shown to the supervisor', async () => {
    const reflected = await act(t, DEMO.alex!, 'stage.reflect', { reflection: 'CANARY-REFLECTION heavy first week', share: 'false' });
    assert.match(text(reflected), /Your reflection is saved/);
    t.clock.advance(6 * DAY);
    await act(t, DEMO.alex!, 'stage.ready');
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', 'stage:alex.moreno:B')).length, 1);
    await act(t, DEMO.tom!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.equal((await stage(t))?.stage, 'B');
    const samB = await trayLines(t.haven.deps, 'sam.okafor', 'stage:alex.moreno:B');
    assert.deepEqual(
      samB.map((l) => l.key),
      ['stage:alex.moreno:B:discussion'],
      "Tom's confirmation closes Sam's line; Sam is asked to hold the discussion about stage B",
    );
    const back = await act(t, DEMO.alex!, 'stage.stepBack', { note: 'CANARY-PRIVATE-NOTE' });
    assert.match(text(back), /stage c/i);
    const s = await stage(t);
    assert.equal(s?.stage, 'C');
    assert.equal(s?.privateNotes[0]?.text, 'CANARY-PRIVATE-NOTE');
    assert.ok((await outboxIds(t)).some((id) => id.startsWith('stage:alex.moreno:') && id.endsWith(':steppedBack:sam.okafor')));

    const rows: string[] = [];
    for await (const e of t.haven.store.client(TABLES.stages).listEntities()) rows.push(JSON.stringify(e));
    assert.ok(rows.length === 1 && !rows[0]!.includes('CANARY'), 'reflections and notes are encrypted');

    const view = await act(t, DEMO.sam!, 'stage.view', { personId: 'alex.moreno' });
    assert.doesNotMatch(text(view), /CANARY/);
    assert.match(text(view), /Stage C/);
    const team = await act(t, DEMO.sam!, 'team.show');
    assert.doesNotMatch(text(team), /CANARY/);
    assert.match(text(team), /Staged exposure: Stage C/);
    const outbox = text((await t.haven.outbox.list()).map((m) => m.value.activity));
    assert.doesNotMatch(outbox, /CANARY/);
    assert.ok((await auditSince(t)).some((e) => e.action === 'stage.read' && e.actor === 'sam.okafor' && e.outcome === 'ok'));
  });

  it('a stranger reading the stage is refused and audited', async () => {
    const card = await act(t, DEMO.bea!, 'stage.view', { personId: 'alex.moreno' });
    assert.match(text(card), /This is not yours to open/);
    assert.ok((await auditSince(t)).some((e) => e.action === 'stage.read' && e.actor === 'bea.clarke' && e.outcome === 'denied'));
  });

  it('pause and resume need no reason; a malformed payload changes nothing', async () => {
    await act(t, DEMO.alex!, 'stage.pause');
    assert.equal((await stage(t))?.status, 'paused');
    const before = text(await stage(t));
    const bad = await act(t, DEMO.alex!, 'stage.reflect', { reflection: 'x'.repeat(2500) });
    assert.match(text(bad), /too long/);
    assert.equal(text(await stage(t)), before);
    await act(t, DEMO.alex!, 'stage.resume');
    assert.equal((await stage(t))?.status, 'inStage');
  });

  it('a refused note or reflection comes back on the card with what was typed: too long, or storage down (issue 12)', async () => {
    const before = text(await stage(t));
    const long = '我們'.repeat(333) + '多出來的字'; // the limit is 2,000 bytes: 666 characters of Chinese
    const note = await act(t, DEMO.alex!, 'stage.stepBack', { note: long });
    assert.match(text(note), /Your note is too long by 5 characters/);
    assert.equal(inputsOf(note).get('note'), long);
    const reflection = await act(t, DEMO.alex!, 'stage.reflect', { reflection: long, share: 'true' });
    assert.match(text(reflection), /Your reflection is too long by 5 characters/);
    assert.equal(inputsOf(reflection).get('reflection'), long);
    assert.equal(inputsOf(reflection).get('share'), 'true');
    assert.equal(text(await stage(t)), before);
    const stages = t.haven.deps.stages as any;
    const save = stages.save;
    stages.save = async () => {
      throw Object.assign(new Error('storage unreachable'), { statusCode: 503 });
    };
    try {
      const typed = 'نحتاج إلى استراحة **الآن**';
      const down = await act(t, DEMO.alex!, 'stage.pause', { note: typed });
      assert.match(text(down), /could not save this just now.*everything you typed is still here/);
      assert.equal(inputsOf(down).get('note'), typed);
    } finally {
      stages.save = save;
    }
    assert.equal(text(await stage(t)), before);
  });
});

describe('staged exposure waits while the officer is off viewing (integration)', function () {
  this.timeout(120_000);
  let t: TestHaven;

  before(async () => {
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T09:30:00Z'), care: true });
    const { installPersonal } = await import('../../support/activities.ts');
    for (const u of [DEMO.alex!, DEMO.sam!, DEMO.tom!, DEMO.dana!])
      assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  after(async () => t?.close());

  it('Alex says he feels ready, then asks for a break: the confirmation card says he is off viewing and cannot be confirmed until he is back', async () => {
    await act(t, DEMO.alex!, 'stage.ready');
    assert.equal((await stage(t))?.readyFor, 'C');
    const raised = await act(t, DEMO.alex!, 'declaration.raise', { kind: 'break' });
    const declarationId = JSON.stringify(raised).match(/decl-[0-9a-f]{24}/)![0];
    const before = text(await stage(t));

    // Sam opens the card he was sent: it says Alex is off viewing, with no Confirm button.
    const view = await act(t, DEMO.sam!, 'stage.view', { personId: 'alex.moreno' });
    assert.match(text(view), /Off viewing/);
    assert.match(text(view), /cannot be confirmed until they are back/);
    assert.doesNotMatch(text(view), /"verb":"stage.confirm"/);
    // Pressing Confirm on the card sent earlier is refused, and says why.
    const refused = await act(t, DEMO.sam!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.match(text(refused), /off viewing just now: staged exposure does not move on until they are back/);
    assert.match(text(refused), /Nothing was changed/);
    assert.equal(text(await stage(t)), before, 'nothing moved on');
    assert.ok((await auditSince(t)).some((e) => e.action === 'stage.confirm' && e.actor === 'sam.okafor' && e.outcome === 'denied'));

    // Alex's own card says so too, and offers no "I feel ready" meanwhile.
    const own = await act(t, DEMO.alex!, 'stage.show');
    assert.match(text(own), /You are off viewing just now. Staged exposure waits until you are back/);
    assert.doesNotMatch(text(own), /"verb":"stage.ready"/);

    // The break request looked after and closed is not a return (issue 14, part 1): still off viewing.
    await act(t, DEMO.sam!, 'alert.assess', { declarationId, adjustments: 'moreBreaks', notes: 'talked' });
    await act(t, DEMO.sam!, 'alert.confirmAccess', { declarationId });
    assert.equal((await t.haven.deps.declarations.get(declarationId))?.value.status, 'closed');
    assert.match(text(await act(t, DEMO.sam!, 'stage.confirm', { personId: 'alex.moreno' })), /off viewing just now/);
    // Once the return is agreed by both (Alex feels ready, Sam confirms), Sam can confirm the stage.
    await act(t, DEMO.alex!, 'break.ready', { declarationId });
    await act(t, DEMO.sam!, 'break.confirmReturn', { declarationId });
    const confirmed = await act(t, DEMO.sam!, 'stage.confirm', { personId: 'alex.moreno' });
    assert.match(text(confirmed), /Confirmed/);
    assert.equal((await stage(t))?.stage, 'C');
  });
});
