// Retention on Azurite with the fake clock (issue 16 part 4): old closed requests, old delivery records
// and old audit rows go; recent and open ones stay; a dry run changes nothing; the run is audited with
// the right counts per kind and no names; a re-run finds nothing; the daily job runs once a day.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, actionExecute } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { neutralCard } from '../../support/delivery.ts';
import { runRetention } from '../../../src/features/operations/index.ts';
import { runRetentionCommand } from '../../../src/cli/retention.ts';
import { loadRetention } from '../../../src/jobs/retention-sources.ts';
import type { AuditEntry } from '../../../src/kernel/types.ts';
import type { CheckIn, Flag } from '../../../src/features/check-ins/index.ts';
import type { Concern } from '../../../src/features/concerns/index.ts';
import type { TrimFollowUp } from '../../../src/features/trim/index.ts';
import type { CareRecord } from '../../../src/features/care/index.ts';
import type { CareReminder } from '../../../src/features/care/care-record.ts';
import type { Journey } from '../../../src/features/journeys/index.ts';
import type { SuitabilityQuestionnaire } from '../../../src/features/suitability/index.ts';
import type { TrayItem } from '../../../src/kernel/ports.ts';

const CONCERN_CANARY = 'CANARY-concern-note';
const concern = (id: string, openedAt: string, extra: Partial<Concern>): Concern => ({
  id,
  personId: 'chris.lowe',
  unitId: 'unit-2',
  source: 'colleague',
  route: 'responsible',
  category: 'withdrawn',
  raisedBy: 'bea.clarke',
  note: CONCERN_CANARY,
  openedAt,
  notices: [],
  ...extra,
});
const trimFollowUp = (id: string, createdAt: string, extra: Partial<TrimFollowUp>): TrimFollowUp => ({
  id,
  personId: 'dev.patel',
  unitId: 'unit-2',
  origin: 'notableCaseSelf',
  createdAt,
  askFrom: createdAt,
  openedAt: createdAt,
  notices: [],
  ...extra,
});

const checkIn = (personId: string, dueOn: string, closesOn: string, extra: Partial<CheckIn>): CheckIn => ({
  id: `checkin:${personId}:${dueOn}`,
  personId,
  unitId: 'unit-2',
  questionSetId: 'who5',
  dueOn,
  closesOn,
  onDemand: false,
  status: 'answered',
  sentAt: `${dueOn}T09:00:00.000Z`,
  shared: false,
  ...extra,
});
const flag = (id: string, personId: string, openedAt: string, extra: Partial<Flag>): Flag => ({
  id,
  personId,
  unitId: 'unit-2',
  reason: 'lowScore',
  checkInDueAt: openedAt,
  openedAt,
  notices: [],
  ...extra,
});

// Care, journeys, questionnaires and tray lines about Chris, who is not on the roster (no job touches them).
const careRecord = (item: CareRecord['item'], doneOn: string): CareRecord => ({
  id: `care-chris.lowe-${item}-${doneOn}`,
  personId: 'chris.lowe',
  unitId: 'unit-2',
  item,
  doneOn,
  recordedBy: 'sam.okafor',
  recordedAt: `${doneOn}T12:00:00.000Z`,
});
const careReminder = (dueDate: string, closedAt?: string): CareReminder => ({
  id: `chris.lowe:oneToOne:${dueDate}`,
  personId: 'chris.lowe',
  unitId: 'unit-2',
  item: 'oneToOne',
  dueDate,
  openedAt: `${dueDate}T09:00:00.000Z`,
  notices: [],
  ...(closedAt ? { closedAt } : {}),
});
const journey = (id: string, openedAt: string, extra: Partial<Journey>): Journey => ({
  id,
  candidateId: 'chris.lowe',
  unitId: 'unit-2',
  trainerId: 'sam.okafor',
  openedBy: 'dana.hughes',
  openedAt,
  plannedStartDate: '2020-06-01',
  state: 'nominated',
  timeline: [{ at: openedAt, event: 'opened', by: 'dana.hughes' }],
  ...extra,
});
const questionnaire = (dueDate: string, extra: Partial<SuitabilityQuestionnaire>): SuitabilityQuestionnaire => ({
  id: `suitability:chris.lowe:${dueDate}`,
  personId: 'chris.lowe',
  unitId: 'unit-2',
  dueDate,
  status: 'submitted',
  answers: { work: 'CANARY-suitability-answer' },
  createdAt: `${dueDate}T09:00:00.000Z`,
  updatedAt: `${dueDate}T09:00:00.000Z`,
  sharedWith: ['sam.okafor'],
  ...extra,
});
const trayLine = (key: string, postedAt: string, resolvedAt?: string): TrayItem => ({
  recipientId: 'chris.lowe',
  key,
  feature: 'care',
  line: 'One-to-one due',
  since: postedAt,
  actions: [],
  postedAt,
  updatedAt: postedAt,
  ...(resolvedAt ? { resolvedAt, resolvedAs: 'done' as const } : {}),
});

