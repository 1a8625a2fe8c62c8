// Issue 14, the exposure and workload log, through the whole Haven (HTTP in, outbox out, Azurite)
// with a fake clock: the weekly summary in the check-in and on its own weekly card (never a second
// card the same day), heavy weeks → a flag to the supervisor with the reason only → the next
// check-in brought forward; a part-time person over their pro-rata share; the grading-tool import
// (good, bad, dry run); and the unit overview hiding groups under 5.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorkloadCommand } from '../../../src/cli/workload.ts';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO, installPersonal, type DemoUser } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { alertsTo, cardIn, text } from '../../support/sent-cards.ts';
import { rosterIdOf, trayLines } from '../../support/tray-lines.ts';

const FINE = { who5_1: '4', who5_2: '4', who5_3: '4', who5_4: '4', who5_5: '4' };

const sentWith = (t: TestHaven, u: DemoUser, verb: string) => alertsTo(t, u).filter((c) => text(cardIn(c)).includes(`"verb":"${verb}"`));
const checkInCards = (t: TestHaven, u: DemoUser) => sentWith(t, u, 'checkIn.submit');
const weeklyCards = (t: TestHaven, u: DemoUser) => sentWith(t, u, 'workload.submit');
const flagLines = (t: TestHaven, u: DemoUser) => trayLines(t.haven.deps, rosterIdOf(u), 'flag:');

function dataOf(card: unknown, verb: string): Record<string, string> {
  const m = text(card).match(new RegExp(`"data":(\\{"verb":"${verb.replace('.', '\\.')}"[^}]*\\})`));
  assert.ok(m, `a card with ${verb}: ${text(card).slice(0, 300)}`);
  return JSON.parse(m[1]!);
}

