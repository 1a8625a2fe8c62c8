// Composition root: the only file that knows every concrete class.
import { noRosterSync } from './kernel/go-live-defaults.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logging.ts';
import { createServer } from './server.ts';
import { Dispatcher } from './delivery/dispatcher.ts';
import { Outbox } from './delivery/outbox.ts';
import { LeasedLoop } from './jobs/leased-loop.ts';
import { developmentConnectionString, startEmbeddedAzurite, type EmbeddedAzurite } from './storage/embedded-azurite.ts';
import { FieldCipher } from './storage/field-cipher.ts';
import { TableStore, type StorageConnection } from './storage/table-store.ts';
import { TablePeopleRepository } from './storage/people-repository.ts';
import { TableAbsenceRepository, TableUnitRepository } from './storage/unit-repository.ts';
import { TableConversationRefRepository } from './storage/conversation-ref-repository.ts';
import { rosterVersionOf } from './storage/roster-version.ts';
import { RosterView } from './kernel/roster-view.ts';
import { TableOutboxRepository } from './storage/outbox-repository.ts';
import { TableAuditLog } from './storage/audit-log.ts';
import { TableLeaseRepository } from './storage/lease-repository.ts';
import { loadDataFiles, type DataFiles } from './data-files.ts';
// Issue 16 (graph): every Graph adapter (directory, app installer, grading-access group) on one client.
import { graphAdaptersFor } from './graph/from-config.ts';
import type { TokenProvider } from './graph/graph-client.ts';
import { TableDeclarationRepository } from './storage/declaration-repository.ts';
import { TableFlagRepository } from './storage/flag-repository.ts';
import { TableCheckInRepository } from './storage/check-in-repository.ts';
import { TableJourneyRepository } from './storage/journey-repository.ts';
import { TableStagedExposureRepository } from './storage/staged-exposure-repository.ts';
import { TableCareRepository } from './storage/care-repository.ts';
import { TableSuitabilityRepository } from './storage/suitability-repository.ts';
import { TableTrayRepository } from './storage/tray-repository.ts';
import { TableDigestRepository } from './storage/digest-repository.ts';
import { TableWorkloadRepository } from './storage/workload-repository.ts';
import { TableTrimRepository } from './storage/trim-repository.ts';
// Issue 16 part 4: files in the personal chat.
import { TableFileOfferRepository } from './storage/file-offer-repository.ts';
import { OutboxFileOffers } from './kernel/file-offers.ts';
import { TableStepAwayRepository } from './storage/step-away-repository.ts';
import type { Feature } from './kernel/feature.ts';
import { declarations } from './features/declarations/index.ts';
import { reports } from './features/reports/index.ts';
import { auditViewer } from './features/audit-viewer/index.ts';
import { checkIns } from './features/check-ins/index.ts';
import { journeys } from './features/journeys/index.ts';
import { bringClinicalSupervisionForward, care } from './features/care/index.ts';
import { digest } from './features/digest/index.ts';
import { suitability } from './features/suitability/index.ts';
import { processReview } from './features/process-review/index.ts';
import { concerns } from './features/concerns/index.ts';
import { TableConcernRepository } from './storage/concern-repository.ts';
import { trim } from './features/trim/index.ts';
// Issue 16 part 4: the admin card.
import { operations, type JobLoopStatus } from './features/operations/index.ts';
import { buildCommandTable } from './teams/command-table.ts';
import { createTeamsBot, type BotAuthOverride, type TeamsBot } from './teams/bot.ts';
import { tenantOfBody } from './teams/activity.ts';
import { importRoster } from './kernel/import-roster.ts';
import { seedDemoJourneys } from './features/journeys/seed-demo-journeys.ts';
import type { Clock, ConnectorGateway, OutboxRepository } from './kernel/ports.ts';
import { UnreachableRecorder, unreachableFollowUps } from './delivery/record-unreachable.ts';
import { featureJobs } from './jobs/feature-jobs.ts';
// Issue 16 part 4: retention.
import { loadRetention, retentionSources } from './jobs/retention-sources.ts';
import type { HavenDeps } from './haven-deps.ts';
// Issue 16, part 1: the roster from Entra ID.
import { createRosterSync, loadEntraMappings, rosterSyncFeature, type RosterSyncDeps } from './features/roster-sync/index.ts';
import { TableRosterSyncRunRepository } from './storage/roster-sync-repository.ts';

