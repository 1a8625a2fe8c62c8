// Writes bench/RESULTS.md from the latest bench/out/<section>.json of each section, so rerunning one
// section (--only) keeps the others' figures, each with its own date, machine and command.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { InboundFigures, TargetFigures } from './inbound/run-inbound.ts';
import type { FanoutFigures } from './fanout/run-fanout.ts';
import type { SchedulerFigures } from './scheduler/run-scheduler.ts';
import type { SimulateFigures } from './simulate/run-simulate.ts';
import type { Machine } from './lib/machine.ts';
import { formatBytes } from './lib/stats.ts';

export interface SectionRecord<T> {
  section: 'inbound' | 'fanout' | 'scheduler' | 'simulate' | 'jobs';
  date: string;
  seconds: number;
  command: string;
  quick: boolean;
  machine: Machine;
  source?: { commit: string; uncommitted: string[] };
  loadAverage: { before: number[]; after: number[] };
  options: Record<string, unknown>;
  figures: T;
}

const n = (x: number, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
const yes = (ok: boolean) => (ok ? 'yes' : '**NO**');

function provenance(r: SectionRecord<unknown>): string {
  const m = r.machine;
  return [
    `- Measured: ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.seconds} s${r.quick ? ' (quick variant)' : ''}`,
    `- Machine: ${m.cpuModel}, ${m.logicalCores} logical cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}`,
    `- Load average (1/5/15 min) before → after: ${r.loadAverage.before.join(' / ')} → ${r.loadAverage.after.join(' / ')}`,
    `- Command: \`${r.command}\``,
    ...(r.source
      ? [
          `- Source: commit ${r.source.commit}${r.source.uncommitted.length ? ` plus uncommitted changes to ${r.source.uncommitted.join(', ')}` : ''}`,
        ]
      : []),
  ].join('\n');
}

export const INBOUND_BEFORE = 'bench/inbound-before.json';
const INBOUND_START = '<!-- inbound:start -->';
const INBOUND_END = '<!-- inbound:end -->';
const INBOUND_VERBS = ['declaration.raise', 'alert.acknowledge', 'checkIn.open', 'checkIn.submit'] as const;

interface Check {
  name: string;
  value: string;
  met: boolean | undefined;
}

/** Issue 15's inbound targets, each with the value measured in one run. */
export function inboundTargets(f: InboundFigures): Check[] {
  const checks: Check[] = [];
  const probe = f.probes?.demo;
  const at7 = f.probes?.demo7ms;
  if (!probe || !at7) return checks;
  for (const verb of INBOUND_VERBS) {
    const v = probe.verbs[verb];
    if (v)
      checks.push({
        name: `\`${verb}\`: storage calls ≤ 6`,
        value: `${v.calls.max}${v.calls.median !== v.calls.max ? ` (median ${v.calls.median})` : ''}`,
        met: v.calls.max <= 6,
      });
  }
  for (const verb of INBOUND_VERBS) {
    const v = probe.verbs[verb];
    if (v)
      checks.push({
        name: `\`${verb}\`: sequential round trips ≤ 4`,
        value: `${v.sequentialRounds.max}${v.sequentialRounds.median !== v.sequentialRounds.max ? ` (median ${v.sequentialRounds.median})` : ''}`,
        met: v.sequentialRounds.max <= 4,
      });
  }
  const scans = INBOUND_VERBS.reduce((a, verb) => a + (probe.verbs[verb]?.scans ?? 0), 0);
  const samples = INBOUND_VERBS.reduce((a, verb) => a + (probe.verbs[verb]?.samples ?? 0), 0);
  checks.push({ name: 'no table scan on any inbound path', value: `${n(scans)} scans in ${n(samples)} requests`, met: scans === 0 });
  checks.push({
    name: 'Haven CPU ≤ 3 ms per request (its own process, under load)',
    value: `${n(f.cpuMsPerRequest.haven, 2)} ms`,
    met: f.cpuMsPerRequest.haven <= 3,
  });
  checks.push({ name: 'throughput ≥ 0.7× the stateful echo bot', value: `${n(f.throughputRatio, 2)}×`, met: f.throughputRatio >= 0.7 });
  checks.push({ name: "p99 ≤ 2× the stateful echo bot's p99", value: `${n(f.p99Ratio, 2)}×`, met: f.p99Ratio <= 2 });
  for (const verb of INBOUND_VERBS) {
    const v = at7.verbs[verb];
    if (v)
      checks.push({
        name: `7 ms per storage call: \`${verb}\` p50 ≤ 40 ms`,
        value: `${n(v.latencyMs.p50, 1)} ms`,
        met: v.latencyMs.p50 <= 40,
      });
  }
  const scale = f.probes.scale;
  if (scale) {
    const ratio = scale.all.latencyMs.p50 / probe.all.latencyMs.p50;
    checks.push({
      name: `${n(scale.people)} people: p50 within 10% of the ${probe.people}-person figure`,
      value: `${n(scale.all.latencyMs.p50, 1)} against ${n(probe.all.latencyMs.p50, 1)} ms (${ratio >= 1 ? '+' : ''}${n((ratio - 1) * 100, 0)}%)`,
      met: ratio <= 1.1,
    });
  } else checks.push({ name: '50,000 people: p50 within 10% of the 24-person figure', value: 'not measured in this run', met: undefined });
  return checks;
}

const metText = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : '**not met**');

