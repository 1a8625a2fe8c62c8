// Shared set-up for the outbox/dispatcher integration tests: conversation references that point at the
// fake connector, enqueueing, reading rows back, and a Dispatcher whose time the test controls.
import { Writable } from 'node:stream';
import type { Lane } from '../../src/delivery/delivery-policy.ts';
import type { AuditEntry, ConversationTarget } from '../../src/kernel/types.ts';
import { Dispatcher, type DispatcherOptions } from '../../src/delivery/dispatcher.ts';
import { createLogger } from '../../src/logging.ts';
import type { Clock, OutboxMessage } from '../../src/kernel/ports.ts';
import { UnreachableRecorder } from '../../src/delivery/record-unreachable.ts';
import { DEMO_BOT, DEMO_TENANT } from './activities.ts';
import type { RecordedCall } from './fake-connector.ts';
import type { TestHaven } from './harness.ts';

export const person = (personId: string): ConversationTarget => ({ kind: 'person', personId });

/** A neutral notification, as every proactive message must be (Teams shows it on lock screens). */
export function neutralCard(marker: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Haven has an update for you' },
      { type: 'TextBlock', text: marker },
    ],
  };
}

/** Stores (or re-points) a person's 1:1 conversation reference at this Haven's fake connector. */
export async function putRef(t: TestHaven, personId: string, conversationId = `a:delivery-${personId}`): Promise<string> {
  const target = person(personId);
  const current = await t.haven.deps.conversations.get(target);
  await t.haven.deps.conversations.put(
    {
      target,
      conversationId,
      serviceUrl: t.connector.url,
      tenantId: DEMO_TENANT,
      botId: DEMO_BOT,
      userId: `29:${personId}`,
      capturedAt: t.clock.now().toISOString(),
    },
    current?.version,
  );
  return conversationId;
}

export interface EnqueueOptions {
  lane?: Lane;
  operation?: 'send' | 'update';
  updateOf?: string;
  text?: string;
}

export function enqueue(t: TestHaven, id: string, personId: string, o: EnqueueOptions = {}): Promise<'created' | 'duplicate'> {
  return t.haven.deps.notifier.enqueue({
    id,
    lane: o.lane ?? 'bulk',
    target: person(personId),
    operation: o.operation ?? 'send',
    ...(o.updateOf ? { updateOf: o.updateOf } : {}),
    activity: { text: o.text ?? 'Haven has an update for you', card: neutralCard(id) },
    purpose: 'test',
  });
}

export async function row(t: TestHaven, id: string): Promise<OutboxMessage> {
  const r = await t.haven.outbox.get(id);
  if (!r) throw new Error(`no outbox row ${id}`);
  return r.value;
}

/** How far in the future (by the harness clock) the row's next attempt is. */
export async function msUntilNextAttempt(t: TestHaven, id: string): Promise<number> {
  return new Date((await row(t, id)).nextAttemptAt).getTime() - t.clock.now().getTime();
}

/** Proactive POSTs (any status) to one conversation, in arrival order. */
export function postsTo(t: TestHaven, conversationId: string): RecordedCall[] {
  return t.connector.calls.filter((c) => c.operation === 'sendToConversation' && c.conversationId === conversationId);
}

export function putsTo(t: TestHaven, conversationId: string): RecordedCall[] {
  return t.connector.calls.filter((c) => c.operation === 'updateActivity' && c.conversationId === conversationId);
}

export const ok = (c: RecordedCall) => c.status >= 200 && c.status < 300;

/** The marker TextBlock this test put in the card, to tell messages apart on the wire. */
export function markerOf(call: RecordedCall): string | undefined {
  const body = call.body as { attachments?: { content?: { body?: { text?: string }[] } }[] } | undefined;
  return body?.attachments?.[0]?.content?.body?.[1]?.text;
}

export async function unreachableAudits(t: TestHaven, subject?: string): Promise<AuditEntry[]> {
  const all = await t.haven.deps.audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
  return all.filter((e) => e.action === 'delivery.unreachable' && (subject === undefined || e.subject === subject));
}

export const quietLog = () =>
  createLogger(
    'silent',
    new Writable({
      write(_c, _e, cb) {
        cb();
      },
    }),
  );

/**
 * A Dispatcher over this Haven's real outbox table, conversation references and Bot Connector gateway,
 * with the test's clock and randomness. Unless the test passes its own, the rate limiter runs on a
 * virtual clock that only its sleep moves, so limiter waits take no real time.
 */
export function dispatcherFor(t: TestHaven, options: Partial<DispatcherOptions> & { clock?: Clock } = {}): Dispatcher {
  let virtualMs = 0;
  const { clock = t.clock, ...rest } = options;
  return new Dispatcher(
    t.haven.outbox,
    t.haven.deps.conversations,
    t.haven.bot.gateway,
    new UnreachableRecorder(t.haven.deps),
    clock,
    quietLog(),
    {
      maxAttempts: t.haven.config.outbox.maxAttempts,
      random: () => 0.5,
      rateClock: () => virtualMs,
      sleep: async (ms: number) => {
        virtualMs += ms;
      },
      ...rest,
    },
  );
}
