// Every unsafe configuration refuses to start. Each case runs the real entry point
// (`node --import tsx src/main.ts`) with only the environment given here, on a free port that a
// probe keeps trying to connect to for the whole run: the process must exit 1, name the problem on
// stderr, and the port must never accept a connection. A safe local configuration is the control:
// with it the same probe does see the port open, so a silent probe cannot pass the cases.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '00000000-0000-4000-8000-0000000000a0';
const GOOD_KEY = randomBytes(32).toString('base64');

/** A complete, safe production environment; each case breaks one thing. */
const PRODUCTION: Record<string, string> = {
  HAVEN_MODE: 'production',
  MicrosoftAppId: APP_ID,
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppPassword: 'not-a-real-secret',
  HAVEN_STORAGE_ACCOUNT_URL: 'https://havenprod.table.core.windows.net',
  HAVEN_DATA_KEY: GOOD_KEY,
};
const LOCAL: Record<string, string> = { HAVEN_MODE: 'local', HAVEN_AZURITE_PORT: '0', HAVEN_DEMO_ROSTER: 'none.csv' };

const prod = (changes: Record<string, string | undefined>) => ({ ...PRODUCTION, ...changes });
const local = (changes: Record<string, string | undefined>) => ({ ...LOCAL, ...changes });

interface UnsafeCase {
  name: string;
  env: Record<string, string | undefined>;
  /** Each must appear on stderr. */
  expect: RegExp[];
}

