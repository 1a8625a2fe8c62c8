// Sends to the Bot Connector REST API (v3) directly, so the outbox sees every status code and the
// Retry-After header as Teams sent them. Tokens come from botbuilder's credential factory; in local
// mode (no app id) there is no token, which is what the Playground expects.
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { ConversationRef } from '../kernel/types.ts';
import type { ConnectorGateway, GatewayResult, OutboundActivity } from '../kernel/ports.ts';
import { fileConsentAttachment } from './file-consent-cards.ts';

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

export interface GatewayOptions {
  appId: string;
  tenantId: string;
  credentials: ServiceClientCredentialsFactory;
  timeoutMs?: number;
}

type TokenSource = { getToken(forceRefresh?: boolean): Promise<string> };

export class BotConnectorGateway implements ConnectorGateway {
  private tokenSource: Promise<TokenSource | undefined> | undefined;

  constructor(private readonly options: GatewayOptions) {}

  private async authorization(): Promise<string | undefined> {
    if (!this.options.appId) return undefined;
    this.tokenSource ??= this.options.credentials
      .createCredentials(this.options.appId, BOT_FRAMEWORK_SCOPE, `https://login.microsoftonline.com/${this.options.tenantId}`, true)
      .then((c) => (typeof (c as Partial<TokenSource>).getToken === 'function' ? (c as unknown as TokenSource) : undefined));
    const source = await this.tokenSource;
    const token = source ? await source.getToken() : undefined;
    return token ? `Bearer ${token}` : undefined;
  }

  static toActivity(ref: ConversationRef, activity: OutboundActivity): Record<string, unknown> {
    return {
      type: 'message',
      from: { id: ref.botId },
      conversation: { id: ref.conversationId },
      // Teams renders an activity's text as a bubble of its own beside its card, and every card opens
      // with the neutral line (which the chat list and notifications show). With a card the neutral
      // text therefore travels only as the summary (for clients that cannot show the card), so
      // "Haven has an update for you" appears once per message, not twice.
      ...(activity.text ? (activity.card ? { summary: activity.text } : { text: activity.text, summary: activity.text }) : {}),
      ...(activity.card ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: activity.card }] } : {}),
      // Issue 16 part 4: a file consent card (src/teams/file-consent.ts).
      ...(activity.fileConsent && !activity.card ? { attachments: [fileConsentAttachment(activity.fileConsent)] } : {}),
      channelData: ref.tenantId ? { tenant: { id: ref.tenantId } } : undefined,
    };
  }

  private async call(method: 'POST' | 'PUT', url: string, body: unknown): Promise<GatewayResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const auth = await this.authorization();
    if (auth) headers.authorization = auth;
    const response = await fetch(url, {
      method,
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    let json: { id?: unknown; error?: { code?: unknown } } = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    const retryAfter = response.headers.get('retry-after');
    const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
    const retryAfterMs = Number.isFinite(seconds)
      ? seconds * 1000
      : retryAfter
        ? Math.max(0, Date.parse(retryAfter) - Date.now())
        : undefined;
    return {
      status: response.status,
      activityId: typeof json.id === 'string' ? json.id : undefined,
      retryAfterMs: Number.isFinite(retryAfterMs) ? retryAfterMs : undefined,
      code: typeof json.error?.code === 'string' ? json.error.code : undefined,
    };
  }

  private base(ref: ConversationRef): string {
    return `${ref.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(ref.conversationId)}/activities`;
  }

  send(ref: ConversationRef, activity: OutboundActivity): Promise<GatewayResult> {
    return this.call('POST', this.base(ref), BotConnectorGateway.toActivity(ref, activity));
  }

  update(ref: ConversationRef, activityId: string, activity: OutboundActivity): Promise<GatewayResult> {
    return this.call('PUT', `${this.base(ref)}/${encodeURIComponent(activityId)}`, {
      ...BotConnectorGateway.toActivity(ref, activity),
      id: activityId,
    });
  }
}
