// Inbound benchmark (issue 15): autocannon on loopback against POST /api/messages. Three targets side
// by side in one run: Haven, the *stateful* echo bot (teams-ai turn state in Azure Table Storage: a
// read and a write per turn, the anchor of the targets) and the bare echo bot (stores nothing: a
// reference line). Haven and the stateful echo bot each have their own Azurite, in its own process,
// behind the counting proxy of test/support (bench/lib/storage-child.ts), which can add a fixed delay
// to every storage call (--storage-latency).
//
// Each autocannon connection repeats four real-shaped Action.Execute invokes:
//   1. `declaration.raise` by an officer of the unit (stores a declaration, its audit and outbox rows),
//   2. `alert.acknowledge` of that very declaration by the officer's supervisor,
//   3. `checkIn.open` ("check in") by a member of the unit who receives check-ins (the least recently
//      used one), which answers the open check-in's form (an on-demand one when none is due),
//   4. `checkIn.submit` of that form's check-in by the same person, with answers.
// The echo bots get the same kind of requests. After a warm-up of each, the three are measured in
// rotating order round after round so drift on a shared machine falls on all alike.
// Runs use a fixed number of requests (not a duration), so every request sent has its answer counted
// and the stored rows can be compared with the 2xx answers exactly.
//
// Then a single-connection probe (one request at a time, so every storage call belongs to the request
// in flight) counts each verb's storage calls, sequential round trips and table scans, and times each
// verb with 7 ms added to every storage call. Last, a fresh Haven on a 50,000-person synthetic roster
// (bench/scheduler/synthetic-roster.ts) is probed the same way, beside the demo unit's figures.
import { join } from 'node:path';
import autocannon, { type RawRequest, type Result } from 'autocannon';
import { DEMO, actionExecute, botAddedToTeam, inChannel, installPersonal, message, type DemoUser } from '../../test/support/activities.ts';
import { startFakeConnector } from '../../test/support/fake-connector.ts';
import { startOpenIdServer, type OpenIdServer } from '../../test/support/openid-server.ts';
import { sequentialRounds } from '../../test/support/storage-fault-proxy.ts';
import { startChild, type ChildServer } from '../lib/child.ts';
import type { StorageCall } from '../lib/storage-child.ts';
import { percentile, round } from '../lib/stats.ts';
import { UNIT_SIZE } from '../scheduler/synthetic-roster.ts';

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
  /** Added to every storage call of Haven and the stateful echo bot in the load runs (ms). */
  storageLatencyMs: number;
  /** Request cycles (of the four verbs) in each single-connection probe. */
  probeCycles: number;
  /** People in the synthetic roster of the scale probe (0: no scale probe). */
  scalePeople: number;
  /** The scale probe stops starting cycles after this long (at least one cycle runs). */
  scaleBudgetMs: number;
  /** Write V8 CPU profiles of the servers here (for finding where the time goes; figures are slower). */
  profileDir?: string;
}

export const VERBS = ['declaration.raise', 'alert.acknowledge', 'checkIn.open', 'checkIn.submit'] as const;
export type Verb = (typeof VERBS)[number];
export const TARGETS = ['haven', 'stateful', 'echo'] as const;
export type Target = (typeof TARGETS)[number];

interface KindCounts {
  sent: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  other: number;
}

export interface TargetFigures {
  target: Target;
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
  verbs: Record<Verb, KindCounts>;
  /** `checkIn.submit` answers that confirmed a stored answer, and those that said it was already answered. */
  submitOutcomes: { confirmed: number; alreadyAnswered: number; other: number };
}

export interface RoundFigures {
  order: Target[];
  haven: TargetFigures;
  stateful: TargetFigures;
  echo: TargetFigures;
  /** Haven / stateful echo bot. */
  throughputRatio: number;
  p50Ratio: number;
  p99Ratio: number;
}