const DAY = 24 * 60 * 60_000;
const T0 = '2020-01-06T09:00:00.000Z';

describe('operations: retention', function () {
  this.timeout(120_000);
  let t: TestHaven;
  let oldClosed: string;
  let recentClosed: string;
  let stillOpen: string;
  const snapshot = async () => ({
    declarations: (await t.haven.deps.declarations.list()).map((d) => `${d.value.id}:${d.version}`).sort(),
    outbox: (await t.haven.outbox.list()).map((m) => `${m.value.id}:${m.version}`).sort(),
    audit: await auditSince(t),
    care: [...(await t.haven.deps.care.listRecords()), ...(await t.haven.deps.care.listReminders())]
      .map((r) => `${r.value.id}:${r.version}`)
      .sort(),
    journeys: [...(await t.haven.deps.journeys.list()), ...(await t.haven.deps.suitability.list())]
      .map((j) => `${j.value.id}:${j.version}`)
      .sort(),
    tray: (await t.haven.deps.tray.listFor('chris.lowe')).map((l) => `${l.value.key}:${l.version}`).sort(),
  });

  before(async () => {
    t = await startTestHaven({ retention: true, clock: new (await import('../../support/clock.ts')).FakeClock(T0) });
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.sam!, DEMO.dana!]);
    // In 2020: Alex raises a request and withdraws it; Bea raises one that stays open.
    oldClosed = (await raise(t, DEMO.alex!, { kind: 'talk', share: 'supervisor', note: 'an old note' })).id;
    assert.equal(
      (await t.post(actionExecute(t.connector.url, DEMO.alex!, 'declaration.withdraw', { declarationId: oldClosed }))).status,
      200,
    );
    stillOpen = (await raise(t, DEMO.bea!, { kind: 'talk', share: 'supervisor' })).id;
    await t.tick();
    // A dead letter in 2020.
    t.connector.failNext(1, { status: 400, code: 'BadArgument', match: (c) => c.conversationId === 'a:personal-haven-demo-dana' });
    await t.haven.deps.notifier.enqueue({
      id: 'old-dead-letter',
      lane: 'bulk',
      target: { kind: 'person', personId: 'dana.hughes' },
      operation: 'send',
      activity: { text: 'Haven has an update for you', card: neutralCard('old') },
      purpose: 'digest',
    });
    await t.haven.dispatcher.drain();
    assert.equal((await t.haven.outbox.get('old-dead-letter'))?.value.status, 'failed');
    // Audit rows older than seven years, and one just inside them.
    await t.haven.deps.audit.append({
      at: '2019-01-07T10:00:00.000Z',
      actor: 'sam.okafor',
      action: 'declaration.read',
      subject: 'declaration:decl-ancient',
      reason: 'alert',
      outcome: 'ok',
    });
    await t.haven.deps.audit.append({
      at: '2019-06-01T10:00:00.000Z',
      actor: 'dana.hughes',
      action: 'declaration.read',
      subject: 'declaration:decl-ancient',
      reason: 'alert',
      outcome: 'ok',
    });

    // Check-ins and flags (kept two years after closing). Old: answered in 2020, its flag resolved then.
    await t.haven.deps.checkIns.add(
      checkIn('alex.moreno', '2020-01-06', '2020-01-20', {
        answeredAt: '2020-01-07T10:00:00.000Z',
        answers: { scores: { q1: 0 }, conversation: false },
        freeText: 'an old check-in note',
        flagId: 'flag-alex.moreno-lowScore-2020-01-06',
      }),
    );
    await t.haven.deps.flags.add(
      flag('flag-alex.moreno-lowScore-2020-01-06', 'alex.moreno', '2020-01-07T10:00:00.000Z', {
        resolved: { by: 'sam.okafor', at: '2020-01-08T10:00:00.000Z' },
      }),
    );
    // Old but its flag is still open: both stay.
    await t.haven.deps.checkIns.add(
      checkIn('bea.clarke', '2020-01-06', '2020-01-20', {
        answeredAt: '2020-01-07T11:00:00.000Z',
        flagId: 'flag-bea.clarke-lowScore-2020-01-06',
      }),
    );
    await t.haven.deps.flags.add(flag('flag-bea.clarke-lowScore-2020-01-06', 'bea.clarke', '2020-01-07T11:00:00.000Z', {}));
    // Old and missed: goes. Old and still open (never closed by the job): stays.
    await t.haven.deps.checkIns.add(checkIn('dana.hughes', '2020-01-06', '2020-01-20', { status: 'missed' }));
    await t.haven.deps.checkIns.add(checkIn('sam.okafor', '2020-01-06', '2020-01-20', { status: 'open' }));
    // Recent: answered and resolved in 2025.
    await t.haven.deps.checkIns.add(checkIn('alex.moreno', '2025-01-06', '2025-01-20', { answeredAt: '2025-01-07T10:00:00.000Z' }));
    await t.haven.deps.flags.add(
      flag('flag-alex.moreno-lowScore-2025-01-06', 'alex.moreno', '2025-01-07T10:00:00.000Z', {
        resolved: { by: 'sam.okafor', at: '2025-01-08T10:00:00.000Z' },
      }),
    );

    // Concerns and TRiM follow-ups (six years after closing): closed in 2020 go; open since 2020 stay.
    await t.haven.deps.concerns.add(
      concern('concern-old', '2020-01-07T10:00:00.000Z', { outcome: { kind: 'held', by: 'sam.okafor', at: '2020-01-09T10:00:00.000Z' } }),
    );
    await t.haven.deps.concerns.add(concern('concern-open', '2020-01-07T10:00:00.000Z', {}));
    await t.haven.deps.trimFollowUps.add(trimFollowUp('trim-old', '2020-01-07T10:00:00.000Z', { lapsedAt: '2020-01-21T10:00:00.000Z' }));
    await t.haven.deps.trimFollowUps.add(
      trimFollowUp('trim-open', '2020-01-07T10:00:00.000Z', { answer: { value: 'yes', at: '2020-01-08T10:00:00.000Z' } }),
    );

    // Workload weeks (two years): an evaluated 2020 week goes; a 2020 week whose figures were never evaluated stays.
    const figures = {
      hours: '5to15' as const,
      categories: [],
      violent: false,
      source: 'self' as const,
      recordedAt: '2020-01-13T10:00:00.000Z',
    };
    await t.haven.deps.workloadWeeks.add({
      id: 'workload:alex.moreno:2020-W02',
      personId: 'alex.moreno',
      unitId: 'unit-2',
      week: '2020-W02',
      figures,
      evaluatedAt: '2020-01-13T10:00:00.000Z',
    });
    await t.haven.deps.workloadWeeks.add({
      id: 'workload:bea.clarke:2020-W02',
      personId: 'bea.clarke',
      unitId: 'unit-2',
      week: '2020-W02',
      figures,
    });
    await t.haven.deps.workloadWeeks.add({
      id: 'workload:alex.moreno:2025-W10',
      personId: 'alex.moreno',
      unitId: 'unit-2',
      week: '2025-W10',
      askedAt: '2025-03-10T09:00:00.000Z',
    });

    // Care (six years after closing). Records: a one-to-one superseded in 2019 goes; the one superseded in
    // 2025 and the latest stay; a lone clinical supervision from 2018 is the latest of its item and stays;
    // a tenure review superseded in January 2020 goes, its successor (the latest) stays.
    for (const r of [
      careRecord('oneToOne', '2019-06-01'),
      careRecord('oneToOne', '2019-12-01'),
      careRecord('oneToOne', '2025-06-01'),
      careRecord('clinicalSupervision', '2018-01-01'),
      careRecord('tenureReview', '2019-01-01'),
      careRecord('tenureReview', '2020-01-10'),
    ])
      await t.haven.deps.care.addRecord(r);
    // Reminders: closed in 2019 goes; closed in 2025 stays; open since 2019 stays.
    await t.haven.deps.care.addReminder(careReminder('2019-05-01', '2019-06-01T12:00:00.000Z'));
    await t.haven.deps.care.addReminder(careReminder('2025-05-01', '2025-06-01T12:00:00.000Z'));
    await t.haven.deps.care.addReminder(careReminder('2019-11-01'));
    // Journeys (six years after closing): withdrawn in 2020 goes; cancelled in 2025 stays; open since 2019 stays.
    await t.haven.deps.journeys.create(
      journey('journey-old', '2019-11-01T09:00:00.000Z', {
        state: 'withdrawn',
        withdrawal: { at: '2020-01-10T09:00:00.000Z', fromState: 'nominated', rationale: 'CANARY-withdrawal' },
      }),
    );
    await t.haven.deps.journeys.create(
      journey('journey-recent', '2019-11-01T09:00:00.000Z', {
        state: 'cancelled',
        cancellation: { at: '2025-01-10T09:00:00.000Z', by: 'dana.hughes', fromState: 'nominated', reason: 'CANARY-cancel' },
      }),
    );
    await t.haven.deps.journeys.create(journey('journey-open', '2019-11-01T09:00:00.000Z', {}));
    // Suitability questionnaires (the journeys rule): reviewed in 2020 goes; submitted in 2019 and reviewed in 2025 stay.
    const review = (at: string) => ({ outcome: 'noConcerns' as const, by: 'sam.okafor', at, doneOn: at.slice(0, 10) });
    await t.haven.deps.suitability.add(questionnaire('2020-01-01', { status: 'reviewed', review: review('2020-01-15T10:00:00.000Z') }));
    await t.haven.deps.suitability.add(questionnaire('2019-06-01', { submittedAt: '2019-06-02T10:00:00.000Z' }));
    await t.haven.deps.suitability.add(questionnaire('2025-01-01', { status: 'reviewed', review: review('2025-01-15T10:00:00.000Z') }));

    // Six years and a bit later (2026-03): Sam raises a request and withdraws it; it is recent.
    t.clock.set('2026-03-02T09:00:00.000Z');
    recentClosed = (await raise(t, DEMO.sam!, { kind: 'talk', share: 'supervisor' })).id;
    assert.equal(
      (await t.post(actionExecute(t.connector.url, DEMO.sam!, 'declaration.withdraw', { declarationId: recentClosed }))).status,
      200,
    );
    await t.haven.dispatcher.drain();
    // Digest records (90 days): one from December goes, one from January stays.
    const digestDay = (date: string) => ({
      recipientId: 'sam.okafor',
      date,
      status: 'quiet' as const,
      weekly: false,
      lines: [],
      doneKeys: [],
      updates: 0,
      composedAt: `${date}T07:00:00.000Z`,
    });
    await t.haven.deps.digests.add(digestDay('2025-12-01'));
    await t.haven.deps.digests.add(digestDay('2026-01-10'));
    // Tray lines (the digests' 90 days): resolved in November goes; resolved this month and open since 2020 stay.
    await t.haven.deps.tray.create(trayLine('test:resolved-old', '2025-10-01T09:00:00.000Z', '2025-11-01T09:00:00.000Z'));
    await t.haven.deps.tray.create(trayLine('test:resolved-recent', '2026-02-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z'));
    await t.haven.deps.tray.create(trayLine('test:open', '2020-01-06T09:00:00.000Z'));
    // Now: 2026-03-20. Seven years ago is 2019-03-20; six years ago 2020-03-20; thirty days ago 2026-02-18.
    t.clock.set('2026-03-20T09:00:00.000Z');
    // A message waiting to go (never touched, however old its kind's period).
    await t.haven.deps.notifier.enqueue({
      id: 'waiting-now',
      lane: 'bulk',
      target: { kind: 'person', personId: 'dana.hughes' },
      operation: 'send',
      activity: { text: 'Haven has an update for you', card: neutralCard('waiting') },
      purpose: 'digest',
    });
  });
  after(async () => t?.close());

  /** The model: what the policy makes due now, counted independently from the stored rows. */
  async function expected(): Promise<{ sent: number; failed: number; digests: number; careRecords: number; journeys: number }> {
    const rows = (await t.haven.outbox.list()).map((m) => m.value);
    // Tray lines resolved before the digests' cutoff (90 days), whoever holds them (the jobs' own, if any, and Chris's).
    const recipients = ['alex.moreno', 'bea.clarke', 'sam.okafor', 'dana.hughes', 'chris.lowe'];
    const lines = (await Promise.all(recipients.map((r) => t.haven.deps.tray.listFor(r)))).flat().map((l) => l.value);
    const oldLines = lines.filter((l) => !!l.resolvedAt && l.resolvedAt < '2025-12-20T09:00:00.000Z').length;
    // Care reminders closed (and due) before six years ago: Chris's, and any the care job closed in 2020.
    const oldReminders = (await t.haven.deps.care.listReminders()).filter(
      (r) => !!r.value.closedAt && r.value.closedAt < '2020-03-20T09:00:00.000Z' && r.value.dueDate < '2020-03-20',
    ).length;
    // Digest records exist for the days the job ran in 2020 (only the first day) and the two seeded days.
    const digests = (await t.haven.deps.digests.listOn('2020-01-06')).length + (await t.haven.deps.digests.listOn('2025-12-01')).length;
    const before = (iso: string | undefined, cutoff: string) => !!iso && iso < cutoff;
    return {
      sent: rows.filter((m) => m.status === 'sent' && before(m.sentAt, '2026-02-18T09:00:00.000Z')).length,
      failed: rows.filter((m) => (m.status === 'failed' || m.status === 'unreachable') && before(m.createdAt, '2025-03-20T09:00:00.000Z'))
        .length,
      digests: digests + oldLines,
      // Chris's one-to-one of 2019-06 and tenure review of 2019-01 (both superseded before 2020-03-20).
      careRecords: 2 + oldReminders,
      // Chris's journey withdrawn in 2020 and questionnaire reviewed in 2020.
      journeys: 2,
    };
  }

  it('a dry run says per kind what it would do and changes nothing, not even the audit trail', async () => {
    const want = await expected();
    assert.ok(want.sent >= 5, `the 2020 welcome cards and alerts were sent (${want.sent})`);
    assert.ok(want.failed >= 1, 'the 2020 dead letter (and alerts to people without Haven) ended undelivered');
    const before = await snapshot();
    const r = await runRetention(t.haven.deps, { dryRun: true, actor: 'admin-cli' });
    assert.ok(r.ok);
    const count = (kind: string) => r.lines.find((l) => l.kind === kind)!;
    assert.equal(count('declarations').count, 1);
    assert.equal(count('outboxSent').count, want.sent);
    assert.equal(count('outboxFailed').count, want.failed);
    assert.equal(count('audit').count, 1);
    assert.equal(count('checkIns').count, 2);
    assert.equal(count('flags').count, 1);
    assert.equal(count('workloadWeeks').count, 1);
    assert.equal(count('concerns').count, 1);
    assert.equal(count('digests').count, want.digests);
    assert.equal(count('trimFollowUps').count, 1);
    assert.equal(count('careRecords').count, want.careRecords);
    assert.equal(count('journeys').count, want.journeys);
    assert.ok(want.careRecords >= 3 && want.digests >= 2);
    assert.deepEqual(await snapshot(), before);
  });

  it('npm run retention -- --dry-run prints the same per kind', async () => {
    const out: string[] = [];
    const code = await runRetentionCommand(
      ['--dry-run'],
      (s) => out.push(s),
      (s) => out.push(`ERR ${s}`),
      async () => ({
        deps: t.haven.deps,
        close: async () => undefined,
      }),
    );
    assert.equal(code, 0);
    const text = out.join('\n');
    assert.match(text, /Dry run: nothing was changed/);
    assert.match(text, /declarations +would delete 1 \(closed or written before 2020-03-20: kept 6 years\)/);
    assert.match(text, /audit +would delete 1 \(closed or written before 2019-03-20: kept 7 years\)/);
    assert.match(text, /outboxFailed +would delete \d+ \(closed or written before 2025-03-20: kept 1 year\)/);
    assert.match(text, /checkIns +would delete 2 \(closed or written before 2024-03-20: kept 2 years\)/);
    assert.match(text, /journeys +would delete 2 \(closed or written before 2020-03-20: kept 6 years\)/);
    assert.doesNotMatch(text, /not enforced yet/);
    assert.equal(
      await runRetentionCommand(
        ['--bogus'],
        () => undefined,
        () => undefined,
      ),
      2,
    );
  });

  it('the run deletes what is past its time, keeps recent, open and waiting records, and is audited with counts only', async () => {
    const want = await expected();
    t.clock.advance(1);
    const since = t.clock.now().toISOString();
    const r = await runRetention(t.haven.deps, { dryRun: false, actor: 'admin-cli' });
    assert.ok(r.ok);
    const ids = (await t.haven.deps.declarations.list()).map((d) => d.value.id);
    assert.ok(!ids.includes(oldClosed), 'the request closed in 2020 is gone');
    assert.ok(ids.includes(recentClosed), 'the request closed this month stays');
    assert.ok(ids.includes(stillOpen), 'the open request from 2020 stays');
    const rows = (await t.haven.outbox.list()).map((m) => m.value);
    assert.equal(rows.filter((m) => m.status === 'sent' && m.sentAt! < '2026-02-18T09:00:00.000Z').length, 0);
    assert.ok(
      rows.some((m) => m.status === 'sent' && m.sentAt! >= '2026-03-02'),
      'this month’s messages stay',
    );
    assert.equal(rows.find((m) => m.id === 'waiting-now')?.status, 'pending');
    assert.equal(
      rows.find((m) => m.id === 'old-dead-letter'),
      undefined,
    );
    const audit = await auditSince(t, '2000-01-01T00:00:00.000Z');
    assert.ok(!audit.some((a) => a.at === '2019-01-07T10:00:00.000Z'), 'the eight-year-old audit row is gone');
    assert.ok(
      audit.some((a) => a.at === '2019-06-01T10:00:00.000Z'),
      'the row inside seven years stays',
    );
    const runs = (await auditSince(t, since)).filter((a) => a.action === 'retention.run');
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.actor, 'admin-cli');
    assert.equal(
      runs[0]!.reason,
      `declarations delete 1; checkIns delete 2; flags delete 1; careRecords delete ${want.careRecords}; journeys delete ${want.journeys}; concerns delete 1; trimFollowUps delete 1; workloadWeeks delete 1; outboxSent delete ${want.sent}; outboxFailed delete ${want.failed}; digests delete ${want.digests}; audit delete 1`,
    );
    assert.doesNotMatch(
      JSON.stringify(runs),
      /alex|sam\.okafor|Alex|chris|note|checkin:|flag-|concern-|trim-|journey-|suitability:|care-|CANARY/,
    );
    // Care: the superseded records go, the latest of each item (however old) and the recent one stay.
    const records = (await t.haven.deps.care.listRecordsFor('chris.lowe')).map((r) => `${r.value.item}:${r.value.doneOn}`).sort();
    assert.deepEqual(records, ['clinicalSupervision:2018-01-01', 'oneToOne:2019-12-01', 'oneToOne:2025-06-01', 'tenureReview:2020-01-10']);
    const reminders = (await t.haven.deps.care.listRemindersFor('chris.lowe')).map((r) => r.value.dueDate).sort();
    assert.deepEqual(reminders, ['2019-11-01', '2025-05-01'], 'the reminder closed in 2019 goes; the open and the recent stay');
    // Journeys and questionnaires: closed in 2020 goes; recent and open stay.
    const journeys = (await t.haven.deps.journeys.listForCandidate('chris.lowe')).map((j) => j.value.id).sort();
    assert.deepEqual(journeys, ['journey-open', 'journey-recent']);
    const questionnaires = (await t.haven.deps.suitability.listForPerson('chris.lowe')).map((q) => q.value.dueDate).sort();
    assert.deepEqual(questionnaires, ['2019-06-01', '2025-01-01']);
    // The tray: the line resolved in November goes (with its key index row); the recent and the open one stay.
    const tray = (await t.haven.deps.tray.listFor('chris.lowe')).map((l) => l.value.key).sort();
    assert.deepEqual(tray, ['test:open', 'test:resolved-recent']);
    assert.deepEqual(await t.haven.deps.tray.recipientsOf('test:resolved-old'), []);
  });

  it('a second run finds nothing left to do', async () => {
    const before = await snapshot();
    const r = await runRetention(t.haven.deps, { dryRun: true, actor: 'admin-cli' });
    assert.ok(r.ok);
    assert.deepEqual(
      r.lines.filter((l) => l.enforced).map((l) => [l.kind, l.count]),
      [
        ['declarations', 0],
        ['checkIns', 0],
        ['flags', 0],
        ['careRecords', 0],
        ['journeys', 0],
        ['concerns', 0],
        ['trimFollowUps', 0],
        ['workloadWeeks', 0],
        ['outboxSent', 0],
        ['outboxFailed', 0],
        ['digests', 0],
        ['audit', 0],
      ],
    );
    assert.deepEqual(await snapshot(), before);
  });

  it('the daily job runs once a day, as the system', async () => {
    const systemRuns = async () => (await auditSince(t)).filter((a: AuditEntry) => a.action === 'retention.run' && a.actor === 'system');
    // The first tick in 2020 ran it (nothing was old then); years later the next tick runs it again.
    const before = (await systemRuns()).length;
    assert.equal(before, 1, 'one daily run in 2020, however many ticks that day');
    await t.tick();
    assert.equal((await systemRuns()).length, 2);
    t.clock.advance(60 * 60_000);
    await t.tick();
    await t.tick();
    assert.equal((await systemRuns()).length, 2, 'not again the same day');
    t.clock.advance(DAY);
    await t.tick();
    assert.equal((await systemRuns()).length, 3, 'again the next day');
  });

  it('audit rows can be pseudonymised instead: the person goes, the action, time and outcome stay; done once', async () => {
    await t.haven.deps.audit.append({
      at: '2019-02-01T10:00:00.000Z',
      actor: 'priya.shah',
      action: 'flag.show',
      subject: 'person:dev.patel',
      reason: 'flag',
      outcome: 'ok',
    });
    const policy = t.haven.deps.retention.policy!;
    const original = policy.audit;
    policy.audit = { afterMonths: 84, action: 'pseudonymise' };
    try {
      const r = await runRetention(t.haven.deps, { dryRun: false, actor: 'admin-cli' });
      assert.ok(r.ok);
      assert.equal(r.lines.find((l) => l.kind === 'audit')!.count, 1);
      const row = (await t.haven.deps.audit.list('2019-02-01T00:00:00.000Z', '2019-02-02T00:00:00.000Z'))[0]!;
      assert.deepEqual(row, {
        at: '2019-02-01T10:00:00.000Z',
        actor: 'pseudonymised',
        action: 'flag.show',
        subject: 'person:pseudonymised',
        reason: 'flag',
        outcome: 'ok',
      });
      // The audit viewer's per-subject index follows: nothing is left under the person's id.
      const at = '2019-02-01T10:00:00.000Z';
      assert.deepEqual(
        (await t.haven.deps.audit.listBySubject('person:dev.patel')).filter((e) => e.at === at),
        [],
      );
      assert.equal((await t.haven.deps.audit.listBySubject('person:pseudonymised')).filter((e) => e.at === at).length, 1);
      const again = await runRetention(t.haven.deps, { dryRun: false, actor: 'admin-cli' });
      assert.ok(again.ok);
      assert.equal(again.lines.find((l) => l.kind === 'audit')!.count, 0);
    } finally {
      policy.audit = original;
    }
  });

  it('a policy file with problems lists every one, and nothing runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-retention-'));
    try {
      const file = join(dir, 'retention.json');
      writeFileSync(
        file,
        JSON.stringify({
          declarations: { afterMonths: -1, action: 'delete' },
          checkIns: { afterDays: 30, action: 'shred' },
          journeys: { afterMonths: 12, action: 'pseudonymise' },
          outboxSent: { action: 'delete' },
          outboxFailed: { afterMonths: 12, action: 'pseudonymise' },
          audit: { afterMonths: 0, afterDays: 0, action: 'delete', keep: true },
          tray: { afterDays: 1, action: 'delete' },
        }),
      );
      const loaded = loadRetention(file, t.haven.deps.retention.sources);
      assert.equal(loaded.policy, undefined);
      const p = loaded.problems.map((x) => x.replace(`${file}: `, ''));
      for (const expectedProblem of [
        '"tray" is not a kind of record Haven keeps',
        'declarations: afterMonths must be a whole number of months',
        'checkIns: action must be "delete" or "pseudonymise"',
        'outboxSent: give afterMonths or afterDays',
        'outboxFailed: Haven can only delete these records, not pseudonymise them',
        'audit: "keep" is not a field of a rule',
        'audit: keep records at least one day',
        'flags: missing (every kind must say how long it is kept)',
        'digests: missing (every kind must say how long it is kept)',
      ])
        assert.ok(
          p.some((x) => x.startsWith(expectedProblem)),
          `${expectedProblem} in:\n${p.join('\n')}`,
        );
      assert.match(loadRetention(join(dir, 'none.json'), []).problems[0]!, /does not exist/);
      assert.deepEqual(loadRetention('data/retention.json', t.haven.deps.retention.sources).problems, [], 'the shipped file is valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
