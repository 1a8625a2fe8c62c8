// A break that ends (issue 14, part 1), through real-shaped activities with the fake clock, the fake
// Bot Connector and a fake Microsoft Graph on loopback:
// raise a break → its review date on "my team" and on the person's status → on the review date both are
// asked (the person's private card in their hours, a line in the supervisor's tray) → the person says
// they feel ready and the supervisor confirms (neither alone) → viewing restored (ETag save, audited) and
// the job re-adds them to the grading-access group (POST …/members/$ref), never the click. A failed
// re-add (429 with Retry-After, then 500) → a mandatory "access restored" step. A request to leave: no
// return offered. A break nobody reviews becomes an escalating task.
import assert from 'node:assert/strict';
import { DEMO, message, personalChatId } from '../../support/activities.ts';
import { startFakeGraph, type FakeGraph } from '../../support/fake-graph.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { actionsOf, alertsTo, cardIn, text } from '../../support/sent-cards.ts';
import { trayLines } from '../../support/tray-lines.ts';

const GROUP = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TOKEN = 'fake-graph-token-456';
const HOUR = 60 * MIN;

const verbs = (card: any) => actionsOf(card).map((a: any) => a.verb);

async function person(t: TestHaven, id: string) {
  const p = await t.haven.deps.people.get(id);
  assert.ok(p);
  return p.value;
}

/** Cards sent (POST) to someone's chat since `from` that are the break card. */
function breakCardsTo(t: TestHaven, user: (typeof DEMO)[string], from = 0): any[] {
  return alertsTo(t, user)
    .slice(from)
    .map(cardIn)
    .filter((c) => /break\.(ready|review|confirmReturn|confirmAccess)|Your break from viewing/.test(text(c)));
}