/** One verb in a single-connection probe. */
export interface VerbProbe {
  samples: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Storage calls per request: median and most. */
  calls: { median: number; max: number };
  sequentialRounds: { median: number; max: number };
  writes: { median: number; max: number };
  /** Table scans (a query not pinned to one partition) in all the samples. */
  scans: number;
  /** Calls per request by table and method (means over the samples), e.g. "GET havenPeople": 2. */
  byTable: Record<string, number>;
  non2xx: number;
}

export interface Probe {
  target: 'haven' | 'stateful';
  people: number;
  storageLatencyMs: number;
  verbs: Partial<Record<Verb, VerbProbe>>;
  /** All verbs together. */
  all: { latencyMs: { p50: number; p99: number } };
}

export interface InboundFigures {
  auth: 'token' | 'local';
  azurite?: 'memory' | 'disk';
  connections: number;
  storageLatencyMs: number;
  rounds: RoundFigures[];
  /** Medians over the rounds (req/s, p50, p90, p99, max), sums of the counts. */
  haven: TargetFigures;
  stateful: TargetFigures;
  echo: TargetFigures;
  /** Ratios of the medians, Haven / stateful echo bot (the targets), and Haven / bare echo bot (reference). */
  throughputRatio: number;
  p50Ratio: number;
  p99Ratio: number;
  bare: { throughputRatio: number; p50Ratio: number; p99Ratio: number };
  /** Lowest and highest Haven / stateful ratio seen in any one round. */
  ratioRange: { throughput: [number, number]; p50: [number, number]; p99: [number, number] };
  storage: {
    declarationRowsStored: number;
    raise2xx: number;
    acknowledgedStored: number;
    acknowledge2xx: number;
    checkInsAnsweredStored: number;
    submitConfirmed: number;
    outboxRowsQueued: number;
    rowsEqual2xx: boolean;
  };
  memory: { havenMaxRssBytes: number; statefulMaxRssBytes: number; echoMaxRssBytes: number };
  /** CPU time per request in the measured runs: each server's own process, and each Azurite's process apart. */
  cpuMsPerRequest: { haven: number; stateful: number; echo: number; havenAzurite: number; statefulAzurite: number };
  /** Storage calls per request under load (all verbs together), from the proxies' logs. */
  storageCallsPerRequest: { haven: number; stateful: number };
  /** Single-connection probes: at the run's storage latency, at 7 ms, and on the big roster. */
  probes: { demo: Probe; demo7ms: Probe; stateful7ms: Probe; scale?: Probe; scaleDemo?: Probe };
  connectorCallsDuringRun: number;
  /** Fetches of the local OpenID server's metadata and keys (botbuilder caches them; a handful is right). */
  openIdFetches?: Record<string, number>;
}

/** Who takes part in the mix: the officers who raise, who acknowledges for each, who checks in. */
export interface Unit {
  people: number;
  everyone: DemoUser[];
  officers: DemoUser[];
  checkIners: DemoUser[];
  supervisorOf: Map<string, DemoUser>;
  fallback: DemoUser;
}

const DEMO_OFFICERS: DemoUser[] = [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!, DEMO.erin!, DEMO.femi!];
const DEMO_UNIT: Unit = {
  people: 24,
  everyone: Object.values(DEMO),
  officers: DEMO_OFFICERS,
  // Officers and supervisors receive check-ins (check-in.ts receivesCheckIns).
  checkIners: [...DEMO_OFFICERS, DEMO.sam!, DEMO.priya!],
  // data/demo-roster.csv: Alex, Bea and Chris report to Sam; Dev, Erin and Femi to Priya.
  supervisorOf: new Map(DEMO_OFFICERS.map((u, i) => [u.id, i < 3 ? DEMO.sam! : DEMO.priya!])),
  fallback: DEMO.dana!,
};