function runRows(before: SectionRecord<InboundFigures> | undefined, after: SectionRecord<InboundFigures>): string {
  const row = (name: string, f: (r: SectionRecord<InboundFigures>) => string) =>
    `| ${name} |${before ? ` ${f(before)} |` : ''} ${f(after)} |`;
  const m = (r: SectionRecord<InboundFigures>) => r.machine;
  return [
    `| run |${before ? ' before |' : ''} after (this run) |`,
    `|---|${before ? '---|' : ''}---|`,
    row('measured', (r) => `${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.seconds} s${r.quick ? ' (quick)' : ''}`),
    row('machine', (r) => `${m(r).cpuModel}, ${m(r).logicalCores} cores, ${m(r).memoryGiB} GiB, Node ${m(r).node}`),
    row('load average (1/5/15 min) before → after', (r) => `${r.loadAverage.before.join(' / ')} → ${r.loadAverage.after.join(' / ')}`),
    row('command', (r) => `\`${r.command}\``),
    row('source', (r) =>
      r.source ? `${r.source.commit}${r.source.uncommitted.length ? ` + uncommitted ${r.source.uncommitted.join(', ')}` : ''}` : 'n/a',
    ),
    row('storage latency added in the load runs', (r) => `${r.figures.storageLatencyMs ?? 0} ms`),
  ].join('\n');
}

