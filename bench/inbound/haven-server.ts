// Haven for the inbound benchmark, in a process of its own (restify + teams-ai + workflows + outbox,
// storage on an Azurite process of its own). Two modes, chosen by the parent:
//   token: production mode (SingleTenant, one tenant, Bot Framework authentication on), with
//          botbuilder's channel-token validation pointed at a local OpenID server (StartOptions.botAuth,
//          the same seam the security tests use); the parent sends validly signed channel tokens.
//   local: local mode, no authentication, as `npm run serve` starts it on a laptop.
// The job loop is off, so the figures are the inbound path alone (the fan-out benchmark measures the
// dispatcher).
// Storage: with HAVEN_BENCH_STORAGE (a connection string: the parent's storage child, Azurite behind
// the counting and delaying proxy) Haven uses that; otherwise it starts an Azurite of its own.
// With HAVEN_BENCH_ROSTER_SIZE (issue 15's scale figure) the storage is seeded, before Haven starts,
// with the synthetic roster of the scheduler benchmark through Haven's own repositories instead of
// the demo roster.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { openStorage, startHaven } from '../../src/main.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { syntheticWorld } from '../scheduler/synthetic-roster.ts';
import type { Person } from '../../src/kernel/types.ts';
import { importRoster } from '../../src/kernel/import-roster.ts';
import { DEMO_TENANT } from '../../test/support/activities.ts';
import { serveParent } from '../lib/child.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-inbound-'));
const logLevel = process.env.HAVEN_BENCH_LOG_LEVEL ?? 'info';
const auth = process.env.HAVEN_BENCH_AUTH === 'token' ? 'token' : 'local';
// Azurite in memory unless asked for disk (as `npm start` keeps it): on disk the emulator saves its
// whole database every few seconds, a pause that grows with every row the benchmark writes.
const given = process.env.HAVEN_BENCH_STORAGE;
const rosterSize = Number(process.env.HAVEN_BENCH_ROSTER_SIZE ?? 0);
const azurite: EmbeddedAzurite | undefined = given
  ? undefined
  : await startEmbeddedAzurite(process.env.HAVEN_BENCH_AZURITE === 'disk' ? { location: join(dataDir, 'azurite') } : {});
const connectionString = given ?? azurite!.connectionString;
let config: Readonly<Config>;

if (auth === 'token') {
  const appId = process.env.HAVEN_BENCH_APP_ID ?? '';
  // Production configuration as an operator would give it; the loader refuses the storage emulator
  // in production, so the emulator's connection string is swapped in after validation.
  const real = loadConfig({
    HAVEN_MODE: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    MicrosoftAppId: appId,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: DEMO_TENANT,
    MicrosoftAppPassword: 'not-a-real-secret',
    HAVEN_STORAGE_ACCOUNT_URL: 'https://havenbench.table.core.windows.net',
    HAVEN_DATA_KEY: randomBytes(32).toString('base64'),
    HAVEN_LOG_LEVEL: logLevel,
  });
  config = { ...real, storage: { kind: 'connectionString', connectionString } };
} else {
  config = loadConfig({
    PORT: '0',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_LOG_LEVEL: logLevel,
    HAVEN_DEMO_ROSTER: rosterSize > 0 ? 'none' : 'data/demo-roster.csv',
    ...(rosterSize > 0 ? { HAVEN_DEMO_JOURNEYS: 'none' } : {}),
    HAVEN_STORAGE_CONNECTION_STRING: connectionString,
  });
}

if (rosterSize > 0) await seedSyntheticRoster(rosterSize);

const haven = await startHaven(config, {
  log: createLogger(config.logLevel),
  manualJobs: true,
  ...(auth === 'token'
    ? {
        botAuth: {
          channelOpenIdMetadataUrl: process.env.HAVEN_BENCH_CHANNEL_METADATA ?? '',
          emulatorOpenIdMetadataUrl: process.env.HAVEN_BENCH_EMULATOR_METADATA ?? '',
          outboundToken: async () => 'bench-outbound-token',
        },
      }
    : {}),
});
if (auth === 'token' && rosterSize === 0) {
  const roster = await importRoster(haven.deps, readFileSync('data/demo-roster.csv', 'utf8'), 'system');
  if (!roster.ok) throw new Error('the demo roster did not import');
}

serveParent(
  `${haven.url}/api/messages`,
  {
    async counts() {
      const declarations = (await haven.deps.declarations.list()).map((d) => d.value);
      const outbox = await haven.outbox.list();
      return {
        declarations: declarations.length,
        acknowledged: declarations.filter((d) => d.acknowledged !== undefined).length,
        outbox: outbox.length,
        checkInsAnswered: (await haven.deps.checkIns.list()).filter((c) => c.value.status === 'answered').length,
      };
    },
  },
  async () => {
    await haven.close();
    await azurite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
);

/**
 * Writes units, people (with their identity aliases) and absences through Haven's repositories, many
 * at a time: importRoster writes one row after another, which at this size would take minutes.
 */
async function seedSyntheticRoster(size: number): Promise<void> {
  // Past the proxy when the parent gives Azurite's own address: seeding is set-up, not measured.
  const seedConfig: Readonly<Config> = process.env.HAVEN_BENCH_SEED_STORAGE
    ? { ...config, storage: { kind: 'connectionString', connectionString: process.env.HAVEN_BENCH_SEED_STORAGE } }
    : config;
  const started = Date.now();
  const storage = await openStorage(seedConfig, createLogger('warn'));
  const { roster } = syntheticWorld(size, new Date());
  // Identity aliases (two lookups and two writes per person) only for the unit the probe sends as:
  // nobody else ever sends an activity, and at 50,000 people the aliases would quintuple the set-up.
  const people = storage.deps.people as unknown as { link?: (p: Person) => Promise<void> };
  const link = people.link?.bind(people);
  if (link) people.link = (p: Person) => (p.unitId === 'unit-0' ? link(p) : Promise.resolve());
  const writes: Array<() => Promise<unknown>> = [
    ...roster.units.map((u) => () => storage.deps.units.create(u)),
    ...roster.people.map((p) => () => storage.deps.people.create(p)),
    ...roster.absences.map((a) => () => storage.deps.absences.create(a)),
  ];
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < writes.length) await writes[next++]!();
    }),
  );
  await storage.close();
  process.stdout.write(`seeded ${writes.length} rows in ${Date.now() - started} ms\n`);
}
