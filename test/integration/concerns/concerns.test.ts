// Concerns about a colleague and "I've noticed …" through the whole Haven (HTTP in, outbox out,
// Azurite), with a fake clock: who is told, who learns who raised it, escalation, the welfare
// conversation record, refusals, and what the subject export shows.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, installPersonal, message, personalChatId } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { actionsOf, alertsTo, cardIn, channelCalls, fact, text } from '../../support/sent-cards.ts';
import { trayLines } from '../../support/tray-lines.ts';
import { subject } from '../subject/helpers.ts';
import { OLGA, STRANGER, WES, addOtherUnit, concernsAbout, raiseConcern } from './helpers.ts';

const HOUR = 3_600_000;
const NOTE = 'CONCERN-NOTE-5d1e quiet all week';
const concernLines = (t: TestHaven, personId: string, all = false) => trayLines(t.haven.deps, personId, 'concern:', all);
const open = (t: TestHaven, who: typeof WES, concernId: string) => act(t, who, 'concern.show', { concernId });

async function typed(t: TestHaven, user: typeof WES, words: string): Promise<any[]> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  return t.connector.calls
    .slice(before)
    .filter((c) => c.conversationId === personalChatId(user))
    .map((c) => cardIn(c))
    .filter(Boolean);
}

describe('concerns about a colleague', function () {
  this.timeout(90_000);
  let t: TestHaven;
  const clock = new FakeClock('2026-11-23T10:00:00Z'); // a Monday, everyone at work

  async function start(env: Record<string, string> = {}) {
    clock.set('2026-11-23T10:00:00Z');
    t = await startTestHaven({ clock, env });
    await setUpUnit(t);
    for (const u of [WES, OLGA]) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await addOtherUnit(t);
    await t.tick();
  }
  afterEach(async () => t?.close());

  it("a colleague's concern reaches the supervisor with who raised it; the colleague and every channel get nothing; the conversation record closes it", async () => {
    await start();
    const sentToAlex = alertsTo(t, DEMO.alex!).length;
    const channelBefore = channelCalls(t).length;
    const confirmation = await raiseConcern(t, DEMO.bea!, 'alex.moreno', { category: 'withdrawn', note: NOTE });
    const said = text(confirmation);
    assert.match(said, /Thank you for looking out for a colleague/);
    assert.match(said, /passing your concern about Alex Moreno to Sam Okafor/);
    assert.match(said, /Sam Okafor sees that it came from you/);
    assert.match(said, /Haven does not tell Alex Moreno/);
    assert.ok(!said.includes('alex.moreno') && !said.includes('sam.okafor'), 'no internal ids');

    const [concern] = await concernsAbout(t, 'alex.moreno');
    assert.ok(concern);
    assert.equal(concern.route, 'responsible');
    const [line, ...more] = await concernLines(t, 'sam.okafor');
    assert.ok(line && more.length === 0, "one line in Sam's tray");
    assert.equal(line.line, 'Consider a welfare conversation with Alex Moreno: a concern, seems withdrawn (raised 23 Nov 2026)');
    assert.ok(!text(line).includes('Bea') && !text(line).includes(NOTE), 'the line names neither the raiser nor the note');

    const card = await open(t, DEMO.sam!, concern.id);
    assert.equal(fact(card, 'From'), 'Bea Clarke', 'the first recipient sees who raised it');
    assert.ok(text(card).includes(NOTE), 'and the note');

    await t.tick();
    assert.equal(alertsTo(t, DEMO.alex!).length, sentToAlex, 'Alex receives nothing');
    assert.equal(channelCalls(t).length, channelBefore, 'nothing in any channel');
    assert.deepEqual(await concernLines(t, 'alex.moreno', true), [], "nothing in Alex's tray");

    // Alex, Bea and another supervisor cannot open it.
    for (const who of [DEMO.alex!, DEMO.bea!, DEMO.priya!]) {
      const refused = text(await open(t, who, concern.id));
      assert.match(refused, /not yours to act on/);
      assert.ok(!refused.includes('Alex Moreno') && !refused.includes(NOTE));
    }

    const recorded = await act(t, DEMO.sam!, 'concern.record', { concernId: concern.id, outcome: 'held', outcomeNote: 'spoke Tuesday' });
    assert.match(text(recorded), /Recorded: conversation held/);
    const after = (await t.haven.deps.concerns.get(concern.id))!.value;
    assert.equal(after.outcome?.kind, 'held');
    assert.equal(after.outcome?.by, 'sam.okafor');
    assert.deepEqual(await concernLines(t, 'sam.okafor'), [], 'the line is done');
    const again = await act(t, DEMO.sam!, 'concern.record', { concernId: concern.id, outcome: 'notNeeded' });
    assert.match(text(again), /Already recorded: conversation held, by you/);
    assert.equal((await t.haven.deps.concerns.get(concern.id))!.value.outcome?.kind, 'held', 'unchanged');

    // The audit trail: the raiser's row names no concern; the concern's rows name no raiser; no free text anywhere.
    const rows = await auditSince(t);
    const raised = rows.filter((a) => a.action === 'concern.raise' && a.outcome === 'ok');
    assert.deepEqual(
      raised.map((a) => [a.actor, a.subject]),
      [['bea.clarke', 'concern']],
    );
    const aboutIt = rows.filter((a) => a.subject === `concern:${concern.id}`);
    // Refused looks keep who tried, but not which concern: the row would otherwise be in Alex's export.
    const peeks = rows.filter((a) => a.action === 'concern.show' && a.outcome === 'denied');
    assert.deepEqual(peeks.map((a) => `${a.actor} ${a.subject}`).sort(), [
      'alex.moreno concern',
      'bea.clarke concern',
      'priya.shah concern',
    ]);
    assert.ok(aboutIt.some((a) => a.action === 'concern.record' && a.reason === 'held'));
    assert.ok(
      !aboutIt.some((a) => a.actor === 'bea.clarke' || a.reason.includes('bea.clarke')),
      'no row about the concern names the raiser',
    );
    assert.ok(
      !rows.some((a) => JSON.stringify(a).includes(NOTE) || JSON.stringify(a).includes('spoke Tuesday')),
      'no free text in the trail',
    );
    assert.ok(!t.logs.some((l) => JSON.stringify(l).includes(NOTE) || JSON.stringify(l).includes('Bea Clarke')), 'nor in the logs');
  });

  it('ignored, it escalates to the department head, without the raiser or the note; she can record it', async () => {
    await start();
    await raiseConcern(t, DEMO.bea!, 'alex.moreno', { category: 'changedBehaviour', note: NOTE });
    const [concern] = await concernsAbout(t, 'alex.moreno');
    clock.advance(23 * HOUR);
    await t.tick();
    assert.equal((await concernLines(t, 'dana.hughes')).length, 0, 'not yet');
    clock.advance(2 * HOUR); // Tuesday 11:00
    await t.tick();
    await t.tick();
    const [line] = await concernLines(t, 'dana.hughes');
    assert.ok(line, 'the department head has it');
    assert.equal((await concernLines(t, 'sam.okafor')).length, 1, 'Sam keeps his line: he may still act');
    const card = await open(t, DEMO.dana!, concern!.id);
    assert.equal(fact(card, 'From'), 'A colleague in their unit');
    assert.ok(!text(card).includes('Bea') && !text(card).includes(NOTE), 'no raiser, no note for whoever it escalates to');
    assert.match(text(await act(t, DEMO.dana!, 'concern.acknowledge', { concernId: concern!.id })), /Acknowledged/);
    assert.deepEqual(await concernLines(t, 'sam.okafor'), [], "Sam's line is closed: Dana has it");
    clock.advance(30 * HOUR);
    await t.tick();
    assert.equal((await t.haven.deps.concerns.get(concern!.id))!.value.notices.length, 2, 'acknowledged: nobody else is told');
    await act(t, DEMO.dana!, 'concern.record', { concernId: concern!.id, outcome: 'offered' });
    assert.equal((await t.haven.deps.concerns.get(concern!.id))!.value.outcome?.kind, 'offered');
    assert.deepEqual(await concernLines(t, 'dana.hughes'), []);
  });

  it('a concern about your own supervisor, or the department head, goes to the welfare lead; the supervisor is told nothing', async () => {
    await start();
    const confirmation = text(await raiseConcern(t, DEMO.alex!, 'sam.okafor', { category: 'mentionedStruggling', note: NOTE }));
    assert.match(confirmation, /to Wes Lyle \(the welfare lead\)/);
    assert.match(confirmation, /Because Sam Okafor is someone who manages you/);
    const [aboutSam] = await concernsAbout(t, 'sam.okafor');
    assert.equal(aboutSam!.route, 'welfareLead');
    assert.equal((await concernLines(t, 'wes.lyle')).length, 1);
    assert.equal(fact(await open(t, WES, aboutSam!.id), 'From'), 'Alex Moreno', 'the welfare lead sees who raised it');
    assert.deepEqual(await concernLines(t, 'sam.okafor', true), []);
    assert.match(text(await open(t, DEMO.sam!, aboutSam!.id)), /not yours to act on/);

    await raiseConcern(t, DEMO.alex!, 'dana.hughes', { category: 'other' });
    const [aboutDana] = await concernsAbout(t, 'dana.hughes');
    assert.equal(aboutDana!.route, 'welfareLead');
    assert.deepEqual((await concernLines(t, 'wes.lyle')).map((l) => l.aboutPersonId).sort(), ['dana.hughes', 'sam.okafor']);
    assert.deepEqual(await concernLines(t, 'dana.hughes', true), [], 'the head is not told about a concern about herself');

    // Anyone may choose the welfare lead for any colleague.
    await raiseConcern(t, DEMO.bea!, 'alex.moreno', { category: 'workload', route: 'welfareLead' });
    assert.equal((await concernsAbout(t, 'alex.moreno'))[0]!.route, 'welfareLead');
    assert.deepEqual(await concernLines(t, 'sam.okafor', true), []);
  });

  it('with no welfare lead, a concern about a supervisor goes to their own line (the department head), never to them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-contacts-'));
    writeFileSync(join(dir, 'unit-2.json'), JSON.stringify({ contacts: [{ kind: 'departmentHead' }] }));
    await start({ HAVEN_CONTACTS_DIR: dir });
    const form = text(await act(t, DEMO.alex!, 'concern.open'));
    assert.ok(!form.includes('The welfare lead'), 'no welfare lead is offered');
    await raiseConcern(t, DEMO.alex!, 'sam.okafor', { category: 'withdrawn' });
    assert.equal((await concernLines(t, 'dana.hughes')).length, 1);
    assert.deepEqual(await concernLines(t, 'sam.okafor', true), []);
    // About the head herself there is nobody: refused, saying so, and nothing stored.
    const refused = text(await raiseConcern(t, DEMO.alex!, 'dana.hughes', { category: 'withdrawn' }));
    assert.match(refused, /Haven could not pass this on/);
    assert.deepEqual(await concernsAbout(t, 'dana.hughes'), []);
  });

  it('someone from another unit, a stranger, or a candidate cannot raise a concern or open one; a person off the list is refused', async () => {
    await start();
    await raiseConcern(t, DEMO.bea!, 'alex.moreno', { category: 'withdrawn', note: NOTE });
    const [concern] = await concernsAbout(t, 'alex.moreno');
    const before = (await t.haven.deps.concerns.list()).length;
    // Olga (another unit) is offered only her own unit: nobody; naming Alex is refused.
    assert.match(text(await act(t, OLGA, 'concern.open')), /not available to you/);
    const fromOlga = text(await act(t, OLGA, 'concern.raise', { personId: 'alex.moreno', category: 'withdrawn' }));
    assert.match(fromOlga, /not available to you/);
    assert.ok(!fromOlga.includes('Alex Moreno'));
    for (const who of [STRANGER, DEMO.gus!]) {
      const r = text(await act(t, who, 'concern.raise', { personId: 'alex.moreno', category: 'withdrawn' }));
      assert.match(r, /not available to you/);
    }
    // Bea cannot name someone from another unit: the form comes back, nothing sent.
    const offList = text(await act(t, DEMO.bea!, 'concern.raise', { personId: 'olga.other', category: 'withdrawn', note: 'kept' }));
    assert.match(offList, /Please choose someone from the list. Nothing was sent./);
    assert.ok(offList.includes('kept'), 'what was typed is kept');
    assert.equal((await t.haven.deps.concerns.list()).length, before, 'nothing stored');
    const denied = (await auditSince(t)).filter((a) => a.action === 'concern.raise' && a.outcome === 'denied');
    assert.deepEqual(denied.map((a) => a.actor).sort(), ['bea.clarke', 'gus.novak', 'olga.other', `unrostered:${STRANGER.id}`].sort());
    for (const who of [OLGA, STRANGER, DEMO.gus!]) {
      const r = text(await open(t, who, concern!.id));
      assert.match(r, /not yours to act on/);
      assert.ok(!r.includes(NOTE) && !r.includes('Bea'));
    }
    assert.ok((await auditSince(t)).filter((a) => a.action === 'concern.show' && a.outcome === 'denied').length >= 3);
  });

  it('"I\'ve noticed": the supervisor records it about a direct report and holds it; it waits in their digest and does not escalate', async () => {
    await start();
    const refused = text(await act(t, DEMO.priya!, 'concern.notice', { personId: 'alex.moreno', category: 'withdrawn' }));
    assert.match(refused, /Please choose someone from the list/, "Priya is not Alex's supervisor");
    assert.match(text(await act(t, DEMO.alex!, 'concern.noticeOpen')), /not available to you/, 'an officer is responsible for nobody');
    const confirmation = text(
      await raiseConcern(t, DEMO.sam!, 'alex.moreno', { category: 'changedBehaviour', note: NOTE }, 'concern.notice'),
    );
    assert.match(confirmation, /This is yours to follow up/);
    const [concern] = await concernsAbout(t, 'alex.moreno');
    assert.equal(concern!.source, 'noticed');
    assert.equal(concern!.route, 'self');
    assert.equal(concern!.acknowledged?.by, 'sam.okafor');
    const [line] = await concernLines(t, 'sam.okafor');
    assert.equal(line!.line, 'Record a welfare conversation with Alex Moreno: you noticed changed behaviour (23 Nov 2026)');
    clock.advance(72 * HOUR);
    await t.tick();
    assert.deepEqual(await concernLines(t, 'dana.hughes', true), [], 'his own observation does not escalate');
    await act(t, DEMO.sam!, 'concern.record', { concernId: concern!.id, outcome: 'notNeeded' });
    assert.deepEqual(await concernLines(t, 'sam.okafor'), []);
    // A supervisor's "concerned about a colleague" about their own report is theirs to hold, too.
    await raiseConcern(t, DEMO.sam!, 'bea.clarke', { category: 'workload' });
    assert.equal((await concernsAbout(t, 'bea.clarke'))[0]!.route, 'self');
  });

  it('"worried about their safety now" is a card at once, outside working hours, with no raiser or note on it', async () => {
    await start();
    clock.set('2026-11-23T19:30:00Z'); // Sam's shift ended at 16:00
    await raiseConcern(t, DEMO.bea!, 'alex.moreno', { category: 'safety', note: NOTE });
    await t.tick();
    const cards = alertsTo(t, DEMO.sam!).filter((c) => text(cardIn(c)).includes('concern.show'));
    assert.equal(cards.length, 1, 'one card, now');
    const sent = text(cardIn(cards[0]!));
    assert.match(sent, /worried about their safety now/);
    assert.ok(!sent.includes('Bea') && !sent.includes(NOTE), 'the card in the chat holds neither who nor the note');
    const [concern] = await concernsAbout(t, 'alex.moreno');
    assert.equal(fact(await open(t, DEMO.sam!, concern!.id), 'From'), 'Bea Clarke', '"Open" shows them, decided at the click');
    clock.advance(16 * 60_000);
    await t.tick();
    await t.tick();
    assert.equal(
      alertsTo(t, DEMO.dana!).filter((c) => text(cardIn(c)).includes('concern.show')).length,
      1,
      'unacknowledged: the head in minutes',
    );
  });

  it('typed: "concerned about a colleague" and "I\'ve noticed" open the forms for whom they serve', async () => {
    await start();
    const [form] = await typed(t, DEMO.bea!, "I'm concerned about a colleague");
    assert.match(text(form), /Who are you concerned about\?/);
    assert.ok(text(form).includes('Alex Moreno') && !text(form).includes('Bea Clarke'), 'colleagues, not herself');
    // "My team" offers it too, as one button under the list (the card stays small: no button per person).
    const team = await act(t, DEMO.sam!, 'team.show');
    const button = actionsOf(team).find((a: any) => a.verb === 'concern.noticeOpen');
    assert.ok(button, 'the team card offers "I\'ve noticed…"');
    assert.match(text(await act(t, DEMO.sam!, button.verb, button.data)), /About whom\?/);
    const [noticed] = await typed(t, DEMO.sam!, "I've noticed");
    assert.match(text(noticed), /About whom\?/);
    assert.ok(text(noticed).includes('Alex Moreno') && !text(noticed).includes('Dev Patel'), 'his own reports only');
  });

  it("the colleague's export shows a concern was raised and handled, not by whom; the raiser's shows what they raised", async () => {
    await start();
    await raiseConcern(t, DEMO.bea!, 'alex.moreno', { category: 'withdrawn', note: NOTE });
    const [concern] = await concernsAbout(t, 'alex.moreno');
    await act(t, DEMO.sam!, 'concern.record', { concernId: concern!.id, outcome: 'held', outcomeNote: 'OUTCOME-NOTE-77' });
    const alex = await subject(t, 'export', 'alex.moreno');
    assert.equal(alex.code, 0, alex.err);
    const data = JSON.parse(alex.out);
    assert.equal(data.concerns.length, 1);
    assert.equal(data.concerns[0].categoryTitle, 'seems withdrawn');
    assert.equal(data.concerns[0].outcome, 'held');
    assert.ok(data.concerns[0].outcomeAt);
    for (const secret of ['bea.clarke', 'Bea Clarke', DEMO.bea!.id, DEMO.bea!.aadObjectId, NOTE, 'OUTCOME-NOTE-77'])
      assert.ok(!alex.out.includes(secret), `Alex's export does not contain ${secret}`);
    const bea = await subject(t, 'export', 'bea.clarke');
    const mine = JSON.parse(bea.out);
    assert.equal(mine.concernsRaised.length, 1);
    assert.deepEqual(mine.concernsRaised[0].about, { id: 'alex.moreno', name: 'Alex Moreno' });
    assert.equal(mine.concernsRaised[0].note, NOTE);
    assert.ok(!bea.out.includes('OUTCOME-NOTE-77') && !JSON.stringify(mine.concernsRaised).includes('held'), 'not how it was handled');
    assert.equal(mine.concerns.length, 0);

    // Bea's erasure: her note goes, a pseudonym replaces her; Alex's record stays.
    assert.equal((await subject(t, 'erase', 'bea.clarke', '--confirm')).code, 0);
    const kept = (await t.haven.deps.concerns.get(concern!.id))!.value;
    assert.match(kept.raisedBy, /^erased:[0-9a-f]{16}$/);
    assert.equal(kept.note, undefined);
    // Alex's erasure: the concern goes.
    assert.equal((await subject(t, 'erase', 'alex.moreno', '--confirm')).code, 0);
    assert.equal(await t.haven.deps.concerns.get(concern!.id), undefined);
  });
});
