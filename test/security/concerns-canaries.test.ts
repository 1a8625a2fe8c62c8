// Concerns about a colleague, by canaries (issue 14 part 3). The raiser's identity (their roster name
// and the display name Teams sends) and their note each carry a unique canary. Concerns are raised
// about an officer (to their supervisor), about the raiser's own supervisor (to the welfare lead) and
// about someone's safety (an urgent card); they escalate, are opened by everyone and recorded. Then:
//   - the raiser and the note reach only the person each concern was first given to (in the answer
//     to their own click), never the person it is about, nobody it escalated to, no channel, no
//     message Haven sent, no log line, no audit row, no tray line or digest, and no subject export
//     but the raiser's own;
//   - who raised it is not in storage in plain: the concerns table holds it encrypted, and the
//     raiser's audit row names no concern.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TABLES } from '../../src/storage/table-store.ts';
import { DEMO, SUPERVISOR_CHANNEL, installPersonal, personalChatId, type DemoUser } from '../support/activities.ts';
import { FakeClock } from '../support/clock.ts';
import { startTestHaven, type TestHaven } from '../support/harness.ts';
import { act, auditSince, setUpUnit } from '../support/haven-steps.ts';
import { text } from '../support/sent-cards.ts';
import { subject } from '../integration/subject/helpers.ts';
import { STRANGER, WES, concernsAbout, raiseConcern } from '../integration/concerns/helpers.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const RAISER = `CANARY-RAISER-${randomUUID()}`;
const NOTE = `CANARY-NOTE-${randomUUID()}`;