function inboundBlock(after: SectionRecord<InboundFigures>, before?: SectionRecord<InboundFigures>): string {
  const f = after.figures;
  const b = before?.figures;
  // "before → after" in one cell when there is a before.
  const pair = (get: (x: InboundFigures) => string) => (b ? `${get(b)} → ${get(f)}` : get(f));
  const targetsAfter = inboundTargets(f);
  const targetsBefore = b ? inboundTargets(b) : [];
  const targetRows = targetsAfter
    .map((t) => {
      const was = targetsBefore.find((x) => x.name === t.name);
      return `| ${t.name} |${b ? ` ${was ? `${was.value} (${metText(was.met)})` : 'n/a'} |` : ''} ${t.value} | ${metText(t.met)} |`;
    })
    .join('\n');
  const loadRow = (name: string, get: (x: InboundFigures) => TargetFigures) =>
    `| ${name} | ${pair((x) => n(get(x).requestsPerSecond, 1))} | ${pair((x) => String(get(x).latencyMs.p50))} | ${pair((x) => String(get(x).latencyMs.p99))} | ${pair((x) => String(get(x).latencyMs.max))} | ${pair((x) => `${get(x).s5xx} / ${get(x).non2xx}`)} |`;
  const verbRow = (verb: (typeof INBOUND_VERBS)[number]) => {
    const v = (x: InboundFigures, probe: 'demo' | 'demo7ms' | 'scale') => x.probes?.[probe]?.verbs[verb];
    const cell = (get: (x: InboundFigures) => string) => pair((x) => get(x));
    return `| \`${verb}\` | ${cell((x) => String(v(x, 'demo')?.calls.max ?? 'n/a'))} | ${cell((x) => String(v(x, 'demo')?.sequentialRounds.max ?? 'n/a'))} | ${cell((x) => String(v(x, 'demo')?.writes.max ?? 'n/a'))} | ${cell((x) => String(v(x, 'demo')?.scans ?? 'n/a'))} | ${cell((x) => n(v(x, 'demo')?.latencyMs.p50 ?? Number.NaN, 1))} | ${cell((x) => n(v(x, 'demo7ms')?.latencyMs.p50 ?? Number.NaN, 1))} | ${cell((x) => n(v(x, 'scale')?.latencyMs.p50 ?? Number.NaN, 1))} |`;
  };
  const tables = (x: InboundFigures) =>
    INBOUND_VERBS.map((verb) => {
      const t = x.probes?.demo?.verbs[verb]?.byTable ?? {};
      return `- \`${verb}\`: ${Object.entries(t)
        .sort(([, p], [, q]) => q - p)
        .map(([k, c]) => `${k.replace(' haven', ' ')} ${n(c, 1)}`)
        .join(', ')}`;
    }).join('\n');
  const s = f.storage;
  const st = f.probes.stateful7ms.verbs['declaration.raise'];
  return `${INBOUND_START}
## 8. Inbound: Haven beside a stateful and a bare echo bot (issue 15)

${runRows(before, after)}

What was driven (${f.connections} autocannon connections, ${f.rounds.length} measured rounds per target in rotating
order after a warm-up of each, every request answered and counted): each connection repeats
**\`declaration.raise\`** (an officer of the demo unit raises talk / break / leave in turn, half with a note),
**\`alert.acknowledge\`** of that declaration by the officer's supervisor, **\`checkIn.open\`** ("check in", by the
member of the unit who opened one least recently: Haven answers the form of the open check-in, an on-demand
one when none is due) and **\`checkIn.submit\`** of that form with answers. The same requests go to the
**stateful echo bot** (restify + botbuilder \`TeamsAdapter\` + teams-ai \`Application\` whose turn state lives in
Azure Table Storage: two point reads sent together, one write with its ETag; ${st ? `${st.calls.median} calls in ${st.sequentialRounds.median} sequential round trips per turn, measured` : 'two round trips per turn'}), the anchor of the targets, and to the
**bare echo bot** (same stack, stores nothing), a reference line. Haven and the stateful echo bot each have their
own Azurite (in memory) in its own process, behind a proxy (\`test/support/storage-fault-proxy.ts\`) that logs
and times every storage call and adds ${f.storageLatencyMs} ms to each in the load runs (\`--storage-latency\`). Haven's
job loop is off (item 9 measures delivery). ${f.auth === 'token' ? 'Production mode: Bot Framework authentication on, every request with a validly signed channel token checked against a local OpenID server.' : 'Local mode: no authentication.'}

The storage calls per verb come from a **single-connection probe** (${f.probes.demo.verbs['declaration.raise']?.samples ?? 0} requests of each verb, one at a time,
so every call in the proxy's log between two requests is the cost of the one in flight, including work it
left running after its answer): sequential round trips are the longest chain of calls each started after
the previous one ended; a table scan is a query not pinned to one partition. The same probe with 7 ms added
to every call gives the 7 ms latencies, and once more on a fresh Haven seeded with a
${n(f.probes.scale?.people ?? 50_000)}-person synthetic roster (\`bench/scheduler/synthetic-roster.ts\`, written through Haven's
repositories; identity aliases only for the probed unit) gives the scale figure${f.probes.scale ? ` (${f.probes.scale.verbs['declaration.raise']?.samples ?? 0} cycles of the four verbs, as many as fit its time budget)` : ''}, against the demo unit's probe at the
same latency (${f.probes.demo.storageLatencyMs} ms).

### Targets

| target |${b ? ' before |' : ''} ${b ? 'after' : 'measured'} | ${b ? 'after: ' : ''}met? |
|---|${b ? '---:|' : ''}---:|---|
${targetRows}

### Load runs (medians over the rounds${b ? '; before → after' : ''})

| target | req/s | p50 ms | p99 ms | max ms | 5xx / non-2xx |
|---|---:|---:|---:|---:|---:|
${loadRow('Haven', (x) => x.haven)}
${loadRow('stateful echo bot', (x) => x.stateful)}
${loadRow('bare echo bot', (x) => x.echo)}

| ratio | ${b ? 'before → after' : 'value'} |
|---|---:|
| Haven / stateful echo bot: throughput | ${pair((x) => n(x.throughputRatio, 3))} |
| Haven / stateful echo bot: p50 / p99 latency | ${pair((x) => `${n(x.p50Ratio, 1)} / ${n(x.p99Ratio, 1)}`)} |
| Haven / bare echo bot: throughput | ${pair((x) => n(x.bare.throughputRatio, 3))} |
| Haven / bare echo bot: p50 / p99 latency | ${pair((x) => `${n(x.bare.p50Ratio, 1)} / ${n(x.bare.p99Ratio, 1)}`)} |
| CPU ms per request in each process: Haven / stateful echo / bare echo | ${pair((x) => `${n(x.cpuMsPerRequest.haven, 2)} / ${n(x.cpuMsPerRequest.stateful, 2)} / ${n(x.cpuMsPerRequest.echo, 2)}`)} |
| Azurite's own CPU ms per request (its process, apart): Haven's / the stateful echo bot's | ${pair((x) => `${n(x.cpuMsPerRequest.havenAzurite, 2)} / ${n(x.cpuMsPerRequest.statefulAzurite, 2)}`)} |
| storage calls per request under load: Haven / stateful echo bot | ${pair((x) => `${n(x.storageCallsPerRequest.haven, 1)} / ${n(x.storageCallsPerRequest.stateful, 1)}`)} |
| peak RSS: Haven / stateful echo / bare echo | ${pair((x) => `${formatBytes(x.memory.havenMaxRssBytes)} / ${formatBytes(x.memory.statefulMaxRssBytes)} / ${formatBytes(x.memory.echoMaxRssBytes)}`)} |

### Per verb (single-connection probe${b ? '; before → after' : ''})

| verb | storage calls | sequential round trips | writes | table scans (all samples) | p50 ms at ${b && b.probes.demo.storageLatencyMs !== f.probes.demo.storageLatencyMs ? `${b.probes.demo.storageLatencyMs} → ${f.probes.demo.storageLatencyMs}` : f.probes.demo.storageLatencyMs} ms a call (the run's \`--storage-latency\`) | p50 ms at 7 ms a call | p50 ms, ${n(f.probes.scale?.people ?? 50_000)} people |
|---|---:|---:|---:|---:|---:|---:|---:|
${INBOUND_VERBS.map(verbRow).join('\n')}

Calls are the most seen for one request (the median is in the JSON). Where they go, per request (this run):

${tables(f)}

| check (this run) | value |
|---|---|
| Haven 5xx in the load runs | ${f.haven.s5xx} (${yes(f.haven.s5xx === 0)} zero) |
| declaration rows stored / \`declaration.raise\` 2xx | ${n(s.declarationRowsStored)} / ${n(s.raise2xx)} |
| declarations acknowledged / \`alert.acknowledge\` 2xx | ${n(s.acknowledgedStored)} / ${n(s.acknowledge2xx)} |
| check-ins answered and stored / \`checkIn.submit\` answers confirming it | ${n(s.checkInsAnsweredStored)} / ${n(s.submitConfirmed)} |
| stored rows equal confirmed answers | ${yes(s.rowsEqual2xx)} |
| \`checkIn.submit\` answered "already answered" (an on-demand check-in's id is to the second, so two opens by one person within a second share one) | ${n(f.haven.submitOutcomes.alreadyAnswered)} of ${n(f.haven.verbs['checkIn.submit'].sent)} |
| outbox rows queued by the measured runs | ${n(s.outboxRowsQueued)} |
| stateful echo bot non-2xx | ${n(f.stateful.non2xx)} |
${f.openIdFetches ? `| OpenID metadata / key fetches in the whole run (cached by botbuilder) | ${Object.values(f.openIdFetches).join(' / ')} |\n` : ''}${INBOUND_END}`;
}

