// One roster size in a fresh process: seeds a synthetic force into a real (in-memory) Azurite, then
// runs the real jobs (check-ins, flags, care, journeys, declarations) one tick each, with every storage
// call counted by the storage proxy (test/support/storage-fault-proxy.ts) and this process's CPU
// measured (process.cpuUsage; Azurite runs in its own process and is not counted).
// Phases, in order, each printed as one JSON line as soon as it ends (the parent keeps whatever
// finished before its time box):
//   declarations       the declaration job alone with `openRequests` open requests (their escalations due)
//   declarationsAgain  the same a second later: the steady tick
//   quiet              every job once on a Monday at 10:31, nothing new due: today's check-ins already
//                      sent and this week's team lines marked (both seeded as the jobs store them), care
//                      not yet counted
//   goLive             care starts counting today (the go-live): every backlog falls due at once
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { FEATURES, openStorage } from '../../src/main.ts';
import { featureJobs } from '../../src/jobs/feature-jobs.ts';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { FieldCipher } from '../../src/storage/field-cipher.ts';
import { TableStore } from '../../src/storage/table-store.ts';
import type { Person } from '../../src/kernel/types.ts';
import { isoWeek } from '../../src/kernel/working-time.ts';
import { spanExceeded } from '../../src/features/care/care-schedule.ts';
import { DocumentTable, TABLES } from '../../src/storage/table-store.ts';
import { TableAbsenceRepository, TableUnitRepository } from '../../src/storage/unit-repository.ts';
import { TableDeclarationRepository } from '../../src/storage/declaration-repository.ts';
import { TableCheckInRepository } from '../../src/storage/check-in-repository.ts';
import { checkInId, closesOnFor, currentDueOn, receivesCheckIns, type CheckIn } from '../../src/features/check-ins/check-in.ts';
import { isCurrentMember } from '../../src/kernel/responsibility.ts';
import { TableCareRepository } from '../../src/storage/care-repository.ts';
import { startStorageFaultProxy, type ProxiedCall } from '../../test/support/storage-fault-proxy.ts';
import { syntheticWorld } from '../scheduler/synthetic-roster.ts';
import { isOpen } from '../../src/features/declarations/index.ts';

/**
 * A query not pinned to one partition: a table scan on Azure Table Storage. (The SDK's query path is
 * `/{table}()`, which the shared isTableScan reads as a point read, so the rule is spelled out here.)
 */
function isScan(call: ProxiedCall): boolean {
  if (call.method !== 'GET' || !call.table || call.table === 'Tables' || !call.path.endsWith('()')) return false;
  const filter = /(?:^|&)\$filter=([^&]*)/.exec(call.query)?.[1] ?? '';
  return !/PartitionKey eq '/.test(filter);
}

const size = Number(process.argv[2]);
const openRequests = Number(process.argv[3] ?? 750);
// A Monday mid-morning, UK winter (UTC = local): most day patterns are at work.
const MONDAY = '2026-11-23T10:30:00.000Z';
const JOBS = ['check-ins', 'flags', 'care', 'journeys', 'declarations'] as const;

let t = new Date(MONDAY).getTime();
const clock = { now: () => new Date(t) };

