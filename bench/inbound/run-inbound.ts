// Inbound benchmark: autocannon on loopback against POST /api/messages, Haven (storage on Azurite)
// side by side with a bare teams-ai echo bot on the same restify/botbuilder stack, in one run.
//
// Each autocannon connection repeats a pair of real-shaped Action.Execute invokes:
//   1. `declaration.raise` by one of the demo unit's officers (each stores one declaration row), then
//   2. `alert.acknowledge` of that very declaration by the responder Haven named in its answer.
// The echo bot gets byte-for-byte the same kind of requests (its acknowledgement names a placeholder id).
// After a warm-up of each, the two targets are measured in alternating rounds (echo then Haven, Haven
// then echo, ...) so drift on a shared machine falls on both alike; ratios come from the medians.
// Runs use a fixed number of requests (not a duration), so every request sent has its answer counted
// and the stored rows can be compared with the 2xx answers exactly.
import { join } from 'node:path';
import autocannon, { type RawRequest, type Result } from 'autocannon';
import { DEMO, actionExecute, botAddedToTeam, inChannel, installPersonal, message, type DemoUser } from '../../test/support/activities.ts';
import { startFakeConnector } from '../../test/support/fake-connector.ts';
import { startOpenIdServer, type OpenIdServer } from '../../test/support/openid-server.ts';
import { startChild, type ChildServer } from '../lib/child.ts';
import { round } from '../lib/stats.ts';

export interface InboundOptions {
  outDir: string;
  /** token: production mode with validly signed channel tokens (local OpenID server); local: no authentication. */
  auth: 'token' | 'local';
  connections: number;
  /** Target length of each measured run, in seconds (the request count is sized from the last rate seen). */
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  /** Azurite in memory (default) or on disk. */
  azurite: 'memory' | 'disk';
  /** Write V8 CPU profiles of both servers here (for finding where the time goes; figures are slower). */
  profileDir?: string;
}

interface KindCounts {
  sent: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  other: number;
}

export interface TargetFigures {
  target: 'haven' | 'echo';
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; average: number; max: number };
  statusCodes: Record<string, number>;
  s2xx: number;
  s5xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  raise: KindCounts;
  acknowledge: KindCounts;
}

export interface RoundFigures {
  order: ('echo' | 'haven')[];
  echo: TargetFigures;
  haven: TargetFigures;
  throughputRatio: number;
  p50Ratio: number;
  p99Ratio: number;
}

export interface InboundFigures {
  auth: 'token' | 'local';
  azurite?: 'memory' | 'disk';
  connections: number;
  rounds: RoundFigures[];
  /** Medians over the rounds (req/s, p50, p90, p99, max), sums of the counts. */
  echo: TargetFigures;
  haven: TargetFigures;
  /** Ratios of the medians, Haven / echo. */
  throughputRatio: number;
  p50Ratio: number;
  p99Ratio: number;
  /** Lowest and highest ratio seen in any one round. */
  ratioRange: { throughput: [number, number]; p50: [number, number]; p99: [number, number] };
  storage: {
    declarationRowsStored: number;
    raise2xx: number;
    acknowledgedStored: number;
    acknowledge2xx: number;
    outboxRowsQueued: number;
    rowsEqual2xx: boolean;
  };
  memory: { havenMaxRssBytes: number; echoMaxRssBytes: number };
  /** CPU time of each server's own process per request in the measured runs (Azurite's is not in Haven's). */
  cpuMsPerRequest: { haven: number; echo: number };
  connectorCallsDuringRun: number;
  /** Fetches of the local OpenID server's metadata and keys (botbuilder caches them; a handful is right). */
  openIdFetches?: Record<string, number>;
}

interface Ctx {
  declarationId?: string;
  responder?: DemoUser;
}

const OFFICERS: DemoUser[] = [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!, DEMO.erin!, DEMO.femi!];
const KINDS = ['talk', 'break', 'leave'] as const;
const PLACEHOLDER_ID = 'decl-000000000000000000000000';
const BY_NAME = new Map(Object.values(DEMO).map((u) => [u.name, u]));
/** The bot's app id in token mode (a made-up GUID; nothing leaves the machine). */
const APP_ID = '11111111-2222-4333-8444-555555555555';
/** The Bot Framework's own Entra tenant: the issuer botbuilder expects on "emulator" tokens. */
const BOT_FRAMEWORK_TENANT_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

