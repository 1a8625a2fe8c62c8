// Check-ins and flags through the whole Haven (HTTP in, outbox out, Azurite), with a fake clock.
import assert from 'node:assert/strict';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO, installPersonal, personalChatId, type DemoUser } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { alertsTo, cardIn, inputsOf, text } from '../../support/sent-cards.ts';
import { rosterIdOf, trayLines } from '../../support/tray-lines.ts';

const HOUR = 3_600_000;
const CANARY_NOTE = 'CANARY-NOTE-7f3a';
const LOW = { who5_1: '1', who5_2: '2', who5_3: '1', who5_4: '0', who5_5: '2' }; // raw 6
const FINE = { who5_1: '4', who5_2: '4', who5_3: '4', who5_4: '4', who5_5: '4' }; // raw 20

function checkInIdOf(card: unknown): string {
  const m = text(card).match(/"checkInId":"(checkin:[^"]+)"/);
  assert.ok(m, `a check-in card: ${text(card).slice(0, 300)}`);
  return m[1]!;
}

const checkInCards = (t: TestHaven, u: DemoUser) => alertsTo(t, u).filter((c) => text(cardIn(c)).includes('"verb":"checkIn.submit"'));
/** Flag cards sent on their own (the flag template: it alone offers "Conversation held"). Flags now reach people as tray lines. */
const flagCards = (t: TestHaven, u: DemoUser) => alertsTo(t, u).filter((c) => text(cardIn(c)).includes('"verb":"flag.resolve"'));
/** The flag lines in someone's tray (their daily digest): open ones unless `all`. */
const flagLines = (t: TestHaven, u: DemoUser, all = false) => trayLines(t.haven.deps, rosterIdOf(u), 'flag:', all);

async function answer(t: TestHaven, u: DemoUser, data: Record<string, unknown>): Promise<any> {
  const form = await act(t, u, 'checkIn.open');
  return act(t, u, 'checkIn.submit', { checkInId: checkInIdOf(form), ...data });
}

