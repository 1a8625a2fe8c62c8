// Issue 15: what a click costs in storage. Haven talks to Azurite through the storage proxy, which logs
// every call with its start and end; for each of the four inbound verbs on a warmed instance (every
// conversation installed, each verb clicked once before) the calls of one click are counted. Counting
// is not timing: the bounds are on the number of calls and on how many had to wait for another, and
// no call may be a table scan (a read not pinned to one partition).
import assert from 'node:assert/strict';
import type { Outbox } from '../../../src/delivery/outbox.ts';
import type { OutboxMessage } from '../../../src/kernel/ports.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../../src/storage/embedded-azurite.ts';
import { DEMO, type DemoUser } from '../../support/activities.ts';
import { randomTablePrefix } from '../../support/azurite.ts';
import { FakeClock } from '../../support/clock.ts';
import { raise } from '../../support/declaration-steps.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, setUpUnit } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';
import {
  isTableScan,
  sequentialRounds,
  startStorageFaultProxy,
  type ProxiedCall,
  type StorageFaultProxy,
} from '../../support/storage-fault-proxy.ts';

const GOOD = { who5_1: '4', who5_2: '4', who5_3: '3', who5_4: '4', who5_5: '4' };
/** Long beside the CPU time between two calls sent together, so that they overlap in the log even on a busy machine. */
const LATENCY_MS = 40;
/** Issue 15's target for every inbound verb. */
const TARGET = { calls: 6, rounds: 4 };
/**
 * What each verb is held to. Where it is above the target, the rest is rows that each cost one call: an audit
 * entry is three rows (the trail and its per-subject index copies, issue 16); each message is an outbox row and
 * its place in the due queue (written first, so no message is ever without one); a request also waits for
 * clinical supervision to be brought forward (read, write, audit); an answered check-in marks its due day's
 * settled partition (the check-in job's one read a minute). These sit in different tables or partitions, so no
 * batch can join them. Calls are counted exactly; one round more than measured is allowed for a busy machine on
 * which two calls sent together may not overlap in the log. Before issue 15 (main at d7ec710) the same clicks
 * made 22, 17, 10 and 18 calls, 20, 15, 8 and 14 one after another, with 3 to 6 table scans each.
 */
const BOUNDS: Record<string, { calls: number; rounds: number }> = {
  'declaration.raise': { calls: 16, rounds: 7 },
  'alert.acknowledge': { calls: 13, rounds: 6 },
  'checkIn.open': { calls: 3, rounds: 4 },
  'checkIn.submit': { calls: 10, rounds: 7 },
};