/** The first unit of the synthetic roster (its ids do not depend on the roster's size), as Teams users. */
async function syntheticUnit(people: number): Promise<Unit> {
  const { syntheticWorld } = await import('../scheduler/synthetic-roster.ts');
  const roster = syntheticWorld(UNIT_SIZE, new Date()).roster;
  const asUser = (id: string): DemoUser => {
    const p = roster.people.find((x) => x.id === id)!;
    return { id: p.teamsUserId!, aadObjectId: p.aadObjectId, name: p.name };
  };
  const officers = roster.people.filter((p) => p.roles.includes('officer'));
  const supervisors = roster.people.filter((p) => p.roles.includes('supervisor'));
  return {
    people,
    everyone: roster.people.map((p) => asUser(p.id)),
    officers: officers.map((p) => asUser(p.id)),
    checkIners: [...officers, ...supervisors].map((p) => asUser(p.id)),
    supervisorOf: new Map(officers.map((p) => [p.teamsUserId!, asUser(p.supervisorId!)])),
    fallback: asUser(roster.units[0]!.departmentHeadId!),
  };
}

const KINDS = ['talk', 'break', 'leave'] as const;
const PLACEHOLDER_ID = 'decl-000000000000000000000000';
const FINE = { who5_1: '4', who5_2: '4', who5_3: '3', who5_4: '4', who5_5: '4' };
const NOTE = 'Rough week on the grading queue; would like to talk.';
/** The bot's app id in token mode (a made-up GUID; nothing leaves the machine). */
const APP_ID = '11111111-2222-4333-8444-555555555555';
/** The Bot Framework's own Entra tenant: the issuer botbuilder expects on "emulator" tokens. */
const BOT_FRAMEWORK_TENANT_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

const emptyCounts = (): KindCounts => ({ sent: 0, s2xx: 0, s4xx: 0, s5xx: 0, other: 0 });
const emptyVerbs = (): Record<Verb, KindCounts> => Object.fromEntries(VERBS.map((v) => [v, emptyCounts()])) as Record<Verb, KindCounts>;

function count(c: KindCounts, status: number): void {
  if (status >= 200 && status < 300) c.s2xx++;
  else if (status >= 400 && status < 500) c.s4xx++;
  else if (status >= 500) c.s5xx++;
  else c.other++;
}

const declarationIdIn = (body: string) => /"declarationId":"(decl-[0-9a-f]{24})"/.exec(body)?.[1];
const checkInIdIn = (body: string) => /"checkInId":"(checkin:[^"]+)"/.exec(body)?.[1];
const today = () => new Date().toISOString().slice(0, 10);

/** The four bodies of one cycle, built from what the previous answers said (as a Teams card would carry it). */
class Mix {
  private sequence = 0;
  private readonly lastOpened = new Map<string, number>();
  constructor(
    private readonly unit: Unit,
    private readonly serviceUrl: string,
  ) {}

  raise(): { user: DemoUser; body: unknown } {
    const n = this.sequence++;
    const user = this.unit.officers[n % this.unit.officers.length]!;
    const kind = KINDS[Math.floor(n / this.unit.officers.length) % KINDS.length]!;
    const data: Record<string, unknown> = { kind, share: n % 4 === 0 ? 'supervisorAndHead' : 'supervisor' };
    if (n % 2 === 0) data.note = NOTE;
    return { user, body: actionExecute(this.serviceUrl, user, 'declaration.raise', data) };
  }

  acknowledge(raisedBy: DemoUser | undefined, declarationId: string | undefined): unknown {
    const by = (raisedBy && this.unit.supervisorOf.get(raisedBy.id)) ?? this.unit.fallback;
    return actionExecute(this.serviceUrl, by, 'alert.acknowledge', { declarationId: declarationId ?? PLACEHOLDER_ID });
  }

  /** The member who opened a check-in least recently: an on-demand check-in's id has one-second resolution. */
  open(): { user: DemoUser; body: unknown } {
    let user = this.unit.checkIners[0]!;
    for (const u of this.unit.checkIners) if ((this.lastOpened.get(u.id) ?? 0) < (this.lastOpened.get(user.id) ?? 0)) user = u;
    this.lastOpened.set(user.id, performance.now());
    return { user, body: actionExecute(this.serviceUrl, user, 'checkIn.open') };
  }

