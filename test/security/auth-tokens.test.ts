// Real token validation. A production-mode Haven (SingleTenant, one tenant) runs botbuilder's own
// channel authentication, pointed at a local OpenID metadata and signing-key server instead of
// login.botframework.com (StartOptions.botAuth: the only difference from production). Every forged,
// stale or misdirected token must be refused before any handler runs: no turn, no row written, no
// message sent. A correctly signed channel token is accepted and the reply reaches the connector.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startHaven, type Haven } from '../../src/main.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { TABLES } from '../../src/storage/table-store.ts';
import { importRoster } from '../../src/kernel/import-roster.ts';
import { DEMO, DEMO_TENANT, actionExecute, installPersonal, personalChatId } from '../support/activities.ts';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';
import { generateTestKey, startOpenIdServer, type OpenIdServer, type TestKey } from '../support/openid-server.ts';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const OTHER_APP = '99999999-2222-4333-8444-555555555555';
const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';
const OUTBOUND_TOKEN = `outbound-${randomUUID()}`;
/** The Bot Framework's own Entra tenant: tokens with this issuer take botbuilder's "emulator" path. */
const BOT_FRAMEWORK_TENANT_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

interface Counts {
  rows: Record<string, number>;
  connectorCalls: number;
  turns: number;
}