describe('storage: what one click costs on a warmed instance (issue 15)', function () {
  this.timeout(180_000);
  let azurite: EmbeddedAzurite;
  let proxy: StorageFaultProxy;
  let t: TestHaven;
  const clock = new FakeClock('2026-11-23T09:30:00Z'); // a Monday, inside everyone's shift
  const measured: Record<string, ProxiedCall[]> = {};
  /** The alerts a measured click queued, sent afterwards on their own (the express path), so each is counted apart. */
  const queuedAlerts: Array<[string, OutboxMessage['target']]> = [];
  const express: ProxiedCall[][] = [];

  /** Sends the alerts the last click queued, as the express path does, and keeps what each send cost. */
  async function sendQueuedAlerts(): Promise<void> {
    for (const [id, target] of queuedAlerts.splice(0)) {
      express.push(
        await calls(async () => {
          t.haven.dispatcher.express(id, target);
          await t.haven.dispatcher.expressSettled();
        }),
      );
    }
  }

  /** The storage calls one action makes (the turn answers only after storing, so they are all in). */
  async function calls(action: () => Promise<unknown>): Promise<ProxiedCall[]> {
    const from = proxy.calls.length;
    await action();
    return proxy.calls.slice(from);
  }

  const describeCalls = (cs: ProxiedCall[]) =>
    cs
      .map(
        (c) =>
          `+${Math.round(c.startedAt - cs[0]!.startedAt)}..${Math.round(c.endedAt - cs[0]!.startedAt)} ms ${c.method} ${c.path.split('/').pop()}${c.query ? ` ?${c.query}` : ''}`,
      )
      .join('\n  ');

  async function checkIn(user: DemoUser): Promise<{ open: ProxiedCall[]; submit: ProxiedCall[] }> {
    let form: unknown;
    const open = await calls(async () => {
      form = await act(t, user, 'checkIn.open');
    });
    const checkInId = text(form).match(/"checkInId":"(checkin:[^"]+)"/)?.[1];
    assert.ok(checkInId, `the check-in form names its check-in: ${text(form).slice(0, 300)}`);
    let confirmation: unknown;
    const submit = await calls(async () => {
      confirmation = await act(t, user, 'checkIn.submit', { checkInId, ...GOOD });
    });
    assert.equal((await t.haven.deps.checkIns.get(checkInId))?.value.status, 'answered', text(confirmation).slice(0, 300));
    return { open, submit };
  }

  async function raiseAndAcknowledge(
    officer: DemoUser,
    responder: DemoUser,
  ): Promise<{ raise: ProxiedCall[]; acknowledge: ProxiedCall[] }> {
    let id = '';
    const r = await calls(async () => {
      id = (await raise(t, officer, { kind: 'talk', share: 'supervisor' })).id;
    });
    const a = await calls(() => act(t, responder, 'alert.acknowledge', { declarationId: id }));
    const stored = (await t.haven.deps.declarations.get(id))?.value;
    assert.ok(stored?.acknowledged, 'the acknowledgement is stored');
    return { raise: r, acknowledge: a };
  }

  before(async () => {
    azurite = await startEmbeddedAzurite();
    proxy = await startStorageFaultProxy(azurite.url);
    t = await startTestHaven({
      clock,
      env: { HAVEN_STORAGE_CONNECTION_STRING: proxy.connectionString, HAVEN_TABLE_PREFIX: randomTablePrefix() },
    });
    await setUpUnit(t);
    // Warm up: each verb once, by other people than the measured clicks.
    await raiseAndAcknowledge(DEMO.bea!, DEMO.sam!);
    await checkIn(DEMO.bea!);
    await t.tick();
    clock.advance(60_000);

    // Storage a little farther away than loopback, so that calls sent together overlap in the log even when
    // Azurite answers faster than the SDK sends the next one (the rounds count waits, not speed).
    proxy.setLatency(LATENCY_MS);
    // The alerts a click queues are sent at once by the express path, in the background, after the click has
    // stored everything and answered: their cost is the delivery's, counted apart below, not the click's.
    const outbox = t.haven.deps.notifier as Outbox;
    outbox.onAlertEnqueued((id, target) => queuedAlerts.push([id, target]));
    const d = await raiseAndAcknowledge(DEMO.alex!, DEMO.sam!);
    await sendQueuedAlerts();
    const c = await checkIn(DEMO.alex!);
    await sendQueuedAlerts();
    outbox.onAlertEnqueued((id, target) => t.haven.dispatcher.express(id, target));
    proxy.setLatency(0);
    measured['declaration.raise'] = d.raise;
    measured['alert.acknowledge'] = d.acknowledge;
    measured['checkIn.open'] = c.open;
    measured['checkIn.submit'] = c.submit;
    const summary = Object.entries(measured)
      .map(([verb, cs]) => `${verb}: ${cs.length} calls, ${sequentialRounds(cs)} sequential, ${cs.filter(isTableScan).length} scans`)
      .join('; ');
    console.log(`      inbound storage calls per click: ${summary}`);
    for (const [verb, cs] of Object.entries(measured)) console.log(`      ${verb}:\n  ${describeCalls(cs)}`);
    console.log(`      each alert sent by the express path afterwards: ${express.map((cs) => cs.length).join(', ')} calls`);
  });
  after(async () => {
    await t?.close();
    await proxy?.close();
    await azurite?.close();
  });

  for (const [verb, bound] of Object.entries(BOUNDS)) {
    const target =
      bound.calls <= TARGET.calls && bound.rounds <= TARGET.rounds ? 'within the target' : `target ${TARGET.calls} and ${TARGET.rounds}`;
    it(`${verb}: at most ${bound.calls} storage calls, at most ${bound.rounds} one after another (${target}), no table scan`, () => {
      const cs = measured[verb]!;
      assert.ok(cs.length > 0, 'the click reached storage');
      assert.deepEqual(
        cs.filter(isTableScan).map((c) => `${c.table} ?${c.query}`),
        [],
        'no table scan',
      );
      assert.ok(cs.length <= bound.calls, `${cs.length} calls:\n  ${describeCalls(cs)}`);
      assert.ok(sequentialRounds(cs) <= bound.rounds, `${sequentialRounds(cs)} sequential rounds:\n  ${describeCalls(cs)}`);
    });
  }

  it('the alerts the clicks queued were each sent on their own by the express path, with no table scan', () => {
    assert.ok(express.length > 0, 'the raise queued at least one alert');
    for (const cs of express) {
      assert.ok(
        cs.some((c) => c.method === 'PUT' && c.table?.endsWith('Outbox')),
        'the send claimed and settled its row',
      );
      assert.deepEqual(
        cs.filter(isTableScan).map((c) => `${c.table} ?${c.query}`),
        [],
        'no table scan',
      );
    }
  });
});