function readInboundBefore(): SectionRecord<InboundFigures> | undefined {
  if (!existsSync(INBOUND_BEFORE)) return undefined;
  const r = JSON.parse(readFileSync(INBOUND_BEFORE, 'utf8')) as SectionRecord<InboundFigures>;
  // A record from before issue 15's benchmark has no probes: it cannot stand beside this one.
  return r.figures.probes ? r : undefined;
}

function inbound(r: SectionRecord<InboundFigures>): string {
  const before = readInboundBefore();
  return inboundBlock(r, before && before.date !== r.date ? before : undefined);
}

/** Replaces only the inbound part of RESULTS.md (between its markers, or the old "## 8." section), keeping the rest. */
export function spliceInbound(file: string, r: SectionRecord<InboundFigures>): void {
  const block = inbound(r);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let a = text.indexOf(INBOUND_START);
  let z = text.indexOf(INBOUND_END);
  if (a >= 0 && z > a) z += INBOUND_END.length;
  else {
    a = text.indexOf('## 8. Inbound');
    z = text.indexOf('\n\n## 9.');
  }
  let out = a >= 0 && z > a ? `${text.slice(0, a)}${block}${text.slice(z)}` : `${text}\n${block}\n`;
  // Its line under "Reading the figures" too, so the prose matches the tables.
  out = out.replace(/^- \*\*Inbound\.\*\*.*$/m, () => inboundReading(r));
  writeFileSync(file, out);
}

