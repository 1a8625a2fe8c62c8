// Subject access covers everything erasure deletes, for every feature: a person with a record in
// every table Haven keeps about people (their request, journey, check-in, flag, questionnaire, stage,
// care record, reminder and mark, tray line and digest, absence, conversation, messages) is exported, then erased; every row
// the erasure deleted must have been in the export, and every table must be accounted for, so a new
// feature or table cannot be forgotten by one and not the other.
import assert from 'node:assert/strict';
import { TABLES, fromKey } from '../../../src/storage/table-store.ts';
import { FEATURES } from '../../../src/main.ts';
import { eraseSubject } from '../../../src/features/subject-requests/index.ts';
import type { CheckIn } from '../../../src/features/check-ins/index.ts';
import type { Flag } from '../../../src/features/check-ins/index.ts';
import type { Journey } from '../../../src/features/journeys/index.ts';
import type { SuitabilityQuestionnaire } from '../../../src/features/suitability/index.ts';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { PEOPLE, act, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { rawMentions, subject } from './helpers.ts';
import { postToTray } from '../../../src/kernel/tray.ts';

/** Features that store nothing about anyone (they read other features' records). */
const NO_SUBJECT_DATA = [
  'process-review',
  // roster-sync (issue 16) holds only the last run's counts; the roster itself is the kernel's.
  'roster-sync',
  // Issue 16 part 4: the admin card and retention read the outbox, the audit trail and the job lease; they store nothing of their own.
  'operations',
];

/** Where a deleted row of each table shows in the export. */
const EXPORTED_AS: Record<string, string> = {
  [TABLES.people]: 'rosterEntry',
  [TABLES.identities]: 'rosterEntry',
  [TABLES.absences]: 'absences',
  [TABLES.conversations]: 'conversations',
  [TABLES.outbox]: 'messages',
  // Issue 15: a waiting message's place in the due queue is part of the message.
  [TABLES.outboxDue]: 'messages',
  [TABLES.declarations]: 'declarations',
  [TABLES.journeys]: 'journeys',
  [TABLES.flags]: 'flags',
  [TABLES.checkIns]: 'checkIns',
  // Issue 15: a settled check-in's mark in its due day's partition (keys only) goes with the check-in.
  [TABLES.checkInsSettled]: 'checkIns',
  [TABLES.stages]: 'stagedExposure',
  [TABLES.careRecords]: 'care',
  [TABLES.careReminders]: 'careReminders',
  [TABLES.careMarks]: 'careMarks',
  [TABLES.careForwards]: 'careForwards',
  [TABLES.suitability]: 'suitability',
  [TABLES.tray]: 'trayItems',
  [TABLES.trayKeys]: 'trayItems',
  [TABLES.digests]: 'digests',
  [TABLES.digestState]: 'digests',
  // Issue 14 part 3: concerns about her (deleted); concerns she raised are kept, pseudonymised.
  [TABLES.concerns]: 'concerns',
  // Issue 14: the exposure and workload log.
  [TABLES.workloadWeeks]: 'workloadWeeks',
  // TRiM follow-ups (issue 14, part 4)
  [TABLES.trimFollowUps]: 'trimFollowUps',
  // Issue 14, part 1: private screen breaks.
  [TABLES.stepAways]: 'stepAways',
  // Issue 16 part 4: files offered to her (no content is stored); the audit trail's per-subject index rows
  // under her id move to the pseudonym with the rows they copy (exported as `audit`).
  [TABLES.fileOffers]: 'fileOffers',
  [TABLES.auditBySubject]: 'audit',
};
/**
 * Tables an erasure never deletes from: units are the force's, leases Haven's, audit rows are kept (pseudonymised)
 * and exported as `audit`; the roster version row (issue 15) holds a count, nothing about anyone.
 */
const NEVER_DELETED: string[] = [TABLES.units, TABLES.leases, TABLES.audit, TABLES.rosterSyncRuns, TABLES.rosterVersion];

const BEA_IDS = [PEOPLE.bea, DEMO.bea!.id, DEMO.bea!.aadObjectId];
const ANSWER = `BEA-CHECKIN-${Date.now()} the queue is getting to me`;
const REFLECTION = `BEA-REFLECTION-${Date.now()}`;
const SUITABILITY = `BEA-SUITABILITY-${Date.now()}`;
const CONCERN = `BEA-CONCERN-${Date.now()}`;

type Row = { table: string; partitionKey: string; rowKey: string };

async function rows(t: TestHaven): Promise<Row[]> {
  const out: Row[] = [];
  for (const table of Object.values(TABLES)) {
    for await (const e of t.haven.store.client(table).listEntities<Record<string, unknown>>())
      out.push({ table, partitionKey: e.partitionKey!, rowKey: e.rowKey! });
  }
  return out;
}
const rowId = (r: Row) => `${r.table}/${r.partitionKey}/${r.rowKey}`;

describe('subject requests: the export covers everything the erasure deletes, for every feature', () => {
  let t: TestHaven;
  const unitId = 'unit-2';
  const at = '2026-01-05T09:00:00.000Z';

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.dev!, DEMO.sam!, DEMO.priya!, DEMO.dana!, DEMO.tom!]);
    const bea = PEOPLE.bea;
    const d = t.haven.deps;
    // declarations: a request of hers, withdrawn (an open one blocks the erasure).
    const r = await raise(t, DEMO.bea!, { kind: 'talk', note: 'BEA-NOTE', share: 'supervisor' });
    await t.tick();
    await act(t, DEMO.bea!, 'declaration.withdraw', { declarationId: r.id });
    await t.tick();
    // journeys: one of hers as the candidate, withdrawn.
    await d.journeys.create({
      id: 'journey-bea-1',
      candidateId: bea,
      unitId,
      trainerId: PEOPLE.tom,
      openedBy: PEOPLE.dana,
      openedAt: at,
      plannedStartDate: '2026-03-01',
      state: 'withdrawn',
    } as Journey);
    // check-ins: an answered one, with free text, and the flag it raised.
    const checkIn: CheckIn = {
      id: `checkin:${bea}:2026-01-05`,
      personId: bea,
      unitId,
      questionSetId: 'who5',
      dueOn: '2026-01-05',
      closesOn: '2026-01-19',
      onDemand: false,
      status: 'answered',
      sentAt: at,
      answeredAt: at,
      answers: { scores: { q1: 1, q2: 1 }, workload: 'tooMuch', conversation: true },
      freeText: ANSWER,
      score: { raw: 2, percentage: 8 },
      shared: false,
      flagReasons: ['lowScore', 'conversationRequested'],
      flagId: `flag-${bea}-lowScore-2026-01-05`,
    } as CheckIn;
    assert.equal(await d.checkIns.add(checkIn), 'created');
    const flag: Flag = {
      id: `flag-${bea}-lowScore-2026-01-05`,
      personId: bea,
      unitId,
      reason: 'lowScore',
      otherReasons: ['conversationRequested'],
      checkInDueAt: at,
      checkInId: checkIn.id,
      openedAt: at,
      notices: [{ personId: PEOPLE.sam, at, level: 0, loop: 0 }],
      resolved: { by: PEOPLE.sam, at },
      closedAt: at,
    };
    assert.equal(await d.flags.add(flag), 'created');
    await d.audit.append({ at, actor: 'system', action: 'flag.raise', subject: `flag:${flag.id}`, reason: 'lowScore', outcome: 'ok' });
    // Someone else's flag that names her (she was told as cover): pseudonymised, never exported.
    assert.equal(
      await d.flags.add({
        ...flag,
        id: `flag-${PEOPLE.dev}-lowScore-2026-01-05`,
        personId: PEOPLE.dev,
        checkInId: undefined,
        notices: [{ personId: bea, at, level: 0, loop: 0 }],
        resolved: { by: bea, at },
      }),
      'created',
    );
    // suitability, staged exposure, care records, reminders and marks.
    assert.equal(
      await d.suitability.add({
        id: `suitability:${bea}:2026-01-05`,
        personId: bea,
        unitId,
        dueDate: '2026-01-05',
        status: 'reviewed',
        answers: { coping: SUITABILITY },
        createdAt: at,
        updatedAt: at,
        submittedAt: at,
        sharedWith: [PEOPLE.sam],
      } as SuitabilityQuestionnaire),
      'created',
    );
    await d.stages.create({
      personId: bea,
      unitId,
      status: 'inStage',
      stage: 'C',
      stageSince: at,
      history: [{ at, event: 'confirmed', by: PEOPLE.sam, stage: 'C' }],
      reflections: [{ stage: 'C', at, text: REFLECTION, shared: false }],
      privateNotes: [],
    } as never);
    assert.equal(
      await d.care.addRecord({
        id: `care-${bea}-oneToOne-2026-01-05`,
        personId: bea,
        unitId,
        item: 'oneToOne',
        doneOn: '2026-01-05',
        recordedBy: PEOPLE.sam,
        recordedAt: at,
      }),
      'created',
    );
    assert.equal(
      await d.care.addReminder({
        id: `${bea}:oneToOne:2026-02-05`,
        personId: bea,
        unitId,
        item: 'oneToOne',
        dueDate: '2026-02-05',
        openedAt: at,
        notices: [],
      }),
      'created',
    );
    assert.equal(await d.care.addMark(`span:${bea}:2026-01`, at), 'created');
    // Her clinical supervision brought forward (her request above may already have done it).
    if (!(await d.care.getForward(bea)))
      await d.care.addForward({
        id: `${bea}:clinicalSupervision`,
        personId: bea,
        unitId,
        item: 'clinicalSupervision',
        raisedOn: '2026-01-05',
        dueBy: '2026-01-19',
        raisedAt: at,
        reason: 'request',
      });
    assert.ok(await d.care.getForward(bea));
    // digest: a line about her in Sam's tray, a line given to her, and a digest she was sent.
    const actions = [{ title: 'Done', verb: 'care.done' as const, data: { personId: bea, item: 'oneToOne' } }];
    const line = { feature: 'care', line: 'One-to-one with supervisor, due by 5 Feb 2026', since: '2026-02-05', actions };
    await postToTray(d, { ...line, recipientId: PEOPLE.sam, key: `care:${bea}:oneToOne:2026-02-05`, aboutPersonId: bea });
    await postToTray(d, { ...line, recipientId: bea, key: `care:${PEOPLE.dev}:oneToOne:2026-02-05`, aboutPersonId: PEOPLE.dev });
    const shown = { key: `care:${PEOPLE.dev}:oneToOne:2026-02-05`, ...line, aboutPersonId: PEOPLE.dev };
    const digest = {
      recipientId: bea,
      date: '2026-01-05',
      status: 'sent' as const,
      weekly: false,
      lines: [shown],
      doneKeys: [],
      updates: 0,
      composedAt: at,
    };
    assert.equal(await d.digests.add({ ...digest, messageId: `digest:${bea}:2026-01-05` }), 'created');
    await d.digests.putState({ recipientId: bea, lastSentAt: at }, undefined);
    // Issue 14 part 3: a concern about her (hers: exported without who raised it, deleted), and one she
    // raised about Dev (exported to her as raised; kept for Dev with a pseudonym, her note deleted).
    const concern = {
      id: `concern-${bea}-00000000000000000001`,
      personId: bea,
      unitId,
      source: 'colleague' as const,
      route: 'responsible' as const,
      category: 'withdrawn' as const,
      raisedBy: PEOPLE.alex,
      note: 'ALEX-CONCERN-NOTE',
      openedAt: at,
      notices: [{ personId: PEOPLE.sam, at, level: 0, loop: 0 }],
      outcome: { kind: 'held' as const, by: PEOPLE.sam, at },
    };
    assert.equal(await d.concerns.add(concern), 'created');
    assert.equal(
      await d.concerns.add({
        ...concern,
        id: `concern-${PEOPLE.dev}-00000000000000000002`,
        personId: PEOPLE.dev,
        raisedBy: bea,
        note: CONCERN,
      }),
      'created',
    );
    // Issue 14: a week of her workload log (figures encrypted at rest).
    assert.equal(
      await d.workloadWeeks.add({
        id: `workload:${bea}:2026-W01`,
        personId: bea,
        unitId,
        week: '2026-W01',
        shared: false,
        figures: { hours: '15to25', categories: ['A', 'C'], violent: true, caseload: 'heavy', source: 'self', recordedAt: at },
        evaluatedAt: at,
      }),
      'created',
    );
    // TRiM follow-ups (issue 14, part 4): one of hers, held; and Dev's, which names her as the practitioner told.
    const trimFollowUp = {
      id: `trim-case-${bea}-20260105090000`,
      personId: bea,
      unitId,
      origin: 'notableCaseSelf' as const,
      startedBy: bea,
      createdAt: at,
      askFrom: at,
      openedAt: at,
      answer: { value: 'yes' as const, at },
      notices: [{ personId: 'ira.nolan', at, level: 0, loop: 0 }],
      outcome: { value: 'held' as const, by: 'ira.nolan', at, heldOn: '2026-01-05' },
      closedAt: at,
    };
    assert.equal(await d.trimFollowUps.add(trimFollowUp), 'created');
    assert.equal(
      await d.trimFollowUps.add({
        ...trimFollowUp,
        id: `trim-case-${PEOPLE.dev}-20260105090000`,
        personId: PEOPLE.dev,
        startedBy: PEOPLE.dev,
        notices: [{ personId: bea, at, level: 0, loop: 0 }],
        outcome: { value: 'held', by: bea, at, heldOn: '2026-01-05' },
      }),
      'created',
    );
    // absences: a past one of hers.
    await d.absences.create({ id: 'bea-leave-2025-12', personId: bea, from: '2025-12-01', to: '2025-12-05' });
    // a private screen break of hers ("I'm stepping away for a bit"; issue 14, part 1).
    assert.match(text(await act(t, DEMO.bea!, 'stepAway.start')), /Nobody is told/);
    // a file offered to her in her chat (issue 16 part 4).
    await d.fileOffers.offer({
      personId: bea,
      kind: 'report',
      params: { report: 'predeployment', unitId, from: '2025-01-01', to: '2025-12-31', format: 'csv' },
      fileName: 'predeployment-2025-01-01-2025-12-31.csv',
      description: 'Annual process review from Haven',
      sizeInBytes: 10,
    });
  });
  after(async () => t?.close());

  it('every feature that stores data about people has subject data, and every table is either exported-and-erased or never erased', () => {
    for (const f of FEATURES)
      assert.ok(f.subjectData || NO_SUBJECT_DATA.includes(f.name), `${f.name} has no subjectData: export and erasure would forget it`);
    for (const table of Object.values(TABLES))
      assert.ok(table in EXPORTED_AS || NEVER_DELETED.includes(table), `${table} is neither exported nor known to be kept`);
  });

  it("the export holds her check-ins (answers decrypted) and the flags about them (reason categories); not the other person's flag that names her", async () => {
    const r = await subject(t, 'export', PEOPLE.bea);
    assert.equal(r.code, 0, r.err);
    const data = JSON.parse(r.out);
    assert.equal(data.checkIns?.length, 1, 'her check-in is exported');
    assert.equal(data.checkIns[0].freeText, ANSWER, 'with her free text decrypted');
    assert.deepEqual(data.checkIns[0].answers.scores, { q1: 1, q2: 1 });
    assert.equal(data.checkIns[0].score.raw, 2);
    assert.equal(data.flags?.length, 1, 'the flag about her is exported');
    assert.equal(data.flags[0].reason, 'lowScore');
    assert.deepEqual(data.flags[0].otherReasons, ['conversationRequested']);
    assert.match(data.flags[0].reasonTitles[0], /low wellbeing score/);
    assert.ok(!r.out.includes(`flag-${PEOPLE.dev}`), "Dev's flag is Dev's data");
    assert.ok(
      data.audit.some((a: { subject: string }) => a.subject === `flag:flag-${PEOPLE.bea}-lowScore-2026-01-05`),
      'the audit rows about her flag',
    );
    assert.equal(data.suitability[0].answers.coping, SUITABILITY);
    assert.equal(data.stagedExposure[0].reflections[0].text, REFLECTION);
    // Issue 14 part 3: the concern about her, without who raised it or their note; the one she raised, with hers.
    assert.equal(data.concerns?.length, 1);
    assert.equal(data.concerns[0].outcome, 'held');
    assert.ok(!JSON.stringify(data.concerns).includes(PEOPLE.alex) && !r.out.includes('ALEX-CONCERN-NOTE'), 'not who raised it');
    assert.equal(data.concernsRaised?.length, 1);
    assert.equal(data.concernsRaised[0].note, CONCERN);
    // Issue 14: her workload weeks, figures decrypted.
    assert.equal(data.workloadWeeks?.length, 1, 'her workload week is exported');
    assert.deepEqual(data.workloadWeeks[0].figures.categories, ['A', 'C']);
    assert.equal(data.workloadWeeks[0].figures.violent, true);
  });

  it('every row the erasure deletes, in every table, was in the export; afterwards no table names her', async () => {
    const exported = await subject(t, 'export', PEOPLE.bea);
    assert.equal(exported.code, 0, exported.err);
    const data = JSON.parse(exported.out) as Record<string, unknown>;

    // The plan and the export are built from the same pieces: the same kinds, the same counts.
    const plan = await eraseSubject({ ...t.haven.deps, outbox: t.haven.outbox }, FEATURES, PEOPLE.bea, { confirm: false });
    assert.ok(plan.ok && plan.dryRun, JSON.stringify(plan));
    for (const k of plan.plan.remove.records) {
      assert.ok(Array.isArray(data[k.kind]), `the erasure removes ${k.kind}, which the export does not have`);
      assert.equal((data[k.kind] as unknown[]).length, k.ids.length, k.kind);
      assert.ok(k.ids.length > 0, `the test seeds no ${k.kind}: seed one so the comparison means something`);
    }
    assert.equal((data.messages as unknown[]).length, plan.plan.remove.outboxMessages);
    assert.deepEqual(plan.plan.pseudonymise.records.find((k) => k.kind === 'flags')?.ids, [`flag-${PEOPLE.dev}-lowScore-2026-01-05`]);
    assert.deepEqual(plan.plan.pseudonymise.records.find((k) => k.kind === 'trimFollowUps')?.ids, [
      `trim-case-${PEOPLE.dev}-20260105090000`,
    ]);

    const before = await rows(t);
    const r = await subject(t, 'erase', PEOPLE.bea, '--confirm');
    assert.equal(r.code, 0, r.err);
    const after = new Set((await rows(t)).map(rowId));
    const deleted = before.filter((row) => !after.has(rowId(row)));

    const byTable = new Map<string, Row[]>();
    for (const row of deleted) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row]);
    for (const table of byTable.keys())
      assert.ok(table in EXPORTED_AS, `the erasure deleted rows of ${table}, which the export does not cover`);
    for (const [table, section] of Object.entries(EXPORTED_AS)) {
      const gone = byTable.get(table) ?? [];
      assert.ok(gone.length > 0, `the test seeds nothing in ${table} (or the erasure forgot it)`);
      const shown = data[section];
      assert.ok(shown, `${table}: no ${section} in the export`);
      // The audit index: an entry about one of her records has two copies (under the record and under her) for
      // one trail row, so rows are counted by row key; and the export's own `subject.export` row, written
      // after the export was built, moves with the others.
      const count = table === TABLES.auditBySubject ? new Set(gone.map((row) => row.rowKey)).size - 1 : gone.length;
      if (Array.isArray(shown)) assert.ok(shown.length >= count, `${table}: ${count} row(s) deleted, ${shown.length} exported`);
      // Rows keyed by the record's own id: that id is in the export (conversations and messages are exported without ids).
      if (table === TABLES.conversations || table === TABLES.outbox || table === TABLES.outboxDue) continue;
      for (const row of gone) {
        let key = fromKey(/^[a-z]+$/.test(row.rowKey) ? row.partitionKey : row.rowKey).toLowerCase();
        // Identity aliases are keyed `aad:<object id>` and `teams:<user id>`.
        if (table === TABLES.identities) key = key.replace(/^[a-z]+:/, '');
        // The audit index is keyed by the subject (its partition), which the exported audit rows carry.
        if (table === TABLES.auditBySubject) key = fromKey(row.partitionKey).toLowerCase();
        assert.ok(text(shown).toLowerCase().includes(key), `${table}: the deleted row ${key} is not in the export's ${section}`);
      }
    }

    assert.deepEqual(await rawMentions(t, BEA_IDS), [], 'her ids appear nowhere in storage');
    const dev = (await t.haven.deps.flags.get(`flag-${PEOPLE.dev}-lowScore-2026-01-05`))!.value;
    assert.match(dev.resolved!.by, /^erased:[0-9a-f]{16}$/, "Dev's flag is kept, with a pseudonym for her");
    const devConcern = (await t.haven.deps.concerns.get(`concern-${PEOPLE.dev}-00000000000000000002`))!.value;
    assert.match(devConcern.raisedBy, /^erased:[0-9a-f]{16}$/, 'the concern she raised is kept for Dev, with a pseudonym for her');
    assert.equal(devConcern.note, undefined, 'and without her note');
  });
});