async function inParallel<T>(items: readonly T[], width: number, each: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await each(items[next++]!);
    }),
  );
}

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  const proxy = await startStorageFaultProxy(azurite.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-jobs-'));
  const key = randomBytes(32);
  const prefix = `b${randomBytes(4).toString('hex')}`;
  try {
    const config = loadConfig({
      PORT: '0',
      HAVEN_DATA_DIR: dataDir,
      HAVEN_STORAGE_CONNECTION_STRING: proxy.connectionString,
      HAVEN_DATA_KEY: key.toString('base64'),
      HAVEN_TABLE_PREFIX: prefix,
      HAVEN_LOG_LEVEL: 'warn',
      // Care is switched on (counted from today) for the go-live phase only; see below.
      HAVEN_CARE_FROM: '2099-01-01',
      HAVEN_DEMO_ROSTER: 'none.csv',
      HAVEN_DEMO_JOURNEYS: 'none.json',
      HAVEN_ENTRA_DIR: 'none',
      HAVEN_RETENTION_FILE: 'off',
    });
    let warnings = 0;
    const sink = new Writable({
      write(_chunk, _enc, cb) {
        warnings++;
        cb();
      },
    });
    const log = createLogger('warn', sink);
    const opened = await openStorage(config, log, clock);

    // Seeding goes straight to Azurite (not through the proxy) on the same tables and key.
    const seedStore = new TableStore({ connectionString: azurite.connectionString }, new FieldCipher(key), prefix);
    const world = syntheticWorld(size, new Date(MONDAY));
    const seedStarted = performance.now();
    // The people rows as the people repository writes them, without the identity links (Teams sign-in
    // aliases no job reads): a third of the writes, so 50,000 people seed in minutes.
    const people = new DocumentTable<Person>(seedStore, TABLES.people, (p) => ({ partitionKey: p.id, rowKey: 'person' }), {
      indexed: (p) => ({ unitId: p.unitId, supervisorId: p.supervisorId ?? '' }),
    });
    const units = new TableUnitRepository(seedStore);
    const absences = new TableAbsenceRepository(seedStore);
    const declarations = new TableDeclarationRepository(seedStore);
    await inParallel(world.roster.units, 32, (u) => units.create(u));
    await inParallel(world.roster.absences, 32, (a) => absences.create(a));
    await inParallel(world.roster.people, 64, (p) => people.createIfAbsent(p));
    // The declaration scenario: `openRequests` open requests, raised over the last 90 minutes.
    const open = world.declarations.filter((d) => isOpen(d)).slice(0, openRequests);
    const extra = openRequests - open.length;
    const more = extra > 0 ? syntheticWorld(size, new Date(MONDAY), 7).declarations.slice(0, extra) : [];
    const seeded = [...open, ...more.map((d, i) => ({ ...d, id: `decl-x${String(i).padStart(23, '0')}` }))];
    await inParallel(seeded, 32, (d) => declarations.create(d));
    // Today's check-ins as the check-in job leaves them once sent (open, delivered), for everyone due:
    // the state of every minute after the first of the day.
    const checkIns = new TableCheckInRepository(seedStore);
    const today = MONDAY.slice(0, 10);
    const sent: CheckIn[] = [];
    for (const person of world.roster.people) {
      if (!receivesCheckIns(person) || !isCurrentMember(person)) continue;
      const schedule = opened.deps.checkInSettings.scheduleFor(person.unitId);
      const dueOn = currentDueOn(person, schedule, today);
      if (!dueOn) continue;
      sent.push({
        id: checkInId(person.id, dueOn),
        personId: person.id,
        unitId: person.unitId,
        questionSetId: schedule.questionSetId,
        dueOn,
        closesOn: closesOnFor(dueOn, schedule),
        onDemand: false,
        status: 'open',
        sentAt: new Date(new Date(MONDAY).getTime() - 60 * 60_000).toISOString(),
        shared: false,
        delivered: true,
      });
    }
    await inParallel(sent, 64, (c) => checkIns.add(c));
    // This week's "my team" and span-of-control lines as the care job marks them once sent: a quiet
    // minute is one after the Monday's first (the lines themselves are not seeded; nobody reads them here).
    const care = new TableCareRepository(seedStore);
    const week = isoWeek(today);
    const marks: string[] = [];
    // Counted here, not with the kernel's directReports: the bench runs on the code before issue 15 too.
    const reports = new Map<string, number>();
    for (const p of world.roster.people)
      if (p.supervisorId && isCurrentMember(p)) reports.set(p.supervisorId, (reports.get(p.supervisorId) ?? 0) + 1);
    for (const p of world.roster.people) {
      if (!isCurrentMember(p)) continue;
      if (p.roles.includes('supervisor') || p.roles.includes('departmentHead')) marks.push(`team:${p.id}:${week}`);
      const n = reports.get(p.id) ?? 0;
      if (spanExceeded(n, opened.deps.careSettings.spanOfControl)) marks.push(`span:${p.id}:${n}`);
    }
    await inParallel(marks, 64, (key) => care.addMark(key, MONDAY));
    const seedMs = performance.now() - seedStarted;
    emit({
      phase: 'seed',
      size,
      units: world.roster.units.length,
      absences: world.roster.absences.length,
      openRequests: seeded.length,
      checkInsSent: sent.length,
      seedMs: Math.round(seedMs),
    });

    const all = featureJobs(FEATURES, opened.deps, log, 0);
    const jobs = JOBS.map((name) => {
      const job = all.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}`);
      return job;
    });

    const measure = async (phase: string, names: readonly string[]) => {
      const perJob: Record<string, { cpuMs: number; wallMs: number; calls: number; writes: number; scans: number }> = {};
      const total = { cpuMs: 0, wallMs: 0, calls: 0, writes: 0, scans: 0 };
      for (const job of jobs.filter((j) => names.includes(j.name))) {
        proxy.calls.splice(0);
        const warned = warnings;
        const cpu = process.cpuUsage();
        const w0 = performance.now();
        await job.run();
        const wallMs = performance.now() - w0;
        const used = process.cpuUsage(cpu);
        const calls: ProxiedCall[] = proxy.calls.splice(0);
        const f = {
          cpuMs: Math.round((used.user + used.system) / 100) / 10,
          wallMs: Math.round(wallMs),
          calls: calls.length,
          writes: calls.filter((c) => c.write).length,
          scans: calls.filter(isScan).length,
          ...(warnings > warned ? { warnings: warnings - warned } : {}),
        };
        perJob[job.name] = f;
        total.cpuMs = Math.round((total.cpuMs + f.cpuMs) * 10) / 10;
        total.wallMs += f.wallMs;
        total.calls += f.calls;
        total.writes += f.writes;
        total.scans += f.scans;
      }
      emit({ phase, size, total, jobs: perJob });
    };

    await measure('declarations', ['declarations']);
    t += 1000;
    await measure('declarationsAgain', ['declarations']);
    t += 60_000;
    // The first minute after seeding lets a job write what only it knows how to (the care job's mark
    // that the week's team lines are all out); the next minute is the quiet one measured.
    await measure('quietFirst', JOBS);
    t += 60_000;
    await measure('quiet', JOBS);
    t += 60_000;
    // The go-live: Haven starts counting care today, so every backlog falls due at once (spread over
    // the configured weeks, as in production).
    opened.deps.careSettings.schedule = { ...opened.deps.careSettings.schedule, countFrom: today };
    await measure('goLive', JOBS);
    await opened.close();
  } finally {
    await proxy.close();
    await azurite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
