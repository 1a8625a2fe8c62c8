// The baseline for the inbound benchmark: a bare echo bot on the same stack as Haven (restify,
// botbuilder's TeamsAdapter, a teams-ai Application) that answers every message and every invoke
// with a small Adaptive Card and stores nothing. It authenticates exactly as Haven does in the same
// run: with HAVEN_BENCH_AUTH=token, the same SingleTenant settings and the same local OpenID server
// for channel tokens; otherwise no authentication (local mode).
// With HAVEN_BENCH_STORAGE (a connection string) it is the *stateful* echo bot of issue 15: teams-ai
// loads its turn state (conversation and user scopes, two point reads sent together) from Azure Table
// Storage before the handler and saves the changed scope (one write carrying its ETag) after it, so a
// turn costs two storage round trips: the least any bot that remembers something can do.
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import {
  ActivityTypes,
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { ServiceClientCredentials } from 'botframework-connector';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { TableTurnStorage } from './table-turn-storage.ts';
import { DEMO_TENANT } from '../../test/support/activities.ts';
import { serveParent } from '../lib/child.ts';

const CARD = 'application/vnd.microsoft.card.adaptive';
const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] });

/** Outbound calls (none are expected: invokes are answered in the HTTP response) carry a fixed token. */
class FixedTokenCredentialFactory extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(
    appId: string,
    audience: string,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    const credentials = await super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    return Object.assign(credentials, { getToken: async () => 'bench-outbound-token' });
  }
}

const token = process.env.HAVEN_BENCH_AUTH === 'token';
const appId = token ? (process.env.HAVEN_BENCH_APP_ID ?? '') : '';
const authConfig: ConfigurationBotFrameworkAuthenticationOptions = token
  ? {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: DEMO_TENANT,
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: process.env.HAVEN_BENCH_CHANNEL_METADATA ?? '',
      ToBotFromEmulatorOpenIdMetadataUrl: process.env.HAVEN_BENCH_EMULATOR_METADATA ?? '',
      CallerId: CallerIdConstants.PublicAzureChannel,
    }
  : { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' };

const adapter = new TeamsAdapter(authConfig, token ? new FixedTokenCredentialFactory(authConfig) : undefined);
const stateful = process.env.HAVEN_BENCH_STORAGE;
const storage = stateful ? await TableTurnStorage.open(stateful, 'echoTurnState') : undefined;
const app = new Application<TurnState>({
  adapter,
  ...(storage ? { storage } : {}),
  botAppId: appId,
  removeRecipientMention: true,
  startTypingTimer: false,
  longRunningMessages: false,
});

/** Changes the conversation scope, so the stateful bot writes its state back every turn. */
function countTurn(state: TurnState): void {
  if (!storage) return;
  const conversation = state.conversation as { turns?: number };
  conversation.turns = (conversation.turns ?? 0) + 1;
}

const isInvoke = async (context: TurnContext) => context.activity.type === ActivityTypes.Invoke;
app.addRoute(
  isInvoke,
  async (context, state) => {
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    countTurn(state);
    await context.sendActivity({
      type: 'invokeResponse',
      value: { status: 200, body: { statusCode: 200, type: CARD, value: card(`echo ${String(verb ?? context.activity.name ?? '')}`) } },
    });
  },
  true,
);
app.message(
  async () => true,
  async (context, state) => {
    countTurn(state);
    await context.sendActivity({
      type: ActivityTypes.Message,
      attachments: [{ contentType: CARD, content: card(`echo ${context.activity.text ?? ''}`) }],
    });
  },
);

const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req as never, res as never, async (context) => {
    await app.run(context);
  });
});

await new Promise<void>((resolve, reject) => {
  server.server.once('error', reject);
  server.listen(0, '127.0.0.1', () => resolve());
});
const { port } = server.address() as AddressInfo;
serveParent(`http://127.0.0.1:${port}/api/messages`, {}, async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
