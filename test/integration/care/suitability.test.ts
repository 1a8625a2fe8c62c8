// The annual suitability questionnaire end to end over a fake clock: the reminder opens it, a draft
// survives a restart, required answers are enforced, the responsible supervisor (or their cover)
// gets the answers and nobody else does, refusals are audited and change nothing, and the review
// records the care item as done so the overdue escalation stops. Answers are encrypted at rest.
// Each test starts from its own copy of the same storage (the unit installed, the first reminders
// sent) and takes the steps it needs itself, so any one of them runs alone (mocha --grep).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { careReminderId } from '../../../src/features/care/care-record.ts';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO, installPersonal } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { trayLines } from '../../support/tray-lines.ts';

const HOUR = 60 * 60_000;
const START = '2026-11-23T09:30:00Z';
const BEA_ID = 'suitability:bea.clarke:2025-02-12';
const DRAFT = `DRAFT-${randomUUID()}`;
const WORK = `WORK-${randomUUID()}`;
const COPING = `COPING-${randomUUID()}`;
const WISH = `WISH-${randomUUID()}`;
const NOTE = `NOTE-${randomUUID()}`;

describe('suitability questionnaire (integration, fake clock)', function () {
  this.timeout(300_000);
  let connector: FakeConnector;
  /** Storage with the unit installed and the first tick (reminders) done; Haven on it is closed. */
  let baseDir: string;
  /** This test's copy of baseDir. */
  let dataDir: string;
  let clock: FakeClock;
  let t: TestHaven;
  let callsBefore: number;

  before(async () => {
    // The first tick works through years of demo care (~15 s), so it runs once and is copied.
    baseDir = mkdtempSync(join(tmpdir(), 'haven-suitability-base-'));
    connector = await startFakeConnector();
    const base = await startTestHaven({ clock: new FakeClock(START), dataDir: baseDir, connector, care: true });
    try {
      for (const u of Object.values(DEMO)) assert.equal((await base.post(installPersonal(base.connector.url, u))).status, 200);
      await base.tick();
    } finally {
      await base.close();
    }
  });
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'haven-suitability-'));
    cpSync(baseDir, dataDir, { recursive: true });
    clock = new FakeClock(START);
    t = await startTestHaven({ clock, dataDir, connector, care: true });
    callsBefore = connector.calls.length;
  });
  afterEach(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  after(async () => {
    await connector?.close();
    rmSync(baseDir, { recursive: true, force: true });
  });

  const stored = async (id = BEA_ID) => (await t.haven.deps.suitability.get(id))?.value;
  /** What the fake Bot Connector received during this test (it is shared by the whole file). */
  const callsInThisTest = () => t.connector.calls.slice(callsBefore);
  const saveDraft = async () =>
    assert.match(text(await act(t, DEMO.bea!, 'suitability.save', { questionnaireId: BEA_ID, work: DRAFT })), /Draft saved/);
  const submitAnswers = async () =>
    assert.match(
      text(
        await act(t, DEMO.bea!, 'suitability.submit', {
          questionnaireId: BEA_ID,
          work: WORK,
          coping: COPING,
          forSupervisor: WISH,
          continueInRole: 'unsure',
        }),
      ),
      /shared with Sam Okafor/,
    );
  const reviewWithNote = async () =>
    assert.match(
      text(await act(t, DEMO.sam!, 'suitability.review', { questionnaireId: BEA_ID, outcome: 'followUp', reviewNote: NOTE })),
      /Recorded: Reviewed: follow-up agreed/,
    );

  it('the due reminder carries "Open the questionnaire", which opens the form with who reads it', async () => {
    // Bea's own reminder: a card of its own, or the one card with everything of hers due that day.
    const reminder = (await t.haven.outbox.list()).find(
      (m) =>
        m.value.id === 'care:bea.clarke:suitability:2025-02-12:person' ||
        (/^care:bea\.clarke:\d{4}-\d{2}-\d{2}:person$/.test(m.value.id) && /suitability questionnaire/.test(text(m.value.activity.card))),
    );
    assert.ok(reminder, 'Bea was reminded');
    assert.match(text(reminder.value.activity.card), /"verb":"suitability.open"/);
    const card = await act(t, DEMO.bea!, 'suitability.open');
    assert.match(text(card), new RegExp(`"questionnaireId":"${BEA_ID}"`));
    // The demo unit allows a choice of reader (issue 14): the default, said plainly, is Sam.
    assert.match(text(card), /Who reads your answers\?/);
    assert.match(text(card), /Sam Okafor \(your supervisor\) will read your answers\./);
    assert.match(text(card), /by default that is your supervisor/);
    assert.match(text(card), /"verb":"declaration.open"/, 'the "I\'m not okay" footer');
    assert.equal(await stored(), undefined, 'opening stores nothing');
  });

  it('a draft is stored and survives a restart on the same storage', async () => {
    const card = await act(t, DEMO.bea!, 'suitability.save', { questionnaireId: BEA_ID, work: DRAFT });
    assert.match(text(card), /Draft saved/);
    assert.equal((await stored())?.status, 'draft');
    await t.close();
    t = await startTestHaven({ clock, dataDir, connector, care: true });
    const again = await act(t, DEMO.bea!, 'suitability.open');
    assert.ok(text(again).includes(DRAFT), 'the draft is filled in again');
    assert.match(text(again), /saved draft/);
  });

  it('required answers are checked on the server with clear messages; nothing is sent', async () => {
    await saveDraft();
    const outboxBefore = (await t.haven.outbox.list()).length;
    const card = await act(t, DEMO.bea!, 'suitability.submit', { questionnaireId: BEA_ID, work: WORK });
    assert.match(text(card), /Nothing was sent yet/);
    assert.match(text(card), /How are you coping/);
    assert.match(text(card), /continue in the role/);
    assert.ok(text(card).includes(WORK), 'what they typed is kept on the form');
    assert.equal((await stored())?.status, 'draft');
    assert.ok((await stored())?.answers.work === DRAFT, 'the stored draft is unchanged');
    assert.equal((await t.haven.outbox.list()).length, outboxBefore);
  });

  it('a malformed payload gets a clear message and changes nothing', async () => {
    await saveDraft();
    const before = JSON.stringify(await stored());
    assert.match(
      text(await act(t, DEMO.bea!, 'suitability.submit', { questionnaireId: 42 })),
      /Something in that card was not right.*questionnaire Haven does not know/,
    );
    assert.match(
      text(await act(t, DEMO.bea!, 'suitability.submit', { questionnaireId: BEA_ID, work: WORK, coping: COPING, continueInRole: 'maybe' })),
      /Choose yes, not sure or no/,
    );
    assert.match(text(await act(t, DEMO.bea!, 'suitability.save', { questionnaireId: BEA_ID, work: 'x'.repeat(2001) })), /too long/);
    assert.equal(JSON.stringify(await stored()), before);
  });

  it('a refused questionnaire comes back with every answer typed: too long, or storage down (issue 12)', async () => {
    const before = JSON.stringify(await stored());
    const inputs = (card: unknown): Map<string, unknown> => {
      const m = new Map<string, unknown>();
      const walk = (x: any): void => {
        if (x && typeof x === 'object') {
          if (typeof x.id === 'string' && String(x.type).startsWith('Input.')) m.set(x.id, x.value);
          Object.values(x).forEach(walk);
        }
      };
      walk(card);
      return m;
    };
    const long = '我們'.repeat(333) + '多出來的字'; // the limit is 2,000 bytes: 666 characters of Chinese
    const answers = { work: long, coping: '中'.repeat(666), support: 'a', forSupervisor: 'b', continueInRole: 'unsure' };
    const tooLong = await act(t, DEMO.bea!, 'suitability.submit', { questionnaireId: BEA_ID, ...answers });
    assert.match(
      text(tooLong),
      /Your answer to .{1,3}How are you finding the work, and what impact is it having on you\?.{1,3} is too long by 5 characters/,
    );
    for (const [k, v] of Object.entries(answers)) assert.equal(inputs(tooLong).get(k), v, `${k} is still on the form`);
    const deps = t.haven.deps as any;
    const { add, save } = deps.suitability;
    const down = async () => {
      throw Object.assign(new Error('storage unreachable'), { statusCode: 503 });
    };
    deps.suitability.add = down;
    deps.suitability.save = down;
    try {
      const ok = { ...answers, work: '我們'.repeat(333) };
      const refused = await act(t, DEMO.bea!, 'suitability.submit', { questionnaireId: BEA_ID, ...ok });
      assert.match(text(refused), /could not save this just now.*everything you typed is still here/);
      for (const [k, v] of Object.entries(ok)) assert.equal(inputs(refused).get(k), v, `${k} is still on the form`);
    } finally {
      deps.suitability.add = add;
      deps.suitability.save = save;
    }
    assert.equal(JSON.stringify(await stored()), before);
  });

  it("nobody can answer someone else's questionnaire (refused, audited as denied)", async () => {
    await saveDraft();
    const card = await act(t, DEMO.alex!, 'suitability.submit', { questionnaireId: BEA_ID, work: 'x', coping: 'y', continueInRole: 'yes' });
    assert.match(text(card), /not yours to answer/);
    assert.equal((await stored())?.status, 'draft');
    assert.ok((await auditSince(t)).some((e) => e.action === 'suitability.submit' && e.actor === 'alex.moreno' && e.outcome === 'denied'));
  });

  it("submit stores it, confirms privately, and puts a line in the supervisor's tray; the answers only on the card it opens", async () => {
    const card = await act(t, DEMO.bea!, 'suitability.submit', {
      questionnaireId: BEA_ID,
      work: WORK,
      coping: COPING,
      forSupervisor: WISH,
      continueInRole: 'unsure',
    });
    assert.match(text(card), /shared with Sam Okafor/);
    assert.ok(text(card).includes(WORK));
    const q = await stored();
    assert.equal(q?.status, 'submitted');
    assert.deepEqual(q?.sharedWith, ['sam.okafor']);
    assert.ok(!(await t.haven.outbox.list()).some((m) => m.value.purpose === 'suitability.review'), 'no card of its own');
    const [line, ...more] = await trayLines(t.haven.deps, 'sam.okafor', 'suitability:');
    assert.ok(line && more.length === 0);
    assert.equal(line.key, BEA_ID);
    assert.equal(line.aboutPersonId, 'bea.clarke');
    assert.equal(line.line, 'Bea Clarke sent their suitability questionnaire for you to review');
    assert.deepEqual(line.actions, [{ title: 'Open to review', verb: 'suitability.view', data: { questionnaireId: BEA_ID } }]);
    for (const canary of [WORK, COPING, WISH]) assert.ok(!text(line).includes(canary), 'the line holds no answer');
    // Submitting again changes nothing and sends nothing new.
    assert.match(
      text(
        await act(t, DEMO.bea!, 'suitability.submit', { questionnaireId: BEA_ID, work: 'other', coping: 'other', continueInRole: 'yes' }),
      ),
      /already sent/,
    );
    assert.equal((await stored())?.answers.work, WORK);
    await t.tick();
    const withCanary = callsInThisTest().filter((c) => [WORK, COPING, WISH].some((x) => text(c.body).includes(x)));
    assert.deepEqual(withCanary, [], 'no message carries the answers');
    const opened = await act(t, DEMO.sam!, line.actions[0]!.verb, line.actions[0]!.data);
    assert.ok(text(opened).includes(WORK) && text(opened).includes(WISH), 'the supervisor reads them on the card "Open" shows');
    assert.ok(
      (await auditSince(t)).some(
        (e) => e.action === 'suitability.read' && e.actor === 'sam.okafor' && e.subject === BEA_ID && e.outcome === 'ok',
      ),
    );
  });

  it('another officer, another supervisor and the department head (not escalated to) are refused: denied, nothing changed', async () => {
    await submitAnswers();
    const before = JSON.stringify(await stored());
    for (const [user, verb] of [
      [DEMO.alex!, 'suitability.view'],
      [DEMO.priya!, 'suitability.view'],
      [DEMO.dana!, 'suitability.view'],
      [DEMO.priya!, 'suitability.review'],
      [DEMO.bea!, 'suitability.review'],
    ] as const) {
      const card = await act(t, user, verb, { questionnaireId: BEA_ID, outcome: 'noConcerns' });
      assert.match(text(card), /not yours to see/, `${user.name} ${verb}`);
      for (const canary of [WORK, COPING, WISH]) assert.ok(!text(card).includes(canary), `${user.name} saw an answer`);
    }
    const denied = (await auditSince(t)).filter((e) => e.subject === BEA_ID && e.outcome === 'denied');
    assert.ok(denied.length >= 5);
    assert.equal(JSON.stringify(await stored()), before);
  });

  it('the supervisor opens it (audited), reviews it: the care item is done and escalation stops', async () => {
    await submitAnswers();
    const reads = async () =>
      (await auditSince(t)).filter((e) => e.action === 'suitability.read' && e.actor === 'sam.okafor' && e.outcome === 'ok').length;
    const readsBefore = await reads();
    const view = await act(t, DEMO.sam!, 'suitability.view', { questionnaireId: BEA_ID });
    assert.ok(text(view).includes(WORK) && text(view).includes(WISH));
    assert.match(text(view), /"verb":"suitability.review"/);
    assert.equal(await reads(), readsBefore + 1);

    assert.match(
      text(await act(t, DEMO.sam!, 'suitability.review', { questionnaireId: BEA_ID, outcome: 'scored' })),
      /Something in that card was not right.*no concerns/,
    );
    assert.equal((await stored())?.status, 'submitted');

    const card = await act(t, DEMO.sam!, 'suitability.review', { questionnaireId: BEA_ID, outcome: 'followUp', reviewNote: NOTE });
    assert.match(text(card), /Recorded: Reviewed: follow-up agreed/);
    assert.match(text(card), /next questionnaire is due by 23 Nov 2027/);
    const q = await stored();
    assert.equal(q?.status, 'reviewed');
    assert.equal(q?.reviewNote, NOTE);
    const records = (await t.haven.deps.care.listRecordsFor('bea.clarke')).map((r) => r.value);
    assert.ok(records.some((r) => r.item === 'suitability' && r.doneOn === '2026-11-23' && r.recordedBy === 'sam.okafor'));
    assert.ok((await t.haven.deps.care.getReminder(careReminderId('bea.clarke', 'suitability', '2025-02-12')))?.value.closedAt);

    // The overdue line is off every tray that held it, and the chain is walked no further.
    const key = 'care:bea.clarke:suitability:2025-02-12';
    const held = await t.haven.deps.tray.recipientsOf(key);
    assert.ok(held.length > 0, "the overdue item was a line in someone's tray");
    const notices = async () =>
      (await t.haven.deps.care.getReminder(careReminderId('bea.clarke', 'suitability', '2025-02-12')))?.value.notices.length;
    const escalations = await notices();
    for (let i = 0; i < 3; i++) {
      clock.advance(24 * HOUR);
      await t.tick();
    }
    assert.equal(await notices(), escalations, 'no further escalation after the review');
    for (const r of await t.haven.deps.tray.recipientsOf(key))
      assert.ok((await t.haven.deps.tray.get(r, key))?.value.resolvedAt, `${r} still holds the line`);
    assert.deepEqual(await trayLines(t.haven.deps, 'sam.okafor', BEA_ID), [], 'reviewed: the line is done');
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', BEA_ID, true)).length, 1);
    assert.match(
      text(await act(t, DEMO.sam!, 'suitability.review', { questionnaireId: BEA_ID, outcome: 'noConcerns' })),
      /already been reviewed/,
    );
  });

  it("the officer sees their answers and that it was reviewed, never the reviewer's note", async () => {
    await saveDraft();
    await submitAnswers();
    await reviewWithNote();
    const own = await act(t, DEMO.bea!, 'suitability.open');
    assert.ok(text(own).includes(WORK));
    assert.match(text(own), /Reviewed: follow-up agreed/);
    assert.ok(!text(own).includes(NOTE));
    const told = (await t.haven.outbox.list()).find((m) => m.value.id === `${BEA_ID}:reviewed`);
    assert.deepEqual(told?.value.target, { kind: 'person', personId: 'bea.clarke' });
    assert.ok(!text(told?.value.activity).includes(NOTE));
    // Nobody but Sam ever received the note or the answers.
    await t.tick();
    const sam = (await t.haven.deps.conversations.get({ kind: 'person', personId: 'sam.okafor' }))?.value.conversationId;
    for (const c of callsInThisTest()) {
      if (c.conversationId === sam) continue;
      for (const canary of [WORK, COPING, WISH, NOTE, DRAFT])
        assert.ok(!text(c.body).includes(canary), `${canary.slice(0, 5)} reached ${c.conversationId}`);
    }
  });

  it('answers and the note are encrypted at rest', async () => {
    await saveDraft();
    await submitAnswers();
    await reviewWithNote();
    const raw: unknown[] = [];
    for await (const e of t.haven.store.client(TABLES.suitability).listEntities()) raw.push(e);
    const dump = JSON.stringify(raw);
    assert.ok(raw.length >= 1);
    for (const canary of [WORK, COPING, WISH, NOTE, DRAFT]) assert.ok(!dump.includes(canary), 'readable at rest');
    assert.ok(dump.includes('secret_answers'));
  });

  it('while the supervisor is away, the review line goes to the cover, never to the absent supervisor', async () => {
    // Tuesday 5 January 2027: Priya is on leave (4–15 January) and Sam covers. Erin's questionnaire
    // (joined 15 September 2025) is overdue.
    clock.set('2027-01-05T10:30:00Z');
    await t.tick();
    const open = await act(t, DEMO.erin!, 'suitability.open');
    const id = /"questionnaireId":"(suitability:erin\.walsh:[0-9-]+)"/.exec(text(open))?.[1];
    assert.ok(id, text(open).slice(0, 300));
    const card = await act(t, DEMO.erin!, 'suitability.submit', { questionnaireId: id, work: WORK, coping: COPING, continueInRole: 'yes' });
    assert.match(text(card), /shared with Sam Okafor/);
    const [line] = await trayLines(t.haven.deps, 'sam.okafor', id!);
    assert.equal(line?.line, 'Erin Walsh sent their suitability questionnaire for you to review (you are covering for their supervisor)');
    assert.deepEqual(await trayLines(t.haven.deps, 'priya.shah', id!, true), [], 'never the absent supervisor');
    assert.match(text(await act(t, DEMO.priya!, 'suitability.view', { questionnaireId: id })), /not yours to see/);
    const reviewed = await act(t, DEMO.sam!, 'suitability.review', { questionnaireId: id, outcome: 'noConcerns' });
    assert.match(text(reviewed), /Recorded: Reviewed: no concerns/);
    assert.deepEqual(await trayLines(t.haven.deps, 'sam.okafor', id!), [], 'reviewed: the line is done');
  });
});
