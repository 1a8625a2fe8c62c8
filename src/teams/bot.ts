// The Teams side of Haven: teams-ai Application on botbuilder's TeamsAdapter. No domain data is kept
// in bot or turn state (no storage is given to the Application): everything lives in repositories.
import {
  ActivityTypes,
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication, type ServiceClientCredentials } from 'botframework-connector';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { noticeCard } from '../kernel/notice-card.ts';
import type { Card } from '../kernel/cards.ts';
import { welcomeCard } from '../features/declarations/welcome-card.ts';
import { identifyPerson, personByEntraId } from '../kernel/identify-person.ts';
import { inTurnScope } from '../kernel/roster-view.ts';
import { forgetConversation, recordConversation } from '../kernel/record-conversation.ts';
import { learnTeamsUserId } from '../kernel/learn-teams-id.ts';
import { helpCardFor, showWelcome } from '../features/declarations/show-welcome.ts';
import { actorOf, channelIdOf, conversationRefOf, displayNameOf, isPersonalChat } from './activity.ts';
import { friendlyProblemCard, type ActionRequest } from '../kernel/routes.ts';
import type { Feature } from '../kernel/feature.ts';
import { buildRouteTable } from './route-table.ts';
import { answerCommand, buildCommandTable, commandsMatching } from './command-table.ts';
import { BotConnectorGateway } from './connector-gateway.ts';
import type { HavenDeps } from '../haven-deps.ts';
import { registerFileConsent } from './file-consent.ts';

const CARD = 'application/vnd.microsoft.card.adaptive';
const NEW_PERSONAL_CHAT = 'haven.newPersonalChat';
/** The turn's recording of its conversation reference (a promise that never rejects). */
const CAPTURED = 'haven.captured';
const ACTION_INVOKE = 'adaptiveCard/action';
const NOT_CAUGHT = "I didn't catch that. Here is what you can ask:";
const NOTHING_FOR_YOU = 'Haven has nothing of that for you right now. Here is what you can ask:';

export interface TeamsBot {
  adapter: TeamsAdapter;
  app: Application;
  gateway: BotConnectorGateway;
  /** Runs one inbound HTTP request through the adapter. */
  process(req: unknown, res: unknown): Promise<void>;
}

/** The words of an imBack button's data ({ msteams: { type: 'imBack', value } }), if that is what it is. */
function imBackWords(data: Record<string, unknown>): string | undefined {
  const msteams = data.msteams as { type?: unknown; value?: unknown } | undefined;
  return msteams?.type === 'imBack' && typeof msteams.value === 'string' ? msteams.value.slice(0, 200) : undefined;
}

function cardActivity(card: Card): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [{ contentType: CARD, content: card }] };
}

/**
 * The invoke response is written here, not by teams-ai: when a returned card has `refresh`,
 * teams-ai would also PUT it to everyone in the conversation, and a card personalised for one
 * viewer must never travel that way.
 */
async function respondToInvoke(context: TurnContext, card: Card): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, type: CARD, value: card } },
  });
}

/**
 * Tests only (StartOptions.botAuth; production never sets it): inbound tokens are checked against a
 * local OpenID server instead of the Bot Framework's, and outbound calls carry a fixed token
 * instead of one from Entra ID. Every validation rule (scheme, issuer, signature, expiry,
 * endorsement, audience, serviceUrl) still runs in botbuilder, unchanged.
 */
export interface BotAuthOverride {
  channelOpenIdMetadataUrl: string;
  /** Where Entra ID-issued ("emulator" and skill) tokens are checked: also local, so nothing leaves the machine. */
  emulatorOpenIdMetadataUrl: string;
  outboundToken(): Promise<string>;
}

/** The real credential factory for the configured app, except that the token comes from the test. */
class FixedTokenCredentialFactory extends ConfigurationServiceClientCredentialFactory {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly token: () => Promise<string>,
  ) {
    super(options);
  }

  override async createCredentials(
    appId: string,
    audience: string,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    // super still refuses an app id that is not ours; only where the token comes from changes.
    const credentials = await super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    return Object.assign(credentials, { getToken: () => this.token() });
  }
}

/**
 * botbuilder answers 500, with the verifier's message as the body, when jsonwebtoken itself rejects
 * a token (a forged signature, alg none or HS256, not valid yet). Those are the caller's fault and
 * get 401 like every other failed authentication; other errors (the key server unreachable) stay 500.
 */
function answerUnverifiableTokensWith401(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
        throw new AuthenticationError('Unauthorized. The token could not be verified.', StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  };
}