const CASES: UnsafeCase[] = [
  { name: 'production without an app id', env: prod({ MicrosoftAppId: undefined }), expect: [/production needs MicrosoftAppId/] },
  {
    name: 'an app id alone (mode defaults to production, everything else missing)',
    env: { MicrosoftAppId: APP_ID },
    expect: [/MicrosoftAppType=SingleTenant or UserAssignedMSI/, /MicrosoftAppTenantId/, /production needs storage/, /HAVEN_DATA_KEY/],
  },
  { name: 'MultiTenant', env: prod({ MicrosoftAppType: 'MultiTenant' }), expect: [/multi-tenant bots are not allowed/] },
  {
    name: 'no app type',
    env: prod({ MicrosoftAppType: undefined }),
    expect: [/production needs MicrosoftAppType=SingleTenant or UserAssignedMSI/],
  },
  {
    name: 'an unknown app type',
    env: prod({ MicrosoftAppType: 'AnyTenant' }),
    expect: [/MicrosoftAppType must be SingleTenant or UserAssignedMSI/],
  },
  { name: 'missing tenant', env: prod({ MicrosoftAppTenantId: undefined }), expect: [/production needs MicrosoftAppTenantId/] },
  {
    name: 'a tenant that is not a GUID',
    env: prod({ MicrosoftAppTenantId: 'contoso.onmicrosoft.com' }),
    expect: [/MicrosoftAppTenantId must be a GUID/],
  },
  { name: 'the "common" tenant', env: prod({ MicrosoftAppTenantId: 'common' }), expect: [/MicrosoftAppTenantId must be a GUID/] },
  { name: 'an app id that is not a GUID', env: prod({ MicrosoftAppId: 'haven-bot' }), expect: [/MicrosoftAppId must be a GUID/] },
  {
    name: 'SingleTenant without a password',
    env: prod({ MicrosoftAppPassword: undefined }),
    expect: [/MicrosoftAppType=SingleTenant needs MicrosoftAppPassword/],
  },
  {
    name: 'SingleTenant with a blank password',
    env: prod({ MicrosoftAppPassword: '   ' }),
    expect: [/MicrosoftAppType=SingleTenant needs MicrosoftAppPassword/],
  },
  { name: 'no storage', env: prod({ HAVEN_STORAGE_ACCOUNT_URL: undefined }), expect: [/production needs storage/] },
  {
    name: 'two storage settings',
    env: prod({
      HAVEN_STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=https;AccountName=havenprod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
    }),
    expect: [/set only one of HAVEN_STORAGE_CONNECTION_STRING and HAVEN_STORAGE_ACCOUNT_URL/],
  },
  {
    name: 'development storage in production (UseDevelopmentStorage)',
    env: prod({ HAVEN_STORAGE_ACCOUNT_URL: undefined, HAVEN_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }),
    expect: [/production cannot use the development storage emulator/],
  },
  {
    name: 'development storage in production (devstoreaccount1 spelled out)',
    env: prod({
      HAVEN_STORAGE_ACCOUNT_URL: undefined,
      HAVEN_STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;',
    }),
    expect: [/production cannot use the development storage emulator/],
  },
  {
    name: 'a storage URL over http',
    env: prod({ HAVEN_STORAGE_ACCOUNT_URL: 'http://havenprod.table.core.windows.net' }),
    expect: [/HAVEN_STORAGE_ACCOUNT_URL must look like https:\/\/ACCOUNT\.table\.core\.windows\.net/],
  },
  {
    name: 'a storage URL on another host',
    env: prod({ HAVEN_STORAGE_ACCOUNT_URL: 'https://havenprod.table.core.windows.net.evil.example' }),
    expect: [/HAVEN_STORAGE_ACCOUNT_URL must look like/],
  },
  {
    name: 'a connection string over http to a real account',
    env: prod({
      HAVEN_STORAGE_ACCOUNT_URL: undefined,
      HAVEN_STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=http;AccountName=havenprod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
    }),
    expect: [/HAVEN_STORAGE_CONNECTION_STRING must use https in production/],
  },
  {
    name: 'a connection string to an emulator by IP (https, another account name)',
    env: prod({
      HAVEN_STORAGE_ACCOUNT_URL: undefined,
      HAVEN_STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=https;AccountName=havenprod;AccountKey=a2V5;TableEndpoint=https://127.0.0.1:10002/havenprod;',
    }),
    expect: [/production cannot use the development storage emulator/],
  },
  {
    name: 'a connection string to an emulator on a LAN address over http',
    env: prod({
      HAVEN_STORAGE_ACCOUNT_URL: undefined,
      HAVEN_STORAGE_CONNECTION_STRING: 'AccountName=havenprod;AccountKey=a2V5;TableEndpoint=http://10.1.2.3:10002/havenprod',
    }),
    expect: [/production cannot use the development storage emulator: HAVEN_STORAGE_CONNECTION_STRING has an endpoint on an IP address/],
  },
  { name: 'no data key', env: prod({ HAVEN_DATA_KEY: undefined }), expect: [/production needs HAVEN_DATA_KEY/] },
  {
    name: 'a data key of 32 zero bytes',
    env: prod({ HAVEN_DATA_KEY: Buffer.alloc(32).toString('base64') }),
    expect: [/HAVEN_DATA_KEY is not a random key \(all 32 bytes are zero\)/],
  },
  {
    name: 'a data key of one repeated byte',
    env: prod({ HAVEN_DATA_KEY: Buffer.alloc(32, 0xa5).toString('base64') }),
    expect: [/HAVEN_DATA_KEY is not a random key \(all 32 bytes are the same byte\)/],
  },
  {
    name: 'a short data key (16 bytes)',
    env: prod({ HAVEN_DATA_KEY: randomBytes(16).toString('base64') }),
    expect: [/HAVEN_DATA_KEY must be 32 random bytes in base64/],
  },
  {
    name: 'a data key that is not base64',
    env: prod({ HAVEN_DATA_KEY: 'correct horse battery staple correct horse' }),
    expect: [/HAVEN_DATA_KEY must be 32 random bytes in base64/],
  },
  {
    name: 'a data key given as hex',
    env: prod({ HAVEN_DATA_KEY: randomBytes(32).toString('hex') }),
    expect: [/HAVEN_DATA_KEY must be 32 random bytes in base64/],
  },
  {
    name: 'HAVEN_DEMO_ROSTER in production',
    env: prod({ HAVEN_DEMO_ROSTER: 'data/demo-roster.csv' }),
    expect: [/HAVEN_DEMO_ROSTER is for local mode only/],
  },
  {
    name: 'a Graph URL over http in production',
    env: prod({ HAVEN_VIEWING_GROUP_ID: '22222222-3333-4444-8555-666666666666', HAVEN_GRAPH_URL: 'http://127.0.0.1:8080' }),
    expect: [/HAVEN_GRAPH_URL must be https/],
  },
  {
    name: 'a viewing group that is not a GUID',
    env: prod({ HAVEN_VIEWING_GROUP_ID: 'Grading Access' }),
    expect: [/HAVEN_VIEWING_GROUP_ID must be the object id/],
  },
  { name: 'a misspelt mode', env: prod({ HAVEN_MODE: 'prod' }), expect: [/HAVEN_MODE must be "local" or "production"/] },
  {
    name: 'local mode (no authentication) on every interface',
    env: local({ HOST: '0.0.0.0' }),
    expect: [/local mode has no authentication.*HOST must be 127\.0\.0\.1/],
  },
  { name: 'local mode on every IPv6 interface', env: local({ HOST: '::' }), expect: [/HOST must be 127\.0\.0\.1/] },
  { name: 'local mode on a LAN address', env: local({ HOST: '192.168.1.10' }), expect: [/HOST must be 127\.0\.0\.1/] },
  { name: 'local mode on a host name', env: local({ HOST: 'haven.example.org' }), expect: [/HOST must be 127\.0\.0\.1/] },
  {
    name: 'local mode with a client secret',
    env: local({ MicrosoftAppPassword: 'not-a-real-secret' }),
    expect: [/MicrosoftAppPassword is set but HAVEN_MODE is local/],
  },
  {
    name: 'everything wrong at once (every problem listed)',
    env: {
      HAVEN_MODE: 'production',
      MicrosoftAppType: 'MultiTenant',
      HAVEN_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      HAVEN_DATA_KEY: 'short',
      HAVEN_DEMO_ROSTER: 'x.csv',
    },
    expect: [
      /production needs MicrosoftAppId/,
      /multi-tenant bots are not allowed/,
      /production needs MicrosoftAppTenantId/,
      /development storage emulator/,
      /HAVEN_DATA_KEY must be 32 random bytes/,
      /HAVEN_DEMO_ROSTER is for local mode only/,
    ],
  },
  {
    name: 'storage over http and a zero key, with every other problem',
    env: {
      HAVEN_MODE: 'production',
      MicrosoftAppType: 'MultiTenant',
      HAVEN_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=x;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      HAVEN_DATA_KEY: Buffer.alloc(32).toString('base64'),
    },
    expect: [
      /production needs MicrosoftAppId/,
      /multi-tenant bots are not allowed/,
      /production needs MicrosoftAppTenantId/,
      /must use https in production/,
      /HAVEN_DATA_KEY is not a random key/,
    ],
  },
];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(200);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The probe connected to PORT at least once while the process ran (or just after). */
  portOpened: boolean;
  probes: number;
}

