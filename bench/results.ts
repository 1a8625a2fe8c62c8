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

function targetRow(name: string, t: TargetFigures): string {
  return `| ${name} | ${n(t.requests)} | ${n(t.durationS, 1)} | ${n(t.requestsPerSecond, 1)} | ${t.latencyMs.p50} | ${t.latencyMs.p90} | ${t.latencyMs.p99} | ${t.latencyMs.max} | ${t.s5xx} | ${t.non2xx} | ${t.errors} |`;
}

function inbound(r: SectionRecord<InboundFigures>): string {
  const f = r.figures;
  const s = f.storage;
  const authLine =
    f.auth === 'token'
      ? 'Both servers ran with Bot Framework authentication on and every request carried a validly signed channel token (RS256, issuer `https://api.botframework.com`, audience the app id, `serviceurl` claim, key endorsed for `msteams`), checked by botbuilder against a local OpenID metadata/key server on loopback (`test/support/openid-server.ts`; Haven through `StartOptions.botAuth`, the echo bot with the same settings). Haven ran in production mode (SingleTenant, one tenant, field encryption key set); only the storage (Azurite instead of Azure Table Storage) and the OpenID endpoints differ from a deployment.'
      : 'Both servers ran in **local mode, with no authentication**: no token was sent or checked. Rerun with `--inbound-auth token` for signed tokens.';
  return `## 8. Inbound: Haven against a bare echo bot, side by side

${provenance(r)}

What was driven: check-ins do not exist yet (another issue), so the load is the two card actions that
do exist and write: each of ${f.connections} autocannon connections repeats **\`declaration.raise\`** (an officer of the
demo unit raises talk / break / leave in turn, half with a note; each stores one declaration row, an
audit row, the alert and channel card in the outbox, and for break/leave the viewing status) followed by
**\`alert.acknowledge\`** of that same declaration by the responder Haven named in its answer. The echo bot
(restify + botbuilder \`TeamsAdapter\` + teams-ai \`Application\`, answering every invoke and message with a
small card, storing nothing) got the same requests in the same run: after a warm-up of each, the two
were measured in alternating rounds (echo first, then Haven first, ...), so a change in the machine's
load falls on both. Haven's storage was Azurite in its own process (${f.azurite === 'disk' ? 'on disk' : 'in memory'}); its job loop was off
so the figures are the inbound path alone (item 9 measures delivery).

${authLine}

Medians over ${f.rounds?.length ?? 1} rounds (counts are totals):

| target | requests | seconds | req/s | p50 ms | p90 ms | p99 ms | max ms | 5xx | non-2xx | socket errors |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${targetRow('echo bot', f.echo)}
${targetRow('Haven', f.haven)}

| ratio (Haven / echo) | median | lowest–highest round |
|---|---:|---:|
| throughput | ${n(f.throughputRatio, 3)} | ${f.ratioRange ? `${n(f.ratioRange.throughput[0], 3)}–${n(f.ratioRange.throughput[1], 3)}` : ''} |
| p50 latency | ${n(f.p50Ratio, 1)} | ${f.ratioRange ? `${n(f.ratioRange.p50[0], 1)}–${n(f.ratioRange.p50[1], 1)}` : ''} |
| p99 latency | ${n(f.p99Ratio, 1)} | ${f.ratioRange ? `${n(f.ratioRange.p99[0], 1)}–${n(f.ratioRange.p99[1], 1)}` : ''} |
${
  f.rounds?.length
    ? `
| round | order | echo req/s | Haven req/s | echo p50 / p99 ms | Haven p50 / p99 ms | throughput ratio |
|---:|---|---:|---:|---:|---:|---:|
${f.rounds.map((r, k) => `| ${k + 1} | ${r.order.join(' → ')} | ${n(r.echo.requestsPerSecond, 1)} | ${n(r.haven.requestsPerSecond, 1)} | ${r.echo.latencyMs.p50} / ${r.echo.latencyMs.p99} | ${r.haven.latencyMs.p50} / ${r.haven.latencyMs.p99} | ${n(r.throughputRatio, 3)} |`).join('\n')}
`
    : ''
}
| check | value |
|---|---|
| Haven 5xx | ${f.haven.s5xx} (${yes(f.haven.s5xx === 0)} zero) |
| declaration rows stored / \`declaration.raise\` 2xx | ${n(s.declarationRowsStored)} / ${n(s.raise2xx)} |
| declarations acknowledged / \`alert.acknowledge\` 2xx | ${n(s.acknowledgedStored)} / ${n(s.acknowledge2xx)} |
| stored rows equal 2xx answers | ${yes(s.rowsEqual2xx)} |
| outbox rows queued by the measured run | ${n(s.outboxRowsQueued)} |
| CPU time per request in the server's own process: Haven / echo bot | ${f.cpuMsPerRequest ? `${n(f.cpuMsPerRequest.haven, 2)} / ${n(f.cpuMsPerRequest.echo, 2)} ms` : 'n/a'} |
| peak RSS: Haven / echo bot | ${formatBytes(f.memory.havenMaxRssBytes)} / ${formatBytes(f.memory.echoMaxRssBytes)} |
${f.openIdFetches ? `| OpenID metadata / key fetches in the whole run (cached by botbuilder) | ${Object.values(f.openIdFetches).join(' / ')} |\n` : ''}
Each measured run is a fixed number of requests (sized from the target's last rate to last about
${String(r.options.seconds)} s), not a duration, so every request sent was answered and counted, and the row counts
compare exactly. The counts are read from Azurite after the runs; rows written by the warm-ups are excluded.
`;
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

/** Observations drawn from the figures above (the code references are to the commit measured). */
function reading(i?: SectionRecord<InboundFigures>, f?: SectionRecord<FanoutFigures>, s?: SectionRecord<SchedulerFigures>): string {
  const lines: string[] = [];
  if (i) {
    const x = i.figures;
    const cpu = x.cpuMsPerRequest;
    const busy = cpu ? (cpu.haven * x.haven.requestsPerSecond) / 1000 : Number.NaN;
    const clean = x.haven.s5xx === 0 && x.storage.rowsEqual2xx;
    lines.push(
      `- **Inbound.** Haven served ${n(x.throughputRatio * 100, 1)}% of the echo bot's request rate, at ${n(x.p50Ratio, 0)}× its median and ${n(x.p99Ratio, 0)}× its p99 latency${clean ? ', with no 5xx and exactly one stored row per 2xx' : ''}.${cpu ? ` Haven's own process spent ${n(cpu.haven, 1)} ms of CPU per request against the echo bot's ${n(cpu.echo, 1)} ms, which at ${n(x.haven.requestsPerSecond, 0)} req/s kept it about ${n(Math.min(1, busy) * 100, 0)}% busy on one core${busy > 0.7 ? ': on this machine Haven is bound by its own CPU, not by waiting for storage' : '; the rest of its time is waiting, for storage and for the shared cores'}.` : ''} Each raise and each acknowledgement reads the whole roster (\`loadRoster\`: three table scans), writes the declaration, audit and outbox rows one after another, and builds several Adaptive Cards (the answer, the responder's alert, the channel card, card updates), each bound from a template. \`npm run bench -- --only inbound --profile\` writes CPU profiles of both servers to see where the time goes.`,
    );
  }
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
side in one run. Rerun everything with \`npm run bench\` (about 6 minutes on 2 cores, plus 10 to 25 for the
simulated year), the smaller variant with \`npm run bench -- --quick\`, or one section with
\`--only inbound|fanout|scheduler|simulate\` (\`npm run bench -- --help\` lists the options). Each section below
records its own date, machine and command. Rerunning only \`simulate\` rewrites only its section.
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
- Check-ins do not exist yet: items 8 and 9 drive declarations and neutral bulk messages, item 10
  uses a stand-in check-in scan built from the existing rules (see each section).
`);
  writeFileSync(file, parts.join('\n'));
}