  submit(user: DemoUser | undefined, checkInId: string | undefined): unknown {
    const by = user ?? this.unit.checkIners[0]!;
    const id = checkInId ?? `checkin:bench:${today()}:extra-00000000000000`;
    const data: Record<string, unknown> = { checkInId: id, ...FINE };
    if (this.sequence % 2 === 0) data.freeText = NOTE;
    return actionExecute(this.serviceUrl, by, 'checkIn.submit', data);
  }
}

interface Ctx {
  raisedBy?: DemoUser;
  declarationId?: string;
  checkInUser?: DemoUser;
  checkInId?: string;
}

type Outcomes = TargetFigures['submitOutcomes'];

function classifySubmit(o: Outcomes, body: string): void {
  if (body.includes('your check-in is in')) o.confirmed++;
  else if (body.includes('already answered')) o.alreadyAnswered++;
  else o.other++;
}

/** One autocannon run of `amount` requests (whole cycles of the four verbs) against `url`. */
async function load(
  url: string,
  serviceUrl: string,
  headers: Record<string, string>,
  connections: number,
  amount: number,
  unit: Unit,
): Promise<{ result: Result; verbs: Record<Verb, KindCounts>; submitOutcomes: Outcomes }> {
  const verbs = emptyVerbs();
  const submitOutcomes: Outcomes = { confirmed: 0, alreadyAnswered: 0, other: 0 };
  const mix = new Mix(unit, serviceUrl);
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
        setupRequest(request: RawRequest, context: Ctx) {
          verbs['declaration.raise'].sent++;
          const r = mix.raise();
          context.raisedBy = r.user;
          return { ...request, body: JSON.stringify(r.body) };
        },
        onResponse(status: number, body: string, context: Ctx) {
          count(verbs['declaration.raise'], status);
          context.declarationId = declarationIdIn(body);
        },
      },
      {
        setupRequest(request: RawRequest, context: Ctx) {
          verbs['alert.acknowledge'].sent++;
          return { ...request, body: JSON.stringify(mix.acknowledge(context.raisedBy, context.declarationId)) };
        },
        onResponse(status: number) {
          count(verbs['alert.acknowledge'], status);
        },
      },
      {
        setupRequest(request: RawRequest, context: Ctx) {
          verbs['checkIn.open'].sent++;
          const r = mix.open();
          context.checkInUser = r.user;
          return { ...request, body: JSON.stringify(r.body) };
        },
        onResponse(status: number, body: string, context: Ctx) {
          count(verbs['checkIn.open'], status);
          context.checkInId = checkInIdIn(body);
        },
      },
      {
        setupRequest(request: RawRequest, context: Ctx) {
          verbs['checkIn.submit'].sent++;
          return { ...request, body: JSON.stringify(mix.submit(context.checkInUser, context.checkInId)) };
        },
        onResponse(status: number, body: string) {
          count(verbs['checkIn.submit'], status);
          classifySubmit(submitOutcomes, body);
        },
      },
    ],
  });
  const result = await instance;
  return { result, verbs, submitOutcomes };
}

type Run = Awaited<ReturnType<typeof load>>;

function figures(target: Target, run: Run): TargetFigures {
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
    verbs: run.verbs,
    submitOutcomes: run.submitOutcomes,
  };
}

/** Rounds up to whole cycles of the four verbs on every connection. */
function cyclesFor(requests: number, connections: number): number {
  const unit = connections * VERBS.length;
  return Math.max(unit, Math.ceil(requests / unit) * unit);
}

const rateOf = (run: Run) =>
  Object.values(run.verbs).reduce((a, c) => a + c.sent, 0) / ((run.result.finish.getTime() - run.result.start.getTime()) / 1000);