function fanout(r: SectionRecord<FanoutFigures>): string {
  const f = r.figures;
  const b = f.bulk;
  const a = f.alerts;
  return `## 9. Fan-out: ${n(f.count)} messages through the outbox to a throttling connector

${provenance(r)}

What was driven: check-ins do not exist yet, so ${n(f.count)} neutral bulk-lane messages (${n(f.people)} people ×
${f.messagesPerPerson}, queued round-robin as a check-in job would) were put through Haven's real
\`Outbox\` into Azurite (${f.azurite === 'disk' ? 'on disk' : 'in memory'}), then delivered by Haven's own job loop and \`Dispatcher\` (real time, default
\`HAVEN_OUTBOX_POLL_MS\`) through the Bot Connector gateway over HTTP to the fake connector
(\`test/support/fake-connector.ts\`) with \`enforceTeamsLimits()\` (50 requests/s per tenant, 7/s per
conversation, 429 with \`Retry-After: 1\` beyond them) and, in bench code, 5% of all writes answered 429
\`Retry-After: 1\` at random (seeded). While the backlog drained, ${a.raised} "I'm not okay" requests were
raised by demo officers through \`POST /api/messages\` (\`declaration.raise\`, talk) at even intervals; the
time is from the click to the responder's alert arriving at the connector with a 2xx.

| bulk delivery | value |
|---|---:|
| delivered (2xx at the connector and outbox row \`sent\`) | ${n(b.delivered)} of ${n(f.count)} |
| lost | ${b.lost} |
| duplicated (more than one 2xx for one message) | ${b.duplicated} |
| time from dispatcher start to last delivery | ${n(b.seconds, 1)} s |
| achieved delivery rate | ${n(b.deliveredPerSecond, 1)} /s |
| **as a fraction of the 50/s tenant ceiling** | **${n(b.fractionOfCeiling, 2)}** |
| requests/s reaching the connector (including the ones answered 429) | ${n(b.connectorRequestsPerSecond, 1)} |
| most requests accepted in any 1 s window | ${b.mostAcceptedInAnySecond} |
| 429s injected at random / 429s from the enforced limits | ${f.connector.injected429} / ${f.connector.limit429} |
| bulk rows that needed more than one attempt | ${n(b.rowsRetried)} |
| rows not \`sent\` at the end | ${Object.keys(b.rowsNotSent).length ? JSON.stringify(b.rowsNotSent) : 'none'} |
| queueing the ${n(f.count)} messages (outbox writes) | ${n(f.enqueue.seconds, 1)} s (${n(f.enqueue.perSecond)} /s) |
| one \`listDue\` with the whole backlog pending | ${n(f.listDueWithFullBacklogMs)} ms |
| event-loop delay in Haven's process while draining (p50 / p99 / max) | ${n(f.eventLoopDelayMs.p50, 1)} / ${n(f.eventLoopDelayMs.p99, 1)} / ${n(f.eventLoopDelayMs.max, 1)} ms |

| "I'm not okay" alert during the fan-out | value |
|---|---:|
| raised / delivered / lost / duplicated | ${a.raised} / ${a.delivered} / ${a.lost} / ${a.duplicated} |
| delivered while bulk messages were still queued | ${a.deliveredWhileBacklog} of ${a.delivered} |
| **click → delivered, p50** | **${n(a.clickToDeliveryMs.p50)} ms** |
| **click → delivered, p99** | **${n(a.clickToDeliveryMs.p99)} ms** |
| click → delivered, max | ${n(a.clickToDeliveryMs.max)} ms |
| the raise's own HTTP answer (p50 / p99) | ${n(a.raiseAnswerMs.p50)} / ${n(a.raiseAnswerMs.p99)} ms |
${f.timedOut ? '\n**The run hit its time bound before everything was delivered; the figures above are partial.**\n' : ''}
With ${a.raised} samples the p99 is the slowest one or two alerts; every sample is in \`bench/out/fanout.json\`.
An alert that drew one of the random 429s waits at least its \`Retry-After\` (1 s) plus the next pass.
`;
}

function scheduler(r: SectionRecord<SchedulerFigures>): string {
  const f = r.figures;
  const rows = f.sizes.map(
    (s) =>
      `| ${n(s.size)} | ${n(s.units)} | ${n(s.declarations)} | ${n(s.due.checkIns)} / ${n(s.due.escalations)} / ${n(s.due.followUps)} | ${n(s.ms.total, 1)} | ${n(s.msMedian.total, 1)} | ${n(s.ms.checkIns, 1)} | ${n(s.ms.declarations, 1)} | ${formatBytes(s.heapBytes.world)} | ${formatBytes(s.heapBytes.dueWorkResult)} | ${formatBytes(s.maxRssBytes)} |`,
  );
  const growth = f.growth.map((g) => `| ${n(g.from)} → ${n(g.to)} | ${n(g.total, 2)} | ${n(g.checkIns, 2)} | ${n(g.declarations, 2)} |`);
  return `## 10. Scheduler scale: finding due work for 5,000 to 50,000 people

${provenance(r)}

What was measured: one scheduler tick's "find due work", in memory, on a synthetic roster (units of 25:
a department head, three supervisors covering each other, a trainer, 20 officers; ~4% of supervisors
and 1% of heads away today; 1% of people with an open declaration raised 0–90 min ago, a third
acknowledged; 0.5% with one raised four days ago whose 72-hour follow-up is due). Two parts, timed apart:
- **declarations**: exactly what \`tickDeclarations()\` computes per open declaration or due follow-up,
  without storage: \`declarationContext\` (→ \`resolveChain\`, fallback responders, reassignable people),
  \`transition(tick)\` and \`takeDueFollowUps\`.
- **check-ins** (they do not exist yet, so this is a stand-in built from existing rules): everyone at work
  now (their working pattern) whose last check-in is a week old, with \`responsibleFor\` for each.
The roster load from Table Storage that precedes this in a real tick is not included. Each size runs in
a fresh process (\`--expose-gc\`); times are the fastest of ${String(r.options.repeats)} repeats after a warm-up (the
median is shown too); heap figures are after a full GC.

| people | units | declarations | due: check-ins / escalations / follow-ups | total ms (fastest) | total ms (median) | check-ins ms | declarations ms | roster heap | due-work heap | peak RSS |
|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Growth exponent k (time ∝ people^k; 1 is linear, 2 quadratic), from the fastest times:

| sizes | total | check-ins | declarations |
|---|---:|---:|---:|
${growth.join('\n')}
`;
}

