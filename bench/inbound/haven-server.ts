// Haven for the inbound benchmark, in a process of its own (restify + teams-ai + workflows + outbox,
// storage on an Azurite process of its own). Two modes, chosen by the parent:
//   token: production mode (SingleTenant, one tenant, Bot Framework authentication on), with
//          botbuilder's channel-token validation pointed at a local OpenID server (StartOptions.botAuth,
//          the same seam the security tests use); the parent sends validly signed channel tokens.
//   local: local mode, no authentication, as `npm run serve` starts it on a laptop.
// The job loop is off, so the figures are the inbound path alone (the fan-out benchmark measures the
// dispatcher).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startHaven } from '../../src/main.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { importRoster } from '../../src/kernel/import-roster.ts';
import { DEMO_TENANT } from '../../test/support/activities.ts';
import { serveParent } from '../lib/child.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-inbound-'));
const logLevel = process.env.HAVEN_BENCH_LOG_LEVEL ?? 'info';
const auth = process.env.HAVEN_BENCH_AUTH === 'token' ? 'token' : 'local';
// Azurite in memory unless asked for disk (as `npm start` keeps it): on disk the emulator saves its
// whole database every few seconds, a pause that grows with every row the benchmark writes.
const azurite: EmbeddedAzurite = await startEmbeddedAzurite(
  process.env.HAVEN_BENCH_AZURITE === 'disk' ? { location: join(dataDir, 'azurite') } : {},
);
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
  config = { ...real, storage: { kind: 'connectionString', connectionString: azurite.connectionString } };
} else {
  config = loadConfig({
    PORT: '0',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_LOG_LEVEL: logLevel,
    HAVEN_DEMO_ROSTER: 'data/demo-roster.csv',
    HAVEN_STORAGE_CONNECTION_STRING: azurite.connectionString,
  });
}

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
if (auth === 'token') {
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
      };
    },
  },
  async () => {
    await haven.close();
    await azurite.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
);