/** A short probe, then warm-ups (JIT, connection pools, the OpenID key cache) until one lasts about `seconds`; answers the last rate. */
async function warmUp(url: string, serviceUrl: string, headers: Record<string, string>, o: InboundOptions, unit: Unit): Promise<number> {
  let warm = await load(url, serviceUrl, headers, o.connections, cyclesFor(o.connections * 8, o.connections), unit);
  // A cold server is slow, so a warm-up sized from a cold rate ends early: repeat until one lasts.
  for (let i = 0; i < 4; i++) {
    warm = await load(url, serviceUrl, headers, o.connections, cyclesFor(rateOf(warm) * o.warmupSeconds, o.connections), unit);
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
function combine(target: Target, list: TargetFigures[]): TargetFigures {
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
    verbs: Object.fromEntries(VERBS.map((v) => [v, sumCounts(list.map((t) => t.verbs[v]))])) as Record<Verb, KindCounts>,
    submitOutcomes: {
      confirmed: sum((t) => t.submitOutcomes.confirmed),
      alreadyAnswered: sum((t) => t.submitOutcomes.alreadyAnswered),
      other: sum((t) => t.submitOutcomes.other),
    },
  };
}

const ratios = (haven: TargetFigures, other: TargetFigures) => ({
  throughputRatio: round(haven.requestsPerSecond / other.requestsPerSecond, 4),
  p50Ratio: round(haven.latencyMs.p50 / other.latencyMs.p50, 2),
  p99Ratio: round(haven.latencyMs.p99 / other.latencyMs.p99, 2),
});

const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

/** Waits until the storage log has been quiet for a moment: work a request leaves behind counts as its own. */
async function settledMark(storage: ChildServer, quietMs: number): Promise<number> {
  let last = await storage.ask<number>('mark');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await storage.ask<number>('mark');
    if (now === last) return now;
    last = now;
  }
}

interface Sample {
  ms: number;
  status: number;
  calls: StorageCall[];
}

/**
 * One request at a time through the four verbs, so every storage call in the proxy's log between two
 * marks is the cost of the one request in flight (and whatever it left running after its answer).
 */
