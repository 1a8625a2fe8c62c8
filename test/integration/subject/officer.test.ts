// Subject access and erasure for an officer who raised a request: the export holds their own note
// (and the risk assessment) and nothing of anyone else; erasure is refused while the request is
// open, a dry run writes nothing, and a confirmed erasure leaves their ids nowhere in storage (the
// audit rows are kept, naming a pseudonym instead).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { PEOPLE, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { rawMentions, rawSnapshot, subject } from './helpers.ts';

const ALEX_IDS = [PEOPLE.alex, DEMO.alex!.id, DEMO.alex!.aadObjectId];
const BEA_IDS = [PEOPLE.bea, DEMO.bea!.id, DEMO.bea!.aadObjectId];

describe('subject requests: an officer who raised a request', () => {
  let t: TestHaven;
  let dir: string;
  const alexNote = `ALEX-NOTE-${Date.now()} I keep seeing them at night`;
  const beaNote = `BEA-NOTE-${Date.now()} please do not tell the team`;
  const assessment = `RA-NOTE-${Date.now()} agreed time away and OH referral`;
  let alexRequest: string;
  let beaRequest: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'haven-subject-'));
    t = await startTestHaven();
    await setUpUnit(t);
    alexRequest = (await raise(t, DEMO.alex!, { kind: 'leave', note: alexNote, share: 'supervisor' })).id;
    beaRequest = (await raise(t, DEMO.bea!, { kind: 'break', note: beaNote, share: 'supervisorAndHead' })).id;
    await t.tick();
  });
  after(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an unknown person id: a clear message, a non-zero exit, and nothing written (not even an audit row or an empty file)', async () => {
    const before = await rawSnapshot(t);
    const file = join(dir, 'nobody.json');
    for (const args of [
      ['export', 'nobody.here', '--out', file],
      ['erase', 'nobody.here', '--confirm'],
      ['erase', 'nobody.here'],
    ]) {
      const r = await subject(t, ...args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.err, /No person with id "nobody\.here" is on Haven's roster\. Nothing was changed\./);
    }
    assert.ok(!existsSync(file), 'no export file was left behind');
    assert.deepEqual(await rawSnapshot(t), before);
    // Usage errors are told apart from refusals.
    assert.equal((await subject(t, 'export')).code, 2);
    assert.equal((await subject(t, 'erase', PEOPLE.alex, '--force')).code, 2);
    assert.equal((await subject(t, 'shred', PEOPLE.alex)).code, 2);
    assert.deepEqual(await rawSnapshot(t), before);
  });

  it("export: the person's own request with its note decrypted, their roster entry, conversation, messages and audit rows; nothing of another person", async () => {
    const file = join(dir, 'alex.json');
    const r = await subject(t, 'export', PEOPLE.alex, '--out', file);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote .*alex\.json: 1 request\(s\)/);
    const raw = readFileSync(file, 'utf8');
    const data = JSON.parse(raw);

    assert.equal(data.format, 'haven.subject-export.v1');
    assert.equal(data.personId, PEOPLE.alex);
    assert.equal(data.rosterEntry.name, 'Alex Moreno');
    assert.equal(data.rosterEntry.teamsUserId, DEMO.alex!.id);
    assert.equal(data.rosterEntry.viewingStatus, 'notViewing');
    assert.deepEqual(data.unit, { id: 'unit-2', name: 'Online Child Abuse Team 2' });
    assert.equal(data.declarations.length, 1);
    assert.equal(data.declarations[0].id, alexRequest);
    assert.equal(data.declarations[0].note, alexNote, 'the note is there, decrypted');
    assert.equal(data.declarations[0].kind, 'leave');
    assert.equal(data.conversations.length, 1);
    assert.equal(data.conversations[0].userId, DEMO.alex!.id);
    for (const m of data.messages)
      assert.deepEqual(
        Object.keys(m).filter((k) => !['purpose', 'status', 'createdAt', 'sentAt', 'to'].includes(k)),
        [],
        'messages carry purpose, status, dates and whether to them only',
      );
    assert.ok(data.messages.every((m: any) => m.to === 'you' || m.to === 'someone else'));
    assert.ok(
      data.audit.some(
        (a: any) => a.action === 'declaration.raised' && a.actor === PEOPLE.alex && a.subject === `declaration:${alexRequest}`,
      ),
    );
    assert.ok(data.audit.some((a: any) => a.action === 'person.viewingStatus' && a.subject === `person:${PEOPLE.alex}`));

    // Nothing of Bea (another declarant on the same team): not her note, request, ids or name.
    for (const needle of [beaNote, beaRequest, ...BEA_IDS, 'Bea Clarke']) assert.ok(!raw.includes(needle), `the export mentions ${needle}`);
    // Nor the outbox's card contents (the alert to Sam quotes Alex's note only inside Alex's request).
    assert.equal(raw.split(alexNote).length - 1, 1, 'the note appears once: in the request');

    // The export is itself audited, as the admin command.
    const audit = await auditSince(t);
    assert.equal(
      audit.filter(
        (a) => a.action === 'subject.export' && a.actor === 'admin-cli' && a.subject === `person:${PEOPLE.alex}` && a.outcome === 'ok',
      ).length,
      1,
    );
    // An existing file is never overwritten.
    const again = await subject(t, 'export', PEOPLE.alex, '--out', file);
    assert.equal(again.code, 2);
    assert.match(again.err, /Cannot create/);
    assert.equal(readFileSync(file, 'utf8'), raw);
  });

  it("export through the real command line (npm run subject), sharing the running Haven's storage", async () => {
    const port = new URL(t.haven.store.client(TABLES.people).url).port;
    const env = {
      ...process.env,
      HAVEN_MODE: 'local',
      HAVEN_DATA_DIR: t.haven.config.dataDir,
      HAVEN_AZURITE_PORT: port,
      HAVEN_LOG_LEVEL: 'silent',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
    };
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'subject', '--', 'export', PEOPLE.bea], {
      env,
      maxBuffer: 10_000_000,
    });
    const data = JSON.parse(stdout);
    assert.equal(data.personId, PEOPLE.bea);
    assert.equal(data.declarations[0].note, beaNote);
    for (const needle of [alexNote, alexRequest, ...ALEX_IDS]) assert.ok(!stdout.includes(needle), `Bea's export mentions ${needle}`);
    assert.ok((await auditSince(t)).some((a) => a.action === 'subject.export' && a.subject === `person:${PEOPLE.bea}`));
  });

  it("erase is refused while the person's request is open: a clear message, and nothing but the refusal's audit row is written", async () => {
    const before = await rawSnapshot(t);
    const r = await subject(t, 'erase', PEOPLE.alex, '--confirm');
    assert.equal(r.code, 1);
    assert.match(r.err, /alex\.moreno cannot be erased yet\. Nothing was changed\./);
    assert.match(r.err, new RegExp(`1 open request\\(s\\) \\(${alexRequest}\\)\\. An open welfare case must be closed first`));
    const after = await rawSnapshot(t);
    // The audit trail and its per-subject index (the audit viewer's copy, issue 16) each gain the refusal's row.
    const auditTables: string[] = [TABLES.audit, TABLES.auditBySubject];
    for (const table of Object.values(TABLES).filter((x) => !auditTables.includes(x)))
      assert.deepEqual(after[table], before[table], `${table} is unchanged`);
    for (const table of auditTables) {
      const added = after[table]!.filter((row) => !before[table]!.includes(row)).map((row) => JSON.parse(row));
      assert.deepEqual(
        added.map((row) => JSON.parse(row.doc)).map((a) => [a.actor, a.action, a.subject, a.outcome]),
        [['admin-cli', 'subject.erase', `person:${PEOPLE.alex}`, 'denied']],
        table,
      );
    }
    assert.ok(await t.haven.deps.people.get(PEOPLE.alex), 'Alex is still on the roster');
  });

  it('once the request is closed, the export has the risk assessment too, and a dry run lists what would go and writes nothing', async () => {
    const id = { declarationId: alexRequest };
    await act(t, DEMO.sam!, 'alert.acknowledge', id);
    await act(t, DEMO.sam!, 'alert.assess', { ...id, adjustments: 'offViewing,referOH', notes: assessment });
    await act(t, DEMO.sam!, 'alert.confirmAccess', id);
    await act(t, DEMO.dana!, 'redeployment.record', { ...id, outcome: 'stayingWithAdjustments' });
    assert.equal((await t.haven.deps.declarations.get(alexRequest))?.value.status, 'closed');
    await t.tick();

    const exported = await subject(t, 'export', PEOPLE.alex);
    assert.equal(exported.code, 0, exported.err);
    const data = JSON.parse(exported.out);
    assert.equal(data.declarations[0].riskAssessment.notes, assessment, 'the risk assessment is decrypted in the export');
    assert.deepEqual(data.declarations[0].riskAssessment.adjustments, ['offViewing', 'referOH']);
    // Haven told Alex as his request moved on (acknowledged, assessed, closed): those messages are listed, without their cards.
    assert.ok(
      data.messages.some((m: any) => m.purpose === 'declaration.ownerUpdate' && m.status === 'sent' && m.sentAt),
      text(data.messages),
    );
    assert.ok(!/attachments|AdaptiveCard|"activity"/.test(text(data.messages)), 'no card content');
    // The alerts and card updates to his responders were about his request: listed too, as to someone else.
    assert.ok(
      data.messages.some((m: any) => m.purpose === 'declaration.cardUpdate' && m.to === 'someone else'),
      text(data.messages),
    );

    const before = await rawSnapshot(t);
    const r = await subject(t, 'erase', PEOPLE.alex);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Dry run: nothing was changed/);
    assert.match(r.out, new RegExp(`remove 1 request\\(s\\) they raised: ${alexRequest}`));
    assert.match(r.out, /remove 1 conversation reference/);
    assert.match(r.out, /remove the roster entry alex\.moreno and its 2 identity alias/);
    assert.match(r.out, /replace their id with a pseudonym in \d+ audit row/);
    assert.ok(!r.out.includes(alexNote) && !r.out.includes(assessment), 'the dry run shows no free text');
    assert.deepEqual(await rawSnapshot(t), before, 'every table, the audit trail included, is byte for byte the same');
  });

  it('erase --confirm: no row in any table names Alex any more; audit rows are kept under a pseudonym; Bea and everyone else are untouched', async () => {
    const auditBefore = await auditSince(t);
    const beaBefore = (await t.haven.deps.declarations.get(beaRequest))!.value;
    assert.ok((await rawMentions(t, ALEX_IDS)).length > 0, 'the scan finds Alex before the erasure');

    const r = await subject(t, 'erase', PEOPLE.alex, '--confirm');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Erased alex\.moreno:/);
    const pseudonym = /Pseudonym: (erased:[0-9a-f]{16})/.exec(r.out)?.[1];
    assert.ok(pseudonym, r.out);

    // A raw scan, as a storage administrator would run it: keys and every property of every table.
    assert.deepEqual(await rawMentions(t, ALEX_IDS), [], "Alex's roster id, Teams user id and Entra object id appear nowhere");
    // And through the repositories, with encrypted fields decrypted: no request, message or card about Alex.
    assert.equal(await t.haven.deps.people.get(PEOPLE.alex), undefined);
    assert.equal(await t.haven.deps.people.findByTeamsUserId(DEMO.alex!.id), undefined);
    assert.equal(await t.haven.deps.people.findByAadObjectId(DEMO.alex!.aadObjectId), undefined);
    assert.equal(await t.haven.deps.declarations.get(alexRequest), undefined);
    assert.equal(await t.haven.deps.conversations.get({ kind: 'person', personId: PEOPLE.alex }), undefined);
    const outbox = text((await t.haven.outbox.list()).map((m) => m.value));
    for (const needle of [alexRequest, alexNote, assessment, 'Alex Moreno', ...ALEX_IDS])
      assert.ok(!outbox.includes(needle), `the outbox (decrypted) mentions ${needle}`);

    // The audit trail keeps every row, in place, with the pseudonym where Alex's id was.
    const auditAfter = await auditSince(t);
    const erasure = auditAfter.filter((a) => a.action === 'subject.erase' && a.outcome === 'ok');
    assert.deepEqual(
      erasure.map((a) => [a.actor, a.subject]),
      [['admin-cli', `person:${pseudonym}`]],
    );
    assert.equal(auditAfter.length, auditBefore.length + 1, 'no audit row was removed');
    assert.ok(
      auditAfter.some((a) => a.action === 'declaration.raised' && a.actor === pseudonym && a.subject === `declaration:${alexRequest}`),
    );
    assert.ok(auditAfter.some((a) => a.action === 'subject.export' && a.subject === `person:${pseudonym}`));
    assert.ok(!text(auditAfter).includes(PEOPLE.alex));
    // Rows about other people are as they were.
    const untouched = (list: typeof auditBefore) => list.filter((a) => !text(a).includes(PEOPLE.alex) && !text(a).includes(pseudonym));
    assert.deepEqual(
      untouched(auditAfter).filter((a) => a.action !== 'subject.erase'),
      untouched(auditBefore),
    );

    // Bea's request, note and roster entry are untouched, and Haven still works for her.
    assert.deepEqual((await t.haven.deps.declarations.get(beaRequest))!.value, beaBefore);
    assert.ok(await t.haven.deps.people.get(PEOPLE.bea));
    assert.ok(await t.haven.deps.conversations.get({ kind: 'person', personId: PEOPLE.bea }));
    assert.equal((await subject(t, 'export', PEOPLE.bea)).code, 0);
    await t.tick();

    // Erased means gone: a second erasure is an unknown person.
    const again = await subject(t, 'erase', PEOPLE.alex, '--confirm');
    assert.equal(again.code, 1);
    assert.match(again.err, /No person with id "alex\.moreno"/);
  });
});
