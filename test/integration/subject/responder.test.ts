// Erasing a supervisor who responded to someone else's request: refused while the roster still
// names her and while that request still has work (follow-ups) to do; afterwards the other
// person's request keeps its history and note, with the supervisor's id replaced by the pseudonym.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { importRoster } from '../../../src/kernel/import-roster.ts';
import { act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { rawMentions, rawSnapshot, subject } from './helpers.ts';

const DAY = 24 * 60 * 60_000;
const PRIYA_IDS = ['priya.shah', DEMO.priya!.id, DEMO.priya!.aadObjectId];

describe("subject requests: a supervisor who responded to someone else's request", () => {
  let t: TestHaven;
  let devRequest: string;
  const devNote = `DEV-NOTE-${Date.now()} need a week off the queue`;

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [DEMO.dev!, DEMO.priya!, DEMO.sam!, DEMO.dana!]);
    devRequest = (await raise(t, DEMO.dev!, { kind: 'break', note: devNote, share: 'supervisor' })).id;
    await t.tick();
    const id = { declarationId: devRequest };
    await act(t, DEMO.priya!, 'alert.acknowledge', id);
    await act(t, DEMO.priya!, 'alert.assess', { ...id, adjustments: 'moreBreaks', notes: 'weekly check' });
    await act(t, DEMO.priya!, 'alert.confirmAccess', id);
    assert.equal((await t.haven.deps.declarations.get(devRequest))?.value.status, 'closed');
    await t.tick();
  });
  after(async () => t?.close());

  it("is refused while the roster names her as a supervisor and while Dev's request still has follow-ups due; nothing is erased", async () => {
    const before = await rawSnapshot(t);
    const r = await subject(t, 'erase', 'priya.shah');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /The roster names priya\.shah as supervisor or cover of dev\.patel, erin\.walsh, femi\.adeyemi: import a roster that names someone else/,
    );
    assert.match(r.err, new RegExp(`named on 1 other person's request\\(s\\) that Haven is still working on \\(${devRequest}\\)`));
    assert.deepEqual(await rawSnapshot(t), before, 'a refused dry run writes nothing at all');
  });

  it("once the roster names Sam instead and the follow-ups have gone, erasure pseudonymises her in Dev's request and removes her own absence", async () => {
    const csv = readFileSync('data/demo-roster.csv', 'utf8').replace(
      /^(person,(?:dev\.patel|erin\.walsh|femi\.adeyemi),[^,]*,officer,unit-2,)priya\.shah,/gm,
      '$1sam.okafor,',
    );
    const imported = await importRoster(t.haven.deps, csv, 'admin-cli');
    assert.ok(imported.ok && imported.updated === 3, JSON.stringify(imported));
    // The peer-support follow-ups (72 hours, one month) go out; then Haven has nothing left to do on Dev's request.
    t.clock.advance(31 * DAY);
    for (let i = 0; i < 3; i++) await t.tick();
    assert.ok(
      (await t.haven.deps.declarations.get(devRequest))!.value.followUps!.every((f) => f.sentAt),
      'follow-ups sent',
    );

    const dry = await subject(t, 'erase', 'priya.shah');
    assert.equal(dry.code, 0, dry.err);
    assert.match(
      dry.out,
      new RegExp(`replace their id with a pseudonym in 1 other person's request\\(s\\) they responded to: ${devRequest}`),
    );
    assert.match(dry.out, /remove 1 absence\(s\) of theirs: priya-leave-2027-01/);

    const r = await subject(t, 'erase', 'priya.shah', '--confirm');
    assert.equal(r.code, 0, r.err);
    const pseudonym = /Pseudonym: (erased:[0-9a-f]{16})/.exec(r.out)![1]!;
    assert.deepEqual(await rawMentions(t, PRIYA_IDS), [], "Priya's ids appear nowhere in storage");

    // Dev's request is Dev's record: still there, note intact, history intact, Priya's part under the pseudonym.
    const d = (await t.haven.deps.declarations.get(devRequest))!.value;
    assert.equal(d.note, devNote);
    assert.equal(d.status, 'closed');
    assert.equal(d.riskAssessment?.by, pseudonym);
    assert.equal(d.riskAssessment?.notes, 'weekly check');
    assert.equal(d.closed?.by, pseudonym);
    assert.ok(d.notified.includes(pseudonym));
    assert.ok(!text(d).includes('priya.shah'));
    assert.equal((await t.haven.deps.absences.list()).length, 0, 'her own absence is gone');
    const audit = await auditSince(t);
    assert.ok(
      audit.some(
        (a) => a.action === 'declaration.recordRiskAssessment' && a.actor === pseudonym && a.subject === `declaration:${devRequest}`,
      ),
    );
    // Dev still sees his request, and the people who can act on it are unaffected.
    const status = await act(t, DEMO.dev!, 'declaration.status', { declarationId: devRequest });
    assert.match(text(status), /Looked after/);
  });
});
