// The admin card in Teams (issue 16 part 4): an administrator sees delivery health (backlog by lane, the
// oldest waiting, dead letters, who Haven cannot reach and why), the job loop's lease and the roster sync;
// anyone else is refused, audited, and shown nothing. "Retry" puts a dead letter back in the outbox and
// the dispatcher delivers it; "Re-run the sync" runs the roster sync (a fake RosterSyncPort, our own seam)
// and the card shows its counts. Canaries planted in a request's note and in the dead letter's own text
// never reach the card.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO, actionExecute, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { actionsOf, cardIn, factsOf, text } from '../../support/sent-cards.ts';
import { neutralCard, row } from '../../support/delivery.ts';
import type { RosterSyncPort, RosterSyncSummary } from '../../../src/kernel/ports.ts';
import type { Person } from '../../../src/kernel/types.ts';

const ADA: DemoUser = { id: '29:haven-demo-ada', aadObjectId: '00000000-0000-4000-8000-000000000099', name: 'Ada Brook' };
const NOTE_CANARY = `CANARY-NOTE-${randomUUID()}`;
const LETTER_CANARY = `CANARY-LETTER-${randomUUID()}`;
const BLOCKED_CANARY = `CANARY-BLOCKED-${randomUUID()}`;
const DEAD_ID = 'checkin-prompt-bea-dead';

async function typed(t: TestHaven, user: DemoUser, words: string): Promise<any> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  const calls = await t.connector.waitFor((all) => all.slice(before).some((c) => c.conversationId === personalChatId(user)));
  return cardIn(calls.slice(before).find((c) => c.conversationId === personalChatId(user))!);
}

async function click(t: TestHaven, user: DemoUser, verb: string, data: Record<string, unknown> = {}): Promise<any> {
  const r = await t.post(actionExecute(t.connector.url, user, verb, data));
  assert.equal(r.status, 200);
  assert.equal(r.body?.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(r.body).slice(0, 300));
  return r.body.value;
}

const fact = (card: unknown, title: string) => factsOf(card).find((f) => f.title === title)?.value;

function assertNothingPrivate(card: unknown): void {
  const s = text(card);
  for (const c of [NOTE_CANARY, LETTER_CANARY, BLOCKED_CANARY]) assert.ok(!s.includes(c), `${c} reached the admin card`);
  // Nothing about what anyone raised: no request words, no raiser.
  assert.doesNotMatch(s, /wants to leave|needs a break|would like to talk|is what I keep seeing/);
}

