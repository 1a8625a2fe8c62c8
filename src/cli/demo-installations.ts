// Local demo only. In Teams, a person becomes reachable when they install Haven: Teams then sends an
// installationUpdate and Haven keeps the conversation reference. In the Agents Playground only the
// person the browser acts as ever "installs" Haven, so the rest of the demo unit (Sam, Dana, Tom...)
// would stay unreachable and "I'm not okay" would reach nobody. `npm start` therefore records an
// installation for everyone in the Playground's config who has none yet, in the Playground's one
// personal chat, with the Playground's own service URL: cards to them show in that chat.
// Production never runs this (npm start refuses production mode, and so does this module).
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { KernelDeps } from '../kernel/context.ts';
import { identifyPerson } from '../kernel/identify-person.ts';
import { VersionConflict } from '../kernel/ports.ts';
import type { ConversationRef, ConversationTarget } from '../kernel/types.ts';

const user = z.object({ id: z.string().min(1), name: z.string(), aadObjectId: z.string().optional(), givenName: z.string().optional() });

const playgroundConfig = z.object({
  config: z.object({
    tenantId: z.string().min(1),
    bot: z.object({ id: z.string().min(1) }),
    currentUser: user,
    users: z.array(user),
    personalChat: z.object({ id: z.string().min(1) }),
    teams: z.array(z.object({ channels: z.array(z.object({ id: z.string().min(1) })) })).default([]),
  }),
});

const template = z.object({ serviceUrl: z.string().min(1) });

export type PlaygroundUser = z.infer<typeof user>;

/** Who and where the running Playground is: the people it knows, its personal chat and its connector. */
export interface PlaygroundSetup {
  serviceUrl: string;
  tenantId: string;
  botId: string;
  personalChatId: string;
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  channelIds: string[];
}

/** Only a connector on this machine: local mode has no authentication, so nothing else may be told to. */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  try {
    const u = new URL(serviceUrl);
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** Reads the config the Playground actually loaded, and the service URL it puts in every activity. */
export async function readPlaygroundSetup(playgroundUrl: string): Promise<PlaygroundSetup> {
  const config = playgroundConfig.parse(
    await (await fetch(`${playgroundUrl}/_internal/v1/config`, { signal: AbortSignal.timeout(30_000) })).json(),
  ).config;
  const base = template.parse(
    await (
      await fetch(`${playgroundUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(config.personalChat.id)}`, {
        signal: AbortSignal.timeout(10_000),
      })
    ).json(),
  );
  return {
    serviceUrl: base.serviceUrl,
    tenantId: config.tenantId,
    botId: config.bot.id,
    personalChatId: config.personalChat.id,
    currentUser: config.currentUser,
    users: config.users,
    channelIds: config.teams.flatMap((t) => t.channels.map((c) => c.id)),
  };
}

export interface DemoInstallations {
  /** People newly made reachable in the Playground. */
  recorded: number;
  /** People who already had a conversation reference (left as they were). */
  kept: number;
  /** Playground users with no roster entry (nothing recorded for them). */
  notOnRoster: number;
  /** Channels of the Playground's team newly recorded. */
  channels: number;
}

/**
 * Records a conversation reference for each Playground person on the roster who has none, and for
 * each channel of its team that has none. A reference already there (Haven heard from that person,
 * or an earlier start recorded it) is never replaced.
 */
export async function recordDemoInstallations(
  config: Pick<Readonly<Config>, 'mode'>,
  deps: Pick<KernelDeps, 'people' | 'conversations' | 'clock'>,
  setup: PlaygroundSetup,
): Promise<DemoInstallations> {
  if (config.mode !== 'local') throw new Error('demo installations are for local mode only');
  if (!isLoopbackServiceUrl(setup.serviceUrl)) throw new Error('the Playground must be on this machine (a loopback service URL)');
  const result: DemoInstallations = { recorded: 0, kept: 0, notOnRoster: 0, channels: 0 };
  const capturedAt = deps.clock.now().toISOString();
  const refFor = (target: ConversationTarget, conversationId: string, userId?: string): ConversationRef => ({
    target,
    conversationId,
    serviceUrl: setup.serviceUrl,
    tenantId: setup.tenantId,
    botId: setup.botId,
    userId,
    capturedAt,
  });

  for (const u of [setup.currentUser, ...setup.users]) {
    const aad = u.aadObjectId && /^[0-9a-f-]{36}$/i.test(u.aadObjectId) ? u.aadObjectId.toLowerCase() : undefined;
    const person = await identifyPerson(deps, { teamsUserId: u.id, aadObjectId: aad });
    if (!person) {
      result.notOnRoster++;
      continue;
    }
    const created = await createIfAbsent(deps, refFor({ kind: 'person', personId: person.value.id }, setup.personalChatId, u.id));
    if (created) result.recorded++;
    else result.kept++;
  }
  for (const channelId of setup.channelIds) {
    if (await createIfAbsent(deps, refFor({ kind: 'channel', channelId }, channelId))) result.channels++;
  }
  return result;
}

async function createIfAbsent(deps: Pick<KernelDeps, 'conversations'>, ref: ConversationRef): Promise<boolean> {
  if (await deps.conversations.get(ref.target)) return false;
  try {
    await deps.conversations.put(ref, undefined);
    return true;
  } catch (error) {
    // Haven heard from them in the meantime: theirs is the real one.
    if (error instanceof VersionConflict) return false;
    throw error;
  }
}
