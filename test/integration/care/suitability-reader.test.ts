// Issue 14 part 2, "a choice of whom to tell", for the annual suitability questionnaire: where the
// unit's policy allows (suitabilityReaderChoice, default true), Bea may choose the welfare lead (Wes
// Lyle, data/contacts/unit-2.json) to read her answers instead of her supervisor Sam. Wes gets the
// review line, reads and records the review (the care item is done); Sam is refused the answers
// (audited as denied) and sees only that it is done. With the policy false no choice is offered and
// Sam reads it as before. Real-shaped activities against the fake Bot Connector, on the fake clock.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suitabilitySubjectData } from '../../../src/features/suitability/subject.ts';
import { DEMO, installPersonal } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { trayLines } from '../../support/tray-lines.ts';

const START = '2026-11-23T09:30:00Z';
const BEA_ID = 'suitability:bea.clarke:2025-02-12';
const WORK = `WORK-${randomUUID()}`;
const COPING = `COPING-${randomUUID()}`;
const NOTE = `NOTE-${randomUUID()}`;
const ANSWERS = { questionnaireId: BEA_ID, work: WORK, coping: COPING, continueInRole: 'yes' };

describe('suitability questionnaire: a choice of who reads it (integration, fake clock)', function () {
  this.timeout(300_000);
  let connector: FakeConnector;
  let baseDir: string;
  let dataDir: string;
  let policyDir: string | undefined;
  let t: TestHaven;

  before(async () => {
    baseDir = mkdtempSync(join(tmpdir(), 'haven-suitreader-base-'));
    connector = await startFakeConnector();
    const base = await startTestHaven({ clock: new FakeClock(START), dataDir: baseDir, connector, care: true });
    try {
      for (const u of Object.values(DEMO)) assert.equal((await base.post(installPersonal(base.connector.url, u))).status, 200);
      await base.tick();
    } finally {
      await base.close();
    }
  });
  /** Haven on a copy of the base storage; `readerChoice: false` writes a unit-2 policy that forbids the choice. */
  const start = async (readerChoice?: boolean) => {
    dataDir = mkdtempSync(join(tmpdir(), 'haven-suitreader-'));
    cpSync(baseDir, dataDir, { recursive: true });
    let env: Record<string, string> | undefined;
    if (readerChoice !== undefined) {
      policyDir = mkdtempSync(join(tmpdir(), 'haven-suitreader-policy-'));
      const policy = JSON.parse(readFileSync('data/escalation/default.json', 'utf8'));
      writeFileSync(join(policyDir, 'default.json'), JSON.stringify(policy));
      writeFileSync(join(policyDir, 'unit-2.json'), JSON.stringify({ ...policy, suitabilityReaderChoice: readerChoice }));
      env = { HAVEN_ESCALATION_DIR: policyDir };
    }
    t = await startTestHaven({ clock: new FakeClock(START), dataDir, connector, care: true, env });
  };
  afterEach(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
    policyDir = undefined;
  });
  after(async () => {
    await connector?.close();
    rmSync(baseDir, { recursive: true, force: true });
  });

  const stored = async () => (await t.haven.deps.suitability.get(BEA_ID))?.value;
  /** The ids of the inputs of a card, with their choices. */
  const choicesOf = (card: unknown, id: string): string[] => {
    let found: string[] = [];
    const walk = (x: any): void => {
      if (x && typeof x === 'object') {
        if (x.id === id && Array.isArray(x.choices)) found = x.choices.map((c: { value: string }) => c.value);
        Object.values(x).forEach(walk);
      }
    };
    walk(card);
    return found;
  };

  it('the form offers the welfare lead, occupational health where staffed, the department head; never a trainer or TRiM; and says who reads it', async () => {
    await start();
    const form = await act(t, DEMO.bea!, 'suitability.open');
    assert.deepEqual(choicesOf(form, 'readBy'), ['supervisor', 'welfareLead', 'departmentHead']);
    assert.match(text(form), /Sam Okafor \(your supervisor\), as usual/);
    assert.match(text(form), /Sam Okafor \(your supervisor\) will read your answers\./);
    assert.match(
      text(form),
      /Wes Lyle \(the welfare lead\) will read your answers; Sam Okafor \(your supervisor\) will see only that your review is done\./,
    );
    assert.match(text(form), /Dana Hughes \(the department head\) will read your answers/);
  });

  it('chosen the welfare lead: Wes gets the line, reads and records; Sam is refused the answers (denied) and sees only that it is done', async () => {
    await start();
    // Something not offered is refused with a clear message, and nothing is stored or sent.
    const refused = await act(t, DEMO.bea!, 'suitability.submit', { ...ANSWERS, readBy: 'trainer' });
    assert.match(text(refused), /Nothing was sent yet\. Who reads your answers: choose one of the people given\./);
    assert.ok(text(refused).includes(WORK), 'what she typed is still on the form');
    assert.equal(await stored(), undefined);

    const sent = await act(t, DEMO.bea!, 'suitability.submit', { ...ANSWERS, readBy: 'welfareLead' });
    assert.match(
      text(sent),
      /Wes Lyle \(the welfare lead\) will read your answers; Sam Okafor \(your supervisor\) will see only that your review is done\./,
    );
    assert.match(text(sent), /waiting for Wes Lyle's review/);
    const q = await stored();
    assert.deepEqual(q?.readBy, { kind: 'welfareLead', personId: 'wes.lyle' });
    assert.deepEqual(q?.sharedWith, ['wes.lyle']);
    const audit = await auditSince(t);
    assert.ok(audit.some((e) => e.action === 'suitability.readerChosen' && e.subject === BEA_ID && e.reason === 'welfareLead'));

    // The review line goes to Wes, not to Sam.
    assert.deepEqual(await trayLines(t.haven.deps, 'sam.okafor', 'suitability:'), []);
    const [line, ...more] = await trayLines(t.haven.deps, 'wes.lyle', 'suitability:');
    assert.ok(line && more.length === 0, 'one line in Wes’s tray');
    assert.match(line.line, /Bea Clarke sent their suitability questionnaire for you to review \(they chose you, as the welfare lead/);
    for (const canary of [WORK, COPING]) assert.ok(!text(line).includes(canary), 'the line holds no answer');

    // Sam (and Dana) cannot open or review it: refused, audited as denied, nothing shown.
    for (const [user, verb] of [
      [DEMO.sam!, 'suitability.view'],
      [DEMO.sam!, 'suitability.review'],
      [DEMO.dana!, 'suitability.view'],
    ] as const) {
      const card = await act(t, user, verb, { questionnaireId: BEA_ID, outcome: 'noConcerns', field: 'work' });
      assert.match(text(card), /not yours to see/, `${user.name} ${verb}`);
      for (const canary of [WORK, COPING]) assert.ok(!text(card).includes(canary), `${user.name} saw an answer`);
    }
    assert.match(text(await act(t, DEMO.sam!, 'suitability.showAll', { questionnaireId: BEA_ID, field: 'work' })), /not yours to see/);
    const denied = (await auditSince(t)).filter((e) => e.subject === BEA_ID && e.outcome === 'denied' && e.actor === 'sam.okafor');
    assert.ok(denied.some((e) => e.action === 'suitability.read'));
    assert.ok(denied.some((e) => e.action === 'suitability.review'));
    assert.equal((await stored())?.status, 'submitted');

    const suitabilityOnTeam = async () => (text(await act(t, DEMO.sam!, 'team.show')).match(/suitability/gi) ?? []).length;
    const teamBefore = await suitabilityOnTeam();
    // Wes opens it from his tray (audited) and records the review: the care item is done.
    const opened = await act(t, DEMO.wes!, line.actions[0]!.verb, line.actions[0]!.data);
    assert.ok(text(opened).includes(WORK), 'Wes reads the answers');
    assert.match(text(opened), /"verb":"suitability.review"/);
    assert.match(text(opened), /They chose you to read these answers instead of their supervisor/);
    const reviewed = await act(t, DEMO.wes!, 'suitability.review', { questionnaireId: BEA_ID, outcome: 'noConcerns', reviewNote: NOTE });
    assert.match(text(reviewed), /Recorded: Reviewed: no concerns/);
    assert.match(text(reviewed), /next questionnaire is due by 23 Nov 2027/);
    assert.equal((await stored())?.review?.by, 'wes.lyle');
    const records = (await t.haven.deps.care.listRecordsFor('bea.clarke')).map((r) => r.value);
    assert.ok(records.some((r) => r.item === 'suitability' && r.doneOn === '2026-11-23' && r.recordedBy === 'wes.lyle'));
    assert.deepEqual(await trayLines(t.haven.deps, 'wes.lyle', BEA_ID), [], 'reviewed: the line is done');

    // Sam sees that it is done (the care record on "my team"), never the answers or the note.
    assert.ok((await suitabilityOnTeam()) < teamBefore, `Bea's overdue questionnaire left Sam's team card (${teamBefore} before)`);
    const team = text(await act(t, DEMO.sam!, 'team.show'));
    for (const canary of [WORK, COPING, NOTE]) assert.ok(!team.includes(canary), 'my team holds no answer');
    assert.match(text(await act(t, DEMO.sam!, 'suitability.view', { questionnaireId: BEA_ID })), /not yours to see/);

    // Bea's own export shows whom she chose.
    const held = await suitabilitySubjectData.gather({ suitability: t.haven.deps.suitability }, {
      person: { id: 'bea.clarke' },
      mentionedIn: () => false,
    } as never);
    const own = held.own[0]!.records.find((x) => x.id === BEA_ID)!.data as { readBy?: unknown };
    assert.deepEqual(own.readBy, { kind: 'welfareLead', personId: 'wes.lyle' });
  });

  it('where the unit policy says no: no choice is offered, a chosen reader is refused, and Sam reads it as before', async () => {
    await start(false);
    const form = await act(t, DEMO.bea!, 'suitability.open');
    assert.deepEqual(choicesOf(form, 'readBy'), []);
    assert.ok(!/welfare lead/.test(text(form)));
    assert.match(text(form), /Your supervisor reads your answers/);
    const refused = await act(t, DEMO.bea!, 'suitability.submit', { ...ANSWERS, readBy: 'welfareLead' });
    assert.match(text(refused), /Who reads your answers: choose one of the people given/);
    assert.equal(await stored(), undefined);

    assert.match(text(await act(t, DEMO.bea!, 'suitability.submit', ANSWERS)), /shared with Sam Okafor/);
    assert.equal((await stored())?.readBy, undefined);
    assert.equal((await trayLines(t.haven.deps, 'sam.okafor', 'suitability:')).length, 1);
    assert.deepEqual(await trayLines(t.haven.deps, 'wes.lyle', 'suitability:'), []);
    assert.match(text(await act(t, DEMO.wes!, 'suitability.view', { questionnaireId: BEA_ID })), /not yours to see/);
    assert.ok(text(await act(t, DEMO.sam!, 'suitability.view', { questionnaireId: BEA_ID })).includes(WORK));
  });
});