describe('operations: the admin card', function () {
  this.timeout(60_000);
  let t: TestHaven;

  before(async () => {
    t = await startTestHaven();
    const dana = (await t.haven.deps.people.get('dana.hughes'))!.value;
    const ada: Person = {
      ...dana,
      id: 'ada.brook',
      name: 'Ada Brook',
      teamsUserId: ADA.id,
      aadObjectId: ADA.aadObjectId,
      roles: ['admin'],
      supervisorId: 'dana.hughes',
    };
    await t.haven.deps.people.create(ada);
    // Installed: Alex, Bea, Sam, Dana, Ada. Everyone else on the demo roster has no chat with Haven.
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.sam!, DEMO.dana!, ADA]);

    // Wellbeing content in storage: a request with a note (its alert goes to Sam and is delivered).
    await raise(t, DEMO.alex!, { kind: 'talk', share: 'supervisor', note: `${NOTE_CANARY} is what I keep seeing` });
    await t.tick();

    // Femi left the unit.
    const femi = (await t.haven.deps.people.get('femi.adeyemi'))!;
    await t.haven.deps.people.save({ ...femi.value, leftOn: '2026-11-30' }, femi.version);

    // Sam blocked Haven: the next message to him is refused with 403.
    t.connector.blockConversation(personalChatId(DEMO.sam!));
    await t.haven.deps.notifier.enqueue({
      id: 'blocked-sam-1',
      lane: 'bulk',
      target: { kind: 'person', personId: 'sam.okafor' },
      operation: 'send',
      activity: { text: 'Haven has an update for you', card: neutralCard(BLOCKED_CANARY) },
      purpose: 'care.reminder',
    });
    // A dead letter: Teams refuses a message to Bea for good (400).
    t.connector.failNext(1, { status: 400, code: 'BadArgument', match: (c) => c.conversationId === personalChatId(DEMO.bea!) });
    await t.haven.deps.notifier.enqueue({
      id: DEAD_ID,
      lane: 'bulk',
      target: { kind: 'person', personId: 'bea.clarke' },
      operation: 'send',
      activity: { text: 'Haven has an update for you', card: neutralCard(LETTER_CANARY) },
      purpose: 'checkIn.prompt',
    });
    await t.tick();
    assert.equal((await row(t, 'blocked-sam-1')).status, 'unreachable');
    assert.equal((await row(t, DEAD_ID)).status, 'failed');

    // A backlog that waits for the next tick: one alert, two bulk messages, the oldest queued 90 minutes ago.
    // An alert goes at once (issue 15's express path) unless Teams refuses it for now: this one draws a
    // 503 and waits for its retry.
    const waiting = (id: string, lane: 'alert' | 'bulk', personId: string) =>
      t.haven.deps.notifier.enqueue({
        id,
        lane,
        target: { kind: 'person', personId },
        operation: 'send',
        activity: { text: 'Haven has an update for you', card: neutralCard(id) },
        purpose: 'digest',
      });
    await waiting('waiting-1', 'bulk', 'dana.hughes');
    t.clock.advance(60 * 60_000);
    await waiting('waiting-2', 'bulk', 'dana.hughes');
    t.connector.failNext(1, { status: 503, match: (c) => c.conversationId === personalChatId(DEMO.dana!) });
    await waiting('waiting-3', 'alert', 'dana.hughes');
    await t.haven.dispatcher.expressSettled();
    assert.equal((await row(t, 'waiting-3')).status, 'pending');
    assert.equal((await row(t, 'waiting-3')).attempts, 1);
    t.clock.advance(30 * 60_000);
  });
  after(async () => t?.close());

  it('an administrator types "admin": backlog by lane, oldest waiting, the dead letter, who cannot be reached and why, the lease, the sync', async () => {
    t.clock.advance(1);
    const since = t.clock.now().toISOString();
    const card = await typed(t, ADA, 'admin');
    assert.match(text(card), /Haven: delivery and operations/);
    assert.equal(fact(card, 'Alerts waiting'), '1');
    assert.equal(fact(card, 'Other messages waiting'), '2');
    assert.equal(fact(card, 'Oldest waiting'), 'queued 1 h 30 min ago');
    assert.match(text(card), /Dead letters in the last 7 days: 1/);
    assert.match(text(card), /"Check-in"/);
    assert.match(text(card), /Teams refused it \(400\)/);
    const retry = actionsOf(card).filter((a) => a.verb === 'admin.retry');
    assert.deepEqual(
      retry.map((a) => a.data.messageId),
      [DEAD_ID],
    );
    assert.match(fact(card, 'Sam Okafor') ?? '', /blocked or removed Haven/);
    assert.equal(fact(card, 'Femi Adeyemi'), 'left the unit on 30 Nov 2026');
    assert.match(fact(card, 'Priya Shah') ?? '', /not installed/);
    assert.equal(fact(card, 'Alex Moreno'), undefined, 'Alex is reachable');
    assert.equal(fact(card, 'Bea Clarke'), undefined, 'one refused message is a dead letter, not an unreachable person');
    // No tick for 90 minutes (the fake clock moved): the card says the lease ran out.
    assert.match(fact(card, 'Lease holder') ?? '', /^this instance \(process \d+\), lease expired$/);
    assert.match(fact(card, 'Last tick') ?? '', /1 h 30 min ago/);
    assert.match(fact(card, 'Attention') ?? '', /no instance is running the jobs now/);
    assert.match(text(card), /Roster sync from Entra ID is not set up/);
    assert.equal(actionsOf(card).filter((a) => a.verb === 'admin.resync').length, 0, 'no button for a sync that is not set up');
    assertNothingPrivate(card);
    // No internal id on the card: ids ride on buttons only.
    const shown = text({ body: card.body.map((b: any) => ({ ...b, items: b.items?.filter((i: any) => i.type !== 'ActionSet') })) });
    for (const id of ['sam.okafor', 'femi.adeyemi', 'priya.shah', DEAD_ID, 'blocked-sam-1'])
      assert.ok(!shown.includes(id), `${id} is shown`);
    const audit = (await auditSince(t, since)).filter((a) => a.action === 'admin.read');
    assert.deepEqual(
      audit.map((a) => [a.actor, a.outcome]),
      [['ada.brook', 'ok']],
    );
  });

  it('anyone else is refused: the department head typing "admin", or clicking Retry or Re-run with a copied payload; nothing changes', async () => {
    t.clock.advance(1);
    const since = t.clock.now().toISOString();
    for (const user of [DEMO.dana!, DEMO.alex!]) {
      const card = await typed(t, user, 'admin');
      assert.match(text(card), /The admin card is for Haven’s administrators/);
      assert.doesNotMatch(text(card), /Dead letters|Sam Okafor|Femi Adeyemi|waiting/);
    }
    const retried = await click(t, DEMO.dana!, 'admin.retry', { messageId: DEAD_ID });
    assert.match(text(retried), /The admin card is for Haven’s administrators/);
    assert.equal((await row(t, DEAD_ID)).status, 'failed', 'the dead letter stays where it was');
    const resync = await click(t, DEMO.sam!, 'admin.resync');
    assert.match(text(resync), /The admin card is for Haven’s administrators/);
    const shown = await click(t, DEMO.bea!, 'admin.show');
    assert.match(text(shown), /The admin card is for Haven’s administrators/);
    const audit = await auditSince(t, since);
    assert.deepEqual(
      audit
        .filter((a) => a.action.startsWith('admin.'))
        .map((a) => [a.actor, a.action, a.outcome].join(' '))
        .sort(),
      [
        'alex.moreno admin.read denied',
        'bea.clarke admin.read denied',
        'dana.hughes admin.read denied',
        'dana.hughes admin.retry denied',
        'sam.okafor admin.resync denied',
      ],
    );
  });

  it('a malformed Retry payload changes nothing and says what was wrong', async () => {
    t.clock.advance(1);
    const since = t.clock.now().toISOString();
    const card = await click(t, ADA, 'admin.retry', {});
    assert.match(text(card), /does not say which message to retry/);
    assert.deepEqual(
      (await auditSince(t, since)).filter((a) => a.action === 'admin.retry'),
      [],
    );
  });

  it('"Retry" puts the dead letter back in the outbox, audited; the dispatcher delivers it; a second click changes nothing', async () => {
    t.clock.advance(1);
    const since = t.clock.now().toISOString();
    const card = await click(t, ADA, 'admin.retry', { messageId: DEAD_ID });
    assert.match(text(card), /Queued again: the check-in goes out with the next delivery pass/);
    assert.match(text(card), /Dead letters in the last 7 days: 0/);
    assertNothingPrivate(card);
    const queued = await row(t, DEAD_ID);
    assert.equal(queued.status, 'pending');
    assert.equal(queued.attempts, 0);
    const audit = (await auditSince(t, since)).filter((a) => a.action === 'admin.retry');
    assert.deepEqual(
      audit.map((a) => [a.actor, a.subject, a.reason, a.outcome]),
      [['ada.brook', `outbox:${DEAD_ID}`, 'checkIn.prompt', 'ok']],
    );

    const before = t.connector.calls.length;
    await t.tick();
    const delivered = await row(t, DEAD_ID);
    // The tick renewed the lease: the card says so.
    const after = await click(t, ADA, 'admin.show');
    assert.match(fact(after, 'Lease holder') ?? '', /^this instance \(process \d+\)$/);
    assert.match(fact(after, 'Last tick') ?? '', /\(0 min ago\)$/);
    assert.equal(fact(after, 'Alerts waiting'), '0');
    assert.equal(fact(after, 'Oldest waiting'), 'nothing is waiting');
    assert.equal(delivered.status, 'sent');
    const posts = t.connector.calls
      .slice(before)
      .filter((c) => c.conversationId === personalChatId(DEMO.bea!) && c.operation === 'sendToConversation')
      .filter((c) => text(cardIn(c)).includes(LETTER_CANARY));
    assert.equal(posts.length, 1, 'the message itself reached Bea, once');
    assert.ok(posts[0]!.status >= 200 && posts[0]!.status < 300);

    const again = await click(t, ADA, 'admin.retry', { messageId: DEAD_ID });
    assert.match(text(again), /no longer a dead letter/);
    assert.equal((await row(t, DEAD_ID)).status, 'sent');
    assert.equal((await auditSince(t, since)).filter((a) => a.action === 'admin.retry').length, 1);
  });

  it('"Re-run the sync" runs the roster sync as this admin and the card shows the new counts', async () => {
    const runs: { trigger: string; by?: string }[] = [];
    let last: RosterSyncSummary | undefined;
    const fake: RosterSyncPort = {
      configured: true,
      lastRun: async () => last,
      async runNow(trigger, by) {
        runs.push({ trigger, ...(by ? { by } : {}) });
        last = {
          at: t.clock.now().toISOString(),
          trigger,
          outcome: 'applied',
          added: 4,
          updated: 7,
          left: 2,
          problems: 0,
          installFailures: 1,
        };
        return last;
      },
    };
    const original = t.haven.deps.rosterSync;
    t.haven.deps.rosterSync = fake;
    try {
      const before = await click(t, ADA, 'admin.show');
      assert.match(text(before), /The roster sync has not run yet/);
      assert.equal(actionsOf(before).filter((a) => a.verb === 'admin.resync').length, 1);

      t.clock.advance(1);
      const since = t.clock.now().toISOString();
      const card = await click(t, ADA, 'admin.resync');
      assert.deepEqual(runs, [{ trigger: 'admin', by: 'ada.brook' }]);
      assert.match(text(card), /The roster sync ran: applied/);
      assert.equal(fact(card, 'Added, updated, left'), '4, 7, 2');
      assert.equal(fact(card, 'Problems'), '0');
      assert.equal(fact(card, 'Could not install Haven for'), '1 person');
      assert.match(fact(card, 'Last run') ?? '', /by an admin$/);
      const audit = (await auditSince(t, since)).filter((a) => a.action === 'admin.resync');
      assert.deepEqual(
        audit.map((a) => [a.actor, a.outcome]),
        [['ada.brook', 'ok']],
      );
      assert.match(audit[0]!.reason, /^applied: added 4, updated 7, left 2, problems 0, install failures 1$/);
    } finally {
      t.haven.deps.rosterSync = original;
    }
  });

  it('logs carry no names, notes or message text', () => {
    const logs = JSON.stringify(t.logs);
    for (const c of [NOTE_CANARY, LETTER_CANARY, BLOCKED_CANARY, 'Ada Brook', 'Femi Adeyemi'])
      assert.ok(!logs.includes(c), `${c} is in the logs`);
  });
});