describe('security: Bot Framework token validation (production mode, local OpenID server)', function () {
  this.timeout(60_000);
  let azurite: EmbeddedAzurite;
  let connector: FakeConnector;
  let channel: OpenIdServer;
  /** Stands in for Entra ID's common keys, which botbuilder uses for "emulator" and skill tokens. */
  let entra: OpenIdServer;
  let webchatKey: TestKey;
  let haven: Haven;
  let turns = 0;
  const logs: string[] = [];

  before(async () => {
    azurite = await startEmbeddedAzurite();
    connector = await startFakeConnector();
    channel = await startOpenIdServer({ endorsements: ['msteams'] });
    entra = await startOpenIdServer({ issuer: BOT_FRAMEWORK_TENANT_ISSUER, endorsements: [] });
    // A second published channel key, endorsed for another channel only.
    webchatKey = await generateTestKey('webchat-only', ['webchat']);
    channel.publish([channel.key, webchatKey]);

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
      HAVEN_LOG_LEVEL: 'debug',
    });
    // The loader refuses the emulator in production (configs-unsafe proves it); swap it in afterwards.
    const config: Config = {
      ...real,
      storage: { kind: 'connectionString', connectionString: azurite.connectionString },
      tablePrefix: `auth${randomBytes(4).toString('hex')}`,
    };
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    haven = await startHaven(config, {
      log: createLogger('debug', sink),
      manualJobs: true,
      botAuth: {
        channelOpenIdMetadataUrl: channel.metadataUrl,
        emulatorOpenIdMetadataUrl: entra.metadataUrl,
        outboundToken: async () => OUTBOUND_TOKEN,
      },
    });
    const roster = await importRoster(haven.deps, readFileSync('data/demo-roster.csv', 'utf8'), 'system');
    assert.ok(roster.ok, 'the demo roster imports');
    // Count every turn that reaches the application (the handlers' entry point).
    const run = haven.bot.app.run.bind(haven.bot.app);
    haven.bot.app.run = async (context) => {
      turns++;
      return run(context);
    };
  });
  after(async () => {
    await haven?.close();
    await connector?.close();
    await channel?.close();
    await entra?.close();
    await azurite?.close();
  });

  async function counts(): Promise<Counts> {
    const rows: Record<string, number> = {};
    for (const table of Object.values(TABLES)) {
      let n = 0;
      for await (const _ of haven.store.client(table).listEntities()) n++;
      rows[table] = n;
    }
    return { rows, connectorCalls: connector.calls.length, turns };
  }

  const post = async (body: unknown, authorization?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const r = await fetch(`${haven.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: r.status, text: await r.text() };
  };

  /** The most damaging thing an attacker could send: "I want to leave", as Alex, with a note. */
  const attack = (serviceUrl = connector.url) =>
    actionExecute(serviceUrl, DEMO.alex!, 'declaration.raise', {
      kind: 'leave',
      note: `ATTACK-${randomUUID()}`,
      share: 'supervisorAndHead',
    });
  const valid = (overrides: Record<string, unknown> = {}, options: Parameters<OpenIdServer['mint']>[1] = {}) =>
    channel.mint({ ...channel.channelClaims(APP_ID, connector.url), ...overrides }, options);
  const without = (claim: string) => {
    const c: Record<string, unknown> = channel.channelClaims(APP_ID, connector.url);
    delete c[claim];
    return c;
  };

  interface BadCase {
    name: string;
    authorization: () => Promise<string | undefined>;
    activity?: () => Record<string, unknown>;
    status?: number;
  }

  const cases: BadCase[] = [
    { name: 'no Authorization header', authorization: async () => undefined },
    { name: 'empty Authorization header', authorization: async () => '' },
    { name: 'Bearer with no token', authorization: async () => 'Bearer ' },
    { name: 'wrong scheme (Basic)', authorization: async () => `Basic ${Buffer.from(`${APP_ID}:not-a-real-secret`).toString('base64')}` },
    { name: 'a valid token under another scheme (Token)', authorization: async () => `Token ${await valid()}` },
    { name: 'a valid token with a lower-case scheme', authorization: async () => `bearer ${await valid()}` },
    { name: 'a valid token followed by junk', authorization: async () => `Bearer ${await valid()} extra` },
    { name: 'malformed: not a JWT', authorization: async () => 'Bearer not-a-jwt' },
    { name: 'malformed: three base64 parts of nothing', authorization: async () => 'Bearer a.b.c' },
    {
      name: 'malformed: a JWT with its signature cut off',
      authorization: async () => `Bearer ${(await valid()).split('.').slice(0, 2).join('.')}`,
    },
    {
      name: 'malformed: payload tampered after signing',
      authorization: async () => {
        const [h, , s] = (await valid()).split('.');
        const forged = Buffer.from(
          JSON.stringify({ ...channel.channelClaims(APP_ID, connector.url), exp: Math.floor(Date.now() / 1000) + 86_400 * 365 }),
        ).toString('base64url');
        return `Bearer ${h}.${forged}.${s}`;
      },
    },
    {
      name: 'expired (an hour ago, beyond the 5-minute tolerance)',
      authorization: async () => `Bearer ${await valid({}, { issuedAt: -7200, expiresIn: -3600 })}`,
    },
    {
      name: 'not valid yet (nbf an hour ahead)',
      authorization: async () => `Bearer ${await valid({}, { issuedAt: 3600, expiresIn: 7200 })}`,
    },
    { name: "wrong audience (another bot's app id)", authorization: async () => `Bearer ${await valid({ aud: OTHER_APP })}` },
    { name: 'no audience', authorization: async () => `Bearer ${await channel.mint(without('aud'))}` },
    { name: 'audience is the channel itself', authorization: async () => `Bearer ${await valid({ aud: 'https://api.botframework.com' })}` },
    { name: 'wrong issuer', authorization: async () => `Bearer ${await valid({ iss: 'https://evil.example.com' })}` },
    { name: 'no issuer', authorization: async () => `Bearer ${await channel.mint(without('iss'))}` },
    {
      name: 'Entra ID issuer, signed with the channel key (emulator path)',
      authorization: async () => `Bearer ${await valid({ iss: BOT_FRAMEWORK_TENANT_ISSUER, ver: '1.0', appid: APP_ID })}`,
    },
    {
      name: 'skill-shaped token from another app, signed with the channel key',
      authorization: async () => `Bearer ${await valid({ ver: '2.0', azp: OTHER_APP, appid: OTHER_APP })}`,
    },
    { name: 'alg none (unsigned, with the published kid)', authorization: async () => `Bearer ${await valid({}, { alg: 'none' })}` },
    { name: 'alg none without a kid', authorization: async () => `Bearer ${await valid({}, { alg: 'none', kid: null })}` },
    {
      name: 'HS256 keyed with the published public key (algorithm confusion)',
      authorization: async () => `Bearer ${await valid({}, { alg: 'HS256' })}`,
    },
    {
      name: 'HS256 with a guessable secret',
      authorization: async () => `Bearer ${await valid({}, { alg: 'HS256', hmacSecret: 'secret' })}`,
    },
    {
      name: 'unknown key id (a key nobody published)',
      authorization: async () => `Bearer ${await valid({}, { key: await generateTestKey('not-published') })}`,
    },
    { name: 'no key id', authorization: async () => `Bearer ${await valid({}, { kid: null })}` },
    {
      name: 'the published key id, signed by another key (forged signature)',
      authorization: async () => `Bearer ${await valid({}, { key: await generateTestKey(channel.key.kid) })}`,
    },
    { name: 'a published key not endorsed for msteams', authorization: async () => `Bearer ${await valid({}, { key: webchatKey })}` },
    {
      name: 'the activity claims another channel than the key is endorsed for',
      authorization: async () => `Bearer ${await valid()}`,
      activity: () => ({ ...attack(), channelId: 'webchat' }),
    },
    {
      name: 'serviceUrl mismatch (token for the real connector, activity names another)',
      authorization: async () => `Bearer ${await valid()}`,
      activity: () => attack('http://127.0.0.1:9/'),
    },
    {
      name: 'serviceUrl mismatch (token for another host)',
      authorization: async () => `Bearer ${await valid({ serviceurl: 'https://smba.trafficmanager.net/emea/' })}`,
    },
    { name: 'no serviceurl claim', authorization: async () => `Bearer ${await channel.mint(without('serviceurl'))}` },
    { name: 'foreign tenant, no token', authorization: async () => undefined, activity: () => foreign(), status: 403 },
    {
      name: 'foreign tenant, with a valid channel token',
      authorization: async () => `Bearer ${await valid()}`,
      activity: () => foreign(),
      status: 403,
    },
  ];

  function foreign(): Record<string, unknown> {
    const a = attack();
    return { ...a, channelData: { tenant: { id: FOREIGN_TENANT } }, conversation: { ...a.conversation, tenantId: FOREIGN_TENANT } };
  }

  for (const c of cases) {
    it(`rejects ${c.name} → ${c.status ?? 401}, with no handler run and nothing written or sent`, async () => {
      const before = await counts();
      const authorization = await c.authorization();
      const activity = c.activity ? c.activity() : attack();
      // botbuilder prints each rejection with console.error; keep the test output readable.
      const original = console.error;
      console.error = () => undefined;
      let r: { status: number; text: string };
      try {
        r = await post(activity, authorization);
      } finally {
        console.error = original;
      }
      assert.equal(r.status, c.status ?? 401, `status for "${c.name}"; body: ${r.text.slice(0, 200)}`);
      assert.doesNotMatch(r.text, /declarationId|decl-|ATTACK-/, 'the response carries no card');
      // Anything a handler would do (a reply, an outbox row) may be asynchronous: give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = await counts();
      assert.equal(after.turns, before.turns, 'no turn reached the application');
      assert.deepEqual(after.rows, before.rows, 'no row was written in any table');
      assert.equal(after.connectorCalls, before.connectorCalls, 'nothing was sent to the Bot Connector');
    });
  }

  it('never writes a presented token to the logs', async () => {
    const all = logs.join('\n');
    assert.doesNotMatch(all, /eyJ[A-Za-z0-9_-]{10,}\.eyJ/, 'no JWT in the logs');
    assert.ok(!all.includes(OUTBOUND_TOKEN), 'the outbound token is not logged');
  });

  it('accepts a correctly signed channel token: the welcome reply reaches the connector, signed', async () => {
    const before = await counts();
    const r = await post(installPersonal(connector.url, DEMO.alex!), `Bearer ${await valid()}`);
    assert.equal(r.status, 200, r.text);
    const calls = await connector.waitFor((all) => all.some((x) => x.conversationId === personalChatId(DEMO.alex!)));
    const reply = calls.find((x) => x.conversationId === personalChatId(DEMO.alex!))!;
    assert.equal(reply.status, 200);
    assert.equal(reply.authorization, `Bearer ${OUTBOUND_TOKEN}`, "production replies carry the bot's token");
    assert.match(JSON.stringify(reply.body), /Alex/);
    const after = await counts();
    assert.equal(after.turns, before.turns + 1, 'exactly one turn ran');
    assert.ok(await haven.deps.conversations.get({ kind: 'person', personId: 'alex.moreno' }), 'the conversation reference was recorded');
  });

  it('accepts the same raise that was refused above once it carries a valid token (so the checks above could have seen writes)', async () => {
    const before = await counts();
    const r = await post(attack(), `Bearer ${await valid()}`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /decl-[0-9a-f]{24}/);
    const after = await counts();
    assert.ok(after.rows[TABLES.declarations]! > before.rows[TABLES.declarations]!, 'a declaration was stored');
    assert.ok(after.rows[TABLES.audit]! > before.rows[TABLES.audit]!, 'an audit row was written');
    assert.ok(after.rows[TABLES.outbox]! > before.rows[TABLES.outbox]!, 'the alert was queued');
  });

  it('fetched the signing keys from the local server only', () => {
    assert.ok((channel.hits['/.well-known/openid-configuration'] ?? 0) >= 1);
    assert.ok((channel.hits['/keys'] ?? 0) >= 1);
  });
});