describe('security: concerns never tell the colleague, a channel, or anyone it escalates to who raised them', function () {
  this.timeout(180_000);
  let t: TestHaven;
  const clock = new FakeClock('2026-11-23T10:00:00Z'); // Monday
  // Bea, as Teams names her (the display name carries the canary too).
  const BEA: DemoUser = { ...DEMO.bea!, name: `Bea ${RAISER}` };
  const ids: Record<string, string> = {};
  /** Who was given each concern first: the only person the canaries may reach, besides Bea herself. */
  const first: Record<string, string> = {};
  let shownToEntitled = 0;

  before(async () => {
    t = await startTestHaven({ clock });
    await setUpUnit(t);
    assert.equal((await t.post(installPersonal(t.connector.url, WES))).status, 200);
    const bea = (await t.haven.deps.people.get('bea.clarke'))!;
    await t.haven.deps.people.save({ ...bea.value, name: `Bea ${RAISER}` }, bea.version);
    await t.tick();

    await raiseConcern(t, BEA, 'alex.moreno', { category: 'withdrawn', note: `${NOTE} alex` });
    await raiseConcern(t, BEA, 'sam.okafor', { category: 'mentionedStruggling', note: `${NOTE} sam` });
    await raiseConcern(t, BEA, 'dev.patel', { category: 'safety', note: `${NOTE} dev` });
    for (const person of ['alex.moreno', 'sam.okafor', 'dev.patel']) {
      const [c] = await concernsAbout(t, person);
      assert.ok(c, `a concern about ${person}`);
      ids[person] = c.id;
      first[c.id] = c.notices[0]!.personId;
    }
    assert.deepEqual(Object.values(first).sort(), ['priya.shah', 'sam.okafor', 'wes.lyle']);
    // Let them escalate: the safety concern in minutes (Priya → Sam as her cover → Dana), the others next day.
    for (let i = 0; i < 4; i++) {
      clock.advance(16 * MIN);
      await t.tick();
    }
    clock.set('2026-11-24T10:30:00Z');
    for (let i = 0; i < 3; i++) await t.tick(); // notices, and Tuesday's digests
  });
  after(async () => t?.close());

  const PEOPLE_BY_USER = new Map<DemoUser, string>([
    ...Object.entries(DEMO).map(([k, u]) => [u, u.name.toLowerCase().replace(' ', '.')] as [DemoUser, string]),
    // Wes is one of the demo users now (issue 14's contacts); counted once either way.
    ...(Object.values(DEMO).some((u) => u.id === WES.id) ? [] : [[WES, 'wes.lyle'] as [DemoUser, string]]),
    [STRANGER, `unrostered:${STRANGER.id}`],
  ]);

  it('escalation reached further people (the check means something)', async () => {
    const reached = new Set((await t.haven.deps.concerns.list()).flatMap((c) => c.value.notices.map((n) => n.personId)));
    assert.ok(reached.has('dana.hughes'), `reached ${[...reached].join(', ')}`);
  });

  it('opening each concern: the canaries only for the person it was first given to', async () => {
    for (const [user, actorId] of PEOPLE_BY_USER) {
      for (const id of Object.values(ids)) {
        const answer = text(await act(t, user, 'concern.show', { concernId: id }));
        const leaked = answer.includes(RAISER) || answer.includes(NOTE);
        if (first[id] === actorId) {
          assert.ok(leaked, `${actorId} was given ${id} first and sees who raised it`);
          shownToEntitled++;
        } else assert.ok(!leaked, `${actorId} opening ${id} sees neither who raised it nor the note`);
      }
    }
    assert.equal(shownToEntitled, 3);
  });

  it('acting on it answers no canary to anyone else, and every refusal is audited without naming the concern', async () => {
    const since = clock.now().toISOString();
    for (const [user, actorId] of PEOPLE_BY_USER) {
      if (Object.values(first).includes(actorId)) continue;
      for (const id of Object.values(ids)) {
        const ack = text(await act(t, user, 'concern.acknowledge', { concernId: id }));
        assert.ok(!ack.includes(RAISER) && !ack.includes(NOTE), `${actorId} acknowledging ${id}`);
      }
    }
    // The first recipients record the conversations.
    for (const [person, id] of Object.entries(ids)) {
      const who = [...PEOPLE_BY_USER].find(([, pid]) => pid === first[id])![0];
      const r = await act(t, who, 'concern.record', { concernId: id, outcome: 'held' });
      assert.match(text(r), /Recorded|Already recorded/, person);
    }
    const denied = (await auditSince(t, since)).filter((a) => a.outcome === 'denied');
    assert.ok(denied.length > 10);
    assert.ok(
      denied.every((a) => a.subject === 'concern'),
      'a refused look does not name the concern',
    );
  });

  it("nothing Haven sent, no channel, no log line, no audit row, no tray line or digest carries a canary; the colleagues' chats hold nothing about it", async () => {
    await t.tick();
    const sent = t.connector.sentActivities();
    // The paths the canaries could have taken were taken: Tuesday's digests hold the concerns' lines,
    // and the safety concern went as a card of its own.
    const bodies = sent.map((c) => JSON.stringify(c.body ?? null));
    assert.ok(
      bodies.some((b) => b.includes('a concern, seems withdrawn')),
      "a digest carried Alex's concern",
    );
    assert.ok(
      bodies.some((b) => b.includes('worried about their safety now')),
      'the urgent card was sent',
    );
    for (const call of sent) {
      const body = JSON.stringify(call.body ?? null);
      assert.ok(!body.includes(NOTE), `a message to ${call.conversationId} carries the note`);
      if (call.conversationId !== personalChatId(BEA))
        assert.ok(!body.includes(RAISER), `a message to ${call.conversationId} names the raiser`);
    }
    const channel = t.connector.calls.filter((c) => (c.conversationId ?? '').startsWith(SUPERVISOR_CHANNEL));
    assert.ok(
      !channel.some((c) => /concern|Bea|Alex Moreno|Dev Patel/.test(JSON.stringify(c.body ?? null))),
      'nothing about it in the channel',
    );
    for (const colleague of [DEMO.alex!, DEMO.dev!])
      assert.ok(
        // (The welcome card's "Who can see what" mentions concerns in general: that is not being told.)
        !t.connector
          .callsTo(personalChatId(colleague))
          .some((c) =>
            /concern\.(show|acknowledge|record)|Consider a welfare conversation|seems withdrawn|about their safety/.test(
              JSON.stringify(c.body ?? null),
            ),
          ),
        `${colleague.name} is never told`,
      );
    // Sam is the subject of one concern (told nothing about it) and the first recipient of Alex's.
    const toSam = t.connector.callsTo(personalChatId(DEMO.sam!)).map((c) => JSON.stringify(c.body ?? null));
    assert.ok(
      !toSam.some((b) => b.includes('Consider a welfare conversation with Sam Okafor')),
      'Sam is not told about a concern about himself',
    );
    assert.ok(!t.logs.some((l) => JSON.stringify(l).includes(RAISER) || JSON.stringify(l).includes(NOTE)), 'no log line');
    const rows = await auditSince(t);
    assert.ok(!rows.some((a) => JSON.stringify(a).includes(RAISER) || JSON.stringify(a).includes(NOTE)), 'no audit row');
    assert.ok(
      !rows.some((a) => a.subject.startsWith('concern:') && (a.actor === 'bea.clarke' || a.reason.includes('bea.clarke'))),
      'no row about a concern names the raiser',
    );
    for (const table of [TABLES.tray, TABLES.digests, TABLES.outbox, TABLES.concerns]) {
      for await (const e of t.haven.store.client(table).listEntities()) {
        const raw = JSON.stringify(e);
        assert.ok(!raw.includes(RAISER) && !raw.includes(NOTE), `${table} holds a canary in plain`);
        if (table === TABLES.concerns) assert.ok(!raw.includes('bea.clarke'), 'who raised it is encrypted at rest');
      }
    }
  });

  it('subject exports: the colleagues and everyone told see neither who nor the note; only the raiser sees her own', async () => {
    for (const person of ['alex.moreno', 'sam.okafor', 'dev.patel', 'dana.hughes', 'priya.shah', 'wes.lyle']) {
      const r = await subject(t, 'export', person);
      assert.equal(r.code, 0, r.err);
      for (const secret of [RAISER, NOTE, 'bea.clarke', BEA.id, BEA.aadObjectId])
        assert.ok(!r.out.includes(secret), `${person}'s export holds ${secret.slice(0, 20)}`);
    }
    const alex = JSON.parse((await subject(t, 'export', 'alex.moreno')).out);
    assert.equal(alex.concerns.length, 1, 'Alex sees that a concern was raised…');
    assert.equal(alex.concerns[0].outcome, 'held', '…and how it was handled');
    const bea = await subject(t, 'export', 'bea.clarke');
    assert.ok(bea.out.includes(NOTE), 'the raiser sees her own notes');
  });
});