/**
 * Every feature, once. Routes, commands, jobs, subject requests and the tests' sweeps iterate this list.
 * The order is the job loop's order and breaks ties between commands of equal priority.
 */
export const FEATURES: readonly Feature<HavenDeps>[] = [
  declarations,
  checkIns,
  care,
  processReview,
  suitability,
  journeys,
  // Issue 14 part 3: concerns about a colleague, "I've noticed …".
  concerns,
  // Issue 14 part 4: TRiM follow-ups.
  trim,
  // Issue 16 part 4: reports from Teams, and the audit viewer.
  reports,
  auditViewer,
  // Issue 16, part 1: the daily roster sync from Entra ID.
  rosterSyncFeature,
  // Issue 16 part 4: the admin card (delivery health, the job loop, the roster sync).
  operations,
  // The digest's job must run last: it composes from what every other job put in the tray this tick.
  digest,
];

/** The job loop's lease (one row in the leases table). */
const JOBS_LEASE = 'jobs';

export const systemClock: Clock = { now: () => new Date() };

export interface Haven {
  url: string;
  config: Readonly<Config>;
  deps: HavenDeps;
  outbox: OutboxRepository;
  dispatcher: Dispatcher;
  loop: LeasedLoop;
  bot: TeamsBot;
  store: TableStore;
  /** The local Azurite in use (embedded storage only): its table endpoint, and whether another process runs it. */
  localAzurite?: { url: string; shared: boolean };
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  clock?: Clock;
  /** Tests replace the Bot Connector gateway only at this seam. */
  gateway?: ConnectorGateway;
  /** Tests point Microsoft Graph at a fake server with a fixed token. */
  graphToken?: TokenProvider;
  /** Skip starting the job loop (tests drive ticks by hand). */
  manualJobs?: boolean;
  /** Tests only: check inbound tokens against a local OpenID server and sign outbound calls with a fixed token. */
  botAuth?: BotAuthOverride;
  /**
   * Runs once Haven listens and before its jobs first run, so nothing is sent before it finishes
   * (`npm start` records the demo people's installations here). A failure is logged; Haven still starts.
   */
  beforeJobs?: (started: { url: string; deps: HavenDeps; log: Logger }) => Promise<void>;
}