describe('declarations: a break that ends', function () {
  this.timeout(120_000);
  let graph: FakeGraph;
  let t: TestHaven;
  before(async () => {
    graph = await startFakeGraph();
    t = await startTestHaven({ env: { HAVEN_VIEWING_GROUP_ID: GROUP, HAVEN_GRAPH_URL: graph.url }, graphToken: async () => TOKEN });
    await setUpUnit(t);
  });
  after(async () => {
    await t?.close();
    await graph?.close();
  });

  it('raise → review date on "my team" and the status → review prompts → ready + confirmed → viewing restored and Graph re-add', async () => {
    // Monday 23 Nov 2026, 09:00 UK time. Alex works Mon-Fri 08:00-16:00: the default review is Tuesday.
    const r = await raise(t, DEMO.alex!, { kind: 'break' });
    assert.match(text(r.card), /Your break will be reviewed on Tue, 24 Nov 2026/);
    let d = await declaration(t, r.id);
    assert.deepEqual(d.offViewing, { since: d.raisedAt, reviewOn: '2026-11-24', reviewSetBy: 'default' });
    await t.tick(); // the removal from the group (DELETE)
    assert.equal((await person(t, 'alex.moreno')).viewingStatus, 'notViewing');

    // Sam's "my team" and Alex's own status both say it.
    const team = await act(t, DEMO.sam!, 'team.show');
    assert.match(text(team), /Off viewing since 23 Nov 2026, review on Tue, 24 Nov 2026/);
    const status = await act(t, DEMO.alex!, 'status.show');
    assert.match(text(status), /Not viewing since [^"]*, review on Tue, 24 Nov 2026/);
    assert.ok(
      actionsOf(status).some((a: any) => a.verb === 'break.show' && a.data.declarationId === r.id),
      'the status offers the break card',
    );

    // Closing the request (assessed, access removed automatically) does not end the time off viewing.
    await act(t, DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'offViewing' });
    assert.equal((await declaration(t, r.id)).status, 'closed');
    await t.tick();
    assert.equal((await person(t, 'alex.moreno')).viewingStatus, 'notViewing', 'closing a request is not a return');

    // Tuesday 07:00 UK: before Alex's hours. Sam's tray has the review; Alex is not prompted yet.
    const before = alertsTo(t, DEMO.alex!).length;
    t.clock.set('2026-11-24T07:00:00Z');
    await t.tick();
    const review = await trayLines(t.haven.deps, 'sam.okafor', `break:${r.id}:review`);
    assert.equal(review.length, 1);
    assert.match(review[0]!.line, /Alex Moreno's break from viewing is due for review \(Tue, 24 Nov 2026\)/);
    assert.deepEqual(review[0]!.actions, [{ title: 'Open', verb: 'break.show', data: { declarationId: r.id } }]);
    assert.equal(breakCardsTo(t, DEMO.alex!, before).length, 0, 'nothing to Alex outside his hours');
    // 09:00: Alex's private card, once.
    t.clock.set('2026-11-24T09:00:00Z');
    await t.tick();
    await t.tick();
    const prompts = breakCardsTo(t, DEMO.alex!, before);
    assert.equal(prompts.length, 1);
    assert.deepEqual(verbs(prompts[0]).sort(), ['break.ready', 'break.review', 'declaration.open'].sort());
    assert.ok(!text(prompts[0]).includes('finding'), 'never a note');

    // Neither alone: Sam cannot return Alex before Alex says he is ready; Alex cannot confirm himself.
    const early = await act(t, DEMO.sam!, 'break.confirmReturn', { declarationId: r.id });
    assert.match(text(early), /They have not said they feel ready to go back yet[^"]*Nothing was changed/);
    const self = await act(t, DEMO.alex!, 'break.confirmReturn', { declarationId: r.id });
    assert.match(text(self), /Only whoever looks after them now[^"]*Nothing was changed/);
    assert.equal((await declaration(t, r.id)).offViewing?.returned, undefined);

    // Alex: "I feel ready to go back". Still off viewing; Sam gets a tray line to confirm.
    const ready = await act(t, DEMO.alex!, 'break.ready', { declarationId: r.id });
    assert.match(text(ready), /You said you feel ready to go back\. Sam Okafor confirms the return with you/);
    assert.ok(!verbs(ready).includes('break.ready'));
    assert.equal((await person(t, 'alex.moreno')).viewingStatus, 'notViewing');
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', `break:${r.id}:ready`)).length, 1);
    const teamNow = await act(t, DEMO.sam!, 'team.show');
    assert.match(text(teamNow), /they feel ready to go back: confirm the return with them/);

    // Sam opens the card from the tray and confirms: viewing at once; the Graph call waits for the job.
    const samCard = await act(t, DEMO.sam!, 'break.show', { declarationId: r.id });
    assert.ok(verbs(samCard).includes('break.confirmReturn'));
    const confirmed = await act(t, DEMO.sam!, 'break.confirmReturn', { declarationId: r.id });
    assert.match(text(confirmed), /Back to viewing/);
    const alex = await person(t, 'alex.moreno');
    assert.equal(alex.viewingStatus, 'viewing');
    assert.equal(alex.viewingStatusSince, '2026-11-24T09:00:00.000Z');
    assert.equal(graph.requests.filter((q) => q.method === 'POST').length, 0, 'never from inside the click');
    d = await declaration(t, r.id);
    assert.equal(d.offViewing?.automaticRestore, 'pending');
    // Every break line for Sam is resolved.
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', `break:${r.id}:`)).length, 0);

    await t.tick();
    const adds = graph.requests.filter((q) => q.method === 'POST');
    assert.equal(adds.length, 1);
    assert.equal(adds[0]!.path, `/v1.0/groups/${GROUP}/members/$ref`);
    assert.deepEqual(adds[0]!.body, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${DEMO.alex!.aadObjectId}` });
    assert.equal(adds[0]!.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(graph.members(GROUP), [DEMO.alex!.aadObjectId]);
    d = await declaration(t, r.id);
    assert.equal(d.offViewing?.accessRestore, 'restoredAutomatically');
    await t.tick();
    assert.equal(graph.requests.filter((q) => q.method === 'POST').length, 1, 'done once');
    // Alex is told, privately.
    assert.ok(breakCardsTo(t, DEMO.alex!, before).some((c) => /You are back to viewing/.test(text(c))));

    const audit = await auditSince(t);
    const about = (action: string) => audit.filter((a) => a.action === action && a.subject === `declaration:${r.id}`);
    assert.equal(about('declaration.readyToReturn').filter((a) => a.outcome === 'ok').length, 1);
    assert.equal(about('declaration.confirmReturn').filter((a) => a.outcome === 'ok').length, 1);
    assert.equal(about('declaration.confirmReturn').filter((a) => a.outcome === 'denied').length, 2);
    assert.equal(about('declaration.accessRestoredAutomatically').length, 1);
    assert.equal(about('declaration.reviewDue').length, 1);
    assert.ok(audit.some((a) => a.action === 'person.viewingStatus' && a.reason === 'viewing after an agreed return'));
    // "My team" no longer shows Alex off viewing.
    assert.doesNotMatch(text(await act(t, DEMO.sam!, 'team.show')), /Alex Moreno[^\]]*Off viewing/);
  });

  it('a chosen review date on the form is kept; a past one brings the form back and stores nothing', async () => {
    const bad = await act(t, DEMO.bea!, 'declaration.raise', { kind: 'break', reviewOn: '2026-11-01' });
    assert.match(text(bad), /Choose a review date after today\. Nothing was sent yet\./);
    assert.equal((await t.haven.deps.declarations.listForPerson('bea.clarke')).length, 0);
    const r = await raise(t, DEMO.bea!, { kind: 'break', reviewOn: '2026-11-30' });
    assert.deepEqual((await declaration(t, r.id)).offViewing?.reviewOn, '2026-11-30');
    assert.equal((await declaration(t, r.id)).offViewing?.reviewSetBy, 'bea.clarke');
    // Sam moves it later; Bea is sent her break card saying so.
    const moved = await act(t, DEMO.sam!, 'break.review', { declarationId: r.id, reviewOn: '2026-12-02' });
    assert.match(text(moved), /Wed, 2 Dec 2026/);
    await t.tick();
    assert.ok(alertsTo(t, DEMO.bea!).some((c) => /Review on[^}]*Wed, 2 Dec 2026/.test(text(cardIn(c)))));
  });

  it('Graph throttled (429, Retry-After) then failing (500): retried after the wait, then a mandatory "access restored" step', async () => {
    const r = await raise(t, DEMO.chris!, { kind: 'break' });
    await t.tick();
    await act(t, DEMO.chris!, 'break.ready', { declarationId: r.id });
    graph.answerAddsWith({ status: 429, retryAfter: 120 }, { status: 500 });
    const posts = () => graph.requests.filter((q) => q.method === 'POST' && q.memberId === DEMO.chris!.aadObjectId);
    await act(t, DEMO.sam!, 'break.confirmReturn', { declarationId: r.id });
    await t.tick();
    assert.deepEqual(
      posts().map((q) => q.status),
      [429],
    );
    await t.tick();
    assert.equal(posts().length, 1, 'waits for Retry-After');
    t.clock.advance(121_000);
    await t.tick();
    assert.deepEqual(
      posts().map((q) => q.status),
      [429, 500],
    );
    const d = await declaration(t, r.id);
    assert.equal(d.offViewing?.automaticRestore, 'failed');
    assert.equal(d.offViewing?.accessRestore, 'awaitingConfirmation');
    const lines = await trayLines(t.haven.deps, 'sam.okafor', `break:${r.id}:restoreAccess`);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!.line, /Restore Chris Lowe's access to the grading systems by hand/);
    const card = await act(t, DEMO.sam!, 'break.show', { declarationId: r.id });
    assert.match(text(card), /Adding them back to the grading-access group automatically did not work/);
    assert.ok(actionsOf(card).some((a: any) => a.verb === 'break.confirmAccess' && a.title === 'Access restored'));
    // Chris cannot tick it off himself.
    assert.match(text(await act(t, DEMO.chris!, 'break.confirmAccess', { declarationId: r.id })), /Nothing was changed/);
    await act(t, DEMO.sam!, 'break.confirmAccess', { declarationId: r.id });
    assert.equal((await declaration(t, r.id)).offViewing?.accessRestore, 'confirmed');
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', `break:${r.id}:restoreAccess`)).length, 0);
    assert.ok((await auditSince(t)).some((a) => a.action === 'declaration.accessRestoreFailed' && a.subject === `declaration:${r.id}`));
  });

  it('a member already in the group ("already exist") counts as done', async () => {
    const r = await raise(t, DEMO.erin!, { kind: 'break' });
    await t.tick();
    graph.seedMember(GROUP, DEMO.erin!.aadObjectId);
    await act(t, DEMO.erin!, 'break.ready', { declarationId: r.id });
    await act(t, DEMO.priya!, 'break.confirmReturn', { declarationId: r.id });
    await t.tick();
    const last = graph.requests.filter((q) => q.method === 'POST').at(-1)!;
    assert.equal(last.status, 400);
    assert.equal((await declaration(t, r.id)).offViewing?.accessRestore, 'restoredAutomatically');
  });

  it('a request to leave: no return is offered while it is open, and closing it does not restore viewing', async () => {
    const leave = await raise(t, DEMO.dev!, { kind: 'leave' });
    await t.tick();
    const status = await act(t, DEMO.dev!, 'status.show');
    assert.match(text(status), /Not viewing since [^"]*, until your move/);
    const card = await act(t, DEMO.dev!, 'break.show', { declarationId: leave.id });
    assert.ok(!verbs(card).includes('break.ready') && !verbs(card).includes('break.review'));
    assert.match(text(card), /you stay off viewing until your move/);
    assert.match(
      text(await act(t, DEMO.dev!, 'break.ready', { declarationId: leave.id })),
      /While your request to leave is open[^"]*Nothing was changed/,
    );
    // A break raised while the leave is open offers no way back either.
    const brk = await raise(t, DEMO.dev!, { kind: 'break' });
    assert.ok(!verbs(await act(t, DEMO.dev!, 'break.show', { declarationId: brk.id })).includes('break.ready'));
    const priyaView = await act(t, DEMO.priya!, 'break.show', { declarationId: brk.id });
    assert.ok(!verbs(priyaView).includes('break.confirmReturn'));
    assert.match(text(await act(t, DEMO.priya!, 'team.show')), /Dev Patel[^\]]*Off viewing since \d+ Nov 2026, until their move/);
    // The request to leave is looked after and closed: Dev stays off viewing until a return is agreed.
    await act(t, DEMO.priya!, 'alert.assess', { declarationId: leave.id, adjustments: 'offViewing' });
    await act(t, DEMO.dana!, 'redeployment.record', { declarationId: leave.id, outcome: 'stayingWithAdjustments' });
    assert.equal((await declaration(t, leave.id)).status, 'closed');
    await t.tick();
    assert.equal((await person(t, 'dev.patel')).viewingStatus, 'notViewing');
    // Now a return is its own agreed step: offered, and still needs both.
    assert.ok(verbs(await act(t, DEMO.dev!, 'break.show', { declarationId: brk.id })).includes('break.ready'));
  });

  it('someone with no role for the person cannot open the break card (audited)', async () => {
    const r = (await t.haven.deps.declarations.listForPerson('alex.moreno'))[0]!.value;
    const card = await act(t, DEMO.tom!, 'break.show', { declarationId: r.id });
    assert.match(text(card), /This is not yours to open/);
    assert.ok(!text(card).includes('Alex'));
    assert.ok((await auditSince(t)).some((a) => a.action === 'break.read' && a.actor === 'tom.reed' && a.outcome === 'denied'));
  });

  it('a break nobody reviews becomes a task that walks the chain, in working hours', async () => {
    // Femi (Priya's report, Mon-Fri 08:00-16:00): review Wednesday 2 Dec; two working days later is Friday 4 Dec.
    t.clock.set('2026-12-01T10:00:00Z');
    const r = await raise(t, DEMO.femi!, { kind: 'break' });
    assert.equal((await declaration(t, r.id)).offViewing?.reviewOn, '2026-12-02');
    await t.tick();
    t.clock.set('2026-12-03T10:00:00Z');
    await t.tick();
    assert.equal((await trayLines(t.haven.deps, 'priya.shah', `break:${r.id}:unreviewed`)).length, 0, 'not yet');
    t.clock.set('2026-12-04T07:00:00Z'); // Friday, before Priya's hours (Mon-Thu): she is not working on Fridays
    await t.tick();
    t.clock.set('2026-12-07T09:00:00Z'); // Monday: Priya is at work
    await t.tick();
    const lines = await trayLines(t.haven.deps, 'priya.shah', `break:${r.id}:unreviewed`);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.overdue, true);
    assert.match(lines[0]!.line, /Nobody has reviewed Femi Adeyemi's break from viewing since Wed, 2 Dec 2026/);
    let d = await declaration(t, r.id);
    assert.equal(d.offViewing?.unreviewed?.notices.length, 1);
    assert.ok((await auditSince(t)).some((a) => a.action === 'declaration.reviewOverdue' && a.subject === `declaration:${r.id}`));
    // A working day later, still nobody: the next level (Sam, Priya's standing cover) is told.
    t.clock.advance(24 * HOUR);
    await t.tick();
    d = await declaration(t, r.id);
    assert.equal(d.offViewing?.unreviewed?.notices.length, 2);
    assert.equal((await trayLines(t.haven.deps, d.offViewing!.unreviewed!.notices[1]!.personId, `break:${r.id}:unreviewed`)).length, 1);
    // A new review date closes the task and its lines.
    await act(t, DEMO.priya!, 'break.review', { declarationId: r.id, reviewOn: '2026-12-14' });
    d = await declaration(t, r.id);
    assert.ok(d.offViewing?.unreviewed?.closedAt);
    assert.equal((await trayLines(t.haven.deps, 'priya.shah', `break:${r.id}:unreviewed`)).length, 0);
  });

  it('"I\'m stepping away for a bit": a private screen break, nobody told, ends with "I\'m back" or by itself', async () => {
    const outboxBefore = (await t.haven.outbox.list()).length;
    const viewingBefore = (await person(t, 'bea.clarke')).viewingStatus;
    const callsBefore = t.connector.calls.length;
    // No job runs in between: whatever reaches anyone now comes from this turn alone.
    const r = await t.post(message(t.connector.url, DEMO.bea!, "I'm stepping away for a bit"));
    assert.equal(r.status, 200);
    const reply = t.connector.calls
      .slice(callsBefore)
      .filter((c) => c.conversationId === personalChatId(DEMO.bea!))
      .map(cardIn)
      .find((c) => /Stepping away for a bit/.test(text(c)));
    assert.ok(reply, 'Bea gets the card in her chat');
    assert.match(text(reply), /Nobody is told/);
    // Nobody else hears a thing: no message to anyone but Bea, nothing in the outbox.
    assert.equal(t.connector.calls.slice(callsBefore).filter((c) => c.conversationId !== personalChatId(DEMO.bea!)).length, 0);
    assert.equal((await t.haven.outbox.list()).length, outboxBefore);
    assert.equal((await person(t, 'bea.clarke')).viewingStatus, viewingBefore, 'a screen break does not change the viewing status');
    const status = await act(t, DEMO.bea!, 'status.show');
    assert.match(text(status), /Screen break/);
    assert.ok(verbs(status).includes('stepAway.back'));
    // Sam's team card does not show it.
    assert.doesNotMatch(text(await act(t, DEMO.sam!, 'team.show')), /Screen break|stepping away/i);
    const back = await act(t, DEMO.bea!, 'stepAway.back');
    assert.match(text(back), /Welcome back/);
    const again = await act(t, DEMO.bea!, 'stepAway.back');
    assert.match(text(again), /No screen break going on/);
    // Started again and left alone: over by itself after 30 minutes.
    await act(t, DEMO.bea!, 'stepAway.start');
    t.clock.advance(31 * MIN);
    assert.doesNotMatch(text(await act(t, DEMO.bea!, 'status.show')), /Screen break/);
    const audit = (await auditSince(t)).filter((a) => a.actor === 'bea.clarke' && a.action.startsWith('stepAway.'));
    // The same minute on the fake clock: compared as a set of rows, not by order.
    assert.deepEqual(audit.map((a) => a.action).sort(), ['stepAway.back', 'stepAway.start', 'stepAway.start']);
    assert.ok(audit.every((a) => a.subject === 'person:bea.clarke' && !/stepping|bit/i.test(a.reason)));
    const kept = await t.haven.deps.stepAways.listForPerson('bea.clarke');
    assert.equal(kept.length, 2);
  });
});
