// Fan-out benchmark: N bulk messages (stand-ins for check-ins, which do not exist yet) through Haven's
// real outbox (Azurite) and dispatcher (the job loop, on real time) to a fake Bot Connector on loopback
// that enforces Teams' limits (50/s per tenant, 7/s per conversation) and answers 5% of writes with 429.
// While the backlog drains, "I'm not okay" requests are raised through POST /api/messages at intervals
// and each alert's time from the click to its arrival at the connector is measured.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startHaven, type Haven } from '../../src/main.ts';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import type { ConversationTarget } from '../../src/kernel/types.ts';
import {
  DEMO,
  DEMO_BOT,
  DEMO_TENANT,
  actionExecute,
  botAddedToTeam,
  inChannel,
  installPersonal,
  message,
  type DemoUser,
} from '../../test/support/activities.ts';
import { startFakeConnector, type FakeConnector, type RecordedCall } from '../../test/support/fake-connector.ts';
import { mostInAnyWindow, percentile, round, seededRandom } from '../lib/stats.ts';

export interface FanoutOptions {
  outDir: string;
  /** Bulk messages in all. */
  count: number;
  /** Recipients; each gets count/people messages (many recipients, so the tenant limit binds). */
  people: number;
  /** "I'm not okay" requests raised while the backlog drains. */
  alerts: number;
  /** Share of connector writes answered 429 at random (on top of the enforced limits). */
  throttleShare: number;
  seed: number;
  /** Azurite in memory (default) or on disk. */
  azurite: 'memory' | 'disk';
  /**
   * Issue 15: Haven instances on the one Azurite (1 or 2). With 2, one holds the job lease and dispatches;
   * clicks alternate between the two, so half the alerts are queued by an instance that does not.
   */
  instances?: number;
  /** Issue 15: every other alert's first send is answered 429 with Retry-After: 1 (to report both kinds). */
  throttleEveryOtherAlert?: boolean;
}

export interface AlertLatency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface FanoutFigures {
  azurite?: 'memory' | 'disk';
  count: number;
  people: number;
  messagesPerPerson: number;
  tenantCeilingPerSecond: number;
  enqueue: { seconds: number; perSecond: number };
  listDueWithFullBacklogMs: number;
  /** Issue 15: finding due work (listDue, 50) after the fan-out: its 10,000 rows now history, 50 due. Median of 9. */
  listDueWithHistoryMs?: number;
  instances?: number;
  /** How long Haven's event loop (inbound turns, dispatcher) was held up while the backlog drained. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  bulk: {
    delivered: number;
    lost: number;
    duplicated: number;
    seconds: number;
    deliveredPerSecond: number;
    fractionOfCeiling: number;
    connectorRequestsPerSecond: number;
    mostAcceptedInAnySecond: number;
    rowsRetried: number;
    rowsNotSent: Record<string, number>;
  };
  connector: { calls: number; accepted: number; injected429: number; limit429: number; other: Record<string, number> };
  alerts: {
    raised: number;
    delivered: number;
    deliveredWhileBacklog: number;
    lost: number;
    duplicated: number;
    clickToDeliveryMs: { p50: number; p99: number; max: number; all: number[] };
    raiseAnswerMs: { p50: number; p99: number };
    /** Issue 15: alerts that drew no 429 on the way, and those that drew exactly one (Retry-After: 1). */
    no429?: AlertLatency;
    one429?: AlertLatency;
    moreThanOne429?: number;
  };
  timedOut: boolean;
}

const OFFICERS: DemoUser[] = [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!, DEMO.erin!, DEMO.femi!];
const NEUTRAL = 'Haven has an update for you';
const TENANT_CEILING = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function markerOf(call: RecordedCall): string | undefined {
  const body = call.body as { attachments?: { content?: { body?: { text?: string }[] } }[] } | undefined;
  const text = body?.attachments?.[0]?.content?.body?.[1]?.text;
  return text?.startsWith('bench-checkin:') ? text : undefined;
}

const ok = (c: RecordedCall) => c.status >= 200 && c.status < 300;

