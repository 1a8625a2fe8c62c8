import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createLogger } from '../../../src/logging.ts';
import { startHaven, type Haven } from '../../../src/main.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../../src/storage/embedded-azurite.ts';
import { DEMO, DEMO_TENANT, message } from '../../support/activities.ts';

const APP_ID = '11111111-2222-4333-8444-555555555555';

describe('production mode fails closed', () => {
  let azurite: EmbeddedAzurite;
  let haven: Haven;

  before(async () => {
    azurite = await startEmbeddedAzurite();
    // The config loader refuses the emulator in production, so the test builds the validated shape
    // from a real production environment and swaps in the emulator's connection string.
    const real = loadConfig({
      HAVEN_MODE: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: DEMO_TENANT,
      MicrosoftAppPassword: 'not-a-real-secret',
      HAVEN_STORAGE_ACCOUNT_URL: 'https://havenprod.table.core.windows.net',
      HAVEN_DATA_KEY: randomBytes(32).toString('base64'),
      HAVEN_LOG_LEVEL: 'silent',
    });
    const config: Config = {
      ...real,
      storage: { kind: 'connectionString', connectionString: azurite.connectionString },
      tablePrefix: 'prod',
    };
    haven = await startHaven(config, { log: createLogger('silent'), manualJobs: true });
  });
  after(async () => {
    await haven?.close();
    await azurite?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${haven.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('rejects an activity with no Authorization header (401) and handles nothing', async () => {
    const before = (await haven.deps.conversations.list()).length;
    const r = await post(message('http://127.0.0.1:9/', DEMO.alex!, 'not okay'));
    assert.equal(r.status, 401);
    assert.equal((await haven.deps.conversations.list()).length, before);
  });

  it('rejects a forged bearer token (401)', async () => {
    const r = await post(message('http://127.0.0.1:9/', DEMO.alex!, 'hi'), {
      authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.',
    });
    assert.equal(r.status, 401);
  });

  it('rejects an activity from another tenant (403) before any handler runs', async () => {
    const foreign = {
      ...message('http://127.0.0.1:9/', DEMO.alex!, 'hi'),
      channelData: { tenant: { id: '99999999-9999-4999-8999-999999999999' } },
      conversation: { id: 'a:x', conversationType: 'personal', tenantId: '99999999-9999-4999-8999-999999999999' },
    };
    const r = await post(foreign);
    assert.equal(r.status, 403);
  });

  it('refuses to start without credentials: lists every problem and exits non-zero', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, HAVEN_MODE: 'production', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1);
    for (const needle of ['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'storage', 'HAVEN_DATA_KEY'])
      assert.match(r.stderr, new RegExp(needle));
    assert.doesNotMatch(r.stdout + r.stderr, /Haven is listening/);
  });
});
