// Shared set-up for the declaration journeys: a whole Haven with the demo unit installed, raising
// through real invoke activities, and reading what the fake Bot Connector received.
import assert from 'node:assert/strict';
import type { Declaration } from '../../../src/features/declarations/rules.ts';
import type { AuditEntry } from '../../../src/kernel/types.ts';
import {
  DEMO, SUPERVISOR_CHANNEL, actionExecute, botAddedToTeam, inChannel, installPersonal, message, personalChatId, type DemoUser,
} from '../../support/activities.ts';
import type { RecordedCall } from '../../support/fake-connector.ts';
import type { TestHaven } from '../../support/harness.ts';

export const NEUTRAL = 'Haven has an update for you';
export const MIN = 60_000;

export const PEOPLE = {
  dana: 'dana.hughes', sam: 'sam.okafor', priya: 'priya.shah', tom: 'tom.reed', alex: 'alex.moreno', bea: 'bea.clarke', dev: 'dev.patel',
} as const;

/** Installs Haven for these people, adds it to the team and posts once in the supervisors' channel. */
export async function setUpUnit(t: TestHaven, users: DemoUser[] = [DEMO.alex!, DEMO.bea!, DEMO.dev!, DEMO.sam!, DEMO.priya!, DEMO.dana!, DEMO.tom!]): Promise<void> {
  for (const u of users) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
  assert.equal((await t.post(botAddedToTeam(t.connector.url, DEMO.dana!))).status, 200);
  assert.equal((await t.post(inChannel(message(t.connector.url, DEMO.sam!, 'hello')))).status, 200);
  assert.ok(await t.haven.deps.conversations.get({ kind: 'channel', channelId: SUPERVISOR_CHANNEL }), 'the channel reference exists');
  // The welcome cards go out in the turn; start each test from a quiet outbox.
  await t.tick();
}

export function declarationIdIn(card: unknown): string | undefined {
  const m = JSON.stringify(card ?? {}).match(/"declarationId":"(decl-[0-9a-f]{24})"/);
  return m?.[1];
}

export interface Raised {
  status: number;
  body: any;
  card: any;
  id: string;
}

export async function raise(t: TestHaven, user: DemoUser, data: Record<string, unknown>, activity?: ReturnType<typeof actionExecute>): Promise<Raised> {
  const r = await t.post(activity ?? actionExecute(t.connector.url, user, 'declaration.raise', data));
  assert.equal(r.status, 200);
  const id = declarationIdIn(r.body?.value);
  assert.ok(id, `the confirmation names the request: ${JSON.stringify(r.body).slice(0, 400)}`);
  return { status: r.status, body: r.body, card: r.body.value, id };
}

/** Posts a card action and answers the card in the invoke response. */
export async function act(t: TestHaven, user: DemoUser, verb: string, data: Record<string, unknown> = {}, where: 'personal' | 'channel' = 'personal'): Promise<any> {
  const a = actionExecute(t.connector.url, user, verb, data);
  const r = await t.post(where === 'channel' ? inChannel(a) : a);
  assert.equal(r.status, 200);
  assert.equal(r.body?.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(r.body).slice(0, 300));
  return r.body.value;
}

export async function declaration(t: TestHaven, id: string): Promise<Declaration> {
  const d = await t.haven.deps.declarations.get(id);
  assert.ok(d, `declaration ${id} is stored`);
  return d.value;
}

export function cardIn(call: RecordedCall): any {
  return (call.body as any)?.attachments?.[0]?.content;
}

export function text(x: unknown): string {
  return JSON.stringify(x ?? null);
}

/** Successful POSTs (new messages) to a person's 1:1 chat. */
export function alertsTo(t: TestHaven, user: DemoUser): RecordedCall[] {
  return t.connector.calls.filter((c) => c.operation === 'sendToConversation' && c.conversationId === personalChatId(user) && c.status >= 200 && c.status < 300);
}

/** Successful POSTs to a person's 1:1 chat that are alerts about a request (not welcome cards, not owner updates). */
export function responderAlertsTo(t: TestHaven, user: DemoUser, id?: string): RecordedCall[] {
  return alertsTo(t, user).filter((c) => /"verb":"alert\.view"|"verb":"alert\.acknowledge"|"verb":"alert\.assess"|"verb":"redeployment\./.test(text(cardIn(c))) && (!id || text(cardIn(c)).includes(id)));
}

/** Every call (any method, any outcome) whose conversation is the supervisors' channel or a thread in it. */
export function channelCalls(t: TestHaven): RecordedCall[] {
  return t.connector.calls.filter((c) => (c.conversationId ?? '').startsWith(SUPERVISOR_CHANNEL));
}

/** The card as the person now sees it: the last body stored for that activity (after any PUT). */
export function currentCard(t: TestHaven, conversationId: string, activityId: string): any {
  const a = t.connector.getActivity(conversationId, activityId);
  assert.ok(a, `activity ${activityId} exists in ${conversationId}`);
  return (a.body as any)?.attachments?.[0]?.content;
}

export function activityIdOf(call: RecordedCall): string {
  const id = (call.responseBody as { id?: string } | undefined)?.id;
  assert.ok(id, 'the connector answered an activity id');
  return id;
}

export async function auditSince(t: TestHaven, fromIso = '2000-01-01T00:00:00.000Z'): Promise<AuditEntry[]> {
  return t.haven.deps.audit.list(fromIso, '2100-01-01T00:00:00.000Z');
}

/** What a bad input must not change: declarations, the outbox and the audit trail. */
export async function snapshot(t: TestHaven, ids: string[]): Promise<{ declarations: string; outbox: string; audit: AuditEntry[] }> {
  const declarations = [];
  for (const id of ids) declarations.push((await t.haven.deps.declarations.get(id))?.value);
  const outbox = (await t.haven.outbox.list()).map((m) => ({ id: m.value.id, status: m.value.status })).sort((a, b) => a.id.localeCompare(b.id));
  return { declarations: text(declarations), outbox: text(outbox), audit: await auditSince(t) };
}

export function actionsOf(card: any): any[] {
  // Buttons live in the card's actions or in ActionSets in its body.
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      for (const [k, v] of Object.entries(node)) if (k !== 'fallback' && k !== 'refresh') walk(v);
    }
  };
  walk([...(card?.body ?? []), ...(card?.actions ?? [])]);
  return found;
}

/** Every fact of every FactSet in a card, wherever it sits. */
export function factsOf(card: unknown): { title: string; value: string }[] {
  const out: { title: string; value: string }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'FactSet' && Array.isArray(o.facts)) out.push(...(o.facts as { title: string; value: string }[]));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export function fact(card: unknown, title: string): string | undefined {
  return factsOf(card).find((f) => f.title === title)?.value;
}
