// Authorisation of TRiM follow-ups, by canaries. Officers raise requests whose notes carry a unique
// canary string; their 72-hour follow-ups are handed over to TRiM and answered (yes, not now, not yet),
// and a supervisor offers one after a notable case. Then every demo user, the practitioner, the
// welfare lead and strangers press every TRiM verb on every real follow-up id (and random ones), in
// a personal chat and in the channel. Whatever Haven answers:
//   - no request's note ever appears (a follow-up stores none and shows none);
//   - "<name> would like a TRiM follow-up" appears only to whoever may act on it now;
//   - the officer's answer appears only to the officer;
//   - a refused access to a follow-up leaves a 'denied' audit row and changes nothing.
// The expectations are computed here, independently of src/features/trim/policy.ts: the unit's TRiM
// practitioner is Ira Nolan and its welfare lead Wes Lyle (data/contacts/unit-2.json); a follow-up
// may be acted on by Ira (first on its chain) and by Wes once he was told, and only after a "yes".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ALL_VERBS, VERBS } from '../../src/kernel/verbs.ts';
import type { TrimFollowUp } from '../../src/features/trim/index.ts';
import { DEMO, actionExecute, inChannel, type DemoUser } from '../support/activities.ts';
import { startTestHaven, type TestHaven } from '../support/harness.ts';
import { act, setUpUnit } from '../support/haven-steps.ts';
import { raise } from '../support/declaration-steps.ts';

const IRA: DemoUser = { id: '29:haven-demo-ira', aadObjectId: '00000000-0000-4000-8000-000000000014', name: 'Ira Nolan' };
const WES: DemoUser = { id: '29:haven-demo-wes', aadObjectId: '00000000-0000-4000-8000-000000000013', name: 'Wes Lyle' };
const STRANGER: DemoUser = { id: '29:haven-test-stranger', aadObjectId: '00000000-0000-4000-8000-0000000000f1', name: 'Sid Stranger' };
const ACTORS: DemoUser[] = [...Object.values(DEMO), IRA, WES, STRANGER];
const NAMES: Record<string, string> = {};
for (const u of [...Object.values(DEMO), IRA, WES]) NAMES[u.id] = u.name;
const ROSTER_ID = (u: DemoUser) =>
  u === STRANGER ? `unrostered:${u.id}` : u.name.toLowerCase().replace(' ', '.').replace('adeyemi', 'adeyemi');

const TRIM_VERBS = ALL_VERBS.filter((v) => v.startsWith('trim.'));

/** May this actor see and act on the follow-up as a practitioner, now? (The model: not policy.ts.) */
function practitionerMay(actorId: string, f: TrimFollowUp): boolean {
  if (actorId === f.personId || f.answer?.value !== 'yes') return false;
  if (actorId === 'ira.nolan') return true;
  return actorId === 'wes.lyle' && f.notices.some((n) => n.personId === 'wes.lyle');
}