export function createTeamsBot(
  config: Config,
  deps: HavenDeps,
  features: readonly Feature<HavenDeps>[],
  log: Logger,
  authOverride?: BotAuthOverride,
): TeamsBot {
  const routeTable = buildRouteTable(features);
  const commandTable = buildCommandTable(features);
  const authConfig: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.appType || 'MultiTenant',
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  if (authOverride) {
    // Naming one endpoint makes botbuilder take every setting from here: the public cloud's values
    // (AuthenticationConstants) for all but the two metadata URLs.
    Object.assign(authConfig, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: authOverride.channelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: authOverride.emulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  const adapter = new TeamsAdapter(
    authConfig,
    authOverride ? new FixedTokenCredentialFactory(authConfig, authOverride.outboundToken) : undefined,
  );
  answerUnverifiableTokensWith401(adapter);
  const app = new Application({
    adapter,
    botAppId: config.bot.appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const gateway = new BotConnectorGateway({
    appId: config.bot.appId,
    tenantId: config.bot.tenantId,
    credentials: adapter.credentialsFactory,
  });

  const captureReference = async (context: TurnContext) => {
    const a = context.activity;
    const now = deps.clock.now();
    // Issue 15: an install or a member change reads the stored reference again; a click or a message may
    // trust what this process stored lately (kernel/record-conversation.ts).
    const fresh = a.type === ActivityTypes.InstallationUpdate || a.type === ActivityTypes.ConversationUpdate;
    if (isPersonalChat(a)) {
      const actor = actorOf(a);
      const person = actor ? await identifyPerson(deps, actor) : undefined;
      if (!person) return;
      // Issue 16: someone synced from Entra ID (matched by object id) gets their Teams user id from here.
      if (actor && actor.aadObjectId) await learnTeamsUserId(deps, person, actor.teamsUserId);
      const ref = conversationRefOf(a, { kind: 'person', personId: person.value.id }, now);
      // Remembered for this turn only: a personal chat seen for the first time gets the welcome card once.
      if (ref) context.turnState.set(NEW_PERSONAL_CHAT, (await recordConversation(deps, ref, { fresh })) === 'created');
    } else {
      const channelId = channelIdOf(a);
      const ref = channelId ? conversationRefOf(a, { kind: 'channel', channelId }, now) : undefined;
      if (ref) await recordConversation(deps, ref, { fresh });
      // Issue 16: a channel click also tells Haven a synced person's Teams user id.
      const actor = actorOf(a);
      const person = actor?.aadObjectId ? await personByEntraId(deps, actor.aadObjectId) : undefined;
      if (actor && person) await learnTeamsUserId(deps, person, actor.teamsUserId);
    }
  };

  const sendWelcome = async (context: TurnContext) => {
    const actor = actorOf(context.activity);
    if (!actor) return;
    await context.sendActivity(cardActivity(welcomeCard(await showWelcome(deps, actor, displayNameOf(context)))));
  };

  app.turn('beforeTurn', async (context) => {
    // Issue 15: the reference is recorded while the turn does its work (they share the one roster check),
    // and the turn ends only once it is stored (see process below), before Teams gets an answer.
    const captured = captureReference(context).catch((error: unknown) => {
      log.warn(
        { err: { message: (error as Error).message }, activityType: context.activity.type },
        'could not record the conversation reference',
      );
    });
    context.turnState.set(CAPTURED, captured);
    return true;
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    // An uninstall removes the reference: only after this turn's own recording of it, never raced by it.
    await context.turnState.get(CAPTURED);
    const a = context.activity;
    const removed = typeof a.action === 'string' && a.action.startsWith('remove');
    const actor = actorOf(a);
    if (removed) {
      if (isPersonalChat(a)) {
        const person = actor ? await identifyPerson(deps, actor) : undefined;
        if (person) await forgetConversation(deps, { kind: 'person', personId: person.value.id }, person.value.id);
      } else {
        const channelId = channelIdOf(a);
        if (channelId) await forgetConversation(deps, { kind: 'channel', channelId }, 'system');
      }
      log.info({ scope: isPersonalChat(a) ? 'personal' : 'team' }, 'app uninstalled; conversation reference removed');
      return;
    }
    if (isPersonalChat(a)) await sendWelcome(context);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const a = context.activity;
    const botAdded = (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
    if (isPersonalChat(a)) {
      await context.turnState.get(CAPTURED);
      // Teams sends installationUpdate and conversationUpdate on install; the welcome goes once, on
      // installationUpdate, unless this conversationUpdate is the first Haven has heard of the chat.
      const added = botAdded || (a.membersAdded ?? []).some((m) => m.id === a.from?.id);
      if (added && context.turnState.get(NEW_PERSONAL_CHAT) === true) await sendWelcome(context);
    } else if (botAdded) {
      await context.sendActivity(
        cardActivity(
          noticeCard({
            title: 'Haven is here',
            lines: [
              {
                text: "Haven posts neutral notices in this channel when something needs a supervisor's attention. Details are only ever shown to the people entitled to see them.",
              },
            ],
            showFooter: false,
          }),
        ),
      );
    }
  });

  // Card actions: one catch-all selector hands every Action.Execute to our own route table, so an
  // unknown verb gets a friendly card instead of teams-ai's bare 501.
  const isActionExecute = async (context: TurnContext) =>
    context.activity.type === ActivityTypes.Invoke && context.activity.name === ACTION_INVOKE;
  app.addRoute(
    isActionExecute,
    async (context) => {
      const card = await handleAction(
        context,
        (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action,
      );
      await respondToInvoke(context, card);
    },
    true,
  );

  // Issue 16 part 4: the answer to a file consent card (upload, decline).
  registerFileConsent(app, config, deps, features, log);

  // Action.Submit (the fallback for clients without Universal Actions) arrives as a message with a value.
  const isSubmit = async (context: TurnContext) =>
    context.activity.type === ActivityTypes.Message && typeof context.activity.value === 'object' && context.activity.value !== null;
  app.addRoute(isSubmit, async (context) => {
    const data = context.activity.value as Record<string, unknown>;
    // A button that types its words (imBack): Teams sends the words as the message; a client that
    // sends the button's data instead gets the same answer as typing them.
    const typed = imBackWords(data);
    if (typed !== undefined) {
      await answerTyped(context, context.activity.text || typed);
      return;
    }
    const card = await handleAction(context, { verb: data.verb, data });
    await context.sendActivity(cardActivity(card));
  });

  app.message(
    async () => true,
    async (context) => answerTyped(context, context.activity.text),
  );

  async function answerTyped(context: TurnContext, text: string | undefined): Promise<void> {
    if (!isPersonalChat(context.activity)) {
      // In a channel Haven never shows personal content; it points people to their private chat.
      await context.sendActivity(
        cardActivity(
          noticeCard({
            title: 'Haven works in your private chat',
            lines: [
              {
                text: 'Open your personal chat with Haven to see your status or to ask for help. Nothing personal is shown in channels.',
              },
            ],
            showFooter: false,
          }),
        ),
      );
      return;
    }
    const actor = actorOf(context.activity);
    const card = await answerCommand(commandTable, deps, text, actor, displayNameOf(context));
    if (card) await context.sendActivity(cardActivity(card));
    else if (actor) {
      // Not understood (or nothing of that for this person): what they can ask, not the whole welcome again.
      const understood = commandsMatching(commandTable, text).length > 0;
      await context.sendActivity(cardActivity(await helpCardFor(deps, actor, understood ? NOTHING_FOR_YOU : NOT_CAUGHT)));
    }
  }

  async function handleAction(context: TurnContext, action: { verb?: unknown; data?: unknown } | undefined): Promise<Card> {
    const actor = actorOf(context.activity);
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    const route = routeTable.routeFor(verb);
    if (!actor)
      return friendlyProblemCard('We could not tell who you are', ['Nothing was changed. Please try again from your chat with Haven.']);
    if (!route) {
      log.warn({ verb: verb.slice(0, 40) }, 'unknown card verb; nothing changed');
      return friendlyProblemCard('That button is not recognised', [
        'Nothing was changed. The card may be from an older version of Haven: type "hi" to get a fresh one.',
      ]);
    }
    const raw = typeof action?.data === 'object' && action.data !== null ? (action.data as Record<string, unknown>) : {};
    const parsed = route.schema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ verb, issues: parsed.error.issues.length }, 'malformed card payload; nothing changed');
      return friendlyProblemCard('Something in that card was not right', [
        'Nothing was changed. ' +
          parsed.error.issues
            .map((i) => i.message)
            .slice(0, 3)
            .join(' '),
      ]);
    }
    const conversation: ActionRequest['conversation'] = {
      kind: isPersonalChat(context.activity)
        ? 'personal'
        : context.activity.conversation?.conversationType === 'channel'
          ? 'channel'
          : 'groupChat',
      id: context.activity.conversation?.id ?? '',
    };
    const request: ActionRequest = {
      actor,
      requestId: context.activity.id ?? `${actor.teamsUserId}:${Date.now()}`,
      log,
      displayName: displayNameOf(context),
      data: raw,
      cardActivityId: context.activity.type === ActivityTypes.Invoke ? context.activity.replyToId || undefined : undefined,
      conversation,
    };
    const answer = await route.handle(deps, request, parsed.data as never);
    // Personal chat only: a feature may show something else after the action (the digest's list).
    if (conversation.kind !== 'personal') return answer;
    for (const feature of features) {
      const instead = await feature.afterAction?.(deps, request, answer, route.verb);
      if (instead) return instead;
    }
    return answer;
  }

  app.error(async (context, error) => {
    log.error({ err: { message: error.message, name: error.name }, activityType: context.activity.type }, 'turn failed');
    const card = friendlyProblemCard('Haven could not finish that', [
      'Please try again in a moment. If you need someone now: Samaritans, free, day or night, 116 123.',
    ]);
    if (context.activity.type === ActivityTypes.Invoke && context.activity.name === ACTION_INVOKE)
      await respondToInvoke(context, card).catch(() => undefined);
    else await context.sendActivity(cardActivity(card)).catch(() => undefined);
  });

  return {
    adapter,
    app,
    gateway,
    async process(req, res) {
      // Issue 15: one roster check per activity, however many steps of the turn ask for the roster.
      await inTurnScope(() =>
        adapter.process(req as never, res as never, async (context) => {
          try {
            await app.run(context);
          } finally {
            await context.turnState.get(CAPTURED);
          }
        }),
      );
    },
  };
}