async function setUpDemoUnit(haven: Haven, connector: FakeConnector): Promise<void> {
  const post = (body: unknown) =>
    fetch(`${haven.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const user of Object.values(DEMO)) {
    const r = await post(installPersonal(connector.url, user));
    if (r.status !== 200) throw new Error(`installing Haven for ${user.name} answered ${r.status}`);
  }
  await post(botAddedToTeam(connector.url, DEMO.dana!));
  await post(inChannel(message(connector.url, DEMO.sam!, 'hello')));
  // Welcome cards go out before the benchmark starts, with no limits, so they are not in its figures.
  for (let i = 0; i < 10 && (await haven.dispatcher.drain(100)) > 0; i++) {
    /* until quiet */
  }
}

export async function runFanout(o: FanoutOptions, say: (line: string) => void): Promise<FanoutFigures> {
  const perPerson = Math.max(1, Math.round(o.count / o.people));
  const count = perPerson * o.people;
  const connector = await startFakeConnector();
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-fanout-'));
  const logFile = createWriteStream(join(o.outDir, 'fanout-haven.log'));
  // Azurite in memory unless asked for disk (see bench/inbound/haven-server.ts for why).
  const azurite = await startEmbeddedAzurite(o.azurite === 'disk' ? { location: join(dataDir, 'azurite') } : {});
  const config = loadConfig({
    PORT: '0',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_LOG_LEVEL: 'info',
    HAVEN_DEMO_ROSTER: 'data/demo-roster.csv',
    HAVEN_STORAGE_CONNECTION_STRING: azurite.connectionString,
  });
  const haven = await startHaven(config, { log: createLogger('info', logFile), manualJobs: true });
  // The second instance shares Azurite, the data folder (hence the data key) and the connector.
  const second = (o.instances ?? 1) > 1 ? await startHaven(config, { log: createLogger('info', logFile), manualJobs: true }) : undefined;
  const havens = second ? [haven, second] : [haven];
  try {
    await setUpDemoUnit(haven, connector);
    connector.reset();

    // Recipients: one 1:1 conversation each, all in the demo tenant.
    const people = Array.from({ length: o.people }, (_, i) => `bench.p${String(i).padStart(6, '0')}`);
    const capturedAt = new Date().toISOString();
    await pool(people, 32, async (personId) => {
      await haven.deps.conversations.put(
        {
          target: { kind: 'person', personId },
          conversationId: `a:bench-${personId}`,
          serviceUrl: connector.url,
          tenantId: DEMO_TENANT,
          botId: DEMO_BOT,
          userId: `29:${personId}`,
          capturedAt,
        },
        undefined,
      );
    });

    // Round robin over people, as a check-in job would queue one round after another.
    const ids: { id: string; target: ConversationTarget }[] = [];
    for (let k = 0; k < perPerson; k++)
      for (const personId of people) ids.push({ id: `bench-checkin:${personId}:${k}`, target: { kind: 'person', personId } });
    say(`fan-out: queueing ${count} messages for ${o.people} people`);
    const enqueueStart = performance.now();
    await pool(ids, 32, async ({ id, target }) => {
      const r = await haven.deps.notifier.enqueue({
        id,
        lane: 'bulk',
        target,
        operation: 'send',
        purpose: 'bench.checkIn',
        activity: {
          text: NEUTRAL,
          card: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: NEUTRAL },
              { type: 'TextBlock', text: id },
            ],
          },
        },
      });
      if (r !== 'created') throw new Error(`outbox refused ${id}: ${r}`);
    });
    const enqueueSeconds = (performance.now() - enqueueStart) / 1000;

    const listStart = performance.now();
    await haven.outbox.listDue(new Date(), 50);
    const listDueWithFullBacklogMs = performance.now() - listStart;

    // Teams' limits, plus 5% of writes throttled at random (seeded, so reruns throttle alike).
    const random = seededRandom(o.seed);
    let injected429 = 0;
    // Issue 15: alerts in the order their first send arrives; every other one's first send draws a 429.
    const alertsSeen: string[] = [];
    connector.enforceTeamsLimits();
    connector.failNext(Number.POSITIVE_INFINITY, {
      status: 429,
      retryAfterSeconds: 1,
      match: (call) => {
        if (call.operation !== 'sendToConversation' && call.operation !== 'updateActivity') return false;
        const alertId = call.conversationId?.startsWith('a:personal-') ? /decl-[0-9a-f]{24}/.exec(call.rawBody)?.[0] : undefined;
        if (alertId && o.throttleEveryOtherAlert && !alertsSeen.includes(alertId)) {
          alertsSeen.push(alertId);
          if (alertsSeen.length % 2 === 0) {
            injected429++;
            return true;
          }
        }
        if (random() >= o.throttleShare) return false;
        injected429++;
        return true;
      },
    });

    const bulkDelivered = new Map<string, number>();
    const alertPosts = new Map<string, number[]>();
    const alert429 = new Map<string, number>();
    let lastBulkAt = 0;
    let scanned = 0;
    const alerts: { id: string; clickedAt: number; answeredAt: number }[] = [];
    const scan = () => {
      for (; scanned < connector.calls.length; scanned++) {
        const c = connector.calls[scanned]!;
        if (c.operation === 'sendToConversation' && c.status === 429 && c.conversationId?.startsWith('a:personal-')) {
          const id = /decl-[0-9a-f]{24}/.exec(c.rawBody)?.[0];
          if (id) alert429.set(id, (alert429.get(id) ?? 0) + 1);
        }
        if (c.operation !== 'sendToConversation' || !ok(c)) continue;
        const marker = markerOf(c);
        if (marker) {
          bulkDelivered.set(marker, (bulkDelivered.get(marker) ?? 0) + 1);
          lastBulkAt = Math.max(lastBulkAt, c.timestamp);
        } else if (c.conversationId?.startsWith('a:personal-')) {
          const id = /decl-[0-9a-f]{24}/.exec(c.rawBody)?.[0];
          if (id) alertPosts.set(id, [...(alertPosts.get(id) ?? []), c.timestamp]);
        }
      }
    };

    const expectedSeconds = count / TENANT_CEILING;
    const intervalMs = Math.max(500, (expectedSeconds * 1000) / (o.alerts + 1));
    // A bound on the whole run: it always stops by itself, finished or not.
    const deadline = Date.now() + Math.max(120_000, expectedSeconds * 1000 * 6);
    say(
      `fan-out: dispatching (ceiling ${TENANT_CEILING}/s, about ${Math.round(expectedSeconds)} s at best); ${o.alerts} alerts, one every ${Math.round(intervalMs)} ms`,
    );

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t0 = Date.now();
    for (const h of havens) h.loop.start();
    const raising = (async () => {
      for (let j = 0; j < o.alerts; j++) {
        await sleep(Math.max(0, t0 + (j + 1) * intervalMs - Date.now()));
        scan();
        if (bulkDelivered.size >= count || Date.now() > deadline) break; // only during the fan-out
        const user = OFFICERS[j % OFFICERS.length]!;
        const clickedAt = Date.now();
        const r = await fetch(`${havens[j % havens.length]!.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(actionExecute(connector.url, user, 'declaration.raise', { kind: 'talk', share: 'supervisor' })),
        });
        const text = await r.text();
        const id = /decl-[0-9a-f]{24}/.exec(text)?.[0];
        if (r.status !== 200 || !id) throw new Error(`raising an alert answered ${r.status}`);
        alerts.push({ id, clickedAt, answeredAt: Date.now() });
      }
    })();

    let timedOut = false;
    let lastReport = Date.now();
    let raisingDone = false;
    void raising.finally(() => {
      raisingDone = true;
    });
    for (;;) {
      await sleep(250);
      scan();
      const alertsDone = raisingDone && alerts.every((a) => alertPosts.has(a.id));
      if (bulkDelivered.size >= count && alertsDone) break;
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        const s = (Date.now() - t0) / 1000;
        say(
          `fan-out: ${bulkDelivered.size}/${count} delivered after ${s.toFixed(0)} s (${(bulkDelivered.size / s).toFixed(1)}/s), ${alerts.length} alerts raised`,
        );
      }
    }
    await raising.catch((error: Error) => say(`fan-out: raising alerts failed: ${error.message}`));
    loopDelay.disable();
    for (const h of havens) await h.loop.stop();
    // Anything already on its way lands before the books are checked.
    await sleep(500);
    scan();

    // Finding due work once the fan-out is history: 50 due now beside the 10,000 sent rows.
    await pool(
      Array.from({ length: 50 }, (_, i) => `bench-after:${i}`),
      16,
      async (id) =>
        void (await haven.deps.notifier.enqueue({
          id,
          lane: 'bulk',
          target: { kind: 'person', personId: people[0]! },
          operation: 'send',
          purpose: 'bench.checkIn',
          activity: { text: NEUTRAL },
        })),
    );
    const historyTimes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const started = performance.now();
      await haven.outbox.listDue(new Date(), 50);
      historyTimes.push(performance.now() - started);
    }
    const listDueWithHistoryMs = percentile(historyTimes, 50);

    const rows = (await haven.outbox.list()).map((r) => r.value);
    const bulkRows = rows.filter((m) => m.id.startsWith('bench-checkin:'));
    const notSent: Record<string, number> = {};
    for (const m of bulkRows) if (m.status !== 'sent') notSent[m.status] = (notSent[m.status] ?? 0) + 1;
    const statusOf = new Map(bulkRows.map((m) => [m.id, m.status]));
    // Delivered means both: the connector accepted it, and the outbox row says sent.
    const delivered = ids.filter(({ id }) => (bulkDelivered.get(id) ?? 0) >= 1 && statusOf.get(id) === 'sent').length;
    const duplicated = [...bulkDelivered.values()].filter((n) => n > 1).length;
    const seconds = (lastBulkAt - t0) / 1000;

    const writes = connector.calls.filter((c) => c.operation === 'sendToConversation' || c.operation === 'updateActivity');
    const accepted = writes.filter(ok);
    const all429 = writes.filter((c) => c.status === 429).length;
    const other: Record<string, number> = {};
    for (const c of writes) if (!ok(c) && c.status !== 429) other[String(c.status)] = (other[String(c.status)] ?? 0) + 1;
    const bulkWindowEnd = lastBulkAt || Date.now();
    const callsDuringBulk = writes.filter((c) => c.timestamp <= bulkWindowEnd).length;

    const delays = alerts.filter((a) => alertPosts.has(a.id)).map((a) => Math.min(...alertPosts.get(a.id)!) - a.clickedAt);
    const deliveredWhileBacklog = alerts.filter((a) => alertPosts.has(a.id) && Math.min(...alertPosts.get(a.id)!) < lastBulkAt).length;
    const answers = alerts.map((a) => a.answeredAt - a.clickedAt);
    const latencyOf = (group: typeof alerts): AlertLatency => {
      const d = group.filter((a) => alertPosts.has(a.id)).map((a) => Math.min(...alertPosts.get(a.id)!) - a.clickedAt);
      return d.length
        ? { count: d.length, p50: percentile(d, 50), p99: percentile(d, 99), max: Math.max(...d) }
        : { count: 0, p50: 0, p99: 0, max: 0 };
    };

    return {
      azurite: o.azurite,
      count,
      people: o.people,
      messagesPerPerson: perPerson,
      tenantCeilingPerSecond: TENANT_CEILING,
      enqueue: { seconds: round(enqueueSeconds, 1), perSecond: round(count / enqueueSeconds, 0) },
      listDueWithFullBacklogMs: round(listDueWithFullBacklogMs, 0),
      listDueWithHistoryMs: round(listDueWithHistoryMs, 1),
      instances: havens.length,
      eventLoopDelayMs: {
        p50: round(loopDelay.percentile(50) / 1e6, 1),
        p99: round(loopDelay.percentile(99) / 1e6, 1),
        max: round(loopDelay.max / 1e6, 1),
      },
      bulk: {
        delivered,
        lost: count - delivered,
        duplicated,
        seconds: round(seconds, 1),
        deliveredPerSecond: round(delivered / seconds, 2),
        fractionOfCeiling: round(delivered / seconds / TENANT_CEILING, 3),
        connectorRequestsPerSecond: round(callsDuringBulk / seconds, 2),
        mostAcceptedInAnySecond: mostInAnyWindow(
          accepted.map((c) => c.timestamp),
          1000,
        ),
        rowsRetried: bulkRows.filter((m) => m.attempts > 1).length,
        rowsNotSent: notSent,
      },
      connector: { calls: writes.length, accepted: accepted.length, injected429, limit429: all429 - injected429, other },
      alerts: {
        raised: alerts.length,
        delivered: delays.length,
        deliveredWhileBacklog,
        lost: alerts.length - delays.length,
        duplicated: alerts.filter((a) => (alertPosts.get(a.id)?.length ?? 0) > 1).length,
        clickToDeliveryMs: { p50: percentile(delays, 50), p99: percentile(delays, 99), max: Math.max(...delays), all: delays },
        raiseAnswerMs: { p50: percentile(answers, 50), p99: percentile(answers, 99) },
        no429: latencyOf(alerts.filter((a) => !alert429.has(a.id))),
        one429: latencyOf(alerts.filter((a) => alert429.get(a.id) === 1)),
        moreThanOne429: alerts.filter((a) => (alert429.get(a.id) ?? 0) > 1).length,
      },
      timedOut,
    };
  } finally {
    await second?.close();
    await haven.close();
    await azurite.close();
    await connector.close();
    logFile.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