/** Runs src/main.ts with exactly `env` (plus PATH), probing PORT until it exits; `stopWhenOpen` ends a process that does start. */
async function runHaven(
  env: Record<string, string | undefined>,
  options: { stopWhenOpen?: boolean; timeoutMs?: number } = {},
): Promise<Run> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-configs-'));
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    PORT: String(port),
    HAVEN_DATA_DIR: dataDir,
    HAVEN_LOG_LEVEL: 'info',
  };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  let portOpened = false;
  let probes = 0;
  void exited.then(() => (done = true));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    while (!done) {
      probes++;
      if (await tryConnect(port)) portOpened = true;
      // A process that does start is stopped once it says it is listening: its start-up steps (the demo's
      // seeding in local mode) run between opening the port and that line, and a stop during them is a
      // different test (the drain on SIGTERM), not this one.
      if (options.stopWhenOpen && portOpened && /Haven is listening/.test(stdout)) child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // One more look after exit: a listener opened in the last moments would still be caught here.
    if (await tryConnect(port)) portOpened = true;
    const { code, signal } = await exited;
    return { code, signal, stdout, stderr, portOpened, probes };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the cases a few at a time: each is a whole Node process with tsx (about 4 s of CPU to import main.ts). */
async function inParallel<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await f(items[i]!);
      }
    }),
  );
  return results;
}

describe('security: unsafe configurations refuse to start', function () {
  this.timeout(300_000);
  const runs = new Map<string, Run>();

  before(async () => {
    const results = await inParallel(CASES, Math.max(2, Math.min(6, availableParallelism())), (c) => runHaven(c.env));
    CASES.forEach((c, i) => runs.set(c.name, results[i]!));
  });

  it('control: a safe local configuration does start, and the probe sees its port open', async () => {
    const r = await runHaven({ ...LOCAL, HOST: '127.0.0.1' }, { stopWhenOpen: true });
    assert.ok(r.portOpened, `the port opened; stderr: ${r.stderr.slice(0, 500)}`);
    assert.match(r.stdout, /Haven is listening/);
    assert.equal(r.code, 0, 'SIGTERM drains and exits 0');
  });

  for (const c of CASES) {
    it(`refuses ${c.name}: exit 1, the problem on stderr, the port never opened`, () => {
      const r = runs.get(c.name)!;
      assert.equal(r.code, 1, `exit code; stderr: ${r.stderr.slice(0, 600)}`);
      assert.match(r.stderr, /Haven cannot start; fix the configuration/);
      for (const needle of c.expect) assert.match(r.stderr, needle);
      assert.ok(r.probes >= 1, 'the port was probed while the process ran');
      assert.equal(r.portOpened, false, 'the port never accepted a connection');
      assert.doesNotMatch(r.stdout + r.stderr, /Haven is listening/);
      // A secret given in the environment is never echoed back in the error.
      assert.ok(!r.stderr.includes('not-a-real-secret'), 'the client secret is not printed');
      assert.ok(!r.stderr.includes(GOOD_KEY), 'the data key is not printed');
    });
  }
});