describe('check-ins and flags', function () {
  this.timeout(60_000);
  let t: TestHaven;
  const clock = new FakeClock('2026-11-21T10:00:00Z'); // a Saturday

  beforeEach(async () => {
    clock.set('2026-11-21T10:00:00Z');
    t = await startTestHaven({ clock, care: true });
    for (const u of [DEMO.alex!, DEMO.bea!, DEMO.dev!, DEMO.sam!, DEMO.priya!, DEMO.dana!])
      assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  afterEach(async () => t?.close());

  it('is sent once, only inside working hours: nothing on a rest day, before the shift or in its first half hour', async () => {
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 0, 'Saturday: a rest day');
    clock.set('2026-11-23T07:30:00Z'); // Monday, Alex starts at 08:00
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 0, 'before the shift');
    clock.set('2026-11-23T08:10:00Z');
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 0, 'settling in');
    clock.set('2026-11-23T09:00:00Z');
    await t.tick();
    await t.tick();
    clock.advance(HOUR);
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 1, 'exactly once');
    const card = cardIn(checkInCards(t, DEMO.alex!)[0]!);
    assert.equal(card.body[0].text, 'Haven has an update for you');
    assert.match(text(card), /I'm not okay/);
    assert.equal(checkInCards(t, DEMO.dana!).length, 0, 'department heads are not asked');
  });

  it('a check-in that cannot reach someone who removed or blocked Haven flags their supervisor, once; never-installed is for the admins', async () => {
    t.connector.blockConversation(personalChatId(DEMO.alex!), 'ConversationBlockedByUser');
    clock.set('2026-11-23T09:00:00Z'); // Monday: Alex is due; so are people who never installed Haven
    await t.tick();
    await t.tick();
    const flags = (await t.haven.deps.flags.list()).map((f) => f.value);
    assert.deepEqual(
      flags.map((f) => `${f.personId}:${f.reason}`),
      ['alex.moreno:unreachable'],
    );
    // Someone Haven cannot reach is urgent: a card of its own at once, not a line for tomorrow's digest.
    assert.equal((await flagLines(t, DEMO.sam!)).length, 0, "not a line in the supervisor's tray");
    const toSam = flagCards(t, DEMO.sam!);
    assert.equal(toSam.length, 1, 'one card to the supervisor');
    assert.match(text(cardIn(toSam[0]!)), /Alex Moreno/);
    assert.match(text(cardIn(toSam[0]!)), /could not reach them in Teams/);
    // The next prompt that fails changes nothing while that flag is open.
    clock.set('2026-12-07T09:00:00Z');
    await t.tick();
    await t.tick();
    assert.equal((await t.haven.deps.flags.list()).filter((f) => f.value.reason === 'unreachable').length, 1);
    // Someone Haven was never installed for: audited for the administrators, no flag (asserted above).
    const neverInstalled = (await auditSince(t)).filter(
      (a) => a.action === 'delivery.unreachable' && /no conversation reference/.test(a.reason),
    );
    assert.ok(neverInstalled.length > 0 && neverInstalled.every((a) => a.subject !== 'person:alex.moreno'));
  });

  it('nothing goes to someone on leave', async () => {
    await t.haven.deps.absences.create({ id: 'alex-leave', personId: 'alex.moreno', from: '2026-11-23', to: '2026-11-27' });
    clock.set('2026-11-23T10:00:00Z');
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 0);
    assert.equal(checkInCards(t, DEMO.bea!).length, 1, 'Bea is at work');
  });

  it('a low score flags the supervisor with no answers; the person is told privately; a second answer is refused', async () => {
    clock.set('2026-11-23T09:00:00Z');
    const confirmation = await answer(t, DEMO.alex!, { ...LOW, workload: 'tooMuch', breaks: 'no', freeText: CANARY_NOTE, share: 'false' });
    assert.match(text(confirmation), /your check-in is in/);
    assert.match(text(confirmation), /They do not see your answers/);
    assert.match(text(confirmation), /116 123/);
    await t.tick();
    assert.equal(flagCards(t, DEMO.sam!).length, 0, 'no card of its own: a line in the daily digest');
    const lines = await flagLines(t, DEMO.sam!);
    assert.equal(lines.length, 1);
    const line = lines[0]!;
    assert.match(line.line, /^Consider a welfare conversation with Alex Moreno: a low wellbeing score \(flagged 23 Nov 2026\)$/);
    assert.equal(line.aboutPersonId, 'alex.moreno');
    assert.deepEqual(
      line.actions.map((a) => `${a.title}:${a.verb}`),
      ['Acknowledge:flag.acknowledge', 'Open:flag.show'],
    );
    const card = text(await act(t, DEMO.sam!, 'flag.show', line.actions[1]!.data));
    assert.match(card, /Alex Moreno/);
    assert.match(card, /a low wellbeing score/);
    for (const secret of [CANARY_NOTE, 'cheerful', 'At no time', 'Too much', 'tooMuch', '6 of 25']) {
      assert.ok(!card.includes(secret), `the flag card does not contain ${secret}`);
      assert.ok(!text(line).includes(secret), `the tray line does not contain ${secret}`);
    }
    assert.ok(!text(t.connector.calls).includes(CANARY_NOTE), 'the note never leaves Haven');

    const id = (await t.haven.deps.checkIns.listForPerson('alex.moreno')).find((c) => c.value.status === 'answered')!.value.id;
    const again = await act(t, DEMO.alex!, 'checkIn.submit', { checkInId: id, ...FINE });
    assert.match(text(again), /already answered/);
    assert.equal((await t.haven.deps.checkIns.get(id))!.value.score!.raw, 6, 'unchanged');

    // Raw storage: answers, score and note are ciphertext.
    const raw: unknown[] = [];
    for await (const e of t.haven.store.client(TABLES.checkIns).listEntities()) raw.push(e);
    const dump = JSON.stringify(raw);
    assert.ok(!dump.includes(CANARY_NOTE) && !dump.includes('who5_1') && !dump.includes('tooMuch'), 'encrypted at rest');
    assert.ok(dump.includes('secret_answers'));
  });

  it('shared answers reach the supervisor, for that check-in only', async () => {
    clock.set('2026-11-23T09:00:00Z');
    await answer(t, DEMO.alex!, { ...LOW, freeText: CANARY_NOTE, share: 'true' });
    await t.tick();
    const [line] = await flagLines(t, DEMO.sam!);
    assert.ok(line && !text(line).includes(CANARY_NOTE) && !text(line).includes('cheerful'), 'the line holds no answer');
    assert.ok(!(await auditSince(t)).some((a) => a.action === 'checkIn.shareShown' && a.outcome === 'ok'), 'nothing shown yet');
    const card = text(await act(t, DEMO.sam!, 'flag.show', { flagId: (line.actions[0]!.data as { flagId: string }).flagId }));
    assert.ok(card.includes(CANARY_NOTE) && card.includes('cheerful'), 'shared answers shown on the full card "Open" shows');
    assert.ok((await auditSince(t)).some((a) => a.action === 'checkIn.shareShown' && a.reason.includes('sam.okafor')));
  });

  it('a check-in shared with no flag is a line in the supervisor\'s tray; "Open" shows the answers to them only, and closes it', async () => {
    clock.set('2026-11-23T09:00:00Z');
    await answer(t, DEMO.alex!, { ...FINE, freeText: CANARY_NOTE, share: 'true' });
    await t.tick();
    assert.deepEqual(await t.haven.deps.flags.list(), [], 'no flag');
    const [line, ...more] = await trayLines(t.haven.deps, 'sam.okafor', 'shared:');
    assert.ok(line && more.length === 0, 'one line for the supervisor');
    assert.equal(line.line, 'Alex Moreno shared their check-in with you (answered 23 Nov 2026)');
    assert.ok(!text(line).includes(CANARY_NOTE) && !text(line).includes('cheerful'), 'the line holds no answer');
    assert.ok(!alertsTo(t, DEMO.sam!).some((c) => text(cardIn(c)).includes(CANARY_NOTE)), 'no card of its own');
    const other = await act(t, DEMO.bea!, 'checkIn.showShared', line.actions[0]!.data);
    assert.ok(!text(other).includes(CANARY_NOTE) && !text(other).includes('cheerful'), 'refused, holding nothing');
    const head = await act(t, DEMO.dana!, 'checkIn.showShared', line.actions[0]!.data);
    assert.ok(!text(head).includes(CANARY_NOTE), 'the department head never sees shared answers');
    assert.equal((await auditSince(t)).filter((a) => a.action === 'checkIn.shareShown' && a.outcome === 'denied').length, 2);
    const shown = text(await act(t, DEMO.sam!, 'checkIn.showShared', line.actions[0]!.data));
    assert.ok(shown.includes(CANARY_NOTE) && shown.includes('cheerful'), 'the supervisor reads what Alex shared');
    assert.ok((await auditSince(t)).some((a) => a.action === 'checkIn.shareShown' && a.outcome === 'ok' && a.actor === 'sam.okafor'));
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', 'shared:')).length, 0, 'opened: the line is done');
  });

  it('an unacknowledged flag escalates once per level; only people it reached may act', async () => {
    clock.set('2026-11-23T09:00:00Z');
    await answer(t, DEMO.alex!, LOW);
    await t.tick();
    assert.equal((await flagLines(t, DEMO.sam!)).length, 1);
    const flag = (await t.haven.deps.flags.listForPerson('alex.moreno'))[0]!.value;
    const peek = await act(t, DEMO.bea!, 'flag.show', { flagId: flag.id });
    assert.match(text(peek), /not yours to act on/);
    assert.ok(!text(peek).includes('Alex Moreno'));
    assert.ok((await auditSince(t)).some((a) => a.action === 'flag.show' && a.actor === 'bea.clarke' && a.outcome === 'denied'));

    const refused = await act(t, DEMO.bea!, 'flag.acknowledge', { flagId: flag.id });
    assert.match(text(refused), /not yours to act on/);
    assert.ok((await auditSince(t)).some((a) => a.action === 'flag.acknowledge' && a.actor === 'bea.clarke' && a.outcome === 'denied'));
    assert.equal((await t.haven.deps.flags.get(flag.id))!.value.acknowledged, undefined);

    clock.advance(23 * HOUR);
    await t.tick();
    assert.equal((await flagLines(t, DEMO.dana!)).length, 0, 'not yet');
    clock.advance(2 * HOUR);
    await t.tick();
    await t.tick();
    assert.equal((await flagLines(t, DEMO.dana!)).length, 1, 'the department head, once');
    assert.equal((await flagLines(t, DEMO.sam!)).length, 1, 'the supervisor keeps the line: they may still act');
    assert.equal(flagCards(t, DEMO.dana!).length + flagCards(t, DEMO.sam!).length, 0, 'no card of its own at any level');
    const acked = await act(t, DEMO.dana!, 'flag.acknowledge', { flagId: flag.id });
    assert.match(text(acked), /Acknowledged/);
    assert.equal((await flagLines(t, DEMO.dana!)).length + (await flagLines(t, DEMO.sam!)).length, 0, 'acknowledged: every line resolved');
    clock.advance(72 * HOUR);
    await t.tick();
    assert.equal((await flagLines(t, DEMO.dana!, true)).length + (await flagLines(t, DEMO.sam!, true)).length, 2, 'no more notices');
    assert.equal((await flagLines(t, DEMO.dana!)).length + (await flagLines(t, DEMO.sam!)).length, 0);
    const held = await act(t, DEMO.sam!, 'flag.resolve', { flagId: flag.id });
    assert.match(text(held), /conversation held/i);
    assert.ok((await t.haven.deps.flags.get(flag.id))!.value.resolved);
  });

  it('supervisor absent: the cover is told, never the absent supervisor', async () => {
    clock.set('2027-01-05T10:00:00Z'); // Priya on leave, Sam her standing cover
    await answer(t, DEMO.dev!, LOW);
    await t.tick();
    assert.equal((await flagLines(t, DEMO.sam!)).length, 1);
    assert.equal((await flagLines(t, DEMO.priya!, true)).length, 0);
  });

  it('no cover: the department head is told', async () => {
    const priya = (await t.haven.deps.people.get('priya.shah'))!;
    await t.haven.deps.people.save({ ...priya.value, coverId: undefined }, priya.version);
    clock.set('2027-01-05T10:00:00Z');
    await answer(t, DEMO.dev!, LOW);
    await t.tick();
    assert.equal((await flagLines(t, DEMO.dana!)).length, 1);
    assert.equal((await flagLines(t, DEMO.priya!, true)).length, 0);
  });

  it('shared answers are for the supervisor or cover only: a department head who gets the flag sees none of them (policy.ts)', async () => {
    const priya = (await t.haven.deps.people.get('priya.shah'))!;
    await t.haven.deps.people.save({ ...priya.value, coverId: undefined }, priya.version);
    clock.set('2027-01-05T10:00:00Z'); // Priya on leave, no cover: Dana is told
    const confirmation = await answer(t, DEMO.dev!, { ...LOW, freeText: CANARY_NOTE, share: 'true' });
    assert.match(text(confirmation), /no supervisor or cover for you at the moment/);
    assert.match(text(confirmation), /They do not see your answers/);
    await t.tick();
    const toDana = await flagLines(t, DEMO.dana!);
    assert.equal(toDana.length, 1);
    const opened = text(await act(t, DEMO.dana!, 'flag.show', toDana[0]!.actions[1]!.data));
    assert.match(opened, /Consider a welfare conversation with Dev Patel/);
    for (const shown of [text(toDana[0]), opened])
      assert.ok(!shown.includes(CANARY_NOTE) && !shown.includes('cheerful'), 'no answers for the department head');
  });

  it('a malformed payload gets a clear message and changes nothing', async () => {
    const before = (await t.haven.deps.checkIns.list()).length;
    const r = await act(t, DEMO.alex!, 'checkIn.submit', { checkInId: 42 });
    assert.match(text(r), /Nothing was changed/);
    const missing = await answer(t, DEMO.alex!, { who5_1: '9' });
    assert.match(text(missing), /Nothing was saved yet/);
    assert.equal((await t.haven.deps.checkIns.list()).filter((c) => c.value.status === 'answered').length, 0);
    assert.ok((await t.haven.deps.checkIns.list()).length <= before + 1, 'at most the current cycle\'s record (opened by "check in")');
    const others = await act(t, DEMO.bea!, 'checkIn.submit', { checkInId: 'checkin:alex.moreno:2026-11-16', ...FINE });
    assert.match(text(others), /not yours/);
  });

  it('a refused check-in comes back with every answer and the note typed: too long, or storage down (issue 12)', async () => {
    const long = '我們'.repeat(333) + '多出來的字'; // the limit is 2,000 bytes: 666 characters of Chinese
    const typed = { ...LOW, workload: 'tooMuch', breaks: 'no', conversation: 'yes', freeText: long, share: 'true' };
    const tooLong = await answer(t, DEMO.alex!, typed);
    assert.match(text(tooLong), /Your note is too long by 5 characters/);
    for (const [k, v] of Object.entries(typed)) assert.equal(inputsOf(tooLong).get(k), v, `${k} is still on the card`);
    const repo = t.haven.deps.checkIns as any;
    const { add, save } = repo;
    repo.add = repo.save = async () => {
      throw Object.assign(new Error('storage unreachable'), { statusCode: 503 });
    };
    try {
      const ok = { ...typed, freeText: 'Nachtdienst **ohne** Pause — [hilfe](https://example.invalid)' };
      const down = await act(t, DEMO.alex!, 'checkIn.submit', { checkInId: checkInIdOf(tooLong), ...ok });
      assert.match(text(down), /could not save your check-in just now.*still here/);
      for (const [k, v] of Object.entries(ok)) assert.equal(inputsOf(down).get(k), v, `${k} is still on the card`);
    } finally {
      repo.add = add;
      repo.save = save;
    }
    assert.equal((await t.haven.deps.checkIns.list()).filter((c) => c.value.status === 'answered').length, 0);
  });

  it('the unit overview is for the department head only, and hides groups under 5', async () => {
    clock.set('2026-11-23T09:00:00Z');
    for (const u of [DEMO.alex!, DEMO.bea!, DEMO.dev!]) await answer(t, u, FINE);
    const overview = await act(t, DEMO.dana!, 'unit.overview');
    assert.match(text(overview), /fewer than 5 people: not shown/);
    assert.ok(!text(overview).includes('80%'));
    // Nine people in the unit have a care schedule and nothing is recorded yet: a count, not names.
    const overdue = /Overdue care items","value":"(\d+)"/.exec(text(overview));
    assert.ok(overdue && Number(overdue[1]) > 0, text(overview).slice(0, 2000));
    for (const name of ['Alex', 'Bea', 'Dev', 'Chris']) assert.ok(!text(overview).includes(name), `${name} is not named on the overview`);
    const refused = await act(t, DEMO.sam!, 'unit.overview');
    assert.match(text(refused), /for the department head/);
    assert.ok((await auditSince(t)).some((a) => a.action === 'unit.overview' && a.actor === 'sam.okafor' && a.outcome === 'denied'));
  });
});