async function probe(
  target: 'haven' | 'stateful',
  url: string,
  storage: ChildServer,
  headers: Record<string, string>,
  serviceUrl: string,
  unit: Unit,
  cycles: number,
  latencyMs: number,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<Probe> {
  await storage.ask('latency', undefined, latencyMs);
  const quietMs = 40 + 2 * latencyMs;
  const samples: Record<Verb, Sample[]> = Object.fromEntries(VERBS.map((v) => [v, []])) as unknown as Record<Verb, Sample[]>;
  const submitted = new Set<string>();
  const mix = new Mix(unit, serviceUrl);
  const send = async (verb: Verb, body: unknown): Promise<string> => {
    const from = await settledMark(storage, quietMs);
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    await settledMark(storage, quietMs);
    samples[verb].push({ ms, status: res.status, calls: await storage.ask<StorageCall[]>('callsSince', undefined, from) });
    return text;
  };
  const started = performance.now();
  for (let c = 0; c < cycles; c++) {
    // Bounded: a slow target (a whole-roster read per request at 50,000 people) gets fewer cycles, never none.
    if (c > 0 && performance.now() - started > budgetMs) break;
    const raised = mix.raise();
    const declarationId = declarationIdIn(await send('declaration.raise', raised.body));
    await send('alert.acknowledge', mix.acknowledge(raised.user, declarationId));
    let opened = mix.open();
    let checkInId = checkInIdIn(await send('checkIn.open', opened.body));
    // An on-demand check-in's id is to the second: open again (measured too) rather than answer one twice.
    for (let tries = 0; target === 'haven' && checkInId && submitted.has(checkInId) && tries < 3; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      opened = mix.open();
      checkInId = checkInIdIn(await send('checkIn.open', opened.body));
    }
    if (checkInId) submitted.add(checkInId);
    await send('checkIn.submit', mix.submit(opened.user, checkInId));
  }
  await storage.ask('latency', undefined, 0);
  const summary = (list: number[]) => ({ median: medianOf(list), max: Math.max(...list) });
  const verbs: Partial<Record<Verb, VerbProbe>> = {};
  for (const verb of VERBS) {
    const list = samples[verb];
    const byTable: Record<string, number> = {};
    for (const s of list)
      for (const call of s.calls)
        byTable[`${call.method} ${call.table ?? '?'}`] = (byTable[`${call.method} ${call.table ?? '?'}`] ?? 0) + 1;
    for (const k of Object.keys(byTable)) byTable[k] = round(byTable[k]! / list.length, 2);
    verbs[verb] = {
      samples: list.length,
      latencyMs: {
        p50: round(
          percentile(
            list.map((s) => s.ms),
            50,
          ),
          1,
        ),
        p99: round(
          percentile(
            list.map((s) => s.ms),
            99,
          ),
          1,
        ),
        max: round(Math.max(...list.map((s) => s.ms)), 1),
      },
      calls: summary(list.map((s) => s.calls.length)),
      sequentialRounds: summary(list.map((s) => sequentialRounds(s.calls))),
      writes: summary(list.map((s) => s.calls.filter((c) => c.write).length)),
      scans: list.reduce((a, s) => a + s.calls.filter((c) => c.scan).length, 0),
      byTable,
      non2xx: list.filter((s) => s.status < 200 || s.status >= 300).length,
    };
  }
  const all = VERBS.flatMap((v) => samples[v].map((s) => s.ms));
  return {
    target,
    people: unit.people,
    storageLatencyMs: latencyMs,
    verbs,
    all: { latencyMs: { p50: round(percentile(all, 50), 1), p99: round(percentile(all, 99), 1) } },
  };
}

type Counts = { declarations: number; acknowledged: number; outbox: number; checkInsAnswered: number };

/** Installs Haven for everyone in the unit first, as in Teams: conversation references exist before anyone clicks. */
async function install(url: string, headers: Record<string, string>, serviceUrl: string, unit: Unit, channel: boolean): Promise<void> {
  const post = (body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  for (const user of unit.everyone) {
    const r = await post(installPersonal(serviceUrl, user));
    if (r.status !== 200) throw new Error(`installing for ${user.name} answered ${r.status}`);
  }
  if (channel) {
    await post(botAddedToTeam(serviceUrl, DEMO.dana!));
    await post(inChannel(message(serviceUrl, DEMO.sam!, 'hello')));
  }
}

export async function runInbound(o: InboundOptions, say: (line: string) => void): Promise<InboundFigures> {
  const connector = await startFakeConnector();
  let channel: OpenIdServer | undefined;
  let entra: OpenIdServer | undefined;
  const children: ChildServer[] = [];
  const start = async (script: string, log: string, env: Record<string, string>, nodeArgs: string[] = [], timeoutMs?: number) => {
    const child = await startChild(script, join(o.outDir, log), env, nodeArgs, timeoutMs);
    children.push(child);
    return child;
  };
  const stopAll = async () => {
    await Promise.all(children.splice(0).map((c) => c.stop()));
  };
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
    const [havenStorage, statefulStorage] = await Promise.all([
      start('bench/lib/storage-child.ts', 'inbound-haven-storage.log', env),
      start('bench/lib/storage-child.ts', 'inbound-stateful-storage.log', env),
    ]);
    const [haven, stateful, echo] = await Promise.all([
      start('bench/inbound/haven-server.ts', 'inbound-haven.log', { ...env, HAVEN_BENCH_STORAGE: havenStorage.url }, nodeArgs),
      start('bench/inbound/echo-server.ts', 'inbound-stateful.log', { ...env, HAVEN_BENCH_STORAGE: statefulStorage.url }, nodeArgs),
      start('bench/inbound/echo-server.ts', 'inbound-echo.log', env, nodeArgs),
    ]);
    const servers: Record<Target, ChildServer> = { haven, stateful, echo };
    const storages = { haven: havenStorage, stateful: statefulStorage };
    say(
      `inbound: Haven at ${haven.url}, stateful echo bot at ${stateful.url}, bare echo bot at ${echo.url} (${o.auth === 'token' ? 'production mode, signed channel tokens' : 'local mode, no authentication'})`,
    );
    await install(haven.url, headers, connector.url, DEMO_UNIT, true);
    const callsBefore = connector.calls.length;

    // The probes first, on a quiet Haven: exact storage calls per verb, then the latency at 7 ms a call.
    say(`inbound: single-connection probes (${o.probeCycles} cycles of the four verbs each)`);
    const probeOf = (t: 'haven' | 'stateful', latency: number) =>
      probe(t, servers[t].url, storages[t], headers, connector.url, DEMO_UNIT, o.probeCycles, latency);
    const demo = await probeOf('haven', o.storageLatencyMs);
    const demo7ms = await probeOf('haven', 7);
    const stateful7ms = await probeOf('stateful', 7);

    for (const s of Object.values(storages)) await s.ask('latency', undefined, o.storageLatencyMs);
    say(`inbound: warming up all three (${o.connections} connections, ${o.storageLatencyMs} ms added per storage call)`);
    const rate: Record<Target, number> = { haven: 0, stateful: 0, echo: 0 };
    for (const t of TARGETS) rate[t] = await warmUp(servers[t].url, connector.url, headers, o, DEMO_UNIT);
    // Rows written by the warm-ups are counted out: the comparison covers the measured runs only.
    const before: Counts = await haven.ask<Counts>('counts');
    const cpuOf = async () => ({
      haven: await haven.ask<number>('cpu'),
      stateful: await stateful.ask<number>('cpu'),
      echo: await echo.ask<number>('cpu'),
      havenAzurite: await havenStorage.ask<number>('azuriteCpu'),
      statefulAzurite: await statefulStorage.ask<number>('azuriteCpu'),
    });
    const cpuBefore = await cpuOf();
    const storageCalls = { haven: 0, stateful: 0 };

    const rounds: RoundFigures[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const order = TARGETS.map((_, k) => TARGETS[(k + r) % TARGETS.length]!);
      say(`inbound: round ${r + 1} of ${o.rounds} (${order.join(' then ')}, ~${o.seconds} s each)`);
      const got: Partial<Record<Target, TargetFigures>> = {};
      for (const target of order) {
        const storage = target === 'echo' ? undefined : storages[target];
        await storage?.ask('clear');
        // At least 20 requests per connection, so a slow target still gives its percentiles some samples.
        const run = await load(
          servers[target].url,
          connector.url,
          headers,
          o.connections,
          cyclesFor(Math.max(rate[target] * o.seconds, o.connections * 20), o.connections),
          DEMO_UNIT,
        );
        if (storage && target !== 'echo') storageCalls[target] += await storage.ask<number>('mark');
        rate[target] = rateOf(run);
        got[target] = figures(target, run);
      }
      rounds.push({ order, haven: got.haven!, stateful: got.stateful!, echo: got.echo!, ...ratios(got.haven!, got.stateful!) });
    }

    // CPU first: reading the counts back is work of its own.
    const cpuAfter = await cpuOf();
    const after = await haven.ask<Counts>('counts');
    const combined = Object.fromEntries(
      TARGETS.map((t) => [
        t,
        combine(
          t,
          rounds.map((r) => r[t]),
        ),
      ]),
    ) as Record<Target, TargetFigures>;
    const memory = {
      havenMaxRssBytes: (await haven.ask<{ maxRssBytes: number }>('memory')).maxRssBytes,
      statefulMaxRssBytes: (await stateful.ask<{ maxRssBytes: number }>('memory')).maxRssBytes,
      echoMaxRssBytes: (await echo.ask<{ maxRssBytes: number }>('memory')).maxRssBytes,
    };
    const connectorCallsDuringRun = connector.calls.length - callsBefore;
    await stopAll();

    let scale: Probe | undefined;
    if (o.scalePeople > 0) {
      say(`inbound: seeding a ${o.scalePeople.toLocaleString('en-GB')}-person synthetic roster for the scale probe`);
      const seedStarted = Date.now();
      const scaleStorage = await start('bench/lib/storage-child.ts', 'inbound-scale-storage.log', env);
      const big = await start(
        'bench/inbound/haven-server.ts',
        'inbound-scale-haven.log',
        {
          ...env,
          HAVEN_BENCH_STORAGE: scaleStorage.url,
          HAVEN_BENCH_SEED_STORAGE: await scaleStorage.ask<string>('direct'),
          HAVEN_BENCH_ROSTER_SIZE: String(o.scalePeople),
        },
        [],
        20 * 60_000,
      );
      say(`inbound: seeded in ${Math.round((Date.now() - seedStarted) / 1000)} s; probing`);
      const unit = await syntheticUnit(o.scalePeople);
      await install(big.url, headers, connector.url, unit, false);
      // One unmeasured cycle first, as the demo Haven had its installs and the earlier probes before it.
      await probe('haven', big.url, scaleStorage, headers, connector.url, unit, 1, o.storageLatencyMs);
      scale = await probe('haven', big.url, scaleStorage, headers, connector.url, unit, o.probeCycles, o.storageLatencyMs, o.scaleBudgetMs);
      await stopAll();
    }

    const h = combined.haven;
    const declarationRowsStored = after.declarations - before.declarations;
    const acknowledgedStored = after.acknowledged - before.acknowledged;
    const checkInsAnsweredStored = after.checkInsAnswered - before.checkInsAnswered;
    const perRequest = (ms: number, requests: number) => round(ms / requests, 2);
    return {
      auth: o.auth,
      azurite: o.azurite,
      connections: o.connections,
      storageLatencyMs: o.storageLatencyMs,
      rounds,
      haven: h,
      stateful: combined.stateful,
      echo: combined.echo,
      ...ratios(h, combined.stateful),
      bare: ratios(h, combined.echo),
      ratioRange: {
        throughput: range(rounds.map((r) => r.throughputRatio)),
        p50: range(rounds.map((r) => r.p50Ratio)),
        p99: range(rounds.map((r) => r.p99Ratio)),
      },
      storage: {
        declarationRowsStored,
        raise2xx: h.verbs['declaration.raise'].s2xx,
        acknowledgedStored,
        acknowledge2xx: h.verbs['alert.acknowledge'].s2xx,
        checkInsAnsweredStored,
        submitConfirmed: h.submitOutcomes.confirmed,
        outboxRowsQueued: after.outbox - before.outbox,
        rowsEqual2xx:
          declarationRowsStored === h.verbs['declaration.raise'].s2xx &&
          acknowledgedStored === h.verbs['alert.acknowledge'].s2xx &&
          checkInsAnsweredStored === h.submitOutcomes.confirmed,
      },
      memory,
      cpuMsPerRequest: {
        haven: perRequest(cpuAfter.haven - cpuBefore.haven, h.requests),
        stateful: perRequest(cpuAfter.stateful - cpuBefore.stateful, combined.stateful.requests),
        echo: perRequest(cpuAfter.echo - cpuBefore.echo, combined.echo.requests),
        havenAzurite: perRequest(cpuAfter.havenAzurite - cpuBefore.havenAzurite, h.requests),
        statefulAzurite: perRequest(cpuAfter.statefulAzurite - cpuBefore.statefulAzurite, combined.stateful.requests),
      },
      storageCallsPerRequest: {
        haven: round(storageCalls.haven / h.requests, 2),
        stateful: round(storageCalls.stateful / combined.stateful.requests, 2),
      },
      probes: { demo, demo7ms, stateful7ms, ...(scale ? { scale } : {}) },
      connectorCallsDuringRun,
      ...(channel ? { openIdFetches: { ...channel.hits } } : {}),
    };
  } finally {
    await stopAll();
    await Promise.all([connector.close(), channel?.close(), entra?.close()]);
  }
}