const emptyCounts = (): KindCounts => ({ sent: 0, s2xx: 0, s4xx: 0, s5xx: 0, other: 0 });

function count(c: KindCounts, status: number): void {
  if (status >= 200 && status < 300) c.s2xx++;
  else if (status >= 400 && status < 500) c.s4xx++;
  else if (status >= 500) c.s5xx++;
  else c.other++;
}

/** One autocannon run of `amount` requests (raise/acknowledge pairs) against `url`. */
async function load(
  url: string,
  serviceUrl: string,
  headers: Record<string, string>,
  connections: number,
  amount: number,
): Promise<{ result: Result; raise: KindCounts; acknowledge: KindCounts }> {
  const raise = emptyCounts();
  const acknowledge = emptyCounts();
  let sequence = 0;
  const instance = autocannon<Ctx>({
    url,
    connections,
    amount,
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    initialContext: {},
    requests: [
      {
        setupRequest(request: RawRequest) {
          const n = sequence++;
          const user = OFFICERS[n % OFFICERS.length]!;
          const kind = KINDS[Math.floor(n / OFFICERS.length) % KINDS.length]!;
          const data: Record<string, unknown> = { kind, share: n % 4 === 0 ? 'supervisorAndHead' : 'supervisor' };
          if (n % 2 === 0) data.note = 'Rough week on the grading queue; would like to talk.';
          raise.sent++;
          return { ...request, body: JSON.stringify(actionExecute(serviceUrl, user, 'declaration.raise', data)) };
        },
        onResponse(status: number, body: string, context: Ctx) {
          count(raise, status);
          const id = /"declarationId":"(decl-[0-9a-f]{24})"/.exec(body)?.[1];
          const responder = /([A-Z][a-z]+ [A-Z][a-z]+) has been alerted privately/.exec(body)?.[1];
          context.declarationId = id;
          // Haven names who it alerted; the department head is entitled to act when it names nobody.
          context.responder = (responder ? BY_NAME.get(responder) : undefined) ?? DEMO.dana!;
        },
      },
      {
        setupRequest(request: RawRequest, context: Ctx) {
          acknowledge.sent++;
          const by = context.responder ?? DEMO.sam!;
          return {
            ...request,
            body: JSON.stringify(
              actionExecute(serviceUrl, by, 'alert.acknowledge', { declarationId: context.declarationId ?? PLACEHOLDER_ID }),
            ),
          };
        },
        onResponse(status: number) {
          count(acknowledge, status);
        },
      },
    ],
  });
  const result = await instance;
  return { result, raise, acknowledge };
}

function figures(target: 'haven' | 'echo', run: Awaited<ReturnType<typeof load>>): TargetFigures {
  const r = run.result;
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, Number(v.count)]));
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const durationS = (r.finish.getTime() - r.start.getTime()) / 1000;
  return {
    target,
    requests: answered,
    durationS: round(durationS, 2),
    requestsPerSecond: round(answered / durationS, 1),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, average: round(r.latency.average, 2), max: r.latency.max },
    statusCodes,
    s2xx: r['2xx'],
    s5xx: r['5xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    raise: run.raise,
    acknowledge: run.acknowledge,
  };
}

/** Rounds up to whole raise/acknowledge pairs on every connection. */
function pairsFor(requests: number, connections: number): number {
  const unit = connections * 2;
  return Math.max(unit, Math.ceil(requests / unit) * unit);
}

type Run = Awaited<ReturnType<typeof load>>;
type Counts = { declarations: number; acknowledged: number; outbox: number };

const rateOf = (run: Run) => (run.raise.sent + run.acknowledge.sent) / ((run.result.finish.getTime() - run.result.start.getTime()) / 1000);

/** A short probe, then warm-ups (JIT, connection pools, the OpenID key cache) until one lasts about `seconds`; answers the last rate. */
async function warmUp(url: string, serviceUrl: string, headers: Record<string, string>, o: InboundOptions): Promise<number> {
  let warm = await load(url, serviceUrl, headers, o.connections, pairsFor(o.connections * 4, o.connections));
  // A cold server is slow, so a warm-up sized from a cold rate ends early: repeat until one lasts.
  for (let i = 0; i < 4; i++) {
    warm = await load(url, serviceUrl, headers, o.connections, pairsFor(rateOf(warm) * o.warmupSeconds, o.connections));
    if (warm.result.finish.getTime() - warm.result.start.getTime() >= 700 * o.warmupSeconds) break;
  }
  return rateOf(warm);
}