/** Local mode keeps a development data key under the data folder, created on first start. */
function developmentKey(dataDir: string, log: Logger): Buffer {
  const file = join(dataDir, 'dev-data-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  log.warn({ file }, 'created a development data-encryption key (local mode only; production takes HAVEN_DATA_KEY from Key Vault)');
  return key;
}

export interface OpenedStorage {
  store: TableStore;
  deps: HavenDeps;
  outboxRepo: TableOutboxRepository;
  outbox: Outbox;
  /** Issue 16: what `npm run roster -- sync` and deps.rosterSync run on. */
  rosterSyncDeps: RosterSyncDeps;
  /** The local Azurite in use (embedded storage only): its table endpoint, and whether another process runs it. */
  localAzurite?: { url: string; shared: boolean };
  /** Issue 16: this instance's name as the job loop's lease holder (the admin card tells it apart from others). */
  instanceId: string;
  close(): Promise<void>;
}

/**
 * The features' settings and data files, as configured: everything in HavenDeps that is not a
 * repository or an adapter. Tests that build deps on in-memory ports use the same function.
 */
export function settingsFrom(
  config: Readonly<Config>,
  dataFiles: DataFiles,
): Pick<
  HavenDeps,
  | 'careSettings'
  | 'checkInSettings'
  | 'journeyPolicy'
  | 'supportDirectory'
  | 'policyFor'
  | 'contactsFor'
  | 'dutyRotaFor'
  | 'fallbackResponders'
  | 'commandMenu'
  | 'concernSettings'
  | 'trimSettings'
> {
  return {
    // Every feature's typed commands, in the order they are tried: "What can I ask Haven?" and the welcome buttons.
    commandMenu: buildCommandTable(FEATURES).commands,
    careSettings: {
      schedule: config.care.schedule,
      escalationLevelHours: config.care.escalationLevelHours,
      repeatDays: config.care.repeatDays,
      reflectionDays: config.stages.reflectionDays,
      newJoinerMonths: config.stages.newJoinerMonths,
      spanOfControl: config.team.spanOfControl,
      weeklyCardDay: config.team.weeklyCardDay,
    },
    checkInSettings: {
      scheduleFor: dataFiles.checkInScheduleFor,
      questionSet: dataFiles.questionSet,
      thresholds: config.checkIns.flags,
      flagLevelDelayMinutes: config.checkIns.flags.escalationHours * 60,
      minGroupSize: config.checkIns.minGroupSize,
      workload: config.checkIns.workload,
    },
    journeyPolicy: { ...config.journeys },
    supportDirectory: dataFiles.supportDirectory,
    policyFor: dataFiles.policyFor,
    contactsFor: dataFiles.contactsFor,
    // Issue 16 (rotas): who is on duty at night (kernel/duty-rota.ts).
    dutyRotaFor: dataFiles.dutyRotaFor,
    fallbackResponders: config.declarations.fallbackResponders,
    // Issue 14 part 3: a concern escalates at the check-in flags' pace (HAVEN_FLAG_ESCALATION_HOURS).
    concernSettings: { levelDelayMinutes: config.checkIns.flags.escalationHours * 60 },
    // TRiM follow-ups (issue 14, part 4)
    trimSettings: { ...config.trim },
  };
}

/** Storage and repositories, shared by the bot and the admin commands. */
export async function openStorage(
  config: Readonly<Config>,
  log: Logger,
  clock: Clock = systemClock,
  graphToken?: TokenProvider,
): Promise<OpenedStorage> {
  const dataFiles = loadDataFiles(config);
  let azurite: EmbeddedAzurite | undefined;
  let localAzurite: { url: string; shared: boolean } | undefined;
  let connection: StorageConnection;
  if (config.storage.kind === 'embedded') {
    try {
      azurite = await startEmbeddedAzurite({ location: join(config.storage.dataDir, 'azurite'), port: config.storage.port });
      connection = { connectionString: azurite.connectionString };
      localAzurite = { url: azurite.url, shared: false };
      log.info({ url: azurite.url }, 'embedded Azurite table storage started');
    } catch (error) {
      // A running local Haven already serves this data folder: share its Azurite rather than open
      // the same files twice (an admin command while `npm start` runs).
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      connection = { connectionString: developmentConnectionString(config.storage.port) };
      localAzurite = { url: `http://127.0.0.1:${config.storage.port}/devstoreaccount1`, shared: true };
      log.info({ port: config.storage.port }, 'using the Azurite already running on this port');
    }
  } else if (config.storage.kind === 'connectionString') {
    connection = { connectionString: config.storage.connectionString };
  } else {
    connection = { accountUrl: config.storage.accountUrl, managedIdentityClientId: config.storage.clientId };
  }

  const key = config.dataKey ?? developmentKey(config.dataDir, log);
  const graph = graphAdaptersFor(config, graphToken);
  const store = new TableStore(connection, new FieldCipher(key), config.tablePrefix);
  try {
    await store.ensureTables();
    await store.verifyDataKey();
  } catch (error) {
    await azurite?.close();
    throw error;
  }

  const outboxRepo = new TableOutboxRepository(store);
  // Issue 15: messages stored before the outbox's due queue existed get their place in it (idempotent).
  const indexed = await outboxRepo.indexWaiting();
  if (indexed) log.info({ messages: indexed }, 'waiting outbox messages added to the due queue');
  const outbox = new Outbox(outboxRepo, clock);
  const fileOfferRecords = new TableFileOfferRepository(store);
  // Issue 16 part 4: the admin card reads the job loop's lease; startHaven's loop holds it under this name.
  const instanceId = `${process.pid}-${randomUUID()}`;
  const leases = new TableLeaseRepository(store);
  const jobLoop: JobLoopStatus = {
    async current() {
      const lease = await leases.current(JOBS_LEASE);
      if (!lease) return undefined;
      return {
        holderProcess: lease.holder.split('-')[0] ?? '?',
        thisInstance: lease.holder === instanceId,
        leaseUntil: lease.expiresAt,
        ...(lease.renewedAt ? { lastTickAt: lease.renewedAt } : {}),
      };
    },
  };
  // Issue 15: the roster held once per process, refreshed when its version row changes.
  const [people, units, absences] = [new TablePeopleRepository(store), new TableUnitRepository(store), new TableAbsenceRepository(store)];
  const deps: HavenDeps = {
    people,
    units,
    absences,
    rosterView: new RosterView({ people, units, absences, rosterVersion: rosterVersionOf(store) }),
    conversations: new TableConversationRefRepository(store),
    notifier: outbox,
    tray: new TableTrayRepository(store),
    digests: new TableDigestRepository(store),
    audit: new TableAuditLog(store),
    clock,
    declarations: new TableDeclarationRepository(store),
    // Issue 14, part 1: private screen breaks.
    stepAways: new TableStepAwayRepository(store),
    journeys: new TableJourneyRepository(store),
    flags: new TableFlagRepository(store),
    stages: new TableStagedExposureRepository(store),
    care: new TableCareRepository(store),
    suitability: new TableSuitabilityRepository(store),
    viewingAccess: graph.viewingAccess,
    checkIns: new TableCheckInRepository(store),
    // Issue 14 part 3.
    concerns: new TableConcernRepository(store),
    // Issue 14: the exposure and workload log.
    workloadWeeks: new TableWorkloadRepository(store),
    // TRiM follow-ups (issue 14, part 4)
    trimFollowUps: new TableTrimRepository(store),
    ...settingsFrom(config, dataFiles),
    // Issue #14 part 4: a flag or a request brings clinical supervision forward (care), without check-ins
    // or declarations importing care.
    bringClinicalSupervisionForward: (personId, reason) => bringClinicalSupervisionForward(deps, personId, reason),
    // Issue 16: the directory and app installation through Microsoft Graph when configured (src/graph/from-config.ts).
    directory: graph.directory,
    appInstaller: graph.appInstaller,
    rosterSync: noRosterSync(() => clock.now()),
    // Issue 16 part 4: files in the personal chat (the consent card through the outbox).
    fileOfferRecords,
    fileOffers: new OutboxFileOffers(fileOfferRecords, outbox, clock),
    // Issue 16 part 4: the admin card.
    deliveryQueue: outbox,
    jobLoop,
    // Bound below, once deps exists (every feature's sources take deps).
    retention: { problems: [], sources: [] },
    // "Once a day" for the retention job: a lease held for the day, under a name no other claim shares.
    oncePer: { claim: (name, now, periodMs) => leases.tryAcquire(name, `${instanceId}@${randomUUID()}`, now, periodMs) },
  };
  deps.retention = loadRetention(config.retentionFile, retentionSources(FEATURES, deps));
  if (deps.retention.problems.length)
    log.error({ problems: deps.retention.problems.length }, 'the retention policy has problems; retention will not run');

  // Issue 16, part 1: the roster sync reads the directory and app installer as wired above (getters: whatever
  // deps holds when it runs) and its mapping files on every run.
  const rosterSyncDeps: RosterSyncDeps = {
    people: deps.people,
    units: deps.units,
    audit: deps.audit,
    clock,
    get directory() {
      return deps.directory;
    },
    get appInstaller() {
      return deps.appInstaller;
    },
    rosterSyncRuns: new TableRosterSyncRunRepository(store),
    entraMappings: () => loadEntraMappings(config.entra.mappingDir),
  };
  deps.rosterSync = createRosterSync(rosterSyncDeps);

  return { store, deps, outboxRepo, outbox, rosterSyncDeps, localAzurite, instanceId, close: async () => void (await azurite?.close()) };
}

export async function startHaven(config: Readonly<Config>, options: StartOptions = {}): Promise<Haven> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  if (config.mode === 'local') {
    log.warn('LOCAL MODE: Bot Framework authentication is OFF and Haven listens on 127.0.0.1 only. Never expose this instance.');
  }

  const storage = await openStorage(config, log, clock, options.graphToken);
  const { deps, store, outboxRepo, outbox } = storage;

  if (config.demoRoster && (await deps.people.list()).length === 0 && existsSync(config.demoRoster)) {
    const result = await importRoster(deps, readFileSync(config.demoRoster, 'utf8'), 'system');
    if (result.ok) log.info({ people: result.people, units: result.units }, 'demo roster loaded (first start)');
    else log.error({ problems: result.problems.length }, 'the demo roster is invalid; run npm run roster -- import to see why');
  }
  if (config.demoJourneys && existsSync(config.demoJourneys)) {
    const seeded = await seedDemoJourneys(deps, readFileSync(config.demoJourneys, 'utf8'));
    if ('loaded' in seeded) log.info({ journeys: seeded.loaded }, 'demo journeys loaded (first start)');
    // Problems name only ids and fields, never answers; a roster without the demo people lands here.
    else if ('problems' in seeded)
      log.warn({ problems: seeded.problems.length }, 'demo journeys not loaded; set HAVEN_DEMO_JOURNEYS=none to stop trying');
  }

  const bot = createTeamsBot(config, deps, FEATURES, log, options.botAuth);
  const unreachable = new UnreachableRecorder(deps);
  for (const followUp of unreachableFollowUps(FEATURES, deps, log)) unreachable.onFollowUp(followUp);
  const dispatcher = new Dispatcher(outboxRepo, deps.conversations, options.gateway ?? bot.gateway, unreachable, clock, log, {
    maxAttempts: config.outbox.maxAttempts,
  });
  const loop = new LeasedLoop(
    JOBS_LEASE,
    storage.instanceId,
    new TableLeaseRepository(store),
    clock,
    log,
    config.outbox.pollMs,
    config.jobs.leaseMs,
    [
      ...featureJobs(FEATURES, deps, log, config.jobs.scheduleEveryMs),
      // Only the lease holder dispatches (its limiter is the one 50/s limiter); it renews between passes.
      { name: 'dispatch', run: async (lease) => void (await dispatcher.drain(20, lease && (() => lease.renew()))) },
    ],
  );
  outbox.onEnqueued(() => loop.wake());
  outbox.onAlertEnqueued((id, target) => dispatcher.express(id, target));

  const http = createServer({
    log,
    async handleMessage(req, res) {
      // Production serves one force: an activity from any other tenant is refused before any handler runs.
      if (config.mode === 'production' && tenantOfBody(req.body) !== config.bot.tenantId) {
        log.warn('activity from a foreign tenant rejected');
        res.send(403, { error: 'forbidden', message: 'This Haven instance serves one tenant only.' });
        return;
      }
      // Teams always says where to answer. Without a serviceUrl botbuilder would answer (a welcome or
      // error card) to the public Bot Framework endpoint instead.
      const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
      if (typeof serviceUrl !== 'string' || serviceUrl.length === 0) {
        res.send(400, { error: 'bad_request', message: 'Expected a Bot Framework activity: "serviceUrl" is missing.' });
        return;
      }
      // One line per inbound activity, with correlation ids only (never names or text).
      const started = Date.now();
      const body = req.body as { id?: unknown; type?: unknown; name?: unknown; conversation?: { id?: unknown } };
      try {
        await bot.process(req, res);
      } finally {
        log.info(
          {
            activityId: typeof body.id === 'string' ? body.id.slice(0, 64) : undefined,
            activityType: typeof body.type === 'string' ? body.type.slice(0, 40) : undefined,
            invoke: typeof body.name === 'string' ? body.name.slice(0, 40) : undefined,
            status: res.statusCode,
            ms: Date.now() - started,
          },
          'activity handled',
        );
      }
    },
    async readiness() {
      const checks: Record<string, string> = {};
      let ok = true;
      try {
        await store.ping();
        checks.storage = 'ok';
      } catch {
        checks.storage = 'unreachable';
        ok = false;
      }
      const beat = loop.heartbeat?.getTime();
      const fresh = beat !== undefined && clock.now().getTime() - beat < Math.max(30_000, config.outbox.pollMs * 5);
      checks.dispatcher = options.manualJobs ? 'manual' : fresh ? 'ok' : 'stale';
      if (!options.manualJobs && !fresh) ok = false;
      return { ok, checks };
    },
  });

  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  const address = http.server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  if (options.beforeJobs) {
    try {
      await options.beforeJobs({ url, deps, log });
    } catch (error) {
      log.error({ err: { message: (error as Error).message } }, 'a start-up step failed; Haven starts without it');
    }
  }
  if (!options.manualJobs) loop.start();
  log.info({ url: `${url}/api/messages`, mode: config.mode }, 'Haven is listening');

  return {
    url,
    config,
    deps,
    outbox: outboxRepo,
    dispatcher,
    loop,
    bot,
    store,
    localAzurite: storage.localAzurite,
    async close() {
      await http.drain();
      await loop.stop();
      await dispatcher.close();
      await storage.close();
    },
  };
}

/** For command-line entry points: the configuration, or every problem on stderr and exit code 1. */
export function loadConfigOrExit(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  const haven = await startHaven(config, { log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: draining in-flight turns');
    await haven.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    process.stderr.write(`Haven failed to start: ${error.message}\n`);
    process.exit(1);
  });
}