describe('security: authorisation of TRiM follow-ups (canaries)', function () {
  this.timeout(600_000);
  let t: TestHaven;
  const canaries: string[] = [];
  let ids: string[] = [];
  let checked = 0;
  let denied = 0;
  let headlinesShown = 0;

  const followUps = async () => new Map((await t.haven.deps.trimFollowUps.list()).map((f) => [f.value.id, f.value] as const));

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [...Object.values(DEMO), IRA, WES]);
    // Monday 09:00: three officers ask for support, with canaries in their notes.
    for (const user of [DEMO.alex!, DEMO.bea!, DEMO.dev!]) {
      const canary = `TRIM-CANARY-${randomUUID()}`;
      canaries.push(canary);
      const r = await raise(t, user, { kind: 'talk', note: `${canary} keeps me awake`, share: 'supervisor' });
      await act(t, user === DEMO.dev ? DEMO.priya! : DEMO.sam!, 'alert.assess', { declarationId: r.id, adjustments: 'referTrim' });
    }
    await t.tick();
    // Tuesday: Sam offers Chris one after a notable case.
    t.clock.set('2026-11-24T10:00:00Z');
    await act(t, DEMO.sam!, 'trim.offer', { personId: 'chris.lowe' });
    // Thursday 10:00: the 72-hour follow-ups are handed over and everyone is asked.
    t.clock.set('2026-11-26T10:00:00Z');
    await t.tick();
    await t.tick();
    const all = await followUps();
    const of = (personId: string) => [...all.values()].find((f) => f.personId === personId)!;
    await act(t, DEMO.alex!, 'trim.answer', { followUpId: of('alex.moreno').id, answer: 'yes' });
    await act(t, DEMO.bea!, 'trim.answer', { followUpId: of('bea.clarke').id, answer: 'notNow' });
    await act(t, DEMO.erin!, 'trim.request');
    await t.tick();
    // Saturday, then Monday 10:30: nobody took Alex's or Erin's, so the welfare lead is told (in his hours).
    t.clock.set('2026-11-30T10:30:00Z');
    await t.tick();
    ids = [...(await followUps()).keys()];
    assert.ok(ids.length >= 5, ids.join());
  });
  after(async () => t?.close());

  async function check(actor: DemoUser, verb: (typeof TRIM_VERBS)[number], data: Record<string, unknown>, where: 'personal' | 'channel') {
    const actorId = ROSTER_ID(actor);
    const before = await followUps();
    t.clock.advance(1);
    const since = t.clock.now().toISOString();
    const a = actionExecute(t.connector.url, actor, verb, data);
    const r = await t.post(where === 'channel' ? inChannel(a) : a);
    const label = `${actor.name} ${verb} ${JSON.stringify(data).slice(0, 120)} in ${where}`;
    assert.equal(r.status, 200, label);
    const answer = JSON.stringify(r.body ?? null);
    const after = await followUps();

    for (const c of canaries) assert.ok(!answer.includes(c), `${label}: a request's note is shown`);
    for (const [id, f] of before) {
      const name = Object.entries(NAMES).find(([, n]) => n.toLowerCase().replace(' ', '.') === f.personId)?.[1];
      if (name && answer.includes(`${name} would like a TRiM follow-up`)) {
        assert.ok(practitionerMay(actorId, f) || practitionerMay(actorId, after.get(id) ?? f), `${label}: ${name}'s follow-up shown`);
        headlinesShown++;
      }
    }
    if (/You said you would like a TRiM follow-up|TRiM follow-up: not now/.test(answer)) {
      const id = data.followUpId as string | undefined;
      const owner = id ? before.get(id)?.personId : actorId;
      assert.equal(owner, actorId, `${label}: someone else's answer is shown`);
    }
    const id = typeof data.followUpId === 'string' ? data.followUpId : undefined;
    // A malformed id never reaches a handler: nothing is written, not even an audit row.
    if (id !== undefined && !/^trim-[A-Za-z0-9._:-]+$/.test(id)) {
      assert.deepEqual(
        await t.haven.deps.audit.list(since, '2100-01-01T00:00:00.000Z'),
        [],
        `${label}: a malformed id writes no audit row`,
      );
      assert.match(answer, /Nothing was changed|not right/, `${label}: the answer says the card was not right`);
      checked++;
      return;
    }
    const f = id ? before.get(id) : undefined;
    const mayAct =
      !!f &&
      (verb === VERBS.trimAnswer
        ? actorId === f.personId
        : practitionerMay(actorId, f) || (verb === VERBS.trimShow && f.outcome?.by === actorId));
    if (
      id &&
      (verb === VERBS.trimAnswer || verb === VERBS.trimShow || verb === VERBS.trimAcknowledge || verb === VERBS.trimRecord) &&
      !mayAct
    ) {
      const rows = await t.haven.deps.audit.list(since, '2100-01-01T00:00:00.000Z');
      assert.ok(
        rows.some((e) => e.outcome === 'denied' && e.actor === actorId && e.subject === `trim:${id}`),
        `${label}: a refusal leaves a 'denied' row: ${JSON.stringify(rows)}`,
      );
      assert.ok(!rows.some((e) => e.outcome === 'ok' && e.subject === `trim:${id}`), `${label}: and nothing done`);
      assert.deepEqual(after.get(id), f, `${label}: the follow-up is unchanged`);
      denied++;
    }
    checked++;
  }

  it('every TRiM verb is swept', () => {
    assert.deepEqual(TRIM_VERBS.slice().sort(), [
      'trim.acknowledge',
      'trim.answer',
      'trim.list',
      'trim.offer',
      'trim.record',
      'trim.request',
      'trim.show',
    ]);
  });

  it('reads and refused acts: every actor × every follow-up × show, answer, acknowledge, record; and list, in a chat and in the channel', async () => {
    const stored = await followUps();
    for (const actor of ACTORS) {
      const actorId = ROSTER_ID(actor);
      for (const id of [...ids, `trim-case-alex.moreno-${Date.now()}`, 'trim-../x', 'trim-decl-000000000000000000000000-72h']) {
        const f = stored.get(id);
        await check(actor, VERBS.trimShow, { followUpId: id }, 'personal');
        await check(actor, VERBS.trimShow, { followUpId: id }, 'channel');
        // Acts only by those who may not (an entitled one would change the state the sweep reads).
        if (!f || actorId !== f.personId) await check(actor, VERBS.trimAnswer, { followUpId: id, answer: 'yes' }, 'personal');
        if (!f || !practitionerMay(actorId, f)) {
          await check(actor, VERBS.trimAcknowledge, { followUpId: id }, 'personal');
          await check(actor, VERBS.trimRecord, { followUpId: id, outcome: 'held', heldOn: '2026-11-30' }, 'channel');
        }
      }
      await check(actor, VERBS.trimList, {}, 'personal');
      await check(actor, VERBS.trimOffer, { personId: 'dev.patel' }, 'personal');
    }
    assert.ok(denied > 200, `refusals were exercised (${denied})`);
    assert.ok(headlinesShown >= 4, `entitled practitioners did see who wants one (${headlinesShown})`);
  });

  it('spot checks: who sees which follow-up in their list', async () => {
    const list = async (who: DemoUser) => JSON.stringify(await act(t, who, 'trim.list'));
    assert.match(await list(IRA), /Alex Moreno/);
    assert.match(await list(IRA), /Erin Walsh/);
    assert.doesNotMatch(await list(IRA), /Bea Clarke|Dev Patel|Chris Lowe/, 'not now, unanswered and not yet answered: nobody is told');
    assert.match(await list(WES), /Alex Moreno/, 'the welfare lead, once the practitioner did not act');
    for (const who of [DEMO.sam!, DEMO.dana!, DEMO.priya!, DEMO.alex!, DEMO.tom!, DEMO.hana!])
      assert.doesNotMatch(await list(who), /Alex Moreno|Erin Walsh|Bea Clarke/, `${who.name} sees none`);
  });

  it('no message Haven queued about a follow-up carries a note, and none to the line supervisor', async () => {
    const outbox = (await t.haven.outbox.list()).map((m) => m.value).filter((m) => m.purpose.startsWith('trim.'));
    assert.ok(outbox.length >= 6, `${outbox.length}`);
    for (const m of outbox) {
      for (const c of canaries) assert.ok(!JSON.stringify(m).includes(c));
      assert.ok(
        m.target.kind === 'person' && !['sam.okafor', 'priya.shah', 'dana.hughes'].includes(m.target.personId),
        JSON.stringify(m.target),
      );
    }
    assert.ok(checked > 300);
  });
});