const medianOf = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function sumCounts(list: KindCounts[]): KindCounts {
  return list.reduce(
    (a, c) => ({ sent: a.sent + c.sent, s2xx: a.s2xx + c.s2xx, s4xx: a.s4xx + c.s4xx, s5xx: a.s5xx + c.s5xx, other: a.other + c.other }),
    emptyCounts(),
  );
}

/** One target's figures over all rounds: medians of the per-round rates and percentiles, sums of the counts. */
function combine(target: 'haven' | 'echo', list: TargetFigures[]): TargetFigures {
  const statusCodes: Record<string, number> = {};
  for (const t of list) for (const [code, c] of Object.entries(t.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + c;
  const sum = (f: (t: TargetFigures) => number) => list.reduce((a, t) => a + f(t), 0);
  return {
    target,
    requests: sum((t) => t.requests),
    durationS: round(
      sum((t) => t.durationS),
      2,
    ),
    requestsPerSecond: round(medianOf(list.map((t) => t.requestsPerSecond)), 1),
    latencyMs: {
      p50: medianOf(list.map((t) => t.latencyMs.p50)),
      p90: medianOf(list.map((t) => t.latencyMs.p90)),
      p99: medianOf(list.map((t) => t.latencyMs.p99)),
      average: round(medianOf(list.map((t) => t.latencyMs.average)), 2),
      max: Math.max(...list.map((t) => t.latencyMs.max)),
    },
    statusCodes,
    s2xx: sum((t) => t.s2xx),
    s5xx: sum((t) => t.s5xx),
    non2xx: sum((t) => t.non2xx),
    errors: sum((t) => t.errors),
    timeouts: sum((t) => t.timeouts),
    raise: sumCounts(list.map((t) => t.raise)),
    acknowledge: sumCounts(list.map((t) => t.acknowledge)),
  };
}

const ratios = (haven: TargetFigures, echo: TargetFigures) => ({
  throughputRatio: round(haven.requestsPerSecond / echo.requestsPerSecond, 4),
  p50Ratio: round(haven.latencyMs.p50 / echo.latencyMs.p50, 2),
  p99Ratio: round(haven.latencyMs.p99 / echo.latencyMs.p99, 2),
});

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

export async function runInbound(o: InboundOptions, say: (line: string) => void): Promise<InboundFigures> {
  const connector = await startFakeConnector();
  let channel: OpenIdServer | undefined;
  let entra: OpenIdServer | undefined;
  let haven: ChildServer | undefined;
  let echo: ChildServer | undefined;
  try {
    const env: Record<string, string> = { HAVEN_BENCH_AUTH: o.auth, HAVEN_BENCH_AZURITE: o.azurite };
    const headers: Record<string, string> = {};
    if (o.auth === 'token') {
      channel = await startOpenIdServer({ endorsements: ['msteams'] });
      entra = await startOpenIdServer({ issuer: BOT_FRAMEWORK_TENANT_ISSUER, endorsements: [] });
      Object.assign(env, {
        HAVEN_BENCH_APP_ID: APP_ID,
        HAVEN_BENCH_CHANNEL_METADATA: channel.metadataUrl,
        HAVEN_BENCH_EMULATOR_METADATA: entra.metadataUrl,
      });
      // One channel token for the whole run, as the Teams service reuses a token until it expires.
      headers.authorization = `Bearer ${await channel.mint(channel.channelClaims(APP_ID, connector.url), { expiresIn: 3600 })}`;
    }
    const nodeArgs = o.profileDir ? ['--cpu-prof', '--cpu-prof-dir', o.profileDir] : [];
    [haven, echo] = await Promise.all([
      startChild('bench/inbound/haven-server.ts', join(o.outDir, 'inbound-haven.log'), env, nodeArgs),
      startChild('bench/inbound/echo-server.ts', join(o.outDir, 'inbound-echo.log'), env, nodeArgs),
    ]);
    const servers = { haven, echo };
    say(
      `inbound: Haven at ${haven.url}, echo bot at ${echo.url} (${o.auth === 'token' ? 'production mode, signed channel tokens' : 'local mode, no authentication'})`,
    );

    // The demo unit installs Haven first, as in Teams: conversation references exist before anyone clicks.
    const post = (body: unknown) =>
      fetch(haven!.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    for (const user of Object.values(DEMO)) {
      const r = await post(installPersonal(connector.url, user));
      if (r.status !== 200) throw new Error(`installing Haven for ${user.name} answered ${r.status}`);
    }
    await post(botAddedToTeam(connector.url, DEMO.dana!));
    await post(inChannel(message(connector.url, DEMO.sam!, 'hello')));
    const callsBefore = connector.calls.length;

    say(`inbound: warming up both (${o.connections} connections)`);
    const rate = { echo: await warmUp(echo.url, connector.url, headers, o), haven: await warmUp(haven.url, connector.url, headers, o) };
    // Rows written by the warm-ups are counted out: the comparison covers the measured runs only.
    const before: Counts = await haven.ask<Counts>('counts');
    const cpuBefore = { haven: await haven.ask<number>('cpu'), echo: await echo.ask<number>('cpu') };

    const rounds: RoundFigures[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const order: ('echo' | 'haven')[] = r % 2 === 0 ? ['echo', 'haven'] : ['haven', 'echo'];
      say(`inbound: round ${r + 1} of ${o.rounds} (${order.join(' then ')}, ~${o.seconds} s each)`);
      const got: Partial<Record<'echo' | 'haven', TargetFigures>> = {};
      for (const target of order) {
        // At least 20 requests per connection, so a slow target still gives its percentiles some samples.
        const run = await load(
          servers[target].url,
          connector.url,
          headers,
          o.connections,
          pairsFor(Math.max(rate[target] * o.seconds, o.connections * 20), o.connections),
        );
        rate[target] = rateOf(run);
        got[target] = figures(target, run);
      }
      rounds.push({ order, echo: got.echo!, haven: got.haven!, ...ratios(got.haven!, got.echo!) });
    }

    // CPU first: reading the counts back is work of its own.
    const cpu = { haven: (await haven.ask<number>('cpu')) - cpuBefore.haven, echo: (await echo.ask<number>('cpu')) - cpuBefore.echo };
    const after = await haven.ask<Counts>('counts');
    const echoFigures = combine(
      'echo',
      rounds.map((r) => r.echo),
    );
    const havenFigures = combine(
      'haven',
      rounds.map((r) => r.haven),
    );
    const havenMemory = await haven.ask<{ maxRssBytes: number }>('memory');
    const echoMemory = await echo.ask<{ maxRssBytes: number }>('memory');
    const declarationRowsStored = after.declarations - before.declarations;
    const acknowledgedStored = after.acknowledged - before.acknowledged;
    return {
      auth: o.auth,
      azurite: o.azurite,
      connections: o.connections,
      rounds,
      echo: echoFigures,
      haven: havenFigures,
      ...ratios(havenFigures, echoFigures),
      ratioRange: {
        throughput: range(rounds.map((r) => r.throughputRatio)),
        p50: range(rounds.map((r) => r.p50Ratio)),
        p99: range(rounds.map((r) => r.p99Ratio)),
      },
      storage: {
        declarationRowsStored,
        raise2xx: havenFigures.raise.s2xx,
        acknowledgedStored,
        acknowledge2xx: havenFigures.acknowledge.s2xx,
        outboxRowsQueued: after.outbox - before.outbox,
        rowsEqual2xx: declarationRowsStored === havenFigures.raise.s2xx && acknowledgedStored === havenFigures.acknowledge.s2xx,
      },
      memory: { havenMaxRssBytes: havenMemory.maxRssBytes, echoMaxRssBytes: echoMemory.maxRssBytes },
      cpuMsPerRequest: { haven: round(cpu.haven / havenFigures.requests, 2), echo: round(cpu.echo / echoFigures.requests, 2) },
      connectorCallsDuringRun: connector.calls.length - callsBefore,
      ...(channel ? { openIdFetches: { ...channel.hits } } : {}),
    };
  } finally {
    await Promise.all([haven?.stop(), echo?.stop()]);
    await Promise.all([connector.close(), channel?.close(), entra?.close()]);
  }
}
