// TRiM follow-ups through a whole Haven, with real-shaped Teams activities and the fake clock: a
// request's 72-hour follow-up asks the officer in their working hours; "yes" tells a TRiM practitioner
// (who, and that a follow-up is wanted; nothing else), who records it as held; "not now" tells nobody;
// a supervisor offers one after a notable case without learning the answer; an officer asks for one
// themselves; a practitioner who does not act is passed over to the welfare lead, and the officer is
// never told who did not act.
import assert from 'node:assert/strict';
import { DEMO, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import { cardProblems } from '../../support/card-checks.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { PEOPLE, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { actionsOf, alertsTo, cardIn, fact, text } from '../../support/sent-cards.ts';
import type { TrimFollowUp } from '../../../src/features/trim/index.ts';

const IRA: DemoUser = { id: '29:haven-demo-ira', aadObjectId: '00000000-0000-4000-8000-000000000014', name: 'Ira Nolan' };
const WES: DemoUser = { id: '29:haven-demo-wes', aadObjectId: '00000000-0000-4000-8000-000000000013', name: 'Wes Lyle' };
const HOUR = 60 * 60_000;
const NOTE = 'TRIM-TEST-NOTE the last case got to me';

/** Cards about TRiM follow-ups sent to this person's chat (by their verbs), newest last. */
function trimCardsTo(t: TestHaven, user: DemoUser) {
  return alertsTo(t, user)
    .map(cardIn)
    .filter((c) => /"verb":"trim\./.test(text(c)));
}

async function followUpsOf(t: TestHaven, personId: string): Promise<TrimFollowUp[]> {
  return (await t.haven.deps.trimFollowUps.listForPerson(personId))
    .map((f) => f.value)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Types words in a person's chat with Haven and answers the card Haven replied with. */
async function typed(t: TestHaven, user: DemoUser, words: string): Promise<any> {
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  const call = t.connector.calls.filter((c) => c.operation === 'replyToActivity' && c.conversationId === personalChatId(user)).at(-1);
  assert.ok(call, `Haven answered "${words}"`);
  return cardIn(call);
}

async function ticks(t: TestHaven, n = 2) {
  for (let i = 0; i < n; i++) await t.tick();
}

/** Looks after the request (acknowledged and assessed) so its alerts stop; the follow-ups go on. */
async function lookAfter(t: TestHaven, declarationId: string) {
  await act(t, DEMO.sam!, 'alert.assess', { declarationId, adjustments: 'referTrim' });
}

describe('TRiM follow-ups', () => {
  let t: TestHaven;
  beforeEach(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.dev!, DEMO.sam!, DEMO.priya!, DEMO.dana!, IRA, WES]);
  });
  afterEach(async () => t?.close());

  it('72 hours after a request the officer is asked in their working hours; yes → the practitioner (not the supervisor) gets a card, and records it held', async () => {
    // Monday 17:00: after Alex's shift (Mon-Fri 08:00-16:00).
    t.clock.set('2026-11-23T17:00:00Z');
    const r = await raise(t, DEMO.alex!, { kind: 'talk', note: NOTE, share: 'supervisor' });
    await ticks(t);
    await lookAfter(t, r.id);
    const samBefore = alertsTo(t, DEMO.sam!).length;

    // Thursday 17:00: due, but Alex is not working: nobody is asked yet.
    t.clock.set('2026-11-26T17:00:00Z');
    await ticks(t);
    assert.equal(trimCardsTo(t, DEMO.alex!).length, 0, 'not asked outside working hours');
    const [f0] = await followUpsOf(t, PEOPLE.alex);
    assert.equal(f0?.origin, 'request72h', 'handed over to TRiM');
    assert.equal(f0?.asked, undefined);

    // Friday 08:30: asked, privately, in Alex's own chat.
    t.clock.set('2026-11-27T08:30:00Z');
    await ticks(t);
    const asked = trimCardsTo(t, DEMO.alex!);
    assert.equal(asked.length, 1);
    assert.deepEqual(cardProblems(asked[0]), []);
    assert.match(text(asked[0]), /Would you like a TRiM follow-up\?/);
    assert.match(text(asked[0]), /a TRiM practitioner \(Ira Nolan\) is told only that you would like a follow-up/);
    const buttons = actionsOf(asked[0]).map((a: any) => a.title);
    assert.ok(buttons.includes("Yes, I'd like that") && buttons.includes('Not now'), buttons.join());
    // The line supervisor is not told about the follow-up at all (the old "Peer-support follow-up due" notice).
    assert.ok(
      !alertsTo(t, DEMO.sam!)
        .slice(samBefore)
        .some((c) => /TRiM|follow-up|peer-support/i.test(text(cardIn(c)))),
    );
    assert.equal(trimCardsTo(t, IRA).length, 0, 'nobody is told before the officer answers');

    const followUpId = (await followUpsOf(t, PEOPLE.alex))[0]!.id;
    const yes = await act(t, DEMO.alex!, 'trim.answer', { followUpId, answer: 'yes' });
    assert.match(text(yes), /You said you would like a TRiM follow-up/);
    await ticks(t);

    // Ira (Mon-Fri 09:00-17:00) is told in her working hours: not at 08:30, at 09:00.
    assert.equal(trimCardsTo(t, IRA).length, 0, 'not before her shift');
    t.clock.set('2026-11-27T09:05:00Z');
    await ticks(t);
    const told = trimCardsTo(t, IRA);
    assert.equal(told.length, 1);
    assert.deepEqual(cardProblems(told[0]), []);
    assert.match(text(told[0]), /Alex Moreno would like a TRiM follow-up/);
    assert.equal(fact(told[0], 'Who'), 'Alex Moreno');
    assert.equal(fact(told[0], 'Wanted since'), '27 Nov 2026');
    // Nothing of the request: no note, no kind, no id as text.
    const s = text(told[0]);
    for (const secret of [NOTE, 'talk', 'break', 'leave', r.id.slice(0, 12) + '"'])
      assert.ok(!s.replace(/"followUpId":"[^"]*"/g, '').includes(secret), `the practitioner's card does not show ${secret}`);
    assert.ok(
      !alertsTo(t, DEMO.sam!)
        .slice(samBefore)
        .some((c) => /TRiM/.test(text(cardIn(c)))),
      'still nothing to the supervisor',
    );

    // Ira takes it, then records it held (a date; nothing said is stored).
    const taken = await act(t, IRA, 'trim.acknowledge', { followUpId });
    assert.match(text(taken), /When you have held it with Alex Moreno/);
    const held = await act(t, IRA, 'trim.record', { followUpId, outcome: 'held', heldOn: '2026-11-27' });
    assert.match(text(held), /Recorded: held/);
    const stored = (await followUpsOf(t, PEOPLE.alex))[0]!;
    assert.deepEqual(stored.outcome, { value: 'held', by: 'ira.nolan', at: stored.outcome!.at, heldOn: '2026-11-27' });
    assert.ok(stored.closedAt);
    assert.ok(!JSON.stringify(stored).includes(NOTE), 'no content stored');

    const audit = (await auditSince(t)).filter((a) => a.subject === `trim:${followUpId}`).map((a) => `${a.action}:${a.outcome}`);
    // Two pairs share an instant (asked and answered; taken and recorded): compared as a set.
    assert.deepEqual(audit.sort(), [
      'trim.acknowledge:ok',
      'trim.answer:ok',
      'trim.ask:ok',
      'trim.handover:ok',
      'trim.notify:ok',
      'trim.record:ok',
    ]);
    // The answer's word stays out of the audit trail.
    assert.ok(!(await auditSince(t)).some((a) => a.action === 'trim.answer' && /yes|not now/i.test(a.reason)));
  });

  it('a held date in the future, or someone else clicking, changes nothing', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'talk', share: 'supervisor' });
    await ticks(t);
    await lookAfter(t, r.id);
    t.clock.set('2026-11-26T10:00:00Z');
    await ticks(t);
    const followUpId = (await followUpsOf(t, PEOPLE.alex))[0]!.id;
    // Nobody but Alex answers for Alex; the supervisor cannot see or act on it.
    assert.match(text(await act(t, DEMO.sam!, 'trim.answer', { followUpId, answer: 'yes' })), /not available/);
    await act(t, DEMO.alex!, 'trim.answer', { followUpId, answer: 'yes' });
    await ticks(t);
    for (const verb of ['trim.show', 'trim.acknowledge'])
      assert.match(text(await act(t, DEMO.sam!, verb, { followUpId })), /not available/);
    assert.match(
      text(await act(t, DEMO.alex!, 'trim.show', { followUpId })),
      /not available/,
      'the officer does not open the practitioner card',
    );
    const future = await act(t, IRA, 'trim.record', { followUpId, outcome: 'held', heldOn: '2026-12-25' });
    assert.match(text(future), /Give the date the follow-up was held/);
    assert.equal((await followUpsOf(t, PEOPLE.alex))[0]!.outcome, undefined);
    const denied = (await auditSince(t)).filter((a) => a.action.startsWith('trim.') && a.outcome === 'denied');
    assert.ok(denied.length >= 3 && denied.every((a) => a.actor === PEOPLE.sam || a.actor === PEOPLE.alex));
  });

  it('"not now" is respected: nobody is told, now or later; the one-month point asks again', async () => {
    const r = await raise(t, DEMO.bea!, { kind: 'talk', note: NOTE, share: 'supervisor' });
    await ticks(t);
    await lookAfter(t, r.id);
    t.clock.set('2026-11-26T10:00:00Z');
    await ticks(t);
    const [f] = await followUpsOf(t, PEOPLE.bea);
    const answered = await act(t, DEMO.bea!, 'trim.answer', { followUpId: f!.id, answer: 'notNow' });
    assert.match(text(answered), /Nobody has been told/);
    for (let day = 0; day < 5; day++) {
      t.clock.advance(24 * HOUR);
      await ticks(t);
    }
    for (const who of [IRA, WES, DEMO.sam!, DEMO.dana!]) assert.equal(trimCardsTo(t, who).length, 0, `${who.name} is told nothing`);
    assert.equal((await followUpsOf(t, PEOPLE.bea))[0]!.answer?.value, 'notNow');
    // About a month after the request (Wednesday 23 Dec, in her hours): asked again.
    t.clock.set('2026-12-23T10:00:00Z');
    await ticks(t);
    const all = await followUpsOf(t, PEOPLE.bea);
    assert.deepEqual(
      all.map((x) => x.origin),
      ['request72h', 'request1month'],
    );
    assert.ok(all[1]!.asked, 'asked again at the next point');
    assert.equal(trimCardsTo(t, DEMO.bea!).length, 2);
  });

  it('after a notable case the supervisor offers one: the officer is asked the same way; the supervisor never learns the answer', async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    const formCard = await typed(t, DEMO.sam!, 'offer trim');
    assert.match(text(formCard), /Offer a TRiM follow-up/);
    assert.deepEqual(cardProblems(formCard), []);
    const choices = text(formCard);
    assert.ok(choices.includes('"value":"alex.moreno"') && choices.includes('"value":"bea.clarke"'), 'his direct reports');
    assert.ok(!choices.includes('dev.patel'), "not Priya's");

    // Not someone else's report.
    const refused = await act(t, DEMO.sam!, 'trim.offer', { personId: PEOPLE.dev });
    assert.match(text(refused), /only to someone you supervise now/);
    assert.equal((await followUpsOf(t, PEOPLE.dev)).length, 0);

    const offered = await act(t, DEMO.sam!, 'trim.offer', { personId: PEOPLE.alex });
    assert.match(text(offered), /Alex Moreno will be asked privately/);
    assert.match(text(offered), /you are not told whether they said yes or not now/);
    await ticks(t);
    const asked = trimCardsTo(t, DEMO.alex!);
    assert.equal(asked.length, 1);
    assert.match(text(asked[0]), /Your supervisor has offered you a TRiM follow-up after a recent case/);
    const [f] = await followUpsOf(t, PEOPLE.alex);
    assert.equal(f!.origin, 'notableCaseSupervisor');
    assert.equal(f!.startedBy, PEOPLE.sam);

    await act(t, DEMO.alex!, 'trim.answer', { followUpId: f!.id, answer: 'yes' });
    await ticks(t);
    assert.equal(trimCardsTo(t, IRA).length, 1, 'the practitioner is told');
    // The supervisor: no card about the answer, and cannot open the follow-up.
    assert.ok(!alertsTo(t, DEMO.sam!).some((c) => /would like a TRiM follow-up|said yes/.test(text(cardIn(c)))));
    assert.match(text(await act(t, DEMO.sam!, 'trim.show', { followUpId: f!.id })), /not available/);
    // The form shows what he offered, to whom and when; never the answer.
    const later = text(await typed(t, DEMO.sam!, 'offer trim'));
    assert.match(later, /You offered Alex Moreno a TRiM follow-up on 24 Nov 2026/);
    assert.doesNotMatch(later, /Alex Moreno would like|Wanted since|being arranged|Held on|could not be arranged|You said/i);
    // Offering again while one is open adds nothing, and says the same.
    const again = await act(t, DEMO.sam!, 'trim.offer', { personId: PEOPLE.alex });
    assert.match(text(again), /unless one is already open for them/);
    assert.equal((await followUpsOf(t, PEOPLE.alex)).length, 1);
  });

  it('an officer asks for one themselves: "trim" → "I\'d like a TRiM follow-up" → the practitioner is told', async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    const offer = await typed(t, DEMO.bea!, 'trim');
    assert.match(text(offer), /"verb":"trim\.request"/, 'the card offers a way to ask');
    assert.match(text(offer), /Your supervisor is not told/);
    const asked = await act(t, DEMO.bea!, 'trim.request');
    assert.match(text(asked), /Your request is in/);
    await ticks(t);
    const told = trimCardsTo(t, IRA);
    assert.equal(told.length, 1);
    assert.match(text(told[0]), /Bea Clarke would like a TRiM follow-up/);
    // The list shows it to Ira, and to nobody else.
    assert.match(text(await act(t, IRA, 'trim.list')), /Bea Clarke/);
    assert.doesNotMatch(text(await act(t, WES, 'trim.list')), /Bea Clarke/);
    assert.doesNotMatch(text(await act(t, DEMO.sam!, 'trim.list')), /Bea Clarke/);
    // Asking twice adds nothing.
    assert.match(text(await act(t, DEMO.bea!, 'trim.request')), /already asked/);
    assert.equal((await followUpsOf(t, PEOPLE.bea)).length, 1);
  });

  it('a practitioner who does not act is passed over to the welfare lead; the officer is never told who did not act', async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    await act(t, DEMO.alex!, 'trim.request');
    await ticks(t);
    assert.equal(trimCardsTo(t, IRA).length, 1);
    const alexCards = alertsTo(t, DEMO.alex!).length;
    // 47 hours: still Ira's.
    t.clock.set('2026-11-26T09:00:00Z');
    await ticks(t);
    assert.equal(trimCardsTo(t, WES).length, 0);
    // 48 hours, in Wes's working hours: the welfare lead is told.
    t.clock.set('2026-11-26T10:30:00Z');
    await ticks(t);
    const wes = trimCardsTo(t, WES);
    assert.equal(wes.length, 1);
    assert.match(text(wes[0]), /Alex Moreno would like a TRiM follow-up/);
    assert.doesNotMatch(text(wes[0]), /Ira|did not|no response|escalat/i, 'never which practitioner did not act');
    assert.equal(alertsTo(t, DEMO.alex!).length, alexCards, 'the officer is told nothing about it');
    // Wes records it; Ira's later click says it is done, and changes nothing.
    const [f] = await followUpsOf(t, PEOPLE.alex);
    await act(t, WES, 'trim.record', { followUpId: f!.id, outcome: 'notArranged' });
    const late = await act(t, IRA, 'trim.acknowledge', { followUpId: f!.id });
    assert.match(text(late), /already been recorded/);
    assert.equal((await followUpsOf(t, PEOPLE.alex))[0]!.outcome?.by, 'wes.lyle');
    await ticks(t);
    // "Could not be arranged" reaches the officer, without saying by whom.
    const last = trimCardsTo(t, DEMO.alex!).at(-1);
    assert.match(text(last), /could not be arranged this time/);
    assert.doesNotMatch(text(last), /Wes|Ira/);
    assert.ok(
      actionsOf(last).some((a: any) => a.verb === 'trim.request'),
      'and may ask again',
    );
  });
});
