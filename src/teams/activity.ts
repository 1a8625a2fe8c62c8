// Reading what Teams sent. Everything here is untrusted input: shapes are checked, not assumed.
import type { Activity, TurnContext } from 'botbuilder';
import type { ConversationRef, ConversationTarget } from '../kernel/types.ts';
import type { Actor } from '../kernel/context.ts';

/** A lone UTF-16 surrogate cannot be put in a URL (storage keys, query filters): such an id names nobody. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function actorOf(activity: Activity): Actor | undefined {
  const from = activity.from;
  if (!from || typeof from.id !== 'string' || from.id.length === 0 || from.id.length > 256 || LONE_SURROGATE.test(from.id))
    return undefined;
  const aad =
    typeof from.aadObjectId === 'string' && /^[0-9a-f-]{36}$/i.test(from.aadObjectId) ? from.aadObjectId.toLowerCase() : undefined;
  return { teamsUserId: from.id, aadObjectId: aad };
}

export function tenantOf(activity: Activity): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const t = typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
  return typeof t === 'string' && t.length > 0 ? t : undefined;
}

export function isPersonalChat(activity: Activity): boolean {
  return (
    activity.conversation?.conversationType === 'personal' ||
    (!activity.conversation?.isGroup && activity.conversation?.conversationType === undefined)
  );
}

/** The channel an activity came from: channelData.channel.id, or the conversation id without its ;messageid suffix. */
export function channelIdOf(activity: Activity): string | undefined {
  const fromData = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  if (typeof fromData === 'string' && fromData) return fromData;
  const conv = activity.conversation?.id;
  return conv && activity.conversation?.conversationType === 'channel' ? conv.split(';')[0] : undefined;
}

export function conversationRefOf(activity: Activity, target: ConversationTarget, now: Date): ConversationRef | undefined {
  const serviceUrl = activity.serviceUrl;
  const conversationId = target.kind === 'channel' ? target.channelId : activity.conversation?.id;
  if (!serviceUrl || !conversationId) return undefined;
  return {
    target,
    conversationId,
    serviceUrl,
    tenantId: tenantOf(activity) ?? '',
    botId: activity.recipient?.id ?? '',
    userId: target.kind === 'person' ? activity.from?.id : undefined,
    capturedAt: now.toISOString(),
  };
}

export function displayNameOf(context: TurnContext): string | undefined {
  const n = context.activity.from?.name;
  return typeof n === 'string' ? n.slice(0, 200) : undefined;
}

/** Normalises a typed command: lower case, letters and spaces only ("I'm NOT okay!!" → "im not okay"). */
export function normaliseCommand(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>.*?<\/at>/gi, ' ')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The tenant named in a raw inbound body, before botbuilder sees it. */
export function tenantOfBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return tenantOf(body as Activity);
}
