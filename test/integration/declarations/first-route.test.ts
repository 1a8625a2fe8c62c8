// Issue 14 part 2, "a choice of whom to tell": on "I'm not okay" the officer may choose who is told
// first (data/contacts/unit-2.json: welfare lead Wes Lyle, TRiM practitioner Ira Nolan, the department
// head, trainer Tom Reed). The chosen person gets the alert and the same escalation guarantees; the line
// supervisor is told only what they need (off viewing) or what the officer agreed to, never the note.
// Real-shaped activities against the fake Bot Connector, on the fake clock, with data/escalation/default.json
// (officerMayBypassSupervisor true) and a unit policy that forbids passing over the supervisor.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { MIN, PEOPLE, act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { alertsTo, cardIn, channelCalls, responderAlertsTo, text } from '../../support/sent-cards.ts';
import { declarationSubjectData } from '../../../src/features/declarations/subject.ts';

const NOTE = 'WELFARE-ONLY the last case got to me';
const WES = 'wes.lyle';

/** Cards to a person that are the plain notice to a line supervisor (no buttons to open a request). */
function lineNotices(t: TestHaven, user: DemoUser) {
  return alertsTo(t, user).filter((c) => /is off viewing|asked for support/.test(text(cardIn(c))) && !/alert\.view/.test(text(cardIn(c))));
}

async function openForm(t: TestHaven, user: DemoUser, kind?: string): Promise<any> {
  return act(t, user, 'declaration.open', kind ? { kind } : {});
}