/** The figures of the run before the weekly digest (issue 13), kept in git next to this file. */
export const SIMULATE_BEFORE = 'bench/simulate-before.json';
const SIM_START = '<!-- simulate:start -->';
const SIM_END = '<!-- simulate:end -->';

function simulateFigures(f: SimulateFigures): string {
  const rows = f.roles.map(
    (r) =>
      `| ${r.role} | ${r.people} | ${n(r.nonUrgentCardsPerWeek.median, 1)} / ${r.nonUrgentCardsPerWeek.max} | ${n(r.cardsPerWeek.median, 1)} / ${r.cardsPerWeek.max} | ${n(r.textsPerWeek.median, 1)} / ${r.textsPerWeek.max} | ${n(r.neededAction)} | ${n(r.repeats)} | ${n(r.neverActedOn)} |`,
  );
  const b = f.busiestSupervisor;
  return `Per role, per person-week (median / max):

| role | people | non-urgent cards | all cards | text messages | needed an action (year) | repeats (year) | never acted on (year) |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

| figure | value |
|---|---|
| the ${b?.reports ?? '?'}-report sergeant: non-urgent cards in their busiest week (median week) | **${b?.maxWeek ?? 'n/a'}** (${b?.medianWeek ?? 'n/a'}) |
| budget: no supervisor or department head above 7 non-urgent cards in any week | ${yes(f.verdict.budgetHolds)} (${f.verdict.nonUrgentBreaches} person-weeks over) |
| every urgent item reached someone within its escalation policy | ${yes(f.verdict.urgentInTime)} (${f.urgent.requests} urgent items; slowest first delivery ${f.urgent.maxMinutesToReach} min, slowest acknowledgement ${f.urgent.maxMinutesToAcknowledge} min)${f.verdict.urgentLate.length ? `: ${f.verdict.urgentLate.join('; ')}` : ''} |
| weeks over budget (week 1 is go-live week): people over | ${f.overBudgetWeeks?.length ? f.overBudgetWeeks.map((w) => `week ${w.week}: ${w.people}`).join(', ') : 'none'} |
| breaches in all | **${f.verdict.breaches}** |
| messages delivered / sends / in-place updates | ${n(f.totals.delivered)} / ${n(f.totals.sends)} / ${n(f.totals.updates)} |
| cards that asked for an action and were never acted on | ${n(f.neverActedOn)} |
| sent outside the recipient's working time: urgent / non-urgent | ${f.outsideWorkingTime.urgent} / ${f.outsideWorkingTime.nonUrgent}${f.outsideWorkingTime.purposes.length ? ` (${f.outsideWorkingTime.purposes.join(', ')})` : ''} |
| lost (never delivered, other than to the officer who blocked the app) | ${f.lost} |
| simulation: job ticks (5-minute ticks while a request was open) / activities posted by people / wall time | ${n(f.run.ticks)} (${n(f.run.urgentTicks)}) / ${n(f.run.posts)} / ${n(f.run.wallSeconds)} s |
`;
}

export interface SimulateBefore {
  label: string;
  record: SectionRecord<SimulateFigures>;
}

function simulate(r: SectionRecord<SimulateFigures> | undefined, before: SimulateBefore | undefined): string {
  const parts = [
    `${SIM_START}
## 11. A unit-year: what supervisors receive (\`npm run simulate\`)

The realistic unit (generated from the seed: a department head, five sergeants, one with 22 reports, two
trainers, HR, officers on weekday, long-day, night and weekend patterns, joiners, three candidates on
journeys, recorded and unrecorded absences, "I'm not okay" at night and at weekends, an officer who blocks
the app) through a year of Haven's real workflows, jobs, outbox and storage (Azurite, in memory) on a fake
clock, with the fake Bot Connector. Simulated people act on the cards they receive (most within a working
day, one sergeant after days, one never). Non-urgent cards are sends (not in-place updates) of anything but
"I'm not okay" alerts, their escalations and unreachable-person notices. The whole report (per person,
every request and flag, what was never acted on) is in \`bench/out/simulate/report.html\`; \`npm run simulate\`
produces the same for any length, seed or unit.
`,
  ];
  if (before) {
    parts.push(`### ${before.label}

${provenance(before.record)}

${simulateFigures(before.record.figures)}`);
  }
  if (r && (!before || r.date !== before.record.date)) {
    parts.push(`### Latest run

${provenance(r)}

${simulateFigures(r.figures)}`);
  }
  parts.push(SIM_END);
  return parts.join('\n');
}