describe('check-ins: the exposure and workload log', function () {
  this.timeout(120_000);
  let t: TestHaven;
  const clock = new FakeClock('2026-11-21T10:00:00Z'); // a Saturday

  beforeEach(async () => {
    clock.set('2026-11-21T10:00:00Z');
    t = await startTestHaven({ clock });
    for (const u of [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!, DEMO.erin!, DEMO.femi!, DEMO.sam!, DEMO.priya!, DEMO.dana!])
      assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  afterEach(async () => t?.close());

  it('weekly summary in the check-in, then on its own card; heavy weeks → a flag to the supervisor with the reason only → the next check-in brought forward', async () => {
    // Mon 23 Nov (W48): Alex's current cycle (due 16 Nov) is sent; it carries last week's summary (W47). No weekly card that day.
    clock.set('2026-11-23T09:00:00Z');
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 1);
    assert.equal(weeklyCards(t, DEMO.alex!).length, 0, 'never a second card the same day');
    const first = cardIn(checkInCards(t, DEMO.alex!)[0]!);
    assert.match(text(first), /Last week \(Mon, 16 Nov 2026 to Sun, 22 Nov 2026\)/);
    const d1 = dataOf(first, 'checkIn.submit');
    assert.equal(d1.workloadWeek, '2026-W47');
    // A half-given summary is refused with everything kept; nothing is saved.
    const refused = await act(t, DEMO.alex!, 'checkIn.submit', { ...d1, ...FINE, conversation: 'no', wlHours: '15to25' });
    assert.match(text(refused), /Nothing was saved yet\. Weekly summary: please say whether you saw violent or sadistic material/);
    assert.equal((await t.haven.deps.workloadWeeks.list()).length, 0);
    assert.equal((await t.haven.deps.checkIns.get(d1.checkInId!))!.value.status, 'open');
    const ok1 = await act(t, DEMO.alex!, 'checkIn.submit', { ...d1, ...FINE, conversation: 'no', wlHours: '15to25', wlViolent: 'no' });
    assert.match(text(ok1), /your check-in is in/);
    await t.tick();
    assert.equal(weeklyCards(t, DEMO.alex!).length, 0, 'the check-in carried W47');

    // Mon 30 Nov (W49): the next cycle is due this week and carries W48.
    clock.set('2026-11-30T09:00:00Z');
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 2);
    assert.equal(weeklyCards(t, DEMO.alex!).length, 0);
    const d2 = dataOf(cardIn(checkInCards(t, DEMO.alex!)[1]!), 'checkIn.submit');
    assert.equal(d2.workloadWeek, '2026-W48');
    await act(t, DEMO.alex!, 'checkIn.submit', {
      ...d2,
      ...FINE,
      conversation: 'no',
      wlHours: 'over25',
      wlCategories: 'A,B',
      wlViolent: 'no',
    });
    assert.equal((await t.haven.deps.flags.list()).length, 0, 'two heavy weeks of four: no flag yet');

    // Mon 7 Dec (W50): no check-in due this week, so the small weekly card asks about W49, once.
    clock.set('2026-12-07T09:00:00Z');
    await t.tick();
    await t.tick();
    assert.equal(weeklyCards(t, DEMO.alex!).length, 1, 'one weekly card');
    assert.equal(checkInCards(t, DEMO.alex!).length, 2, 'and no check-in that day');
    const weekly = cardIn(weeklyCards(t, DEMO.alex!)[0]!);
    assert.match(text(weekly), /Your week in one tap/);
    assert.match(text(weekly), /Mon, 30 Nov 2026 to Sun, 6 Dec 2026/);
    const w = dataOf(weekly, 'workload.submit');
    assert.equal(w.week, '2026-W49');
    const done = await act(t, DEMO.alex!, 'workload.submit', {
      ...w,
      wlHours: '15to25',
      wlCategories: 'C',
      wlViolent: 'no',
      wlShare: 'false',
    });
    assert.match(text(done), /Thank you: last week is recorded/);
    assert.match(text(done), /15 to 25 hours viewing; categories C; no violent or sadistic material/);
    assert.match(text(done), /Haven is asking Sam Okafor to offer you a conversation/);
    assert.match(text(done), /Your next check-in is brought forward to Tue, 8 Dec 2026/);
    const again = await act(t, DEMO.alex!, 'workload.submit', { ...w, wlHours: 'none', wlViolent: 'no' });
    assert.match(text(again), /already recorded/);

    // The flag: one, its reason only, as a line in Sam's tray; never the figures.
    const flags = (await t.haven.deps.flags.list()).map((f) => f.value);
    assert.deepEqual(
      flags.map((f) => `${f.personId}:${f.reason}:${f.workloadWeek}`),
      ['alex.moreno:heavyWeeks:2026-W49'],
    );
    const lines = await flagLines(t, DEMO.sam!);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!.line, /^Consider a welfare conversation with Alex Moreno: a run of heavy weeks \(viewing hours or caseload\)/);
    const card = text(await act(t, DEMO.sam!, 'flag.show', lines[0]!.actions[1]!.data));
    assert.match(card, /a run of heavy weeks/);
    assert.match(card, /Their weekly figures stay private/);
    for (const secret of ['15 to 25', 'Over 25', 'over25', '15to25', 'categories', 'Category'])
      assert.ok(!card.includes(secret) && !text(lines[0]).includes(secret), `no figures on the flag: ${secret}`);
    // The department head is not first in the chain: refused.
    assert.match(text(await act(t, DEMO.dana!, 'flag.show', lines[0]!.actions[1]!.data)), /not yours to act on/);

    // Tue 8 Dec: the next check-in, brought forward, arrives; it does not ask about W49 again.
    clock.set('2026-12-08T09:00:00Z');
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 3);
    const early = cardIn(checkInCards(t, DEMO.alex!)[2]!);
    assert.match(text(early), /a little earlier than usual/);
    assert.ok(!text(early).includes('"wlHours"'), 'W49 is recorded: not asked again');
    assert.equal(dataOf(early, 'checkIn.submit').checkInId, 'checkin:alex.moreno:2026-12-14', 'it is the 14 Dec cycle, moved');
    // Mon 14 Dec: that cycle is not sent a second time.
    clock.set('2026-12-14T09:00:00Z');
    await t.tick();
    assert.equal(checkInCards(t, DEMO.alex!).length, 3, 'the moved cycle is not sent again');

    const audit = await auditSince(t);
    assert.ok(audit.some((a) => a.action === 'checkIn.broughtForward' && a.reason === 'from 2026-12-14 to 2026-12-08'));
    assert.equal(audit.filter((a) => a.action === 'workload.submit' && a.outcome === 'ok').length, 3);
    assert.ok(audit.some((a) => a.action === 'workload.prompt' && a.subject === 'workload:alex.moreno:2026-W49'));
    // Figures are ciphertext at rest, and never in a log.
    const raw: unknown[] = [];
    for await (const e of t.haven.store.client(TABLES.workloadWeeks).listEntities()) raw.push(e);
    const dump = JSON.stringify(raw);
    assert.ok(dump.includes('secret_figures') && !dump.includes('15to25') && !dump.includes('over25'), 'encrypted at rest');
    assert.ok(!JSON.stringify(t.logs).includes('15to25'), 'never logged');
  });

  it('a part-time person over their pro-rata share is flagged; the figures they shared reach their supervisor only', async () => {
    // Bea works three days a week (24 of 37 hours): her share of a full-timer's 15 viewing hours is about 9.7.
    const bea = (await t.haven.deps.people.get('bea.clarke'))!;
    await t.haven.deps.people.save(
      { ...bea.value, workingPattern: { days: ['mon', 'tue', 'wed'], startMinute: 540, endMinute: 1020 } },
      bea.version,
    );
    clock.set('2026-12-07T10:00:00Z');
    const r = await act(t, DEMO.bea!, 'workload.submit', {
      week: '2026-W49',
      wlHours: '15to25',
      wlCategories: 'B',
      wlViolent: 'no',
      wlCaseload: 'usual',
      wlShare: 'true',
    });
    assert.match(text(r), /You chose to share these figures with Sam Okafor/);
    assert.match(text(r), /asking Sam Okafor to offer you a conversation/);
    const flag = (await t.haven.deps.flags.listForPerson('bea.clarke')).map((f) => f.value);
    assert.deepEqual(
      flag.map((f) => f.reason),
      ['partTimeLoad'],
    );
    const lines = await flagLines(t, DEMO.sam!);
    assert.match(lines[0]!.line, /viewing hours above the share of a part-time working pattern/);
    const card = text(await act(t, DEMO.sam!, 'flag.show', lines[0]!.actions[1]!.data));
    assert.match(card, /Weekly figures Bea Clarke chose to share with you/);
    assert.match(card, /15 to 25 hours viewing; categories B; no violent or sadistic material; caseload usual/);
    assert.ok((await auditSince(t)).some((a) => a.action === 'checkIn.shareShown' && a.actor === 'sam.okafor'));
    // A full-timer with the same week: nothing.
    await act(t, DEMO.femi!, 'workload.submit', { week: '2026-W49', wlHours: '15to25', wlViolent: 'no' });
    assert.equal((await t.haven.deps.flags.listForPerson('femi.adeyemi')).length, 0);
    // A week in the future, or someone not in the unit, changes nothing.
    assert.match(
      text(await act(t, DEMO.femi!, 'workload.submit', { week: '2026-W50', wlHours: 'none', wlViolent: 'no' })),
      /does not know this week/,
    );
    assert.match(
      text(await act(t, DEMO.dana!, 'workload.submit', { week: '2026-W49', wlHours: 'none', wlViolent: 'no' })),
      /for members of the unit/,
    );
    assert.equal((await t.haven.deps.workloadWeeks.list()).length, 2);
  });

  it('the grading-tool import: a bad file lists every problem and changes nothing; a dry run writes nothing; a good file flags violent material two weeks running', async () => {
    clock.set('2026-12-07T10:00:00Z');
    const dir = mkdtempSync(join(tmpdir(), 'haven-workload-'));
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runWorkloadCommand(
        args,
        (s) => out.push(s),
        (s) => err.push(s),
        async () => ({ deps: t.haven.deps, close: async () => undefined }),
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'person,week,hours,categories,violent\ndev.patel,2026-W48,=HYPERLINK("x"),A,yes\nnobody,2026-W49,3,,no\ndev.patel,2026-W49,4,Z,yes\n',
    );
    const b = await cli('import', bad);
    assert.equal(b.code, 1);
    assert.match(b.err, /3 problem\(s\); nothing was imported/);
    assert.match(b.err, /line 2: hours looks like a spreadsheet formula/);
    assert.match(b.err, /line 3: person is not on the roster/);
    assert.match(b.err, /line 4: categories must be/);
    assert.ok(!b.err.includes('HYPERLINK'), 'a cell is never echoed');
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from([...Buffer.from('person,week,hours\ndev.patel,2026-W49,3 caf'), 0xe9, 0x0a]));
    assert.match((await cli('import', latin1)).err, /not UTF-8/);
    assert.equal((await t.haven.deps.workloadWeeks.list()).length, 0, 'nothing written');

    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      [
        'person,week,hours,categories,violent',
        'dev.patel,2026-W48,12,A;B,yes',
        '00000000-0000-4000-8000-000000000008,2026-W49,14.5,A,yes',
        'erin.walsh,2026-W49,6,C,no',
      ].join('\r\n'),
    );
    const dry = await cli('import', good, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /is valid: 3 row\(s\), 2 people, 2 week\(s\)\. Nothing written \(--dry-run\)/);
    assert.equal((await t.haven.deps.workloadWeeks.list()).length, 0, 'a dry run writes nothing');

    const done = await cli('import', good);
    assert.equal(done.code, 0, done.err);
    assert.match(done.out, /Imported .*: 3 row\(s\), 2 people, 2 week\(s\); 1 person\(s\) flagged/);
    const weeks = (await t.haven.deps.workloadWeeks.list()).map((w) => w.value);
    assert.equal(weeks.length, 3);
    assert.deepEqual(weeks.find((w) => w.id === 'workload:dev.patel:2026-W49')!.figures, {
      hours: '5to15',
      exactHours: 14.5,
      categories: ['A'],
      violent: true,
      source: 'import',
      recordedAt: '2026-12-07T10:00:00.000Z',
    });
    const flags = (await t.haven.deps.flags.list()).map((f) => f.value);
    assert.deepEqual(
      flags.map((f) => `${f.personId}:${f.reason}`),
      ['dev.patel:violentMaterial'],
    );
    // Dev's supervisor is Priya: the line says the reason, not the figures (an import is never "shared").
    const lines = await flagLines(t, DEMO.priya!);
    assert.match(lines[0]!.line, /violent or sadistic material in consecutive weeks/);
    const card = text(await act(t, DEMO.priya!, 'flag.show', lines[0]!.actions[1]!.data));
    assert.ok(!card.includes('14.5') && !card.includes('categories'), 'no figures');
    const row = (await auditSince(t)).filter((a) => a.action === 'workload.import');
    assert.equal(row.length, 1, 'one audit row for the import (none for the bad file or the dry run)');
    assert.equal(row[0]!.reason, '3 row(s), 2 people, 2 week(s), 1 flagged');
    assert.equal(row[0]!.actor, 'admin-cli');
    // Running the same file again changes no flag (the open one covers the reason).
    assert.equal((await cli('import', good)).code, 0);
    assert.equal((await t.haven.deps.flags.list()).length, 1);
    // Usage problems.
    assert.equal((await cli('import')).code, 2);
    assert.equal((await cli('import', good, '--force')).code, 2);
    assert.equal((await cli('export')).code, 2);
  });

  it('the unit overview shows workload figures only for a week with 5 or more people', async () => {
    clock.set('2026-12-07T10:00:00Z');
    const give = async (u: DemoUser, week: string, hours: string, violent = 'no') =>
      assert.match(text(await act(t, u, 'workload.submit', { week, wlHours: hours, wlViolent: violent })), /last week is recorded/);
    for (const u of [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!]) await give(u, '2026-W49', '5to15');
    for (const u of [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!, DEMO.erin!])
      await give(u, '2026-W48', u === DEMO.alex ? 'over25' : 'under5', u === DEMO.bea ? 'yes' : 'no');
    const overview = text(await act(t, DEMO.dana!, 'unit.overview'));
    assert.match(overview, /Workload, Mon, 30 Nov 2026 to Sun, 6 Dec 2026.*fewer than 5 people gave figures: not shown/);
    assert.match(
      overview,
      /Workload, Mon, 23 Nov 2026 to Sun, 29 Nov 2026.*5 people: 20% had a heavy week; 20% saw violent or sadistic material/,
    );
    // A supervisor is refused the overview altogether.
    assert.ok(!text(await act(t, DEMO.sam!, 'unit.overview')).includes('Workload'));
  });
});
