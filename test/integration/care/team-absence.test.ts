// "My team", span of control and absences through the whole Haven: the card carries no answers or
// notes (canaries planted), care routes to the cover during an absence (their digest holds the lines,
// never the absent supervisor's), to the department head when no cover is named, and back when it
// ends; the span warning is a line for the supervisor and the department head, once.
import assert from 'node:assert/strict';
import { actsNowFor } from '../../../src/kernel/responsibility.ts';
import { loadRoster } from '../../../src/kernel/load-roster.ts';
import { DEMO, installPersonal } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { text } from '../../support/sent-cards.ts';

const DAY = 24 * 60 * 60_000;

async function responsibleForBea(t: TestHaven): Promise<string | undefined> {
  const roster = await loadRoster(t.haven.deps);
  const r = actsNowFor(
    t.haven.deps,
    roster.people.find((p) => p.id === 'bea.clarke')!,
    roster,
    t.clock.now(),
  );
  return r.kind === 'nobody' ? undefined : r.personId;
}

describe('my team, span of control and absences (integration)', function () {
  this.timeout(300_000);
  let t: TestHaven;

  before(async () => {
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T09:30:00Z'), env: { HAVEN_SPAN_OF_CONTROL: '2' }, care: true });
    for (const u of Object.values(DEMO)) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  after(async () => t?.close());

  it('my team shows stage, care, flag reason and request status, and never answers or notes', async () => {
    await t.haven.deps.flags.add({
      id: 'flag-alex.moreno-lowScore-2026-11-20',
      personId: 'alex.moreno',
      unitId: 'unit-2',
      reason: 'lowScore',
      checkInDueAt: '2026-11-20T09:00:00.000Z',
      openedAt: '2026-11-20T10:00:00.000Z',
      notices: [],
    });
    await raise(t, DEMO.bea!, { kind: 'talk', note: 'CANARY-DECLARATION-NOTE', share: 'supervisor' });
    const card = await act(t, DEMO.sam!, 'team.show');
    const s = text(card);
    assert.match(s, /Your team/);
    assert.match(s, /Alex Moreno/);
    assert.match(s, /Flag: consider a welfare conversation \(a low wellbeing score\)/);
    assert.match(s, /Open request: waiting for a response/);
    assert.match(s, /Overdue: One-to-one with supervisor/);
    assert.doesNotMatch(s, /CANARY/);
    assert.match(s, /Span of control: you have 3 direct reports, more than the 2/);
    assert.ok((await auditSince(t)).some((e) => e.action === 'team.read' && e.actor === 'sam.okafor'));
    const officer = await act(t, DEMO.alex!, 'team.show');
    assert.match(text(officer), /Nobody reports to you/);
  });

  it('the span-of-control notice is one line for the supervisor and one for the department head, in their digests, never a card of its own', async () => {
    await t.tick();
    await t.tick();
    const outbox = (await t.haven.outbox.list()).map((m) => m.value);
    assert.deepEqual(
      outbox.filter((m) => /^(span|team):/.test(m.id)).map((m) => m.id),
      [],
    );
    const sams = await t.haven.deps.tray.get('sam.okafor', 'span:sam.okafor:3');
    const danas = await t.haven.deps.tray.get('dana.hughes', 'span:sam.okafor:3');
    assert.match(sams?.value.line ?? '', /You have 3 direct reports in Haven, more than the 2/);
    assert.equal(danas?.value.aboutPersonId, 'sam.okafor');
    const digest = outbox.find((m) => m.id === 'digest:sam.okafor:2026-11-23');
    assert.match(text(digest?.activity.card), /You have 3 direct reports/);
    assert.match(text(digest?.activity.card), /Your team this week/);
    assert.equal(
      outbox.filter((m) => m.purpose === 'digest' && m.target.kind === 'person' && m.target.personId === 'sam.okafor').length,
      1,
    );
    // "Got it" puts the span line aside for Sam only; Dana still has hers. Nobody else can put Sam's aside.
    assert.match(text(await act(t, DEMO.priya!, 'digest.dismiss', { trayKey: 'span:sam.okafor:3' })), /cannot be put aside/);
    assert.ok(!(await t.haven.deps.tray.get('sam.okafor', 'span:sam.okafor:3'))?.value.resolvedAt);
    const after = await act(t, DEMO.sam!, 'digest.dismiss', { trayKey: 'span:sam.okafor:3', digest: '2026-11-23' });
    assert.match(text(after), /Put aside: You have 3 direct reports/);
    assert.match(text(after), /Your week: \d+ to act on/);
    assert.ok((await t.haven.deps.tray.get('sam.okafor', 'span:sam.okafor:3'))?.value.resolvedAt);
    assert.ok(!(await t.haven.deps.tray.get('dana.hughes', 'span:sam.okafor:3'))?.value.resolvedAt);
    // Care due is recorded, never put aside.
    assert.match(
      text(await act(t, DEMO.sam!, 'digest.dismiss', { trayKey: 'care:alex.moreno:oneToOne:2026-06-18' })),
      /cannot be put aside/,
    );
  });

  it('refuses a bad absence and one recorded by someone not entitled: nothing stored, audited', async () => {
    const before = (await t.haven.deps.absences.list()).length;
    assert.match(
      text(await act(t, DEMO.sam!, 'absence.record', { from: '2026-11-27', to: '2026-11-24', coverId: 'priya.shah' })),
      /The last day cannot be before the first/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'absence.record', { from: '2026-11-24', to: '2026-11-27', coverId: 'sam.okafor' })),
      /cannot be the person who is away/,
    );
    assert.match(
      text(await act(t, DEMO.sam!, 'absence.record', { from: '2027-01-05', to: '2027-01-06', coverId: 'priya.shah' })),
      /Priya Shah is away during that time/,
    );
    assert.match(
      text(await act(t, DEMO.alex!, 'absence.record', { supervisorId: 'sam.okafor', from: '2026-11-24', to: '2026-11-27' })),
      /not yours to record/,
    );
    assert.match(
      text(await act(t, DEMO.priya!, 'absence.record', { supervisorId: 'sam.okafor', from: '2026-11-24', to: '2026-11-27' })),
      /not yours to record/,
    );
    assert.equal((await t.haven.deps.absences.list()).length, before);
    assert.ok((await auditSince(t)).filter((e) => e.action === 'absence.record' && e.outcome === 'denied').length >= 5);
  });

  it('Sam records an absence with Priya as cover: his team routes to her, her card shows them labelled, then it all routes back when he ends it', async () => {
    const card = await act(t, DEMO.sam!, 'absence.record', { from: '2026-11-24', to: '2026-11-27', coverId: 'priya.shah' });
    assert.match(text(card), /Recorded: Sam Okafor away/);
    const [absence] = (await t.haven.deps.absences.list()).filter((a) => a.value.personId === 'sam.okafor');
    assert.ok(absence);
    assert.ok(
      (await t.haven.outbox.list()).some(
        (m) =>
          m.value.id === `absence:${absence.value.id}:cover` &&
          m.value.target.kind === 'person' &&
          m.value.target.personId === 'priya.shah',
      ),
    );

    t.clock.set('2026-11-24T09:30:00Z');
    assert.equal(await responsibleForBea(t), 'priya.shah');
    const priya = text(await act(t, DEMO.priya!, 'team.show'));
    assert.match(priya, /Covering for Sam Okafor until 27 Nov 2026/);
    assert.match(priya, /Bea Clarke/);
    // Care for Sam's team now reaches Priya, never Sam: her digest holds the lines, and nothing for him
    // is written while he is away.
    await t.tick();
    const toSam = (await t.haven.outbox.list()).filter(
      (m) =>
        (m.value.purpose === 'digest' || m.value.id.startsWith('care:')) &&
        m.value.target.kind === 'person' &&
        m.value.target.personId === 'sam.okafor' &&
        m.value.createdAt >= '2026-11-24',
    );
    assert.deepEqual(
      toSam.map((m) => m.value.id),
      [],
    );
    const priyas = (await t.haven.deps.tray.listOpenFor('priya.shah')).map((i) => i.value);
    const covering = priyas.filter((i) => /^care:(alex\.moreno|bea\.clarke|chris\.lowe):/.test(i.key));
    assert.ok(covering.length > 0);
    assert.ok(covering.some((i) => /covering for Sam Okafor/.test(i.line)));
    const digest = (await t.haven.outbox.list()).find((m) => m.value.id === 'digest:priya.shah:2026-11-24');
    assert.match(text(digest?.value.activity.card), /Bea Clarke/);
    for (const i of (await t.haven.deps.tray.listFor('sam.okafor')).map((x) => x.value))
      assert.ok(i.updatedAt < '2026-11-24T09:00:00.000Z' || i.resolvedAt, `${i.key} was written for Sam while he was away`);
    // Priya, covering, can record care for Sam's team.
    assert.match(
      text(await act(t, DEMO.priya!, 'care.done', { choice: 'bea.clarke|clinicalSupervision', doneOn: '2026-11-24' })),
      /Recorded: Clinical supervision/,
    );

    t.clock.set('2026-11-25T09:30:00Z');
    const ended = await act(t, DEMO.sam!, 'absence.end', { absenceId: absence.value.id });
    assert.match(text(ended), /routes back/);
    assert.equal(await responsibleForBea(t), 'sam.okafor');
    assert.doesNotMatch(text(await act(t, DEMO.priya!, 'team.show')), /Covering for Sam Okafor/);
    assert.match(
      text(await act(t, DEMO.priya!, 'care.done', { choice: 'bea.clarke|oneToOne', doneOn: '2026-11-24' })),
      /not yours to record/,
    );
  });

  it('with no cover named, the department head takes over (Sam has no standing cover), and it routes back afterwards', async () => {
    await act(t, DEMO.dana!, 'absence.record', { supervisorId: 'sam.okafor', from: '2026-11-30', to: '2026-12-02', coverId: 'none' });
    t.clock.set('2026-11-30T09:30:00Z');
    assert.equal(await responsibleForBea(t), 'dana.hughes');
    assert.match(text(await act(t, DEMO.dana!, 'team.show')), /Covering for Sam Okafor until 2 Dec 2026/);
    t.clock.advance(3 * DAY);
    assert.equal(await responsibleForBea(t), 'sam.okafor');
    assert.doesNotMatch(text(await act(t, DEMO.dana!, 'team.show')), /Covering for Sam Okafor/);
  });
});