export function readSimulateBefore(): SimulateBefore | undefined {
  return existsSync(SIMULATE_BEFORE) ? (JSON.parse(readFileSync(SIMULATE_BEFORE, 'utf8')) as SimulateBefore) : undefined;
}

/** Replaces (or adds, before "Reading the figures") only the simulation's part of RESULTS.md, keeping the other sections as they are. */
export function spliceSimulate(file: string, r: SectionRecord<SimulateFigures> | undefined): void {
  const block = simulate(r, readSimulateBefore());
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = text.indexOf(SIM_START);
  const z = text.indexOf(SIM_END);
  let out: string;
  if (a >= 0 && z > a) out = text.slice(0, a) + block + text.slice(z + SIM_END.length);
  else {
    const at = text.indexOf('## Reading the figures');
    out = at >= 0 ? `${text.slice(0, at)}${block}\n\n${text.slice(at)}` : `${text}\n${block}\n`;
  }
  writeFileSync(file, out);
}

/** The inbound line of "Reading the figures". */
function inboundReading(i: SectionRecord<InboundFigures>): string {
  const x = i.figures;
  const cpu = x.cpuMsPerRequest;
  const busy = cpu ? (cpu.haven * x.haven.requestsPerSecond) / 1000 : Number.NaN;
  const clean = x.haven.s5xx === 0 && x.storage.rowsEqual2xx;
  const targets = inboundTargets(x);
  const missed = targets.filter((t) => t.met === false).map((t) => t.name.replace(/`/g, ''));
  const worst = INBOUND_VERBS.map((v) => x.probes?.demo?.verbs[v]).filter((v) => v !== undefined);
  return `- **Inbound.** Haven served ${n(x.throughputRatio, 2)}× the stateful echo bot's request rate (${n(x.bare.throughputRatio, 3)}× the bare echo bot's) at ${n(x.p99Ratio, 1)}× its p99 latency${clean ? ', with no 5xx and exactly one stored row per confirmed answer' : ''}.${cpu ? ` Haven's own process spent ${n(cpu.haven, 1)} ms of CPU per request (the stateful echo bot ${n(cpu.stateful, 1)} ms), which at ${n(x.haven.requestsPerSecond, 0)} req/s kept it about ${n(Math.min(1, busy) * 100, 0)}% busy on one core; its Azurite spent ${n(cpu.havenAzurite, 1)} ms per request in a process of its own.` : ''}${worst.length ? ` One request costs up to ${Math.max(...worst.map((v) => v.calls.max))} storage calls, up to ${Math.max(...worst.map((v) => v.sequentialRounds.max))} of them one after another.` : ''} Targets met: ${targets.filter((t) => t.met).length} of ${targets.filter((t) => t.met !== undefined).length}${missed.length ? `; not met: ${missed.join('; ')}` : ''}. \`npm run bench -- --only inbound --profile\` writes CPU profiles of the servers to see where the time goes.`;
}

/** Observations drawn from the figures above (the code references are to the commit measured). */
function reading(i?: SectionRecord<InboundFigures>, f?: SectionRecord<FanoutFigures>, s?: SectionRecord<SchedulerFigures>): string {
  const lines: string[] = [];
  if (i) lines.push(inboundReading(i));
  if (f) {
    const x = f.figures;
    const requestsShare = x.bulk.connectorRequestsPerSecond / 50;
    const throttledPoints = (x.connector.injected429 / Math.max(1, x.bulk.seconds) / 50) * 100;
    const listing = `each dispatcher pass lists every due row and sorts it in memory to take 50 (\`TableOutboxRepository.listDue\`: ${n(x.listDueWithFullBacklogMs)} ms with the whole backlog of ${n(x.count)}, decrypting every row's card), which also holds up Haven's event loop (p99 ${n(x.eventLoopDelayMs.p99, 0)} ms, max ${n(x.eventLoopDelayMs.max, 0)} ms) and grows with the backlog`;
    lines.push(
      `- **Fan-out.** ${n(x.bulk.delivered)} of ${n(x.count)} delivered, ${x.bulk.lost} lost, ${x.bulk.duplicated} duplicated, at ${n(x.bulk.fractionOfCeiling * 100, 0)}% of the 50/s ceiling; requests reached the connector at ${n(requestsShare * 100, 0)}% of it and the enforced limits never had to throttle (${x.connector.limit429} limit 429s; at most ${x.bulk.mostAcceptedInAnySecond} accepted in any second). About ${n(throttledPoints, 0)} points of the gap are the requests answered 429 at random (each is a spent request and a retry)${requestsShare >= 0.97 ? `; the dispatcher otherwise kept the connector at the ceiling. One cost to watch: ${listing}.` : `; the rest is most likely the time between passes: ${listing}.`} Alerts overtake the backlog (alert lane first): click to delivery p50 ${n(x.alerts.clickToDeliveryMs.p50)} ms, p99 ${n(x.alerts.clickToDeliveryMs.p99)} ms. That is consistent with an alert waiting for the pass in progress (up to 50 bulk sends at 50/s, about a second) and the next listing; one that draws a random 429 waits its Retry-After (1 s) and another pass on top.`,
    );
  }
  if (s && s.figures.sizes.length >= 2) {
    const x = s.figures;
    const last = x.sizes[x.sizes.length - 1]!;
    const k = x.growth.map((g) => n(g.total, 1)).join(' then ');
    const worst = Math.max(...x.growth.map((g) => g.total));
    const shape = worst >= 1.6 ? 'close to quadratic' : worst >= 1.2 ? 'faster than linear' : 'about linear';
    lines.push(
      `- **Scheduler.** Finding due work grows with exponent ${k} between the sizes measured, ${shape}: ${n(last.ms.total)} ms of synchronous CPU for ${n(last.size)} people (${n(last.ms.declarations)} ms of it for ${n(last.declarations)} declarations, ${n(last.ms.declarations / Math.max(1, last.declarations), 1)} ms each). Memory is linear and small (${formatBytes(last.heapBytes.world)} of heap for the ${n(last.size)}-person roster). The time is linear scans repeated per item: for every declaration, \`declarationContext\` filters the whole roster for fallback responders (\`fallbackIds\`) and for reassignable people, and \`subjectOf\`/\`resolveChain\` find people by id with \`Array.find\`/\`some\`; for every person, \`responsibleFor\` scans all units and all absences. Indexing the roster once per tick (maps by id, unit and supervisor) would make both parts linear. For comparison, the job loop ticks every \`HAVEN_OUTBOX_POLL_MS\` (1 s by default), and this work is synchronous: inbound turns wait while it runs.`,
    );
  }
  return `## Reading the figures\n\n${lines.join('\n')}\n`;
}

export function writeResults(file: string, sections: SectionRecord<unknown>[]): void {
  const by = (s: string) => sections.find((x) => x.section === s);
  const parts = [
    `# Haven performance figures

Generated by \`npm run bench\` (bench/run.ts); raw figures in \`bench/out/*.json\` (git-ignored). Every
load target is on loopback, bounded in count and time, and stops by itself. Ratios are measured side by
side in one run. Rerun everything with \`npm run bench\` (about 20 minutes on 2 cores, plus 10 to 25 for the
simulated year), the smaller variant with \`npm run bench -- --quick\`, or one section with
\`--only inbound|fanout|scheduler|simulate|jobs\` (\`npm run bench -- --help\` lists the options; \`jobs\`, the real
jobs at 5,000 to 50,000 people, about 25 minutes, runs only when named). Each section below records its own
date, machine and command. Rerunning only \`inbound\`, \`simulate\` or \`jobs\` rewrites only its section.
`,
  ];
  const i = by('inbound');
  const f = by('fanout');
  const s = by('scheduler');
  if (i) parts.push(inbound(i as SectionRecord<InboundFigures>));
  if (f) parts.push(fanout(f as SectionRecord<FanoutFigures>));
  if (s) parts.push(scheduler(s as SectionRecord<SchedulerFigures>));
  const sim = by('simulate') as SectionRecord<SimulateFigures> | undefined;
  const before = readSimulateBefore();
  if (sim || before) parts.push(`${simulate(sim, before)}\n`);
  parts.push(
    reading(
      i as SectionRecord<InboundFigures> | undefined,
      f as SectionRecord<FanoutFigures> | undefined,
      s as SectionRecord<SchedulerFigures> | undefined,
    ),
  );
  parts.push(`## Caveats

- Shared, small machine: the load generator, the server under test, Azurite and (during these runs)
  other work on the same host share the cores listed above; the load averages show how busy it was.
  Absolute figures are low for that reason; the side-by-side ratios are the figures to compare.
- Azurite is an emulator; Azure Table Storage has other latencies (a few milliseconds per call
  within a region) and its own throttling (about 2,000 entities/s per partition, 20,000/s per account).
  The benchmarks keep Azurite in memory by default: on disk (\`--azurite disk\`, as \`npm start\` runs
  it) the emulator periodically saves its whole database, a pause that grows with the rows written.
- The fake Bot Connector answers at once; Teams answers in tens to hundreds of milliseconds, which
  the dispatcher's 8 parallel conversations absorb below the 50/s ceiling.
- Item 8 drives check-ins beside declarations; item 9 drives neutral bulk messages, and item 10
  uses a stand-in check-in scan built from the existing rules (see each section).
`);
  writeFileSync(file, parts.join('\n'));
}