describe('declarations: a choice of whom to tell first', () => {
  describe('with the default policy (the supervisor may be passed over)', () => {
    let t: TestHaven;
    beforeEach(async () => {
      t = await startTestHaven();
      await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.sam!, DEMO.dana!, DEMO.wes!, DEMO.ira!]);
    });
    afterEach(async () => t?.close());

    it('the form offers the unit contacts and says, per choice, exactly who will be told what', async () => {
      const form = await openForm(t, DEMO.alex!, 'break');
      const choice = form.body.find((b: any) => b.id === 'tellFirst');
      assert.ok(choice, 'a "who should be told first?" choice');
      assert.equal(choice.value, 'supervisor', 'the supervisor is the default');
      assert.deepEqual(
        choice.choices.map((c: any) => c.value),
        ['supervisor', 'welfareLead', 'trimPractitioner', 'departmentHead', 'trainer'],
        'occupational health has nobody on the roster: not offered',
      );
      const s = text(form);
      assert.match(
        s,
        /Sam Okafor \(your supervisor\): the usual way: Sam Okafor \(your supervisor\) will be told now and can read your note; if they have not acted within 15 minutes, Haven tells Dana Hughes \(the department head\)\./,
      );
      assert.match(
        s,
        /Wes Lyle \(the welfare lead\) will be told now and can read your note; if they have not acted within 15 minutes, Haven tells Dana Hughes \(the department head\)\. Sam Okafor \(your supervisor\) will be told only that you are off viewing, not why\./,
      );
      assert.ok(
        form.body.some((b: any) => b.id === 'alsoTellSupervisor'),
        'the "also tell my supervisor" choice',
      );
      // The typed words open the same form for the person.
      const before = t.connector.calls.length;
      await t.post(message(t.connector.url, DEMO.bea!, 'not okay'));
      const calls = await t.connector.waitFor((all) => all.slice(before).some((x) => x.conversationId === personalChatId(DEMO.bea!)));
      const typed = cardIn(calls.slice(before).find((x) => x.conversationId === personalChatId(DEMO.bea!))!);
      assert.ok(typed.body.some((b: any) => b.id === 'tellFirst'));
    });

    it('a break told to the welfare lead: Wes is alerted with the note; Sam gets only "off viewing"; escalation passes over Sam and never leaves it ownerless', async () => {
      const r = await raise(t, DEMO.alex!, {
        kind: 'break',
        note: NOTE,
        share: 'supervisor',
        tellFirst: 'welfareLead',
        alsoTellSupervisor: 'false',
      });
      const s = text(r.card);
      assert.match(s, /Haven is telling Wes Lyle \(the welfare lead\) now, privately/);
      assert.match(s, /Sam Okafor \(your supervisor\) was told only that you are off viewing, not why\./);
      let d = await declaration(t, r.id);
      assert.deepEqual(d.route, { tellFirst: 'welfareLead', alsoTellSupervisor: false });
      assert.equal(d.onCall?.personId, WES);
      await t.tick();

      // Wes: the alert card, with the note.
      const wes = responderAlertsTo(t, DEMO.wes!, r.id);
      assert.equal(wes.length, 1);
      assert.ok(text(cardIn(wes[0]!)).includes(NOTE), 'the chosen contact reads the note');
      // Sam: one plain notice, no kind beyond "off viewing", no note, nothing to open.
      assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0, 'no alert card to the supervisor');
      const notices = lineNotices(t, DEMO.sam!);
      assert.equal(notices.length, 1);
      const notice = text(cardIn(notices[0]!));
      assert.match(notice, /Alex Moreno is off viewing/);
      assert.ok(!/break|leave|talk|welfare|Wes Lyle|WELFARE-ONLY|decl-/i.test(notice.replace(/Haven has an update for you/, '')), notice);
      // Nothing in the supervisors' channel.
      assert.equal(channelCalls(t).filter((c) => text(c.body).includes(r.id)).length, 0);
      // Sam's "my team" shows Alex off viewing, not the request.
      const team = text(await act(t, DEMO.sam!, 'team.show'));
      assert.match(team, /Off viewing/);
      assert.ok(!/Open request|Peer-support follow-up/.test(team), team.slice(0, 600));
      // Sam cannot open the request.
      const denied = await act(t, DEMO.sam!, 'alert.view', { declarationId: r.id });
      assert.match(text(denied), /This is not yours to open/);
      assert.ok(!text(denied).includes(NOTE));

      // The audit: the choice without free text.
      const audit = await auditSince(t);
      const row = audit.find((a) => a.action === 'declaration.routeChosen' && a.subject === `declaration:${r.id}`);
      assert.equal(row?.reason, 'tellFirst=welfareLead; alsoTellSupervisor=no');
      assert.ok(!text(audit).includes('WELFARE-ONLY'));

      // Wes does not act: after 15 minutes the chain continues, passing over Sam, to Dana (who does not read the note).
      t.clock.advance(15 * MIN);
      await t.tick();
      const dana = responderAlertsTo(t, DEMO.dana!, r.id);
      assert.equal(dana.length, 1, 'the department head next');
      assert.ok(!text(cardIn(dana[0]!)).includes(NOTE), 'not shared with the department head');
      assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0, 'Sam is passed over');
      d = await declaration(t, r.id);
      assert.equal(d.onCall?.personId, PEOPLE.dana);
      // Dana's 30 minutes pass: the chain repeats from Wes rather than going quiet; Sam never.
      t.clock.advance(30 * MIN);
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.wes!, r.id).length, 2);
      assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0);
      d = await declaration(t, r.id);
      assert.ok(d.onCall, 'never without an owner');
      assert.equal(lineNotices(t, DEMO.sam!).length, 1, 'Sam was told once');

      // Wes acknowledges and records the assessment: the request moves on as usual.
      await act(t, DEMO.wes!, 'alert.acknowledge', { declarationId: r.id });
      assert.equal((await declaration(t, r.id)).acknowledged?.by, WES);

      // The person's own export shows the route they chose.
      const held = await declarationSubjectData.gather({ declarations: t.haven.deps.declarations, stepAways: t.haven.deps.stepAways }, {
        person: { id: PEOPLE.alex },
        unrosteredId: 'unrostered:none',
        mentionedIn: () => false,
      } as never);
      const own = held.own[0]!.records.find((x) => x.id === r.id)!.data as { route?: unknown };
      assert.deepEqual(own.route, { tellFirst: 'welfareLead', alsoTellSupervisor: false });
    });

    it('a talk told to the welfare lead: nothing to Sam unless Alex agreed; with agreement, only that they asked for support', async () => {
      const quiet = await raise(t, DEMO.alex!, { kind: 'talk', note: NOTE, tellFirst: 'welfareLead' });
      assert.match(text(quiet.card), /Sam Okafor \(your supervisor\) was not told about it\./);
      await t.tick();
      assert.equal(lineNotices(t, DEMO.sam!).length, 0, 'nothing at all to Sam');
      assert.equal(responderAlertsTo(t, DEMO.sam!, quiet.id).length, 0);
      assert.equal(responderAlertsTo(t, DEMO.wes!, quiet.id).length, 1);
      assert.ok(!/Open request|Off viewing/.test(text(await act(t, DEMO.sam!, 'team.show'))), "nothing on Sam's team card");

      const agreed = await raise(t, DEMO.bea!, { kind: 'talk', note: NOTE, tellFirst: 'welfareLead', alsoTellSupervisor: 'true' });
      assert.match(text(agreed.card), /Sam Okafor \(your supervisor\) was told only that you asked for support, not why\./);
      await t.tick();
      const notices = lineNotices(t, DEMO.sam!);
      assert.equal(notices.length, 1);
      const notice = text(cardIn(notices[0]!));
      assert.match(notice, /Bea Clarke asked for support/);
      assert.ok(!/off viewing|WELFARE-ONLY|decl-/.test(notice), notice);
      const audit = await auditSince(t);
      assert.equal(
        audit.find((a) => a.action === 'declaration.routeChosen' && a.subject === `declaration:${agreed.id}`)?.reason,
        'tellFirst=welfareLead; alsoTellSupervisor=yes',
      );
    });

    it('a choice that is not one of the unit contacts now comes back on the form and changes nothing', async () => {
      const before = (await t.haven.deps.declarations.list()).length;
      const form = await act(t, DEMO.alex!, 'declaration.raise', { kind: 'talk', note: NOTE, tellFirst: 'occupationalHealth' });
      assert.match(text(form), /The person you chose cannot be told just now/);
      assert.ok(text(form).includes(NOTE), 'what was typed is kept');
      const bad = await act(t, DEMO.alex!, 'declaration.raise', { kind: 'talk', tellFirst: 'the-boss' });
      assert.match(text(bad), /Choose who should be told first from the list/);
      assert.equal((await t.haven.deps.declarations.list()).length, before);
    });
  });

  describe('with a unit policy that forbids passing over the supervisor', () => {
    let t: TestHaven;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'haven-policy-'));
      const base = JSON.parse(readFileSync('data/escalation/default.json', 'utf8'));
      writeFileSync(join(dir, 'default.json'), JSON.stringify(base));
      writeFileSync(join(dir, 'unit-2.json'), JSON.stringify({ ...base, officerMayBypassSupervisor: false }));
      t = await startTestHaven({ env: { HAVEN_ESCALATION_DIR: dir } });
      await setUpUnit(t, [DEMO.alex!, DEMO.sam!, DEMO.dana!, DEMO.wes!]);
    });
    after(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the form says so; the welfare lead first, then Sam (who never reads the note), then Dana', async () => {
      const form = await openForm(t, DEMO.alex!, 'break');
      assert.match(
        text(form),
        /Wes Lyle \(the welfare lead\) will be told now and can read your note; if they have not acted within 15 minutes, Haven tells Sam Okafor \(your supervisor\)\./,
      );
      assert.match(text(form), /If nobody acts in time, your unit asks them to look after it/);

      const r = await raise(t, DEMO.alex!, { kind: 'break', note: NOTE, tellFirst: 'welfareLead' });
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.wes!, r.id).length, 1);
      assert.equal(lineNotices(t, DEMO.sam!).length, 1, 'Sam is told at once only that Alex is off viewing');
      t.clock.advance(15 * MIN);
      await t.tick();
      const sam = responderAlertsTo(t, DEMO.sam!, r.id);
      assert.equal(sam.length, 1, 'the supervisor is in the chain');
      const card = text(cardIn(sam[0]!));
      assert.ok(!card.includes(NOTE), 'but does not read the note');
      assert.match(card, /They added a note that was not shared with you/);
      t.clock.advance(15 * MIN);
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 1);
    });
  });
});
